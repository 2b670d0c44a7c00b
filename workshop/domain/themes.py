"""Themes: topics clustered in Define, each with a problem statement and an initiator.

A theme keeps the ids of its source topics (its provenance) and nothing else of them: the
topics stay as they were, and their words reach a screen only through the topics slice, which
already leaves hidden and unreviewed topics out of phones and walls. So no theme event can
carry a hidden topic's words, whatever happens to the topic later. A topic belongs to at most
one theme and can be taken out again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Set
from dataclasses import dataclass, field
from typing import Any, ClassVar

from . import rules
from .errors import DomainError
from .events import Event, State, Subject, blank, empty_slice, event

THEME_TITLE_MAX = 120
STATEMENT_MAX = 300
INITIATOR_MAX = 120
THEMES_MAX = 100

empty_slice("themes", {})


@dataclass(frozen=True)
class ThemeInfo:
    """A theme as every screen sees it; `topic_ids` are its source topics, in clustering order.

    `initiator` is a role or an organisation the coordinator types ("Rektor, Norrskolan"),
    not a participant's identity.
    """

    id: int
    title: str
    statement: str = ""
    initiator: str = ""
    topic_ids: list[int] = field(default_factory=list)


def _put(state: State, theme: ThemeInfo) -> None:
    state["themes"][str(theme.id)] = dataclasses.asdict(theme)


def _take_out(state: State, topic_id: int) -> None:
    for theme in state["themes"].values():
        if topic_id in theme["topic_ids"]:
            theme["topic_ids"] = [t for t in theme["topic_ids"] if t != topic_id]


@dataclass(frozen=True)
class _ThemeChange(Event):
    theme: ThemeInfo
    same_for_everyone: ClassVar[bool] = True

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _put(state, self.theme)

    words_about: ClassVar[str] = "theme"

    def words(self) -> tuple[Subject, ...]:
        return (("theme", self.theme.id),)

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        if ("theme", self.theme.id) not in subjects:
            return self
        return dataclasses.replace(self, theme=blank(self.theme, "title", "statement", "initiator"))


@event
@dataclass(frozen=True)
class ThemeCreated(_ThemeChange):
    """The facilitator created a theme (a title, no topics yet)."""

    type: ClassVar[str] = "theme.created"


@event
@dataclass(frozen=True)
class ThemeEdited(_ThemeChange):
    """The facilitator changed a theme's title, its problem statement ("How might we …?") or
    its initiator."""

    type: ClassVar[str] = "theme.edited"


@event
@dataclass(frozen=True)
class ThemeTopicAdded(Event):
    """The facilitator put a topic into a theme (by dragging or by keyboard); a topic that was
    in another theme leaves that one. Only ids travel: the words stay the topic's own."""

    type: ClassVar[str] = "theme.topic_added"
    same_for_everyone: ClassVar[bool] = True
    theme_id: int
    topic_id: int

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _take_out(state, self.topic_id)
        theme = state["themes"].get(str(self.theme_id))
        if theme is not None:
            theme["topic_ids"] = [*theme["topic_ids"], self.topic_id]


@event
@dataclass(frozen=True)
class ThemeTopicRemoved(Event):
    """The facilitator took a topic out of its theme; the topic itself is unchanged."""

    type: ClassVar[str] = "theme.topic_removed"
    same_for_everyone: ClassVar[bool] = True
    theme_id: int
    topic_id: int

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _take_out(state, self.topic_id)


@event
@dataclass(frozen=True)
class ThemeDeleted(Event):
    """The facilitator deleted a theme; its topics are unclustered again, its ideas go too."""

    type: ClassVar[str] = "theme.deleted"
    same_for_everyone: ClassVar[bool] = True
    theme_id: int

    def ends(self) -> tuple[Subject, ...]:
        return (("theme", self.theme_id),)

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["themes"].pop(str(self.theme_id), None)
        state["theme_tally"].pop(str(self.theme_id), None)
        for idea_id, idea in list(state.get("ideas", {}).items()):
            if idea["theme_id"] == self.theme_id:
                del state["ideas"][idea_id]


@dataclass(frozen=True)
class _ThemeTotalChange(Event):
    """`total` is the theme's new total in a round on themes (null in the public form of a
    sealed round); `voters` and `dots` are the round's turnout, which every screen may see."""

    round_id: int
    theme_id: int
    total: int | None
    voters: int = 0
    dots: int = 0
    sealed: bool = False

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["turnout"] = {"voters": self.voters, "dots": self.dots}
        if self.total is not None and str(self.theme_id) in state["themes"]:
            if self.total:
                state["theme_tally"][str(self.theme_id)] = self.total
            else:
                state["theme_tally"].pop(str(self.theme_id), None)

    def public(self) -> Event:
        return dataclasses.replace(self, total=None) if self.sealed else self


@event
@dataclass(frozen=True)
class ThemeDotAdded(_ThemeTotalChange):
    """Someone put a dot on a theme in a round on themes; only the theme's new total travels."""

    type: ClassVar[str] = "theme.dot_added"


@event
@dataclass(frozen=True)
class ThemeDotRemoved(_ThemeTotalChange):
    """Someone took a dot back from a theme; only the theme's new total travels."""

    type: ClassVar[str] = "theme.dot_removed"


def clean_theme(data: dict[str, Any], current: ThemeInfo | None = None) -> dict[str, str]:
    """A theme's title (required), problem statement and initiator (optional) after the rules;
    a field left out keeps its current value."""

    def pick(name: str, default: str) -> object:
        return data[name] if name in data and data[name] is not None else default

    return {
        "title": rules.clean_line(
            pick("title", current.title if current else None),
            field="title",
            max_length=THEME_TITLE_MAX,
            required=True,
        ),
        "statement": rules.clean_text(
            pick("statement", current.statement if current else ""),
            field="statement",
            max_length=STATEMENT_MAX,
            required=False,
        ),
        "initiator": rules.clean_line(
            pick("initiator", current.initiator if current else ""),
            field="initiator",
            max_length=INITIATOR_MAX,
            required=False,
        ),
    }


def check_room_for_theme(themes_now: int) -> None:
    """A workshop holds at most THEMES_MAX themes."""
    if themes_now >= THEMES_MAX:
        raise DomainError("too_many_themes", max=THEMES_MAX)
