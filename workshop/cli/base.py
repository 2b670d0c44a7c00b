"""The `workshop` command's group and the app it works on; each command group is a module."""

from __future__ import annotations

from typing import Any

import click


def load_app() -> Any:
    """The app the commands work on (tests put their own in its place)."""
    from .. import create_app

    return create_app()


@click.group()
def main() -> None:
    """A real-time room for Open Space and double-diamond co-design workshops."""
