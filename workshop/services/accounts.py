"""Facilitator accounts, login sessions and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from ..domain import rules
from ..domain.errors import DomainError
from ..store.db import Database
from ..store.models import ApiToken, LoginSession, User, utcnow


def hash_token(token: str) -> str:
    """Tokens are stored only as their SHA-256, so a copied database opens no session."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    """A random, URL-safe secret for cookies and API tokens."""
    return secrets.token_urlsafe(32)


def _check_password(password: object) -> str:
    if not isinstance(password, str) or len(password) < 8 or len(password) > 1024:
        raise DomainError("bad_request", field="password")
    return password


def create_facilitator(db: Database, email: str, password: str) -> int:
    """Create a facilitator account; the password is stored as a salted scrypt hash."""
    email = rules.clean_line(email, field="email", max_length=254, required=True).lower()
    if "@" not in email:
        raise DomainError("bad_request", field="email")
    _check_password(password)
    with db.unit_of_work() as uow:
        if uow.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
            raise DomainError("bad_request", field="email")
        user = User(email=email, password_hash=generate_password_hash(password))
        uow.session.add(user)
        uow.session.flush()
        uow.commit()
        return user.id


def set_facilitator_password(db: Database, email: str, password: str) -> None:
    """Change a facilitator's password (from the CLI)."""
    _check_password(password)
    with db.unit_of_work() as uow:
        user = uow.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
        if user is None:
            raise DomainError("not_found")
        user.password_hash = generate_password_hash(password)
        uow.commit()


# One real hash to compare against when the email is unknown, so timing does not reveal accounts.
_DUMMY_HASH = generate_password_hash("not-a-password-at-all")


def log_in(db: Database, email: object, password: object) -> str | None:
    """Check the password and start a login session; returns its token or None."""
    if not isinstance(email, str) or not isinstance(password, str) or len(password) > 1024:
        return None
    with db.unit_of_work() as uow:
        user = uow.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
        if not check_password_hash(user.password_hash if user else _DUMMY_HASH, password):
            return None
        token = new_token()
        uow.session.add(LoginSession(id=hash_token(token), user_id=user.id))
        uow.commit()
        return token


def log_out(db: Database, login_token: str) -> None:
    """Revoke a login session: its sockets lose every privilege with their next event."""
    with db.unit_of_work() as uow:
        row = uow.session.get(LoginSession, hash_token(login_token))
        if row is not None and row.revoked_at is None:
            row.revoked_at = utcnow()
        uow.commit()


def user_for_login(db: Database, login_token: object) -> int | None:
    """The facilitator behind a live login session, or None when logged out or unknown."""
    if not isinstance(login_token, str) or not login_token:
        return None
    with db.read() as session:
        # Checked on every facilitator event too: a console socket left open past the lifetime
        # loses its privileges, as the cookie does.
        return session.scalar(
            sa.select(LoginSession.user_id).where(
                LoginSession.id == hash_token(login_token),
                LoginSession.revoked_at.is_(None),
                LoginSession.created_at >= utcnow() - timedelta(days=rules.LOGIN_LIFETIME_DAYS),
            )
        )


def any_facilitator(db: Database) -> bool:
    """Whether any facilitator account exists (the demo is made only in an empty database)."""
    with db.read() as session:
        return session.scalar(sa.select(User.id).limit(1)) is not None


def user_email(db: Database, user_id: int) -> str | None:
    """A facilitator's email, for the console header."""
    with db.read() as session:
        return session.scalar(sa.select(User.email).where(User.id == user_id))


def user_id_for_email(db: Database, email: str) -> int | None:
    """A facilitator's id from their email (the CLI names people by email)."""
    with db.read() as session:
        return session.scalar(sa.select(User.id).where(User.email == email.strip().lower()))


def create_api_token(db: Database, email: str, label: str = "") -> str:
    """A new bearer token for the JSON API; shown once, stored as a hash."""
    with db.unit_of_work() as uow:
        user = uow.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
        if user is None:
            raise DomainError("not_found")
        token = new_token()
        uow.session.add(ApiToken(user_id=user.id, token_hash=hash_token(token), label=label[:80]))
        uow.commit()
        return token


def user_for_api_token(db: Database, token: str) -> int | None:
    """The facilitator behind an API token."""
    with db.read() as session:
        return session.scalar(
            sa.select(ApiToken.user_id).where(ApiToken.token_hash == hash_token(token))
        )


def purge_ended_logins(db: Database) -> None:
    """Logins that ended (logged out or past their lifetime) serve nothing any more."""
    with db.unit_of_work() as uow:
        login_cutoff = utcnow() - timedelta(days=rules.LOGIN_LIFETIME_DAYS)
        uow.session.execute(
            sa.delete(LoginSession).where(
                sa.or_(LoginSession.revoked_at.is_not(None), LoginSession.created_at < login_cutoff)
            )
        )
        uow.commit()
