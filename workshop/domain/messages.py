"""Server messages that are not events: private or transient, never logged, never numbered.

Each is a typed dataclass whose `name` is the Socket.IO message and whose docstring is its
catalogue entry in docs/protocol.md (a test keeps the two in step).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar

MESSAGES: dict[str, type[Message]] = {}


@dataclass(frozen=True)
class Message:
    """Base class: `name` is the Socket.IO message name, the fields are its body."""

    name: ClassVar[str] = ""

    def body(self) -> dict[str, Any]:
        """The JSON body."""
        return dataclasses.asdict(self)


def message(cls: type[Message]) -> type[Message]:
    """Register a server message by name."""
    MESSAGES[cls.name] = cls
    return cls


@message
@dataclass(frozen=True)
class Me(Message):
    """To one participant's sockets only: their profile, own topics and dots in the latest round.

    `hidden_topic_ids` are the participant's own topics that the organiser took off the wall
    (ids only), so the phone can say so kindly; `waiting_topics` ({id, title}) their own topics
    that wait for the organiser's review.
    """

    name: ClassVar[str] = "me"
    participant_id: int
    nickname: str
    group: str
    organisation: str
    topic_ids: list[int]
    hidden_topic_ids: list[int]
    waiting_topics: list[dict[str, Any]]
    round_id: int | None
    votes: dict[str, int]
    dots_left: int
    # In a round on themes: their dots per theme id (`votes` is per topic id).
    theme_votes: dict[str, int] = field(default_factory=dict)
    # Their ideas, board cards, notes and photos waiting for review ({id, kind, words}).
    waiting_inputs: list[dict[str, Any]] = field(default_factory=list)
    # The Open Space agenda: the sessions they said "I'm going" to, and the one they are in.
    going: list[int] = field(default_factory=list)
    here: int | None = None
    # Their answers to the quick questions, by question id (the word, number or option index).
    answers: dict[str, str] = field(default_factory=dict)


@message
@dataclass(frozen=True)
class DotsReturned(Message):
    """To one participant's sockets: dots they had placed in the open round came back, and why
    (`hidden`: the organiser took the topic off the wall; `merged`: it was merged with a topic
    that already had as many of their dots as one topic may hold; `deleted`: it was deleted)."""

    name: ClassVar[str] = "dots.returned"
    reason: str
    dots: int


@message
@dataclass(frozen=True)
class Head(Message):
    """Every few seconds, to every screen: the workshop's latest seq, so a screen that lost a
    broadcast notices it in a quiet room and asks `sync`."""

    name: ClassVar[str] = "head"
    workshop_id: int
    seq: int


@message
@dataclass(frozen=True)
class Warning(Message):
    """To one socket: a command was refused for flooding; next comes a disconnect."""

    name: ClassVar[str] = "warning"
    ok: bool
    error: dict[str, Any] = field(default_factory=dict)


@message
@dataclass(frozen=True)
class WorkshopDeleted(Message):
    """To a deleted workshop's screens, just before their sockets are ended."""

    name: ClassVar[str] = "workshop.deleted"
    workshop_id: int


@message
@dataclass(frozen=True)
class SessionEnded(Message):
    """To a facilitator's sockets when the login ends (logout or expiry): go to the login page."""

    name: ClassVar[str] = "session.ended"


@message
@dataclass(frozen=True)
class TeamPresent(Message):
    """To a workshop's consoles when a member of its team connects, leaves, or opens another
    part of the console: who is connected now, `[{email, role, part}]` (the team role, the
    rail's part key or "" before the console says). Counted per server process."""

    name: ClassVar[str] = "team.present"
    workshop_id: int
    present: list[dict[str, str]] = field(default_factory=list)


@message
@dataclass(frozen=True)
class TeamActed(Message):
    """To a workshop's consoles when a member of its team did something: the console's short
    history's new entries, `[{seq, type, by, at}]` newest first (`by` the member's name as the
    team sees it). A participant's actions are never in it."""

    name: ClassVar[str] = "team.acted"
    workshop_id: int
    entries: list[dict[str, Any]] = field(default_factory=list)


@message
@dataclass(frozen=True)
class BoardDragging(Message):
    """To the other board screens of a workshop while someone drags a card: where it is now.
    Not an event: never stored, never numbered; the drop is `board.move`."""

    name: ClassVar[str] = "board.dragging"
    workshop_id: int
    card_id: int
    x: int
    y: int


@message
@dataclass(frozen=True)
class ServerRestarting(Message):
    """To every socket of a process that is shutting down: reconnect in a moment."""

    name: ClassVar[str] = "server.restarting"
