"""Following actions up for months: each action's dated history, and which dates are due.

An action card's status was one field with no history; a plan that is "followed up and changed as
the work teaches us" needs to say when it started, when it was done, or that it was dropped and
why. Each change of status, and each note the coordinator writes between them, is an `Update`
with its date. The history starts when the card is written. A drop always says why: the
participants who read the feedback page are owed the reason as much as the result.

The dates to follow up are the card's own (domain/actions.py): the due date ("done by") and the
follow-up date (when someone checks). An action that is done or dropped has none left. A due date
passed is overdue; a follow-up date is met by an update written at most `SOON_DAYS` before it or
any time after it, and overdue when it passed without one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import rules
from .actions import parse_date
from .consultation import LOCAL_TZ
from .errors import DomainError

STATUSES = ("planned", "started", "done", "dropped")
CLOSED = ("done", "dropped")
NOTE_MAX = 1000
REASON_MAX = 300
# How far ahead a date counts as coming up, and how early an update meets a follow-up date.
SOON_DAYS = 14
# Updates one action keeps at most: a note a week for years is about a hundred.
MAX_UPDATES = 300


@dataclass(frozen=True)
class Update:
    """One dated line of an action's history: the status from that day on, why it was
    dropped (only for a drop), and a note (what happened)."""

    on: str
    status: str
    reason: str = ""
    note: str = ""
    written: bool = False


@dataclass(frozen=True)
class Dated:
    """What the follow-up list needs of one action card."""

    action_id: int
    workshop_id: int
    what: str
    status: str
    due: str
    follow_up: str
    updated_on: Sequence[str] = ()


@dataclass(frozen=True)
class FollowUpDate:
    """A date to follow up: `kind` "due" or "follow_up", `state` "overdue", "soon" or "later"."""

    action_id: int
    workshop_id: int
    what: str
    kind: str
    on: str
    state: str
    status: str


def local_day(moment: dt.datetime) -> dt.date:
    """The calendar day in Sweden at a UTC moment: a date typed in Ånge is a Swedish date."""
    return moment.astimezone(LOCAL_TZ).date()


def first_update(status: str, today: dt.date) -> Update:
    """The history's first line: the card as it was written, on the day it was written."""
    return Update(on=today.isoformat(), status=status, written=True)


def clean_update(data: dict[str, object], *, current: str, today: dt.date) -> Update:
    """A follow-up after the rules, or DomainError naming the first broken one.

    The status is one of STATUSES (the current one when none is sent); the date is today when
    none is sent and never after today (`date_in_future`: a follow-up records what happened);
    a drop says why (`reason_required`); an update that neither changes the status nor says
    anything is refused (`nothing_to_note`) rather than stored as an empty line.
    """
    status = data.get("status") or current
    if status not in STATUSES:
        raise DomainError("bad_request", field="status")
    day = parse_date(data.get("on"), field="on") or today
    if day > today:
        raise DomainError("date_in_future")
    reason = rules.clean_text(
        data.get("reason"), field="reason", max_length=REASON_MAX, required=False
    )
    note = rules.clean_text(data.get("note"), field="note", max_length=NOTE_MAX, required=False)
    if status != "dropped":
        reason = ""
    elif current != "dropped" and not reason:
        raise DomainError("reason_required")
    if status == current and not note and not reason:
        raise DomainError("nothing_to_note")
    return Update(on=day.isoformat(), status=str(status), reason=reason, note=note)


def check_room_for_update(count: int) -> None:
    """An action keeps at most MAX_UPDATES lines of history."""
    if count >= MAX_UPDATES:
        raise DomainError("too_many_updates", max=MAX_UPDATES)


def check_new_status(current: str | None, status: str) -> None:
    """The action card's own form (console) never drops a card: a drop goes through a
    follow-up, which asks why. A card dropped already keeps its status when its words change."""
    if status == "dropped" and current != "dropped":
        raise DomainError("reason_required")


def _state(on: dt.date, today: dt.date) -> str:
    if on < today:
        return "overdue"
    return "soon" if (on - today).days <= SOON_DAYS else "later"


def follow_up_dates(actions: Iterable[Dated], today: dt.date) -> list[FollowUpDate]:
    """The dates still to follow up across actions, earliest first (overdue ones on top)."""
    out = []
    for action in actions:
        if action.status in CLOSED:
            continue
        if action.due:
            due = dt.date.fromisoformat(action.due)
            out.append(
                FollowUpDate(
                    action.action_id,
                    action.workshop_id,
                    action.what,
                    "due",
                    action.due,
                    _state(due, today),
                    action.status,
                )
            )
        if action.follow_up:
            check = dt.date.fromisoformat(action.follow_up)
            early = check - dt.timedelta(days=SOON_DAYS)
            met = any(dt.date.fromisoformat(on) >= early for on in action.updated_on)
            if not met:
                out.append(
                    FollowUpDate(
                        action.action_id,
                        action.workshop_id,
                        action.what,
                        "follow_up",
                        action.follow_up,
                        _state(check, today),
                        action.status,
                    )
                )
    return sorted(out, key=lambda date: (date.on, date.kind != "due", date.action_id))


def since(history: Sequence[Update]) -> list[Update]:
    """What happened since the card was written (the line it was written with left out),
    newest first: the feedback page's "what happened since"."""
    return [update for update in reversed(history) if not update.written]
