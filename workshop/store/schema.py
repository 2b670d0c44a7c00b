"""Bring the database's schema to the newest Alembic migration in store/migrations."""

from __future__ import annotations

from pathlib import Path


def upgrade_database(url: str) -> None:
    """Bring the schema to the newest migration (safe to run every start)."""
    # Imported here: `workshop --help` and the CLI's other commands need no Alembic.
    from alembic import command
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.attributes["database_url"] = url
    command.upgrade(config, "head")
