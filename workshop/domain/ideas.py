"""Ideas in Develop: posted from phones under a theme, hidden by the facilitator when needed,
and marked "low-hanging fruit" (can start at once, within existing means).

Hiding works like a topic's: a hidden idea's words reach only the console; its events' public
form carries the id alone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Set
from dataclasses import dataclass
from typing import Any, ClassVar

from . import rules
from .errors import DomainError
from .events import Event, State, Subject, empty_slice, event

IDEA_MAX = rules.TOPIC_TITLE_MAX
IDEA_DETAIL_MAX = rules.TOPIC_DESCRIPTION_MAX
IDEAS_MAX = 1000

empty_slice("ideas", {})


@dataclass(frozen=True)
class IdeaInfo:
    """An idea without its author: the room never learns who posted what."""

    id: int
    theme_id: int
    text: str
    detail: str = ""
    hidden: bool = False
    low_hanging: bool = False
    created_at: str | None = None


def _show(state: State, idea: IdeaInfo, include_hidden: bool) -> None:
    if include_hidden or not idea.hidden:
        state["ideas"][str(idea.id)] = dataclasses.asdict(idea)
    else:
        state["ideas"].pop(str(idea.id), None)


def _blank(idea: IdeaInfo, subjects: Set[Subject], withdrawn: bool) -> IdeaInfo:
    """The idea without its words when it is one of `subjects` (a withdrawn one marked hidden,
    so its public form drops it)."""
    if ("idea", idea.id) not in subjects:
        return idea
    return dataclasses.replace(idea, text="", detail="", hidden=idea.hidden or withdrawn)


@dataclass(frozen=True)
class _IdeaChange(Event):
    idea: IdeaInfo

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _show(state, self.idea, include_hidden)

    def public(self) -> Event:
        return self if not self.idea.hidden else IdeaHidden(idea_id=self.idea.id)

    words_about: ClassVar[str] = "idea"

    def words(self) -> tuple[Subject, ...]:
        return (("idea", self.idea.id),)

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        return dataclasses.replace(self, idea=_blank(self.idea, subjects, withdrawn))


@event
@dataclass(frozen=True)
class IdeaPosted(_IdeaChange):
    """A participant (or the facilitator) posted an idea under a theme in Develop."""

    type: ClassVar[str] = "idea.posted"


@event
@dataclass(frozen=True)
class IdeaMarked(_IdeaChange):
    """The facilitator marked an idea as low-hanging fruit (`low_hanging` true: it can start
    at once, within existing means) or took the mark off. A hidden idea's public form is
    `idea.hidden` with the id only."""

    type: ClassVar[str] = "idea.marked"


@event
@dataclass(frozen=True)
class IdeaShown(_IdeaChange):
    """The facilitator showed a hidden idea again."""

    type: ClassVar[str] = "idea.shown"


@event
@dataclass(frozen=True)
class IdeaHidden(Event):
    """The facilitator hid an idea; phones and the wall drop it and receive only its id (the
    console's copy carries the idea)."""

    type: ClassVar[str] = "idea.hidden"
    idea_id: int
    idea: IdeaInfo | None = None

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        if include_hidden and self.idea is not None:
            _show(state, self.idea, include_hidden)
        else:
            state["ideas"].pop(str(self.idea_id), None)

    def public(self) -> Event:
        return IdeaHidden(idea_id=self.idea_id)

    words_about: ClassVar[str] = "idea"

    def words(self) -> tuple[Subject, ...]:
        return (("idea", self.idea_id),) if self.idea is not None else ()

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        if self.idea is None:
            return self
        return dataclasses.replace(self, idea=_blank(self.idea, subjects, withdrawn))


def clean_idea(data: dict[str, Any]) -> tuple[str, str]:
    """An idea's text (required, one line, as long as a topic's title) and optional detail."""
    text = rules.clean_line(data.get("text"), field="text", max_length=IDEA_MAX, required=True)
    detail = rules.clean_text(
        data.get("detail"), field="detail", max_length=IDEA_DETAIL_MAX, required=False
    )
    return text, detail


def check_room_for_idea(ideas_now: int) -> None:
    """A workshop holds at most IDEAS_MAX ideas (hidden ones count: they were posted)."""
    if ideas_now >= IDEAS_MAX:
        raise DomainError("too_many_ideas", max=IDEAS_MAX)


def check_flag(value: object, name: str) -> bool:
    """A true/false field, never coerced."""
    if not isinstance(value, bool):
        raise DomainError("bad_request", field=name)
    return value
