"""the double diamond: phases, themes with their topics, ideas, low-hanging fruit, theme rounds

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 16:40:00

New tables created with AUTOINCREMENT on SQLite like the others (0002), and one plain ADD
COLUMN for the phase: no batch rebuild of an existing table, which would drop AUTOINCREMENT.
Existing workshops are in Discover (the column's default).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "workshops",
        sa.Column("phase", sa.String(10), nullable=False, server_default="discover"),
    )
    op.create_table(
        "themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=240), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("initiator", sa.String(length=240), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_themes_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_themes")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_themes_workshop_id"), "themes", ["workshop_id"], unique=False)
    op.create_table(
        "theme_topics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["themes.id"],
            name=op.f("fk_theme_topics_theme_id_themes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_topics")),
        sa.UniqueConstraint("topic_id", name=op.f("uq_theme_topics_topic_id")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_theme_topics_theme_id"), "theme_topics", ["theme_id"], unique=False)
    op.create_table(
        "ideas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.String(length=240), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.Column("low_hanging", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_ideas_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"], ["themes.id"], name=op.f("fk_ideas_theme_id_themes"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["participants.id"],
            name=op.f("fk_ideas_author_id_participants"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ideas")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_ideas_workshop_id"), "ideas", ["workshop_id"], unique=False)
    op.create_index(op.f("ix_ideas_theme_id"), "ideas", ["theme_id"], unique=False)
    # Rounds from before were on topics.
    op.add_column(
        "voting_rounds",
        sa.Column("scope", sa.String(10), nullable=False, server_default="topics"),
    )
    op.create_table(
        "theme_votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["voting_rounds.id"],
            name=op.f("fk_theme_votes_round_id_voting_rounds"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_theme_votes_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["themes.id"],
            name=op.f("fk_theme_votes_theme_id_themes"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_votes")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_theme_votes_round_id"), "theme_votes", ["round_id"], unique=False)
    op.create_index(op.f("ix_theme_votes_theme_id"), "theme_votes", ["theme_id"], unique=False)
    op.create_index(
        "ix_theme_votes_round_participant",
        "theme_votes",
        ["round_id", "participant_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_table("theme_votes")
    with op.batch_alter_table("voting_rounds", table_kwargs={"sqlite_autoincrement": True}) as b:
        b.drop_column("scope")
    op.drop_table("ideas")
    op.drop_table("theme_topics")
    op.drop_table("themes")
    with op.batch_alter_table("workshops", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("phase")
