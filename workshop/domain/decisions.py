"""Decisions: what was decided, by whom (a role and an organisation) and when (Deliver).

The facilitator records them from the console; a decision may name the action card it led to.
Each phase report lists the decisions and their reasons (domain brief), so the words are kept as
written. Who decided is a role or a body (\"the board of social services\"), never a name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import Any, ClassVar

from . import rules
from .actions import Who, clean_who, parse_date
from .errors import DomainError
from .events import Event, State, Subject, blank, empty_slice, event

TEXT_MAX = 500
MAX_DECISIONS = 300


@dataclass(frozen=True)
class DecisionInfo:
    """A decision as every screen sees it; `decided_on` is ISO (YYYY-MM-DD) or empty."""

    id: int
    text: str
    who: Who
    decided_on: str
    action_id: int | None


empty_slice("decisions", {})


@dataclass(frozen=True)
class _DecisionChange(Event):
    decision: DecisionInfo

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["decisions"][str(self.decision.id)] = dataclasses.asdict(self.decision)

    words_about: ClassVar[str] = "decision"

    def words(self) -> tuple[Subject, ...]:
        return (("decision", self.decision.id),)

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        if ("decision", self.decision.id) not in subjects:
            return self
        decision = blank(self.decision, "text")
        who = blank(decision.who, "role", "organisation")
        return dataclasses.replace(self, decision=dataclasses.replace(decision, who=who))


@event
@dataclass(frozen=True)
class DecisionRecorded(_DecisionChange):
    """The facilitator recorded a decision: what, who decided, when, and the action it led to."""

    type: ClassVar[str] = "decision.recorded"
    same_for_everyone: ClassVar[bool] = True


@event
@dataclass(frozen=True)
class DecisionEdited(_DecisionChange):
    """A recorded decision was corrected."""

    type: ClassVar[str] = "decision.edited"
    same_for_everyone: ClassVar[bool] = True


@event
@dataclass(frozen=True)
class DecisionRemoved(Event):
    """A decision was taken away (recorded by mistake)."""

    type: ClassVar[str] = "decision.removed"
    same_for_everyone: ClassVar[bool] = True
    decision_id: int

    def ends(self) -> tuple[Subject, ...]:
        return (("decision", self.decision_id),)

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["decisions"].pop(str(self.decision_id), None)


def clean_decision(
    data: Mapping[str, Any], role_ids: Mapping[str, object], action_ids: set[int]
) -> dict[str, Any]:
    """A decision's fields after the rules; the linked action must be one of this workshop."""
    text = rules.clean_text(data.get("text"), field="text", max_length=TEXT_MAX, required=True)
    decided_on = parse_date(data.get("decided_on"), field="decided_on")
    action_id = data.get("action_id")
    if action_id is not None:
        if isinstance(action_id, bool) or not isinstance(action_id, int):
            raise DomainError("bad_request", field="action_id")
        if action_id not in action_ids:
            raise DomainError("not_found", field="action_id")
    return {
        "text": text,
        "who": clean_who(data.get("who") or {}, role_ids),
        "decided_on": decided_on.isoformat() if decided_on else "",
        "action_id": action_id,
    }


def check_room_for_decision(count: int) -> None:
    """A workshop holds at most MAX_DECISIONS decisions."""
    if count >= MAX_DECISIONS:
        raise DomainError("too_many_decisions", max=MAX_DECISIONS)
