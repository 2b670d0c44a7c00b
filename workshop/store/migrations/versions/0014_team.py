"""team: the people who help the owner run a workshop, their roles, the one-time invitations
that bring them in, and the team's history (who joined, changed role, left, took over)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 21:00:00

New tables only; every existing workshop keeps its one owner and an empty team.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def _user(column: str, table: str, *, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["users.id"], name=op.f(f"fk_{table}_{column}_users"), ondelete=ondelete
    )


def _workshop(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["workshop_id"],
        ["workshops.id"],
        name=op.f(f"fk_{table}_workshop_id_workshops"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "team_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        _workshop("team_members"),
        _user("user_id", "team_members", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_members")),
        sa.UniqueConstraint(
            "workshop_id", "user_id", name=op.f("uq_team_members_workshop_id_user_id")
        ),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_team_members_workshop_id"), "team_members", ["workshop_id"])
    op.create_index(op.f("ix_team_members_user_id"), "team_members", ["user_id"])
    op.create_table(
        "team_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_by", sa.Integer(), nullable=True),
        _workshop("team_invitations"),
        _user("created_by", "team_invitations", ondelete="SET NULL"),
        _user("used_by", "team_invitations", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_invitations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_team_invitations_token_hash")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_team_invitations_workshop_id"), "team_invitations", ["workshop_id"])
    op.create_table(
        "team_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("by_user_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        _workshop("team_changes"),
        _user("by_user_id", "team_changes", ondelete="SET NULL"),
        _user("user_id", "team_changes", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_changes")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_team_changes_workshop_id"), "team_changes", ["workshop_id"])


def downgrade() -> None:
    op.drop_table("team_changes")
    op.drop_table("team_invitations")
    op.drop_table("team_members")
