"""Topics on the marketplace: posting, editing, hiding, merging, deleting, and who may do what.

Hiding is what a coordinator does when a post names or exposes a child, so a hidden topic's words
reach only the console: its events' public form carries the id alone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Set
from dataclasses import dataclass, field
from typing import Any, ClassVar

from . import rules
from .actors import Actor
from .errors import DomainError
from .events import Event, State, Subject, empty_slice, event
from .review import waits_for_review
from .voting import Turnout, set_tally, set_turnout

empty_slice("topics", {})


@dataclass(frozen=True)
class TopicInfo:
    """A topic without its author: the room never learns who posted what."""

    id: int
    title: str
    description: str
    hidden: bool
    created_at: str | None
    updated_at: str | None
    # Waiting for the facilitator's review (a workshop that reviews before showing).
    pending: bool = False
    # The titles of the duplicates merged into it, so their wording stays visible, and their
    # ids (in the same order) so a merge can be undone.
    also: list[str] = field(default_factory=list)
    also_ids: list[int] = field(default_factory=list)

    @property
    def visible(self) -> bool:
        """Shown on phones and the wall: neither hidden nor waiting for review."""
        return is_shown(self.hidden, self.pending)


def is_shown(hidden: bool, pending: bool) -> bool:
    """The one rule for what phones, walls and reports may show of a topic."""
    return not hidden and not pending


def _show(state: State, topic: TopicInfo, include_hidden: bool) -> None:
    if include_hidden or topic.visible:
        state["topics"][str(topic.id)] = dataclasses.asdict(topic)
    else:
        _drop(state, topic.id)


def _public_info(topic: TopicInfo) -> TopicInfo:
    """A topic as phones and walls may receive it inside another event: a hidden or waiting
    one without its words, marked hidden so every reducer drops it."""
    if topic.visible:
        return topic
    return dataclasses.replace(topic, title="", description="", also=[], also_ids=[], hidden=True)


def _subject(topic: TopicInfo | None) -> tuple[Subject, ...]:
    return (("topic", topic.id),) if topic is not None else ()


def _blank(topic: TopicInfo, subjects: Set[Subject], withdrawn: bool) -> TopicInfo:
    """The topic without its words when it is one of `subjects`; a withdrawn one is also marked
    hidden, so every public form and reducer drops it."""
    if ("topic", topic.id) not in subjects:
        return topic
    blank = dataclasses.replace(topic, title="", description="", also=[])
    return dataclasses.replace(blank, hidden=True, also_ids=[]) if withdrawn else blank


def _drop(state: State, topic_id: int) -> None:
    state["topics"].pop(str(topic_id), None)
    state["tally"].pop(str(topic_id), None)


@dataclass(frozen=True)
class _TopicChange(Event):
    topic: TopicInfo

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _show(state, self.topic, include_hidden)

    def public(self) -> Event:
        return self if self.topic.visible else TopicHidden(topic_id=self.topic.id)

    words_about: ClassVar[str] = "topic"

    def words(self) -> tuple[Subject, ...]:
        return _subject(self.topic)

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        return dataclasses.replace(self, topic=_blank(self.topic, subjects, withdrawn))


@event
@dataclass(frozen=True)
class TopicPosted(_TopicChange):
    """A participant (or the facilitator) posted a topic on the marketplace. In a workshop that
    reviews before showing, a participant's topic waits (`pending`): phones and the wall then
    receive `topic.hidden` with the id only, until the facilitator approves it."""

    type: ClassVar[str] = "topic.posted"


@event
@dataclass(frozen=True)
class TopicEdited(_TopicChange):
    """The author or the facilitator changed a topic's title or description.

    The facilitator may edit a hidden topic (to take a name out); phones and the wall then
    receive `topic.hidden` with the id only.
    """

    type: ClassVar[str] = "topic.edited"


@event
@dataclass(frozen=True)
class TopicApproved(_TopicChange):
    """The facilitator approved a topic that waited for review: it reaches phones and the wall."""

    type: ClassVar[str] = "topic.approved"


@event
@dataclass(frozen=True)
class TopicDeleted(Event):
    """A topic was deleted by its author or the facilitator; its dots go back to the voters."""

    type: ClassVar[str] = "topic.deleted"
    same_for_everyone: ClassVar[bool] = True
    topic_id: int
    tally: dict[str, int] = field(default_factory=dict)
    turnout: Turnout | None = None

    def ends(self) -> tuple[Subject, ...]:
        return (("topic", self.topic_id),)

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _drop(state, self.topic_id)
        set_tally(state, self.tally)
        set_turnout(state, self.turnout)


@event
@dataclass(frozen=True)
class TopicHidden(Event):
    """The facilitator hid a topic; phones and the wall drop it and receive only its id.

    The console's copy carries the topic (`topic`) and its totals (`tally`).
    """

    type: ClassVar[str] = "topic.hidden"
    topic_id: int
    topic: TopicInfo | None = None
    tally: dict[str, int] = field(default_factory=dict)
    turnout: Turnout | None = None

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        if include_hidden and self.topic is not None:
            _show(state, self.topic, include_hidden)
            set_tally(state, self.tally)
        else:
            _drop(state, self.topic_id)
        set_turnout(state, self.turnout)

    def public(self) -> Event:
        return TopicHidden(topic_id=self.topic_id, turnout=self.turnout)

    words_about: ClassVar[str] = "topic"

    def words(self) -> tuple[Subject, ...]:
        return _subject(self.topic)

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        if self.topic is None:
            return self
        return dataclasses.replace(self, topic=_blank(self.topic, subjects, withdrawn))


@event
@dataclass(frozen=True)
class TopicUnhidden(Event):
    """The facilitator showed a hidden topic again."""

    type: ClassVar[str] = "topic.unhidden"
    topic: TopicInfo
    tally: dict[str, int] = field(default_factory=dict)
    sealed: bool = False

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _show(state, self.topic, include_hidden)
        if include_hidden or self.topic.visible:
            set_tally(state, self.tally)

    def public(self) -> Event:
        if not self.topic.visible:
            return TopicHidden(topic_id=self.topic.id)
        return dataclasses.replace(self, tally={}) if self.sealed else self

    words_about: ClassVar[str] = "topic"

    def words(self) -> tuple[Subject, ...]:
        return _subject(self.topic)

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        return dataclasses.replace(self, topic=_blank(self.topic, subjects, withdrawn))


@event
@dataclass(frozen=True)
class TopicMerged(Event):
    """A duplicate was merged into another topic; its dots follow (above the cap they return)."""

    type: ClassVar[str] = "topic.merged"
    source_id: int
    target: TopicInfo
    tally: dict[str, int]
    sealed: bool = False
    turnout: Turnout | None = None

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _drop(state, self.source_id)
        _show(state, self.target, include_hidden)
        if include_hidden or self.target.visible:
            set_tally(state, self.tally)
        set_turnout(state, self.turnout)

    def public(self) -> Event:
        shown = dataclasses.replace(self, target=_public_info(self.target))
        return dataclasses.replace(shown, tally={}) if self.sealed else shown

    words_about: ClassVar[str] = "topic"

    def words(self) -> tuple[Subject, ...]:
        return _subject(self.target)

    def ends(self) -> tuple[Subject, ...]:
        # The duplicate leaves the room; its words live on only in the target's `also`.
        return (("topic", self.source_id),)

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        return dataclasses.replace(self, target=_blank(self.target, subjects, withdrawn))


@event
@dataclass(frozen=True)
class TopicUnmerged(Event):
    """The facilitator undid a merge: the duplicate is a topic of its own again (its dots stayed
    with the target, up to the cap); the target loses the words the merge had added."""

    type: ClassVar[str] = "topic.unmerged"
    source: TopicInfo
    target: TopicInfo

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _show(state, self.source, include_hidden)
        _show(state, self.target, include_hidden)

    def public(self) -> Event:
        # Undoing a merge once sent a hidden or waiting duplicate's words live to every phone.
        return dataclasses.replace(
            self, source=_public_info(self.source), target=_public_info(self.target)
        )

    words_about: ClassVar[str] = "topic"

    def words(self) -> tuple[Subject, ...]:
        return _subject(self.source) + _subject(self.target)

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        return dataclasses.replace(
            self,
            source=_blank(self.source, subjects, withdrawn),
            target=_blank(self.target, subjects, withdrawn),
        )


def clean_topic(data: dict[str, Any]) -> tuple[str, str]:
    """A topic's title (required, one line) and description (optional) after the rules."""
    title = rules.clean_line(
        data.get("title"), field="title", max_length=rules.TOPIC_TITLE_MAX, required=True
    )
    description = rules.clean_text(
        data.get("description"),
        field="description",
        max_length=rules.TOPIC_DESCRIPTION_MAX,
        required=False,
    )
    return title, description


