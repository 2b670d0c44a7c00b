"""quick questions: a word, a 1-5 scale or a single choice, asked of the room, and the answers

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 23:00:00

New tables only.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quick_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("prompt", sa.String(length=320), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("sealed", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("hidden_words", sa.JSON(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_quick_questions_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quick_questions")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_quick_questions_workshop_id"), "quick_questions", ["workshop_id"])
    op.create_table(
        "question_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["quick_questions.id"],
            name=op.f("fk_question_answers_question_id_quick_questions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_question_answers_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_answers")),
        sa.UniqueConstraint(
            "question_id",
            "participant_id",
            name=op.f("uq_question_answers_question_id_participant_id"),
        ),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_question_answers_question_id"), "question_answers", ["question_id"])
    op.create_index(
        op.f("ix_question_answers_participant_id"), "question_answers", ["participant_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_question_answers_participant_id"), table_name="question_answers")
    op.drop_index(op.f("ix_question_answers_question_id"), table_name="question_answers")
    op.drop_table("question_answers")
    op.drop_index(op.f("ix_quick_questions_workshop_id"), table_name="quick_questions")
    op.drop_table("quick_questions")
