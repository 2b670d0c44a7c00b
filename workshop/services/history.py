"""The console's short history: the team's latest actions in a workshop, read from the event
log, where every event keeps who sent its command (`events.actor`, "u:<user id>" for a member
of the team). Only the consoles see it; a participant is never named (their events are not in
it at all)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..domain import accounts as account_rules
from ..store.db import Database, iso
from ..store.models import Event, User

# How many of the team's latest actions the console shows.
HISTORY_LENGTH = 20


def _user_id(actor: str) -> int | None:
    kind, _, number = actor.partition(":")
    return int(number) if kind == "u" and number.isdigit() else None


def _names(session: sa.orm.Session, user_ids: set[int]) -> dict[int, str]:
    """Each member's name as the team sees it (their chosen name, else their e-mail)."""
    if not user_ids:
        return {}
    rows = session.execute(
        sa.select(User.id, User.display_name, User.email).where(User.id.in_(user_ids))
    ).all()
    return {row.id: account_rules.shown_name(row.display_name, row.email) for row in rows}


def recent(db: Database, workshop_id: int, limit: int = HISTORY_LENGTH) -> list[dict[str, Any]]:
    """The team's latest actions, newest first: `{seq, type, by, at}`; `by` is the member's
    name, "" for an account removed since."""
    with db.read() as session:
        rows = session.execute(
            sa.select(Event.seq, Event.type, Event.actor, Event.at)
            .where(Event.workshop_id == workshop_id, Event.actor.like("u:%"))
            .order_by(Event.seq.desc())
            .limit(limit)
        ).all()
        ids = {uid for row in rows if (uid := _user_id(row.actor)) is not None}
        names = _names(session, ids)
        return [
            {
                "seq": row.seq,
                "type": row.type,
                "by": names.get(_user_id(row.actor) or 0, ""),
                "at": iso(row.at),
            }
            for row in rows
        ]


def acted(db: Database, actor: str, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The history's new entries for a committed command's events (newest first), or none when
    the command was not a team member's."""
    user_id = _user_id(actor)
    if user_id is None or not events:
        return []
    with db.read() as session:
        name = _names(session, {user_id}).get(user_id, "")
    return [
        {"seq": e["seq"], "type": e["type"], "by": name, "at": e["at"]} for e in reversed(events)
    ]
