"""held inputs: review before showing for ideas, board cards and notes, session notes and photos

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 17:00:00

A new table only: a participant's command kept until the facilitator lets it run or drops it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "held_inputs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("command", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("words", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_held_inputs_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_held_inputs_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_inputs")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_held_inputs_workshop_id"), "held_inputs", ["workshop_id"])
    op.create_index(op.f("ix_held_inputs_participant_id"), "held_inputs", ["participant_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_held_inputs_participant_id"), table_name="held_inputs")
    op.drop_index(op.f("ix_held_inputs_workshop_id"), table_name="held_inputs")
    op.drop_table("held_inputs")
