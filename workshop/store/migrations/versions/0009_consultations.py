"""consultations: templates saved by facilitators, the notice, the window, the age band, the
feedback page's items

Revision ID: 0009
Revises: 0004
Create Date: 2026-11-27 17:00:00

A new table and plain added columns with server defaults: no batch rebuild of an existing table on
upgrade, which would drop SQLite's AUTOINCREMENT (migration 0002).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workshop_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_workshop_templates_owner_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_templates")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_workshop_templates_owner_id"), "workshop_templates", ["owner_id"], unique=False
    )
    op.create_table(
        "feedback_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=True),
        sa.Column("said", sa.Text(), nullable=False),
        sa.Column("did", sa.Text(), nullable=False),
        sa.Column("why_not", sa.Text(), nullable=False),
        sa.Column("when", sa.String(length=240), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["topic_id"],
            ["topics.id"],
            name=op.f("fk_feedback_items_topic_id_topics"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_feedback_items_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_items")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_feedback_items_workshop_id"), "feedback_items", ["workshop_id"], unique=False
    )
    op.add_column(
        "workshops", sa.Column("template", sa.String(40), nullable=False, server_default="")
    )
    for name, default in (
        ("ask_nickname", sa.true()),
        ("ask_organisation", sa.true()),
        ("ask_age_band", sa.false()),
    ):
        op.add_column(
            "workshops", sa.Column(name, sa.Boolean(), nullable=False, server_default=default)
        )
    op.add_column("workshops", sa.Column("texts", sa.JSON(), nullable=True))
    for name in ("opens_at", "closes_at", "room_starts_at", "room_ends_at"):
        op.add_column("workshops", sa.Column(name, sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "participants", sa.Column("age_band", sa.String(10), nullable=False, server_default="")
    )


def downgrade() -> None:
    keep = {"sqlite_autoincrement": True}
    with op.batch_alter_table("participants", table_kwargs=keep) as batch:
        batch.drop_column("age_band")
    with op.batch_alter_table("workshops", table_kwargs=keep) as batch:
        for name in (
            "room_ends_at",
            "room_starts_at",
            "closes_at",
            "opens_at",
            "texts",
            "ask_age_band",
            "ask_organisation",
            "ask_nickname",
            "template",
        ):
            batch.drop_column(name)
    op.drop_index(op.f("ix_feedback_items_workshop_id"), table_name="feedback_items")
    op.drop_table("feedback_items")
    op.drop_index(op.f("ix_workshop_templates_owner_id"), table_name="workshop_templates")
    op.drop_table("workshop_templates")
