"""`workshop db`: the database schema (Alembic)."""

from __future__ import annotations

import click

from . import base
from .base import main


@main.group()
def db() -> None:
    """Database schema (Alembic)."""


def upgrade_database(url: str) -> None:
    """Bring the schema to the newest migration (safe to run every start)."""
    # Kept here by name: tests and benchmarks migrate their databases through the CLI's helper.
    from ..store.schema import upgrade_database as upgrade

    upgrade(url)


@db.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the database to the newest schema."""
    app = base.load_app()
    upgrade_database(app.config["DATABASE_URL"])
    click.echo("database is up to date")
