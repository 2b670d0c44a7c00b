"""the Open Space agenda: slots, spaces, sessions (one per cell), going and here, timers,
announcements, session notes

Revision ID: 0008
Revises: 0004
Create Date: 2026-11-27 16:55:00

New tables only, AUTOINCREMENT on SQLite like the others (migration 0002); one session per cell
is a unique constraint, one "I'm here" per person is the primary key of agenda_here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
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
        "agenda_slots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("starts", sa.String(length=5), nullable=False),
        sa.Column("ends", sa.String(length=5), nullable=False),
        _workshop_fk("agenda_slots"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_slots")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_agenda_slots_workshop_id"), "agenda_slots", ["workshop_id"], unique=False
    )
    op.create_table(
        "agenda_spaces",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=True),
        _workshop_fk("agenda_spaces"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_spaces")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_agenda_spaces_workshop_id"), "agenda_spaces", ["workshop_id"], unique=False
    )
    op.create_table(
        "agenda_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("also_topic_ids", sa.JSON(), nullable=False),
        _workshop_fk("agenda_sessions"),
        sa.ForeignKeyConstraint(
            ["topic_id"],
            ["topics.id"],
            name=op.f("fk_agenda_sessions_topic_id_topics"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["slot_id"],
            ["agenda_slots.id"],
            name=op.f("fk_agenda_sessions_slot_id_agenda_slots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["space_id"],
            ["agenda_spaces.id"],
            name=op.f("fk_agenda_sessions_space_id_agenda_spaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_sessions")),
        sa.UniqueConstraint(
            "slot_id", "space_id", name=op.f("uq_agenda_sessions_slot_id_space_id")
        ),
        sa.UniqueConstraint("topic_id", name=op.f("uq_agenda_sessions_topic_id")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_agenda_sessions_workshop_id"), "agenda_sessions", ["workshop_id"], unique=False
    )
    op.create_table(
        "agenda_going",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["agenda_sessions.id"],
            name=op.f("fk_agenda_going_session_id_agenda_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_agenda_going_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "participant_id", name=op.f("pk_agenda_going")),
    )
    op.create_index(
        op.f("ix_agenda_going_participant_id"), "agenda_going", ["participant_id"], unique=False
    )
    op.create_table(
        "agenda_here",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_agenda_here_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["agenda_sessions.id"],
            name=op.f("fk_agenda_here_session_id_agenda_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", name=op.f("pk_agenda_here")),
    )
    op.create_index(op.f("ix_agenda_here_session_id"), "agenda_here", ["session_id"], unique=False)
    op.create_table(
        "agenda_timers",
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("running", sa.Boolean(), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("left", sa.Integer(), nullable=False),
        _workshop_fk("agenda_timers"),
        sa.ForeignKeyConstraint(
            ["slot_id"],
            ["agenda_slots.id"],
            name=op.f("fk_agenda_timers_slot_id_agenda_slots"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("slot_id", name=op.f("pk_agenda_timers")),
    )
    op.create_index(
        op.f("ix_agenda_timers_workshop_id"), "agenda_timers", ["workshop_id"], unique=False
    )
    op.create_table(
        "announcements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=400), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        _workshop_fk("announcements"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcements")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_announcements_workshop_id"), "announcements", ["workshop_id"], unique=False
    )
    op.create_table(
        "session_notes",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        _workshop_fk("session_notes"),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["agenda_sessions.id"],
            name=op.f("fk_session_notes_session_id_agenda_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_session_notes")),
    )
    op.create_index(
        op.f("ix_session_notes_workshop_id"), "session_notes", ["workshop_id"], unique=False
    )


def downgrade() -> None:
    op.drop_table("session_notes")
    op.drop_table("announcements")
    op.drop_table("agenda_timers")
    op.drop_table("agenda_here")
    op.drop_table("agenda_going")
    op.drop_table("agenda_sessions")
    op.drop_table("agenda_spaces")
    op.drop_table("agenda_slots")
