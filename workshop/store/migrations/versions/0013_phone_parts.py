"""phone parts: which optional parts a participant's phone shows (the four design phases, how
today works, the 50 titles), so a youth consultation's first screen is its question

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 20:40:00

Every existing workshop keeps showing all three, as it did.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

EVERY_PART = '["phases", "opening", "titles"]'


def upgrade() -> None:
    # A plain ADD COLUMN, not a batch copy: SQLite's copy of the table would lose its
    # AUTOINCREMENT, and a deleted workshop's id could then be given to the next one.
    op.add_column(
        "workshops",
        sa.Column(
            "phone_parts", sa.JSON(), nullable=False, server_default=sa.text(f"'{EVERY_PART}'")
        ),
    )


def downgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("phone_parts")
