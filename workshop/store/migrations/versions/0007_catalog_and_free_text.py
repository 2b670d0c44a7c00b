"""a workshop's own role catalogue; free-text cards and notes on the board

Revision ID: 0007
Revises: 0004
Create Date: 2026-11-27 16:50:00

Two new tables (made with AUTOINCREMENT on SQLite like the others) and two plain add_column on
board_cards with server defaults, so the cards already there read as role cards: no batch rebuild
of any table, which would drop AUTOINCREMENT.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _table(name: str, key: str) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column(key, sa.String(length=40), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f(f"fk_{name}_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        sa.UniqueConstraint("workshop_id", key, name=op.f(f"uq_{name}_workshop_id_{key}")),
        sqlite_autoincrement=True,
    )


def upgrade() -> None:
    _table("catalog_roles", "role_id")
    _table("catalog_organisations", "org_id")
    op.add_column(
        "board_cards",
        sa.Column("kind", sa.String(length=10), server_default="role", nullable=False),
    )
    op.add_column(
        "board_cards",
        sa.Column("text", sa.String(length=400), server_default="", nullable=False),
    )


def downgrade() -> None:
    op.drop_column("board_cards", "text")
    op.drop_column("board_cards", "kind")
    op.drop_table("catalog_organisations")
    op.drop_table("catalog_roles")
