"""Action cards: what happens next, who does it, the first step and when (Deliver).

Open Space's action planning (domain brief, step 8) as cards the facilitator writes from the
console: what, who as a role and an organisation, the first step, a due date and a follow-up date,
optionally the theme it answers, and how far it has come. Every card has a version, like the
board's cards: an edit or a removal names the version it was made on, and a stale one is refused
with `action_changed`, so of two people editing one card the later version wins on every screen
and the other screen follows it.

Who is a role and an organisation, never a person's name: a role from the catalogue
(`role_id`, spelled out on each screen in its language) or free text, and an organisation as free
text (the catalogue's organisations are offered as suggestions).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import Any, ClassVar

from . import rules
from .errors import DomainError
from .events import Event, State, Subject, blank, empty_slice, event

WHAT_MAX = 300
STEP_MAX = 300
WHO_MAX = 80
# "dropped" is set only through a follow-up, which asks why (domain/follow_up.py).
STATUSES = ("planned", "started", "done", "dropped")
# Actions a workshop holds at most: a day of 50 people plans tens, not thousands.
MAX_ACTIONS = 300
# Dates a plan can name: a typo such as 0226 or 20266 is refused rather than stored.
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class Who:
    """Who takes it on: a catalogue role (`role_id`) or a role in free text, and an organisation."""

    role_id: str = ""
    role: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class ActionInfo:
    """An action card as every screen sees it; dates are ISO (YYYY-MM-DD) or empty."""

    id: int
    what: str
    who: Who
    first_step: str
    due: str
    follow_up: str
    theme_id: int | None
    status: str
    version: int


empty_slice("actions", {})


# --- events ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ActionChange(Event):
    action: ActionInfo

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["actions"][str(self.action.id)] = dataclasses.asdict(self.action)

    words_about: ClassVar[str] = "action"

    def words(self) -> tuple[Subject, ...]:
        return (("action", self.action.id),)

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        if ("action", self.action.id) not in subjects:
            return self
        action = blank(self.action, "what", "first_step", "follow_up")
        who = blank(action.who, "role", "organisation")
        return dataclasses.replace(self, action=dataclasses.replace(action, who=who))


@event
@dataclass(frozen=True)
class ActionAdded(_ActionChange):
    """The facilitator wrote a new action card (what, who, first step, due and follow-up)."""

    type: ClassVar[str] = "action.added"
    same_for_everyone: ClassVar[bool] = True


@event
@dataclass(frozen=True)
class ActionEdited(_ActionChange):
    """An action card changed (its words, dates, theme or status); `version` went up by one."""

    type: ClassVar[str] = "action.edited"
    same_for_everyone: ClassVar[bool] = True


@event
@dataclass(frozen=True)
class ActionRemoved(Event):
    """An action card was taken away; decisions that named it keep their words, not the link."""

    type: ClassVar[str] = "action.removed"
    same_for_everyone: ClassVar[bool] = True
    action_id: int

    def ends(self) -> tuple[Subject, ...]:
        return (("action", self.action_id),)

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["actions"].pop(str(self.action_id), None)
        for decision in state["decisions"].values():
            if decision["action_id"] == self.action_id:
                decision["action_id"] = None


# --- rules -------------------------------------------------------------------------------


def parse_date(value: object, *, field: str) -> dt.date | None:
    """An ISO calendar date (YYYY-MM-DD) or nothing; anything else is `invalid_date`."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) != 10:
        raise DomainError("invalid_date", field=field)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise DomainError("invalid_date", field=field) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise DomainError("invalid_date", field=field)
    return day


def clean_who(data: Mapping[str, Any], role_ids: Mapping[str, object]) -> Who:
    """A catalogue role or a role in free text (not both), and an organisation in free text."""
    if not isinstance(data, Mapping):
        raise DomainError("bad_request", field="who")
    role_id = data.get("role_id") or ""
    if not isinstance(role_id, str):
        raise DomainError("bad_request", field="role_id")
    if role_id and role_id not in role_ids:
        raise DomainError("not_found", field="role_id")
    role = rules.clean_line(data.get("role"), field="role", max_length=WHO_MAX, required=False)
    if role_id:
        role = ""  # the catalogue's title in each screen's language says it better
    organisation = rules.clean_line(
        data.get("organisation"), field="organisation", max_length=WHO_MAX, required=False
    )
    return Who(role_id=role_id, role=role, organisation=organisation)


def clean_action(data: Mapping[str, Any], role_ids: Mapping[str, object]) -> dict[str, Any]:
    """An action card's fields after the rules, or DomainError naming the first broken one.

    The follow-up is the date someone checks that the action happened: it cannot come before
    the due date (`follow_up_before_due`). Either date may be left empty: some actions have no
    deadline yet but still a check-in. The linked theme is only checked for its form here: themes
    live in another module, whose service checks that the id names one of this workshop.
    """
    what = rules.clean_text(data.get("what"), field="what", max_length=WHAT_MAX, required=True)
    first_step = rules.clean_text(
        data.get("first_step"), field="first_step", max_length=STEP_MAX, required=False
    )
    due = parse_date(data.get("due"), field="due")
    follow_up = parse_date(data.get("follow_up"), field="follow_up")
    if due is not None and follow_up is not None and follow_up < due:
        raise DomainError("follow_up_before_due")
    status = data.get("status", "planned")
    if status not in STATUSES:
        raise DomainError("bad_request", field="status")
    theme_id = data.get("theme_id")
    if theme_id is not None and (
        isinstance(theme_id, bool)
        or not isinstance(theme_id, int)
        or not 1 <= theme_id <= rules.ID_MAX
    ):
        raise DomainError("bad_request", field="theme_id")
    return {
        "what": what,
        "who": clean_who(data.get("who") or {}, role_ids),
        "first_step": first_step,
        "due": due.isoformat() if due else "",
        "follow_up": follow_up.isoformat() if follow_up else "",
        "theme_id": theme_id,
        "status": str(status),
    }


def check_version(current: int, sent: object) -> None:
    """An edit made on an older version of the card loses: the screen then follows the card."""
    if isinstance(sent, bool) or not isinstance(sent, int):
        raise DomainError("bad_request", field="version")
    if current != sent:
        raise DomainError("action_changed", version=current)


def check_room_for_action(count: int) -> None:
    """A workshop holds at most MAX_ACTIONS action cards."""
    if count >= MAX_ACTIONS:
        raise DomainError("too_many_actions", max=MAX_ACTIONS)
