"""accounts: the installation's admin, the name a facilitator shows their team, one-time
links to set a password, who of a team agreed to be named in the report, and the OpenID
Connect subject an account signs in as

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 23:00:00

The oldest existing account becomes the admin (the first account made is the admin of a new
installation). Nobody is named in a report until they say so.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs, not a batch copy: SQLite's copy would lose the table's AUTOINCREMENT.
    op.add_column(
        "users", sa.Column("is_admin", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column(
        "users",
        sa.Column("display_name", sa.String(length=80), nullable=False, server_default=""),
    )
    op.add_column("users", sa.Column("oidc_issuer", sa.String(length=255), nullable=True))
    op.add_column("users", sa.Column("oidc_subject", sa.String(length=255), nullable=True))
    # A unique index, not a constraint: SQLite adds none to a table without copying it.
    op.create_index(
        op.f("ix_users_oidc_issuer_oidc_subject"),
        "users",
        ["oidc_issuer", "oidc_subject"],
        unique=True,
    )
    users = sa.table(
        "users", sa.column("id", sa.Integer()), sa.column("created_at"), sa.column("is_admin")
    )
    oldest = (
        sa.select(users.c.id).order_by(users.c.created_at, users.c.id).limit(1).scalar_subquery()
    )
    op.execute(sa.update(users).where(users.c.id == oldest).values(is_admin=True))
    op.create_table(
        "password_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_password_links_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_password_links_created_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_password_links_token_hash")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_password_links_user_id"), "password_links", ["user_id"])
    op.create_table(
        "report_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("agreed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_report_names_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_report_names_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_names")),
        sa.UniqueConstraint(
            "workshop_id", "user_id", name=op.f("uq_report_names_workshop_id_user_id")
        ),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_report_names_workshop_id"), "report_names", ["workshop_id"])
    op.create_index(op.f("ix_report_names_user_id"), "report_names", ["user_id"])


def downgrade() -> None:
    op.drop_table("report_names")
    op.drop_table("password_links")
    op.drop_index(op.f("ix_users_oidc_issuer_oidc_subject"), table_name="users")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("oidc_subject")
        batch.drop_column("oidc_issuer")
        batch.drop_column("display_name")
        batch.drop_column("is_admin")
