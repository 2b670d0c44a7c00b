"""Facilitator accounts of an installation: the admin, one-time links to set a password, the
name a facilitator shows their team, and what becomes of a removed account's workshops.

The installation's first account is its admin (an existing installation's oldest, migration
0017). The admin adds and removes facilitator accounts and makes a one-time link that sets a
password; the app sends no e-mail, the admin passes the link on. A removed account's workshops
are handed to the admin who removes it: a municipality's consultation is a record that outlives
the employee who ran it, and is deleted only by the retention purge (or by its new owner).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from . import rules
from .errors import DomainError

# A link to set a password works once, for this long. A day: long enough to pass it on by
# phone or chat and have it opened the same working day, short enough that a link forgotten in
# a chat log soon opens nothing.
PASSWORD_LINK_HOURS = 24
PASSWORD_MIN = 8
PASSWORD_MAX = 1024
DISPLAY_NAME_MAX = 80


def check_password(password: object) -> str:
    """A password of 8 to 1024 characters (no other rule: a long phrase is the safe kind)."""
    if not isinstance(password, str) or not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise DomainError("bad_request", field="password")
    return password


def clean_display_name(value: object) -> str:
    """The name a facilitator shows their team ("Karin"); may be empty (then their e-mail)."""
    return rules.clean_line(
        value, field="display_name", max_length=DISPLAY_NAME_MAX, required=False
    )


def shown_name(display_name: str, email: str) -> str:
    """How the team sees someone: their chosen name, else their e-mail."""
    return display_name or email


def link_expires(created: datetime) -> datetime:
    """When a password link made at `created` stops working."""
    return created + timedelta(hours=PASSWORD_LINK_HOURS)


def check_password_link(*, expires_at: datetime, used: bool, now: datetime) -> None:
    """A password link sets one password, once, before it expires."""
    if used:
        raise DomainError("link_used")
    # SQLite hands back naive datetimes that are UTC already.
    if expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=UTC)
    if now >= expires_at:
        raise DomainError("link_expired")


def check_removal(*, admin_id: int, user_id: int) -> None:
    """An admin removes other accounts, never their own: the installation keeps an admin."""
    if admin_id == user_id:
        raise DomainError("own_account")


def purge_after(closed_at: datetime | None, retention_days: int) -> datetime | None:
    """When the retention purge deletes a workshop: `retention_days` after it was closed; an
    open workshop is never purged (None)."""
    if closed_at is None:
        return None
    if closed_at.tzinfo is None:
        closed_at = closed_at.replace(tzinfo=UTC)
    return closed_at + timedelta(days=retention_days)
