"""the "50 titles" board: cards, links, families' answers, undo steps, the lock

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 13:42:55

New tables only, created with AUTOINCREMENT on SQLite like the others (migration 0002) and
indexed with plain CREATE INDEX: no batch rebuild of any table, which would drop AUTOINCREMENT.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "board_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.String(length=40), nullable=False),
        sa.Column("x", sa.Integer(), nullable=False),
        sa.Column("y", sa.Integer(), nullable=False),
        sa.Column("group", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_board_cards_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_board_cards")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_board_cards_workshop_id"), "board_cards", ["workshop_id"], unique=False
    )

    op.create_table(
        "board_undo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=40), nullable=False),
        sa.Column("step", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_board_undo_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_board_undo")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_board_undo_workshop_actor", "board_undo", ["workshop_id", "actor"], unique=False
    )

    op.create_table(
        "boards",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_boards_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workshop_id", name=op.f("pk_boards")),
    )
    op.create_table(
        "board_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("roles_met", sa.JSON(), nullable=False),
        sa.Column("retold", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_board_answers_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_board_answers_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_board_answers")),
        sa.UniqueConstraint("participant_id", name=op.f("uq_board_answers_participant_id")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_board_answers_workshop_id"), "board_answers", ["workshop_id"], unique=False
    )

    op.create_table(
        "board_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["board_cards.id"],
            name=op.f("fk_board_links_source_id_board_cards"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["board_cards.id"],
            name=op.f("fk_board_links_target_id_board_cards"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_board_links_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_board_links")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_board_links_workshop_id"), "board_links", ["workshop_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_board_links_workshop_id"), table_name="board_links")
    op.drop_table("board_links")
    op.drop_index(op.f("ix_board_answers_workshop_id"), table_name="board_answers")
    op.drop_table("board_answers")
    op.drop_table("boards")
    op.drop_index("ix_board_undo_workshop_actor", table_name="board_undo")
    op.drop_table("board_undo")
    op.drop_index(op.f("ix_board_cards_workshop_id"), table_name="board_cards")
    op.drop_table("board_cards")