def check_room_for_topic(topics_now: int, cap: int) -> None:
    """A workshop holds at most `cap` topics (merged and hidden ones count: they were posted)."""
    if topics_now >= cap:
        raise DomainError("too_many_topics", max=cap)


def initially_pending(actor: Actor, *, review_topics: bool) -> bool:
    """A participant's topic waits for review where the workshop asks for it; the
    facilitator's never does."""
    return waits_for_review(role=actor.role, reviewing=review_topics, has_words=True)


def may_change(actor: Actor, author_id: int | None, *, hidden: bool) -> None:
    """The facilitator may change any topic; a participant only their own, and not once hidden.

    A hidden topic stays as the facilitator left it: its author's edits would otherwise put back
    what was taken off the wall.
    """
    if actor.is_facilitator:
        return
    if actor.role != "participant" or author_id != actor.id:
        raise DomainError("not_your_topic")
    if hidden:
        raise DomainError("topic_hidden")


def check_merge(source_id: int, target_id: int, *, target_visible: bool) -> None:
    """Two different topics, and never into a hidden or unreviewed one (the merged words would
    vanish from the room)."""
    if source_id == target_id:
        raise DomainError("merge_into_self")
    if not target_visible:
        raise DomainError("not_found")


def unmerged_description(
    target_description: str, source_title: str, source_description: str
) -> str:
    """The target's words without what merging the source had added to them."""
    added = f"\n\n{source_title}: {source_description}"
    if source_description and added in target_description:
        return target_description.replace(added, "", 1)
    if source_description and target_description.startswith(f"{source_title}: "):
        return target_description.removeprefix(f"{source_title}: {source_description}").strip()
    return target_description


def merged_description(
    target_description: str, source_title: str, source_description: str, *, source_visible: bool
) -> str:
    """The target keeps the duplicate's words below its own, unless the duplicate was hidden
    (its words were taken off the wall) or never reviewed."""
    if not source_visible or not source_description or source_description in target_description:
        return target_description
    merged = f"{target_description}\n\n{source_title}: {source_description}".strip()
    return merged[: rules.TOPIC_DESCRIPTION_MAX]
