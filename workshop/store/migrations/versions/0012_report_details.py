"""report details: when and where the day was held, who organised it, the case number and
officer a municipality files the report under

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 17:40:00

A new table only; a workshop without a row reports what the app knows.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_details",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("place", sa.String(length=120), nullable=False),
        sa.Column("organisation", sa.String(length=120), nullable=False),
        sa.Column("case_number", sa.String(length=120), nullable=False),
        sa.Column("officer", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_report_details_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workshop_id", name=op.f("pk_report_details")),
    )


def downgrade() -> None:
    op.drop_table("report_details")
