"""Facilitator accounts, login sessions and API tokens; the installation's admin, who adds and
removes accounts and makes one-time links that set a password (domain/accounts.py)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from ..domain import accounts as rules_of
from ..domain import rules
from ..domain.errors import DomainError
from ..store.db import Database, iso
from ..store.models import (
    ApiToken,
    LoginSession,
    PasswordLink,
    ReportName,
    TeamChange,
    TeamMember,
    User,
    Workshop,
    WorkshopTemplate,
    utcnow,
)


def hash_token(token: str) -> str:
    """Tokens are stored only as their SHA-256, so a copied database opens no session."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    """A random, URL-safe secret for cookies and API tokens."""
    return secrets.token_urlsafe(32)


_check_password = rules_of.check_password


def _clean_email(email: object) -> str:
    email = rules.clean_line(email, field="email", max_length=254, required=True).lower()
    if "@" not in email:
        raise DomainError("bad_request", field="email")
    return email


def create_facilitator(
    db: Database, email: str, password: str | None, display_name: str = ""
) -> int:
    """Create a facilitator account; the password is stored as a salted scrypt hash. Without a
    password (the admin's form) the account opens nothing until a password link sets one. The
    installation's first account is its admin."""
    email = _clean_email(email)
    name = rules_of.clean_display_name(display_name)
    if password is not None:
        _check_password(password)
    with db.unit_of_work() as uow:
        if uow.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
            raise DomainError("bad_request", field="email")
        first = uow.session.scalar(sa.select(User.id).where(User.is_admin).limit(1)) is None
        user = User(
            email=email,
            password_hash=generate_password_hash(password) if password is not None else "",
            display_name=name,
            is_admin=first,
        )
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
        # An account whose first password is not set yet is checked against the dummy too.
        usable = user.password_hash if user is not None and user.password_hash else None
        if not check_password_hash(usable or _DUMMY_HASH, password) or user is None or not usable:
            return None
        token = new_token()
        uow.session.add(LoginSession(id=hash_token(token), user_id=user.id))
        uow.commit()
        return token


def start_login(db: Database, user_id: int) -> str:
    """A login session for an account whose person someone else vouched for (the OpenID
    Connect provider); returns its token."""
    with db.unit_of_work() as uow:
        token = new_token()
        uow.session.add(LoginSession(id=hash_token(token), user_id=user_id))
        uow.commit()
        return token


def oidc_account(db: Database, issuer: str, claims: dict[str, Any]) -> int:
    """The account of someone the OpenID Connect provider signed in: found by the provider's
    subject; on their first sign-in, linked to the account of the same e-mail (when the
    provider says it verified it) or made without a password. Refuses (`oidc_refused`) a
    sign-in without a subject or e-mail, or whose e-mail's account is linked to another
    subject."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not 1 <= len(subject) <= 255:
        raise DomainError("oidc_refused", field="sub")
    with db.unit_of_work() as uow:
        found = uow.session.scalar(
            sa.select(User.id).where(User.oidc_issuer == issuer, User.oidc_subject == subject)
        )
        if found is not None:
            return int(found)
        try:
            email = _clean_email(claims.get("email"))
        except DomainError as error:
            raise DomainError("oidc_refused", field="email") from error
        user = uow.session.scalar(sa.select(User).where(User.email == email))
        if user is not None:
            # Only an e-mail the provider checked opens an account made with a password.
            if user.oidc_subject is not None or claims.get("email_verified") is not True:
                raise DomainError("oidc_refused", field="email")
            user.oidc_issuer, user.oidc_subject = issuer, subject
            uow.commit()
            return user.id
    try:
        name = rules_of.clean_display_name(
            str(claims.get("name") or "")[: rules_of.DISPLAY_NAME_MAX]
        )
    except DomainError:
        name = ""  # a name the provider holds is no reason to refuse the sign-in
    user_id = create_facilitator(db, email, None, name)
    with db.unit_of_work() as uow:
        made = uow.session.get(User, user_id)
        assert made is not None
        made.oidc_issuer, made.oidc_subject = issuer, subject
        uow.commit()
    return user_id


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


# --- the installation's admin and the account page ------------------------------------------


def account(db: Database, user_id: int) -> dict[str, Any] | None:
    """A facilitator's own account: e-mail, name, whether they are the admin."""
    with db.read() as session:
        user = session.get(User, user_id)
        if user is None:
            return None
        return {
            "id": user.id,
            "email": user.email,
            "display_name": user.display_name,
            "is_admin": user.is_admin,
            "has_password": bool(user.password_hash),
        }


def is_admin(db: Database, user_id: int | None) -> bool:
    """Whether this facilitator is an admin of the installation."""
    if user_id is None:
        return False
    with db.read() as session:
        return bool(session.scalar(sa.select(User.is_admin).where(User.id == user_id)))


def _require_admin(session: sa.orm.Session, admin_id: int) -> None:
    # Read inside the change's own transaction: an admin removed a moment ago changes nothing.
    if not session.scalar(sa.select(User.is_admin).where(User.id == admin_id)):
        raise DomainError("forbidden")


def set_admin(db: Database, email: str) -> None:
    """Make an account an admin too (from the CLI)."""
    with db.unit_of_work() as uow:
        user = uow.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
        if user is None:
            raise DomainError("not_found")
        user.is_admin = True
        uow.commit()


def set_display_name(db: Database, user_id: int, display_name: object) -> str:
    """The name this facilitator shows their team; "" shows their e-mail."""
    name = rules_of.clean_display_name(display_name)
    with db.unit_of_work() as uow:
        user = uow.session.get(User, user_id)
        if user is None:
            raise DomainError("not_found")
        user.display_name = name
        uow.commit()
        return name


def _live_logins(session: sa.orm.Session, user_id: int, keep: str | None = None) -> list[str]:
    """Revoke a facilitator's logins (but `keep`, a hash); returns the hashes revoked, whose
    sockets the caller ends (`notify.login_ended`)."""
    rows = session.scalars(
        sa.select(LoginSession).where(
            LoginSession.user_id == user_id, LoginSession.revoked_at.is_(None)
        )
    ).all()
    ended = []
    for row in rows:
        if row.id != keep:
            row.revoked_at = utcnow()
            ended.append(row.id)
    return ended


def change_password(
    db: Database, user_id: int, current: object, new: object, login_token: str
) -> list[str]:
    """Change one's own password; the current one is required. Every other login of the
    account ends (a password changed because it leaked should shut out whoever has it);
    returns those logins' hashes."""
    password = _check_password(new)
    if not isinstance(current, str) or len(current) > rules_of.PASSWORD_MAX:
        raise DomainError("wrong_password")
    with db.unit_of_work() as uow:
        user = uow.session.get(User, user_id)
        if user is None:
            raise DomainError("not_found")
        if not user.password_hash or not check_password_hash(user.password_hash, current):
            raise DomainError("wrong_password")
        user.password_hash = generate_password_hash(password)
        ended = _live_logins(uow.session, user_id, keep=hash_token(login_token))
        uow.commit()
        return ended


def add_facilitator(
    db: Database, admin_id: int, email: object, display_name: object = ""
) -> tuple[int, str]:
    """The admin adds an account without a password; returns its id and a one-time link's
    token that sets the first password (shown to the admin once, only its hash kept)."""
    with db.read() as session:
        _require_admin(session, admin_id)
    user_id = create_facilitator(db, _clean_email(email), None, str(display_name or ""))
    return user_id, password_link(db, admin_id, user_id)


def password_link(db: Database, admin_id: int, user_id: object) -> str:
    """A one-time link's token that sets this account's password, valid a day; links made
    before for the account stop working (the newest one is the one the admin passed on)."""
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        raise DomainError("not_found")
    with db.unit_of_work() as uow:
        _require_admin(uow.session, admin_id)
        if uow.session.get(User, user_id) is None:
            raise DomainError("not_found")
        now = utcnow()
        uow.session.execute(
            sa.update(PasswordLink)
            .where(PasswordLink.user_id == user_id, PasswordLink.used_at.is_(None))
            .values(used_at=now)
        )
        token = new_token()
        uow.session.add(
            PasswordLink(
                user_id=user_id,
                token_hash=hash_token(token),
                created_by=admin_id,
                created_at=now,
                expires_at=rules_of.link_expires(now),
            )
        )
        uow.commit()
        return token


def _link_row(session: sa.orm.Session, token: object) -> PasswordLink:
    if not isinstance(token, str) or not 1 <= len(token) <= 100:
        raise DomainError("not_found")
    row = session.scalar(
        sa.select(PasswordLink).where(PasswordLink.token_hash == hash_token(token))
    )
    if row is None:
        raise DomainError("not_found")
    rules_of.check_password_link(
        expires_at=row.expires_at, used=row.used_at is not None, now=utcnow()
    )
    return row


def password_link_email(db: Database, token: object) -> str:
    """The e-mail whose password a link sets, or why it sets none (`not_found`, `link_used`,
    `link_expired`)."""
    with db.read() as session:
        row = _link_row(session, token)
        user = session.get(User, row.user_id)
        assert user is not None
        return user.email


def use_password_link(db: Database, token: object, password: object) -> tuple[str, list[str]]:
    """Set the password with a link, once; every login of the account ends (whoever knew the
    old password is shut out). Returns the e-mail and the ended logins' hashes."""
    new = _check_password(password)
    with db.unit_of_work() as uow:
        row = _link_row(uow.session, token)
        user = uow.session.get(User, row.user_id)
        assert user is not None
        row.used_at = utcnow()
        user.password_hash = generate_password_hash(new)
        ended = _live_logins(uow.session, user.id)
        uow.commit()
        return user.email, ended


def remove_facilitator(db: Database, admin_id: int, user_id: object) -> dict[str, Any]:
    """The admin removes an account. Nothing is deleted silently: the workshops it owns (and
    its saved templates) are handed to the admin, recorded in each team's history; its team
    places end; its logins end. Returns `{handed_over: [workshop ids], logins: [hashes]}`;
    the caller ends the logins' sockets."""
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        raise DomainError("not_found")
    rules_of.check_removal(admin_id=admin_id, user_id=user_id)
    with db.unit_of_work() as uow:
        session = uow.session
        _require_admin(session, admin_id)
        user = session.get(User, user_id)
        if user is None:
            raise DomainError("not_found")
        owned = session.scalars(
            sa.select(Workshop.id).where(Workshop.owner_id == user_id).order_by(Workshop.id)
        ).all()
        for workshop_id in owned:
            # The workshop's lock, as a hand-over by its owner takes it.
            workshop = uow.session.scalar(
                uow.lock_for_update(sa.select(Workshop).where(Workshop.id == workshop_id))
            )
            assert workshop is not None
            workshop.owner_id = admin_id
            # The admin may have been in its team: the owner has no team row.
            session.execute(
                sa.delete(TeamMember).where(
                    TeamMember.workshop_id == workshop_id, TeamMember.user_id == admin_id
                )
            )
            session.add(
                TeamChange(
                    workshop_id=workshop_id,
                    kind="handed_over",
                    by_user_id=admin_id,
                    user_id=admin_id,
                    role="owner",
                )
            )
        for member in session.scalars(sa.select(TeamMember).where(TeamMember.user_id == user_id)):
            session.add(
                TeamChange(
                    workshop_id=member.workshop_id,
                    kind="removed",
                    by_user_id=admin_id,
                    user_id=user_id,
                    role=member.role,
                )
            )
            session.delete(member)
        session.execute(
            sa.update(WorkshopTemplate)
            .where(WorkshopTemplate.owner_id == user_id)
            .values(owner_id=admin_id)
        )
        ended = [
            row_id
            for row_id in session.scalars(
                sa.select(LoginSession.id).where(
                    LoginSession.user_id == user_id, LoginSession.revoked_at.is_(None)
                )
            )
        ]
        # Children first, as deleting a workshop does: nothing leans on the database's cascade.
        for table in (LoginSession, ApiToken, PasswordLink, ReportName):
            session.execute(sa.delete(table).where(table.user_id == user_id))
        session.flush()
        session.delete(user)
        uow.commit()
        return {"handed_over": list(owned), "logins": ended}


def overview(db: Database, retention_days: int) -> dict[str, Any]:
    """The admin's page: every account (with how many workshops it owns) and every workshop
    with its owner and when the retention purge deletes it."""
    with db.read() as session:
        users = session.scalars(sa.select(User).order_by(User.email)).all()
        emails = {u.id: u.email for u in users}
        workshops = session.scalars(sa.select(Workshop).order_by(Workshop.id.desc())).all()
        owns: dict[int, int] = {}
        for w in workshops:
            owns[w.owner_id] = owns.get(w.owner_id, 0) + 1
        return {
            "accounts": [
                {
                    "id": u.id,
                    "email": u.email,
                    "display_name": u.display_name,
                    "is_admin": u.is_admin,
                    "has_password": bool(u.password_hash),
                    "created_at": iso(u.created_at),
                    "owns": owns.get(u.id, 0),
                }
                for u in users
            ],
            "workshops": [
                {
                    "id": w.id,
                    "title": w.title,
                    "owner": emails.get(w.owner_id, ""),
                    "status": w.status,
                    "created_at": iso(w.created_at),
                    "closed_at": iso(w.closed_at) if w.closed_at else None,
                    "purge_at": (
                        iso(purge)
                        if (purge := rules_of.purge_after(w.closed_at, retention_days))
                        else None
                    ),
                }
                for w in workshops
            ],
        }
