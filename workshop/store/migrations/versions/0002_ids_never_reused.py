"""ids are never reused; stored command answers keep ids only

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 14:50:00

SQLite gives a table without AUTOINCREMENT the highest id again once that row is deleted: a
deleted workshop's id went to the next new workshop, and a socket left in the old room heard the
new one. PostgreSQL's sequences never go back, so only SQLite's tables are rebuilt.
Stored answers of processed commands held topic text and vote details; a replay needs the ids.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLES = (
    "users",
    "api_tokens",
    "workshops",
    "participants",
    "topics",
    "voting_rounds",
    "votes",
    "events",
    "processed_commands",
)


def _ids(value: object, key: str = "") -> object:
    if isinstance(value, dict):
        inner = {k: kept for k, v in value.items() if (kept := _ids(v, k)) is not None}
        return inner or None
    if key == "id" or key.endswith("_id"):
        return value
    return None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for table in TABLES:
            with op.batch_alter_table(
                table, recreate="always", table_kwargs={"sqlite_autoincrement": True}
            ):
                pass
    answers = sa.table("processed_commands", sa.column("id"), sa.column("result", sa.JSON))
    for row_id, result in bind.execute(sa.select(answers.c.id, answers.c.result)).all():
        answer = result if isinstance(result, dict) else {}
        # A vote's answer ("mine", "dots_left") says where someone put a dot: nothing is kept.
        kept = {} if {"dots_left", "mine"} & set(answer) else (_ids(answer) or {})
        bind.execute(sa.update(answers).where(answers.c.id == row_id).values(result=kept))


def downgrade() -> None:
    """The rebuilt tables keep working without AUTOINCREMENT; the scrubbed answers stay."""
