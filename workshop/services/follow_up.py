"""Following actions up for months: record a change of status or a note, read an action's
history, the dates due across a process, and "what happened since" for the feedback page.

A follow-up is a command of the action's workshop, like editing the card: it runs under the
workshop's lock, a change of status raises the card's version and every screen follows it
through the same `action.edited` event; the history line itself is no event (no screen holds
histories live), it is read over HTTP by the process page and the feedback page. Closed
workshops take follow-ups: the plan is followed up long after the day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from .. import clock
from ..domain import actions as action_rules
from ..domain import follow_up as rules_of
from ..domain.errors import DomainError
from ..store.db import Database
from ..store.models import ActionCard, ActionUpdate
from . import actions
from .runner import FACILITATOR, Context, workshop_command


def today() -> dt.date:
    """Today's date in Sweden, from the server's clock (moved by the tests)."""
    return rules_of.local_day(clock.utcnow())


def record(session: Session, card: ActionCard, update: rules_of.Update) -> None:
    """Add one line to a card's history (the card's own commands call this too)."""
    session.add(
        ActionUpdate(
            workshop_id=card.workshop_id,
            action_id=card.id,
            on=update.on,
            status=update.status,
            reason=update.reason,
            note=update.note,
            written=update.written,
        )
    )


def on_written(session: Session, card: ActionCard) -> None:
    """The history's first line, when the card is written (domain/follow_up.py)."""
    rules_of.check_new_status(None, card.status)
    record(session, card, rules_of.first_update(card.status, today()))


def on_edited(session: Session, card: ActionCard, before: str) -> None:
    """A change of status from the card's own form is a line of its history too; a drop is
    refused there (it goes through a follow-up, which asks why)."""
    rules_of.check_new_status(before, card.status)
    if card.status != before:
        record(session, card, rules_of.Update(on=today().isoformat(), status=card.status))


@workshop_command(roles=FACILITATOR, permission="run")
def follow_up_action(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Record what happened with an action: a new status (a drop with its reason) and/or a
    note, dated today or an earlier day; a new status reaches every screen as an edit."""
    action_id = data.get("action_id")
    if isinstance(action_id, bool) or not isinstance(action_id, int):
        raise DomainError("bad_request", field="action_id")
    card = ctx.session.get(ActionCard, action_id)
    if card is None or card.workshop_id != ctx.workshop.id:
        raise DomainError("not_found")
    count = ctx.session.scalar(
        sa.select(sa.func.count(ActionUpdate.id)).where(ActionUpdate.action_id == card.id)
    )
    rules_of.check_room_for_update(count or 0)
    update = rules_of.clean_update(data, current=card.status, today=today())
    record(ctx.session, card, update)
    if update.status != card.status:
        card.status = update.status
        card.version += 1
        card.updated_at = clock.utcnow()
        ctx.session.flush()
        ctx.append(action_rules.ActionEdited(actions.action_info(card)))
    return {"action_id": card.id, "status": card.status, "on": update.on}


def forget(session: Session, action_id: int) -> None:
    """A removed card's history goes with it: its notes were about words no longer shown."""
    session.execute(sa.delete(ActionUpdate).where(ActionUpdate.action_id == action_id))


# --- reads ---------------------------------------------------------------------------------


def _histories(session: Session, workshop_ids: list[int]) -> dict[int, list[rules_of.Update]]:
    rows = session.scalars(
        sa.select(ActionUpdate)
        .where(ActionUpdate.workshop_id.in_(workshop_ids))
        .order_by(ActionUpdate.action_id, ActionUpdate.on, ActionUpdate.id)
    )
    out: dict[int, list[rules_of.Update]] = defaultdict(list)
    for row in rows:
        out[row.action_id].append(
            rules_of.Update(row.on, row.status, row.reason, row.note, row.written)
        )
    return out


@dataclass(frozen=True)
class Followed:
    """An action with its history, for the process page and its calendar."""

    id: int
    workshop_id: int
    what: str
    status: str
    due: str
    follow_up: str
    history: list[rules_of.Update]


def followed(db: Database, workshop_ids: list[int]) -> list[Followed]:
    """Every action of these workshops with its history (oldest line first), in card order."""
    with db.read() as session:
        histories = _histories(session, workshop_ids)
        cards = session.scalars(
            sa.select(ActionCard)
            .where(ActionCard.workshop_id.in_(workshop_ids))
            .order_by(ActionCard.id)
        )
        return [
            Followed(
                card.id,
                card.workshop_id,
                card.what,
                card.status,
                card.due,
                card.follow_up,
                histories.get(card.id, []),
            )
            for card in cards
        ]


def dates_due(items: list[Followed], on: dt.date) -> list[rules_of.FollowUpDate]:
    """The dates still to follow up across these actions, earliest first."""
    return rules_of.follow_up_dates(
        (
            rules_of.Dated(
                item.id,
                item.workshop_id,
                item.what,
                item.status,
                item.due,
                item.follow_up,
                # The line the card was written with is no follow-up.
                tuple(update.on for update in item.history if not update.written),
            )
            for item in items
        ),
        on,
    )


@dataclass(frozen=True)
class Since:
    """One action on the feedback page: what it is, where it stands, what happened (newest
    first), with dates."""

    what: str
    status: str
    updates: list[rules_of.Update]


def since(db: Database, workshop_id: int) -> list[Since]:
    """What happened with the workshop's actions since they were written: only actions with
    something to tell, newest news first."""
    items = [
        Since(item.what, item.status, rules_of.since(item.history))
        for item in followed(db, [workshop_id])
    ]
    told = [item for item in items if item.updates]
    return sorted(told, key=lambda item: item.updates[0].on, reverse=True)
