"""feedback versions: each line of the feedback page may also be written for English and
easy-read Swedish readers (you said, we did, why not, when)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 21:15:00

Existing lines have none and read as they were written.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN, not a batch copy: SQLite's copy would lose the table's AUTOINCREMENT.
    op.add_column(
        "feedback_items",
        sa.Column("versions", sa.JSON(), nullable=False, server_default=sa.text("'{}'")),
    )


def downgrade() -> None:
    with op.batch_alter_table("feedback_items") as batch:
        batch.drop_column("versions")
