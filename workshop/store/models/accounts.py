"""Facilitator accounts, their login sessions and API tokens."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import NEVER_REUSE_IDS, Base, UtcDateTime, utcnow


class User(Base):
    """A facilitator account."""

    __tablename__ = "users"
    __table_args__ = (
        sa.Index("ix_users_oidc_issuer_oidc_subject", "oidc_issuer", "oidc_subject", unique=True),
        NEVER_REUSE_IDS,
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    # "" until the account's first password is set with a password link (migration 0017).
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # The installation's admin manages the accounts (domain/accounts.py, migration 0017).
    is_admin: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # The name the team sees ("Karin"); "" shows the e-mail.
    display_name: Mapped[str] = mapped_column(sa.String(80), default="", server_default="")
    # Who this account is at the OpenID Connect provider, once it signed in there (0017).
    oidc_issuer: Mapped[str | None] = mapped_column(sa.String(255))
    oidc_subject: Mapped[str | None] = mapped_column(sa.String(255))


class LoginSession(Base):
    """One login of a facilitator; revoking it ends the privileges of every socket it opened."""

    __tablename__ = "login_sessions"
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)  # sha256 of the token
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ApiToken(Base):
    """A bearer token for the JSON API, stored only as a hash."""

    __tablename__ = "api_tokens"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    label: Mapped[str] = mapped_column(sa.String(80), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class PasswordLink(Base):
    """A one-time link the admin made to set an account's password (migration 0017): a new
    account's first one, or a forgotten one's. Only the token's SHA-256 is kept."""

    __tablename__ = "password_links"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
