"""Deliver: action cards, decisions, and the participation levels, anonymity and consent notes

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-27 16:50:00

New tables only, with AUTOINCREMENT on SQLite like the others (migration 0002): no batch rebuild
of any existing table. `action_cards.theme_id` has no foreign key on purpose: themes come from
another migration, and the service checks the id.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _workshop_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["workshop_id"],
        ["workshops.id"],
        name=op.f(f"fk_{table}_workshop_id_workshops"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "action_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("role_id", sa.String(length=40), nullable=False),
        sa.Column("role", sa.String(length=80), nullable=False),
        sa.Column("organisation", sa.String(length=80), nullable=False),
        sa.Column("first_step", sa.Text(), nullable=False),
        sa.Column("due", sa.String(length=10), nullable=False),
        sa.Column("follow_up", sa.String(length=10), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        _workshop_fk("action_cards"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_cards")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_action_cards_workshop_id"), "action_cards", ["workshop_id"], unique=False
    )
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("role_id", sa.String(length=40), nullable=False),
        sa.Column("role", sa.String(length=80), nullable=False),
        sa.Column("organisation", sa.String(length=80), nullable=False),
        sa.Column("decided_on", sa.String(length=10), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action_cards.id"],
            name=op.f("fk_decisions_action_id_action_cards"),
            ondelete="SET NULL",
        ),
        _workshop_fk("decisions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_decisions_workshop_id"), "decisions", ["workshop_id"], unique=False)
    op.create_table(
        "participation",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("shier", sa.String(length=2), nullable=False),
        sa.Column("trappa", sa.String(length=20), nullable=False),
        sa.Column("anonymity", sa.String(length=30), nullable=False),
        sa.Column("consent_notes", sa.Text(), nullable=False),
        _workshop_fk("participation"),
        sa.PrimaryKeyConstraint("workshop_id", name=op.f("pk_participation")),
    )


def downgrade() -> None:
    op.drop_table("participation")
    op.drop_index(op.f("ix_decisions_workshop_id"), table_name="decisions")
    op.drop_table("decisions")
    op.drop_index(op.f("ix_action_cards_workshop_id"), table_name="action_cards")
    op.drop_table("action_cards")
