"""The catalogue of events: every change in a workshop is one of these, numbered by `seq`.

Each dataclass is one event type; its docstring is the catalogue entry and `docs/protocol.md`
lists them all (a test keeps the two in step). Payloads hold only what every screen in the room
may see: never who did it (the actor is kept server-side in the log) and never who voted for what.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True)
class Event:
    """Base class: `type` is the wire name, the fields are the payload."""

    type: ClassVar[str] = ""

    def payload(self) -> dict[str, Any]:
        """The JSON payload sent to clients and stored in the log."""
        return asdict(self)


@dataclass(frozen=True)
class WorkshopUpdated(Event):
    """The facilitator changed the title, theme question, language or default dot budget."""

    type: ClassVar[str] = "workshop.updated"
    workshop: dict[str, Any]


@dataclass(frozen=True)
class WorkshopClosed(Event):
    """The workshop was closed: no new joins, no new topics or votes; results stay visible."""

    type: ClassVar[str] = "workshop.closed"
    workshop: dict[str, Any]


@dataclass(frozen=True)
class WorkshopReopened(Event):
    """A closed workshop was opened again."""

    type: ClassVar[str] = "workshop.reopened"
    workshop: dict[str, Any]


@dataclass(frozen=True)
class ParticipantJoined(Event):
    """Someone joined; only the counts per group travel, never a name or nickname."""

    type: ClassVar[str] = "participant.joined"
    participants: dict[str, Any]


@dataclass(frozen=True)
class ParticipantUpdated(Event):
    """A participant changed their group; the counts per group change with it."""

    type: ClassVar[str] = "participant.updated"
    participants: dict[str, Any]


@dataclass(frozen=True)
class TopicPosted(Event):
    """A participant (or the facilitator) posted a topic on the marketplace."""

    type: ClassVar[str] = "topic.posted"
    topic: dict[str, Any]


@dataclass(frozen=True)
class TopicEdited(Event):
    """The author changed a topic's title or description."""

    type: ClassVar[str] = "topic.edited"
    topic: dict[str, Any]


@dataclass(frozen=True)
class TopicDeleted(Event):
    """A topic was deleted by its author or the facilitator; its dots go back to the voters."""

    type: ClassVar[str] = "topic.deleted"
    topic_id: int
    tally: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class TopicHidden(Event):
    """The facilitator hid a topic (off-topic or a duplicate); participants and wall drop it."""

    type: ClassVar[str] = "topic.hidden"
    topic: dict[str, Any]
    tally: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class TopicUnhidden(Event):
    """The facilitator showed a hidden topic again."""

    type: ClassVar[str] = "topic.unhidden"
    topic: dict[str, Any]
    tally: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class TopicMerged(Event):
    """A duplicate was merged into another topic; its dots follow (above the cap they return)."""

    type: ClassVar[str] = "topic.merged"
    source_id: int
    target: dict[str, Any]
    tally: dict[str, int]


@dataclass(frozen=True)
class RoundOpened(Event):
    """The facilitator opened a dot-voting round with a budget and a cap per topic."""

    type: ClassVar[str] = "round.opened"
    round: dict[str, Any]


@dataclass(frozen=True)
class RoundClosed(Event):
    """The voting round closed; `results` is the final ranking, ties sharing a rank."""

    type: ClassVar[str] = "round.closed"
    round: dict[str, Any]
    results: list[dict[str, int]]


@dataclass(frozen=True)
class VoteCast(Event):
    """Someone put a dot on a topic; only the topic's new total travels."""

    type: ClassVar[str] = "vote.cast"
    round_id: int
    topic_id: int
    total: int


@dataclass(frozen=True)
class VoteRetracted(Event):
    """Someone took a dot back; only the topic's new total travels."""

    type: ClassVar[str] = "vote.retracted"
    round_id: int
    topic_id: int
    total: int


EVENT_TYPES: dict[str, type[Event]] = {
    cls.type: cls
    for cls in (
        WorkshopUpdated,
        WorkshopClosed,
        WorkshopReopened,
        ParticipantJoined,
        ParticipantUpdated,
        TopicPosted,
        TopicEdited,
        TopicDeleted,
        TopicHidden,
        TopicUnhidden,
        TopicMerged,
        RoundOpened,
        RoundClosed,
        VoteCast,
        VoteRetracted,
    )
}
