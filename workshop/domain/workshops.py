"""A workshop's settings and its open/closed status, with their events."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar

from . import rules
from .errors import DomainError
from .events import Event, State, event


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


@dataclass(frozen=True)
class _WorkshopChange(Event):
    workshop: WorkshopInfo

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["workshop"] = dataclasses.asdict(self.workshop)


@event
@dataclass(frozen=True)
class WorkshopUpdated(_WorkshopChange):
    """The facilitator changed a setting: title, theme question, language, default dot budget,
    review before showing, or what the wall shows."""

    type: ClassVar[str] = "workshop.updated"


@event
@dataclass(frozen=True)
class WorkshopClosed(_WorkshopChange):
    """The workshop was closed: no new joins, no new topics or votes; results stay visible."""

    type: ClassVar[str] = "workshop.closed"


@event
@dataclass(frozen=True)
class WorkshopReopened(_WorkshopChange):
    """A closed workshop was opened again."""

    type: ClassVar[str] = "workshop.reopened"


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


# "board": the board's picture (the 50 titles) instead of the topics.
WALL_VIEWS = ("auto", "marketplace", "round", "results", "board")


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
