"""A workshop's team: who helps run the day, in which role, and what each role may do.

A workshop has one owner (`workshops.owner_id`) and any number of members, each with one role.
Every facilitator command declares one permission (services/runner.py `@workshop_command(...,
permission=...)`), and every console route asks for one; a role is the set of permissions it
grants. Participants and walls have no team role: their commands are decided by `roles=`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Literal

from .errors import DomainError

TeamRole = Literal["owner", "co_facilitator", "moderator", "note_taker", "board_keeper"]
Permission = Literal["team", "run", "moderate", "notes", "board", "view"]

# In the order the console lists them.
TEAM_ROLES: tuple[TeamRole, ...] = (
    "owner",
    "co_facilitator",
    "moderator",
    "note_taker",
    "board_keeper",
)
# What the owner may invite to (there is one owner; it changes hands only by `hand_over`).
INVITABLE: tuple[TeamRole, ...] = TEAM_ROLES[1:]

PERMISSIONS: frozenset[Permission] = frozenset(
    {"team", "run", "moderate", "notes", "board", "view"}
)

# "team": change the team, hand the workshop over, delete it. "run": everything else of the day
# (phases, voting, agenda, deliver, settings). "moderate": the review queue, hiding and
# approving, announcements. "notes": a session's notes and photos. "board": the board and its
# catalogue. "view": open the console and read the room (every member).
GRANTS: dict[TeamRole, frozenset[Permission]] = {
    "owner": PERMISSIONS,
    "co_facilitator": PERMISSIONS - {"team"},
    "moderator": frozenset({"view", "moderate"}),
    "note_taker": frozenset({"view", "notes"}),
    "board_keeper": frozenset({"view", "board"}),
}

INVITATION_DAYS = 7


def allows(role: str | None, permission: str) -> bool:
    """Whether a team role (None: not in the team) grants this permission."""
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")
    return role in GRANTS and permission in GRANTS[role]  # type: ignore[index]


def require(role: str | None, permission: str) -> None:
    """The one permission check of a facilitator's command or console route: a stranger to the
    team is `forbidden`; a member whose role does not grant it is told so (`not_your_role`)."""
    if not allows(role, permission):
        raise DomainError("forbidden" if role is None else "not_your_role")


def clean_role(value: object) -> TeamRole:
    """A role the owner may give (not "owner": that is a hand-over)."""
    if value not in INVITABLE:
        raise DomainError("bad_request", field="role")
    return value  # type: ignore[return-value]


def invitation_expires(created: datetime) -> datetime:
    """When an invitation made at `created` stops working."""
    return created + timedelta(days=INVITATION_DAYS)


def check_invitation(
    *,
    workshop_id: int,
    invited_to: int,
    expires_at: datetime,
    used: bool,
    now: datetime,
) -> None:
    """An invitation opens one membership, once, of its own workshop, before it expires."""
    if invited_to != workshop_id:
        raise DomainError("not_found")
    if used:
        raise DomainError("invitation_used")
    # SQLite hands back naive datetimes that are UTC already.
    if expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=UTC)
    if now >= expires_at:
        raise DomainError("invitation_expired")


def check_change(*, owner_id: int, actor_id: int, member_id: int, is_member: bool) -> None:
    """The owner changes or removes a member; never themselves, never a stranger."""
    if member_id in (owner_id, actor_id):
        raise DomainError("bad_request", field="user_id")
    if not is_member:
        raise DomainError("not_found")
