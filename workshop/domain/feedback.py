"""The feedback page (återkoppling): "you said, we did, why not, when", item by item.

The coordinator writes each item in the console and publishes it when it is ready; until then
its words reach only the console (its public form carries the id alone, as a hidden topic's).
"You said" holds participants' own words only as the coordinator chose to publish them: typed,
or copied from a topic that is shown in the room (never a hidden or unreviewed one).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Set
from dataclasses import dataclass, field
from typing import Any, ClassVar

from . import rules
from .errors import DomainError
from .events import Event, State, Subject, empty_slice, event

empty_slice("feedback", {})

SAID_MAX = 300
TEXT_MAX = 600
WHEN_MAX = 120
# What happens with it: will be done, done already, will not be done (then say why), not decided.
OUTCOMES = ("will", "done", "will_not", "open")
MAX_ITEMS = 200


@dataclass(frozen=True)
class FeedbackItem:
    """One line of the feedback page."""

    id: int
    said: str
    did: str
    why_not: str
    when: str
    outcome: str
    published: bool
    topic_id: int | None = None
    updated_at: str | None = None
    # The line as written for other readers: {"en": {"said": ..., ...}, "sv_easy": {...}}.
    versions: dict[str, dict[str, str]] = field(default_factory=dict)


def _show(state: State, item: FeedbackItem, include_hidden: bool) -> None:
    if include_hidden or item.published:
        state["feedback"][str(item.id)] = dataclasses.asdict(item)
    else:
        state["feedback"].pop(str(item.id), None)


@dataclass(frozen=True)
class _ItemChange(Event):
    item: FeedbackItem

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _show(state, self.item, include_hidden)

    def public(self) -> Event:
        return self if self.item.published else FeedbackItemRemoved(item_id=self.item.id)

    words_about: ClassVar[str] = "feedback"

    def words(self) -> tuple[Subject, ...]:
        return (("feedback", self.item.id),)

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        if ("feedback", self.item.id) not in subjects:
            return self
        blank = dataclasses.replace(self.item, said="", did="", why_not="", when="", versions={})
        if withdrawn:
            blank = dataclasses.replace(blank, published=False)
        return dataclasses.replace(self, item=blank)


@event
@dataclass(frozen=True)
class FeedbackItemAdded(_ItemChange):
    """The facilitator added a line to the feedback page; phones and the wall receive it only
    once it is published (before that, `feedback.item_removed` with the id alone)."""

    type: ClassVar[str] = "feedback.item_added"


@event
@dataclass(frozen=True)
class FeedbackItemEdited(_ItemChange):
    """The facilitator changed, published or unpublished a line of the feedback page; an
    unpublished line reaches phones and the wall as `feedback.item_removed`."""

    type: ClassVar[str] = "feedback.item_edited"


@event
@dataclass(frozen=True)
class FeedbackItemRemoved(Event):
    """A line left the feedback page (deleted, or, in its public form, not published)."""

    type: ClassVar[str] = "feedback.item_removed"
    same_for_everyone: ClassVar[bool] = True
    item_id: int

    def ends(self) -> tuple[Subject, ...]:
        return (("feedback", self.item_id),)

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["feedback"].pop(str(self.item_id), None)


def clean_item(data: dict[str, Any]) -> dict[str, Any]:
    """A feedback line's fields after the rules: "you said" is required, the rest optional;
    "will not" needs its reason."""
    outcome = data.get("outcome") or "open"
    if outcome not in OUTCOMES:
        raise DomainError("bad_request", field="outcome")
    published = data.get("published", False)
    if not isinstance(published, bool):
        raise DomainError("bad_request", field="published")
    fields = {
        "said": rules.clean_text(
            data.get("said"), field="said", max_length=SAID_MAX, required=True
        ),
        "did": rules.clean_text(data.get("did"), field="did", max_length=TEXT_MAX, required=False),
        "why_not": rules.clean_text(
            data.get("why_not"), field="why_not", max_length=TEXT_MAX, required=False
        ),
        "when": rules.clean_line(
            data.get("when"), field="when", max_length=WHEN_MAX, required=False
        ),
        "outcome": outcome,
        "published": published,
    }
    if outcome == "will_not" and not fields["why_not"]:
        raise DomainError("empty", field="why_not")
    fields["versions"] = clean_versions(data.get("versions"))
    return fields


# What a line's version for another reader may hold, with the original's limits.
VERSION_LIMITS = {"said": SAID_MAX, "did": TEXT_MAX, "why_not": TEXT_MAX, "when": WHEN_MAX}
VERSION_MODES = ("sv", "sv_easy", "en")


def clean_versions(data: object) -> dict[str, dict[str, str]]:
    """A line's versions after the rules; a mode with nothing written is left out."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DomainError("bad_request", field="versions")
    out: dict[str, dict[str, str]] = {}
    for mode, fields in data.items():
        if mode not in VERSION_MODES or not isinstance(fields, dict):
            raise DomainError("bad_request", field="versions")
        if set(fields) - set(VERSION_LIMITS):
            raise DomainError("bad_request", field="versions")
        written = {
            name: rules.clean_text(fields.get(name), field=name, max_length=limit, required=False)
            for name, limit in VERSION_LIMITS.items()
        }
        written = {name: text for name, text in written.items() if text}
        if written:
            out[mode] = written
    return out


def parts_for(versions: dict[str, dict[str, str]], mode: str) -> dict[str, str]:
    """The parts of a line written for readers of `mode` (the rest they read as written)."""
    own = versions.get(mode) or {}
    return {name: own[name] for name in VERSION_LIMITS if own.get(name)}


def in_reading(item: dict[str, Any], mode: str) -> dict[str, Any]:
    """A line as a reader of `mode` reads it: each part written for that mode where there is
    one, else the original."""
    return {**item, **parts_for(item.get("versions") or {}, mode)}


def check_room_for_item(items_now: int) -> None:
    """A feedback page holds at most MAX_ITEMS lines."""
    if items_now >= MAX_ITEMS:
        raise DomainError("too_many_items", max=MAX_ITEMS)


def check_source(topic_shown: bool) -> None:
    """A line quotes a topic only while the room may see it: never hidden or unreviewed words."""
    if not topic_shown:
        raise DomainError("not_found")
