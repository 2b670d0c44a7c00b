"""Where the vendored front-end files are (written by `workshop setup`)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from flask import Flask, url_for


@cache
def _manifest(static_folder: str) -> dict[str, str]:
    path = Path(static_folder) / "vendor" / "manifest.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text())


def vendor_url(static_folder: str, name: str) -> str:
    """The URL of a vendored package's main file; empty when setup has not run."""
    relative = _manifest(static_folder).get(name)
    return url_for("static", filename=relative) if relative else ""


def init_app(app: Flask) -> None:
    """Expose `vendor_url(name)` to templates."""

    @app.context_processor
    def inject() -> dict[str, object]:
        return {"vendor_url": lambda name: vendor_url(app.static_folder or "", name)}
