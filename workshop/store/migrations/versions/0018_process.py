"""process: a facilitator's workshops in order, each a step of one double diamond; and each
action card's dated history of status changes and notes (following the plan up for months); and
where a carried theme came from

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 23:00:00

New tables only; every existing workshop stays on its own, in no process. An existing action
card gets no history line: its history starts with its next change.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "processes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_processes_owner_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_processes")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_processes_owner_id"), "processes", ["owner_id"])
    op.create_table(
        "process_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["processes.id"],
            name=op.f("fk_process_steps_process_id_processes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_process_steps_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_process_steps")),
        sa.UniqueConstraint(
            "process_id", "workshop_id", name=op.f("uq_process_steps_process_id_workshop_id")
        ),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_process_steps_process_id"), "process_steps", ["process_id"])
    op.create_index(op.f("ix_process_steps_workshop_id"), "process_steps", ["workshop_id"])
    op.create_table(
        "action_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("written", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_action_updates_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action_cards.id"],
            name=op.f("fk_action_updates_action_id_action_cards"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_updates")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_action_updates_workshop_id"), "action_updates", ["workshop_id"])
    op.create_index(op.f("ix_action_updates_action_id"), "action_updates", ["action_id"])
    op.create_table(
        "carried_themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("source_workshop_id", sa.Integer(), nullable=False),
        sa.Column("source_theme_id", sa.Integer(), nullable=False),
        sa.Column("source_title", sa.String(length=200), nullable=False),
        sa.Column("source_held_on", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_carried_themes_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["themes.id"],
            name=op.f("fk_carried_themes_theme_id_themes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carried_themes")),
        sa.UniqueConstraint("theme_id", name=op.f("uq_carried_themes_theme_id")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_carried_themes_workshop_id"), "carried_themes", ["workshop_id"])


def downgrade() -> None:
    op.drop_table("carried_themes")
    op.drop_table("action_updates")
    op.drop_table("process_steps")
    op.drop_table("processes")
