"""session photos and the opening circle: the flip chart's pictures attached to a session's
notes; a workshop's own wording of the four principles and the law of two feet; the room's
switches (topic posting closed, quiet closing)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27 18:00:00

New tables only; the pictures themselves are files under the instance folder.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "session_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=64), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_session_photos_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_photos")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_session_photos_workshop_id"), "session_photos", ["workshop_id"], unique=False
    )
    op.create_index(
        op.f("ix_session_photos_session_id"), "session_photos", ["session_id"], unique=False
    )

    op.create_table(
        "opening_circles",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("texts", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_opening_circles_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workshop_id", name=op.f("pk_opening_circles")),
    )

    op.create_table(
        "room_modes",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("posting_closed", sa.Boolean(), nullable=False),
        sa.Column("quiet", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_room_modes_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workshop_id", name=op.f("pk_room_modes")),
    )


def downgrade() -> None:
    op.drop_table("room_modes")
    op.drop_table("opening_circles")
    op.drop_index(op.f("ix_session_photos_session_id"), table_name="session_photos")
    op.drop_index(op.f("ix_session_photos_workshop_id"), table_name="session_photos")
    op.drop_table("session_photos")
