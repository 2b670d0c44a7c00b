"""A workshop's settings and its open/closed status, with their events."""

from __future__ import annotations

import dataclasses
from collections.abc import Set
from dataclasses import dataclass, field
from typing import Any, ClassVar

from . import consultation, rules
from .errors import DomainError
from .events import Event, State, Subject, blank, event

# The parts of a participant's phone that are about the method rather than the question: the
# four design phases, how today works (the opening circle's principles) and the 50 titles'
# invitation. A template decides which a participant sees at all; a youth consultation's first
# screen is its question (issue 21). The rest of the phone follows what happens in the room.
PHONE_PARTS = ("phases", "opening", "titles")


@dataclass(frozen=True)
class WorkshopInfo:
    """The public fields of a workshop, as every screen sees them."""

    id: int
    title: str
    theme: str
    language: str
    dot_budget: int
    max_per_topic: int
    join_code: str
    status: str
    review_topics: bool = False
    wall_view: str = "auto"
    wall_round_id: int | None = None
    # A consultation (domain/consultation.py): the template it came from, what the join page
    # asks, the window for taking part from home (UTC) and the notice in each language mode.
    template: str = ""
    ask_nickname: bool = True
    ask_organisation: bool = True
    ask_age_band: bool = False
    opens_at: str | None = None
    closes_at: str | None = None
    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    phone_parts: list[str] = field(default_factory=lambda: list(PHONE_PARTS))


@dataclass(frozen=True)
class _WorkshopChange(Event):
    workshop: WorkshopInfo

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["workshop"] = dataclasses.asdict(self.workshop)

    words_about: ClassVar[str] = "workshop"

    def words(self) -> tuple[Subject, ...]:
        return (("workshop", self.workshop.id),)

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        if not subjects:
            return self
        return dataclasses.replace(self, workshop=blank(self.workshop, "title", "theme", "texts"))


@event
@dataclass(frozen=True)
class WorkshopUpdated(_WorkshopChange):
    """The facilitator changed a setting: title, theme question, language, default dot budget,
    review before showing, what the wall shows, or a consultation's notice, window for taking
    part and what joining asks (domain/consultation.py)."""

    type: ClassVar[str] = "workshop.updated"
    same_for_everyone: ClassVar[bool] = True


@event
@dataclass(frozen=True)
class WorkshopClosed(_WorkshopChange):
    """The workshop was closed: no new joins, no new topics or votes; results stay visible."""

    type: ClassVar[str] = "workshop.closed"
    same_for_everyone: ClassVar[bool] = True


@event
@dataclass(frozen=True)
class WorkshopReopened(_WorkshopChange):
    """A closed workshop was opened again."""

    type: ClassVar[str] = "workshop.reopened"
    same_for_everyone: ClassVar[bool] = True


def require_open(status: str) -> None:
    """Joining, posting and voting need an open workshop."""
    if status != "open":
        raise DomainError("workshop_closed")


def clean_fields(data: dict[str, Any]) -> dict[str, Any]:
    """A workshop's settings after the rules, or DomainError naming the first broken one."""
    language = data.get("language", "sv")
    if language not in rules.LANGUAGES:
        raise DomainError("bad_request", field="language")
    budget, cap = rules.check_budget(data.get("dot_budget", 5), data.get("max_per_topic", 3))
    return {
        "title": rules.clean_line(
            data.get("title"), field="title", max_length=rules.WORKSHOP_TITLE_MAX, required=True
        ),
        "theme": rules.clean_text(
            data.get("theme"), field="theme", max_length=rules.THEME_MAX, required=False
        ),
        "language": language,
        "dot_budget": budget,
        "max_per_topic": cap,
        "review_topics": _flag(data.get("review_topics", False), "review_topics"),
    }


def clean_phone_parts(value: object) -> list[str]:
    """The optional parts a phone shows, in their own order; an unknown part is refused."""
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise DomainError("bad_request", field="phone_parts")
    if set(value) - set(PHONE_PARTS):
        raise DomainError("bad_request", field="phone_parts")
    return [part for part in PHONE_PARTS if part in value]


def clean_consultation(data: dict[str, Any]) -> dict[str, Any]:
    """A workshop's consultation settings after the rules: what joining asks, the notice, the
    window for taking part from home and the room's session time (times in Swedish local time).
    """
    opens = consultation.parse_local(data.get("opens_at"), "opens_at")
    closes = consultation.parse_local(data.get("closes_at"), "closes_at")
    consultation.check_span(opens, closes, "closes_at")
    room_starts = consultation.parse_local(data.get("room_starts_at"), "room_starts_at")
    room_ends = consultation.parse_local(data.get("room_ends_at"), "room_ends_at")
    consultation.check_span(room_starts, room_ends, "room_ends_at")
    return {
        "ask_nickname": _flag(data.get("ask_nickname", True), "ask_nickname"),
        "ask_organisation": _flag(data.get("ask_organisation", True), "ask_organisation"),
        "ask_age_band": _flag(data.get("ask_age_band", False), "ask_age_band"),
        "texts": consultation.clean_texts(data.get("texts")),
        "phone_parts": clean_phone_parts(data.get("phone_parts", PHONE_PARTS)),
        "opens_at": opens,
        "closes_at": closes,
        "room_starts_at": room_starts,
        "room_ends_at": room_ends,
    }


# "board": the board's picture (the 50 titles) instead of the topics.
# "opening": the opening circle's principles (domain/opening.py).
WALL_VIEWS = ("auto", "marketplace", "round", "results", "board", "opening", "question")


def check_wall_view(view: object, round_id: object, round_ids: set[int]) -> tuple[str, int | None]:
    """What the wall may show: the marketplace, the current round, or a past round's result."""
    if view not in WALL_VIEWS:
        raise DomainError("bad_request", field="view")
    if view != "results":
        return str(view), None
    if isinstance(round_id, bool) or not isinstance(round_id, int) or round_id not in round_ids:
        raise DomainError("not_found")
    return "results", round_id


def _flag(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise DomainError("bad_request", field=name)
    return value
