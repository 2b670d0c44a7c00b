"""The Open Space agenda: time slots, spaces, sessions in the cells of slots x spaces, attendance.

A session is a topic placed in one cell by its convener (the topic's author) or the facilitator.
It carries the topic's id, never its words: screens take the title from their topics, so a topic
the facilitator hides or edits changes the agenda everywhere without a second copy to scrub.

Who convenes a session is known to the console only (to show a convener booked twice at once);
phones and the wall receive sessions without it.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Set
from dataclasses import dataclass, field
from typing import Any, ClassVar

from . import rules
from .actors import Actor
from .errors import DomainError
from .events import Event, State, Subject, blank, empty_slice, event
from .notes import FIELDS as NOTE_FIELDS

SPACE_NAME_MAX = 60
CAPACITY_MAX = 10_000
SLOTS_MAX = 20
SPACES_MAX = 60
_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

empty_slice("agenda", {"slots": {}, "spaces": {}, "sessions": {}, "counts": {}})


@dataclass(frozen=True)
class SlotInfo:
    """A time slot of the day, as local wall-clock times "HH:MM" (the room shares one clock)."""

    id: int
    starts: str
    ends: str


@dataclass(frozen=True)
class SpaceInfo:
    """A room or a corner; `capacity` is how many people fit (None: not said)."""

    id: int
    name: str
    capacity: int | None = None


@dataclass(frozen=True)
class SessionInfo:
    """A topic in one cell. `convener` (a participant id) reaches the console only.

    `also_topic_ids` are the topics of sessions merged into this one, so their titles stay shown.
    """

    id: int
    topic_id: int
    slot_id: int
    space_id: int
    convener: int | None = None
    also_topic_ids: list[int] = field(default_factory=list)

    def public(self) -> SessionInfo:
        """The session without who convenes it."""
        return dataclasses.replace(self, convener=None)


@dataclass(frozen=True)
class Counts:
    """How many plan to come ("I'm going") and how many are in the session now ("I'm here")."""

    going: int = 0
    here: int = 0


def _agenda(state: State) -> dict:
    return state["agenda"]


def _put_session(state: State, session: SessionInfo, include_hidden: bool) -> None:
    shown = session if include_hidden else session.public()
    _agenda(state)["sessions"][str(session.id)] = dataclasses.asdict(shown)


def _set_counts(state: State, counts: dict[str, Counts]) -> None:
    for session_id, count in counts.items():
        if count.going or count.here:
            _agenda(state)["counts"][session_id] = dataclasses.asdict(count)
        else:
            _agenda(state)["counts"].pop(session_id, None)


def _notes_of(session_id: int) -> tuple[Subject, ...]:
    """The words of a session's notes, field by field (as `notes.written` carries them)."""
    return tuple((f"notes.{name}", session_id) for name in NOTE_FIELDS)


@event
@dataclass(frozen=True)
class SlotSaved(Event):
    """The facilitator added a time slot or changed its times."""

    type: ClassVar[str] = "slot.saved"
    same_for_everyone: ClassVar[bool] = True
    slot: SlotInfo

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _agenda(state)["slots"][str(self.slot.id)] = dataclasses.asdict(self.slot)


@event
@dataclass(frozen=True)
class SlotRemoved(Event):
    """The facilitator removed an empty time slot."""

    type: ClassVar[str] = "slot.removed"
    same_for_everyone: ClassVar[bool] = True
    slot_id: int

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _agenda(state)["slots"].pop(str(self.slot_id), None)
        state["timers"].pop(str(self.slot_id), None)


@event
@dataclass(frozen=True)
class SpaceSaved(Event):
    """The facilitator added a space (room, corner) or changed its name or capacity."""

    type: ClassVar[str] = "space.saved"
    same_for_everyone: ClassVar[bool] = True
    space: SpaceInfo

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _agenda(state)["spaces"][str(self.space.id)] = dataclasses.asdict(self.space)

    words_about: ClassVar[str] = "space"

    def words(self) -> tuple[Subject, ...]:
        return (("space", self.space.id),)

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        return dataclasses.replace(self, space=blank(self.space, "name")) if subjects else self


@event
@dataclass(frozen=True)
class SpaceRemoved(Event):
    """The facilitator removed an empty space."""

    type: ClassVar[str] = "space.removed"
    same_for_everyone: ClassVar[bool] = True
    space_id: int

    def ends(self) -> tuple[Subject, ...]:
        return (("space", self.space_id),)

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _agenda(state)["spaces"].pop(str(self.space_id), None)


@dataclass(frozen=True)
class _SessionChange(Event):
    session: SessionInfo

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _put_session(state, self.session, include_hidden)

    def public(self) -> Event:
        return dataclasses.replace(self, session=self.session.public())


@event
@dataclass(frozen=True)
class SessionPlaced(_SessionChange):
    """A convener put their topic in a free cell of the agenda (or the facilitator did)."""

    type: ClassVar[str] = "session.placed"


@event
@dataclass(frozen=True)
class SessionMoved(_SessionChange):
    """A session moved to another cell; its attendance, votes and notes go with it."""

    type: ClassVar[str] = "session.moved"


@event
@dataclass(frozen=True)
class SessionMerged(Event):
    """The facilitator merged two sessions on one subject: the source leaves the grid, the
    target keeps the source's topic in `also_topic_ids` and its people (`counts`)."""

    type: ClassVar[str] = "session.merged"
    source_id: int
    target: SessionInfo
    counts: dict[str, Counts] = field(default_factory=dict)
    # The target's notes after the merge ({fields, counts}), the source's words included.
    notes: dict[str, Any] | None = None

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _agenda(state)["sessions"].pop(str(self.source_id), None)
        _agenda(state)["counts"].pop(str(self.source_id), None)
        state["notes"].pop(str(self.source_id), None)
        if self.notes is not None:
            state["notes"][str(self.target.id)] = self.notes
        _put_session(state, self.target, include_hidden)
        _set_counts(state, self.counts)

    def public(self) -> Event:
        return dataclasses.replace(self, target=self.target.public())

    words_about: ClassVar[str] = "notes"

    def words(self) -> tuple[Subject, ...]:
        fields = (self.notes or {}).get("fields", {})
        return tuple((f"notes.{name}", self.target.id) for name in fields)

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        if not subjects or self.notes is None:
            return self
        fields = {
            name: {**value, "text": ""} if (f"notes.{name}", self.target.id) in subjects else value
            for name, value in self.notes.get("fields", {}).items()
        }
        return dataclasses.replace(self, notes={**self.notes, "fields": fields})

    def ends(self) -> tuple[Subject, ...]:
        return _notes_of(self.source_id)


@event
@dataclass(frozen=True)
class SessionRemoved(Event):
    """A session left the agenda (its convener or the facilitator took it out, or its topic was
    deleted); the topic itself stays on the marketplace."""

    type: ClassVar[str] = "session.removed"
    same_for_everyone: ClassVar[bool] = True
    session_id: int

    def ends(self) -> tuple[Subject, ...]:
        return _notes_of(self.session_id)

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _agenda(state)["sessions"].pop(str(self.session_id), None)
        _agenda(state)["counts"].pop(str(self.session_id), None)
        state["notes"].pop(str(self.session_id), None)


@event
@dataclass(frozen=True)
class AttendanceCounted(Event):
    """Someone said "I'm going" or "I'm here" (or took it back): the new counts of the sessions
    concerned. Who goes where stays on their own phone."""

    type: ClassVar[str] = "attendance.counted"
    same_for_everyone: ClassVar[bool] = True
    counts: dict[str, Counts]

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _set_counts(state, self.counts)


# --- rules ---------------------------------------------------------------------------------


def clean_slot(starts: object, ends: object) -> tuple[str, str]:
    """Two "HH:MM" times, the end after the start."""
    for name, value in (("starts", starts), ("ends", ends)):
        if not isinstance(value, str) or not _CLOCK.match(value):
            raise DomainError("bad_time", field=name)
    assert isinstance(starts, str) and isinstance(ends, str)
    if ends <= starts:
        raise DomainError("bad_time", field="ends")
    return starts, ends


def check_slot_overlap(starts: str, ends: str, others: list[SlotInfo]) -> None:
    """Slots never overlap: a person cannot be in two slots at once."""
    for other in others:
        if starts < other.ends and other.starts < ends:
            raise DomainError("slot_overlap", starts=other.starts, ends=other.ends)


def clean_space(name: object, capacity: object) -> tuple[str, int | None]:
    """A space's name (one line) and capacity (1 to 10 000, or none)."""
    clean = rules.clean_line(name, field="name", max_length=SPACE_NAME_MAX, required=True)
    if capacity is None:
        return clean, None
    if isinstance(capacity, bool) or not isinstance(capacity, int):
        raise DomainError("bad_request", field="capacity")
    if not 1 <= capacity <= CAPACITY_MAX:
        raise DomainError("bad_capacity", max=CAPACITY_MAX)
    return clean, capacity


def check_room_for(kind: str, now: int) -> None:
    """At most SLOTS_MAX slots and SPACES_MAX spaces: a grid a wall can still show."""
    cap = SLOTS_MAX if kind == "slot" else SPACES_MAX
    if now >= cap:
        raise DomainError("agenda_full", max=cap)


def may_convene(actor: Actor, author_id: int | None) -> None:
    """A participant places and moves only sessions of their own topics; the facilitator any."""
    if actor.is_facilitator:
        return
    if actor.role != "participant" or author_id is None or author_id != actor.id:
        raise DomainError("not_your_session")


def check_cell(
    sessions: list[SessionInfo],
    slot_id: int,
    space_id: int,
    *,
    moving: int | None = None,
) -> None:
    """One session per cell (the database has the same rule as a unique constraint)."""
    for other in sessions:
        if other.id != moving and (other.slot_id, other.space_id) == (slot_id, space_id):
            raise DomainError("cell_taken")


def check_convener_free(
    actor: Actor, sessions: list[SessionInfo], convener: int | None, slot_id: int, *, moving=None
) -> None:
    """A participant cannot host two sessions at the same time; the facilitator may place one
    anyway (the console then shows the clash)."""
    if actor.is_facilitator or convener is None:
        return
    for other in sessions:
        if other.id != moving and other.convener == convener and other.slot_id == slot_id:
            raise DomainError("convener_busy")


def check_merge(source_id: int, target_id: int) -> None:
    """Two different sessions."""
    if source_id == target_id:
        raise DomainError("merge_into_self")


def merged_people(
    going: dict[int, set[int]], here: dict[int, int], source_id: int, target_id: int
) -> tuple[set[int], set[int]]:
    """Who is going to and who is in the merged session: everyone of either, once."""
    going_now = going.get(source_id, set()) | going.get(target_id, set())
    here_now = {pid for pid, sid in here.items() if sid in (source_id, target_id)}
    return going_now, here_now


@dataclass(frozen=True)
class Clash:
    """Something on the agenda the facilitator should look at."""

    kind: str  # "convener_twice", "cell_twice" or "over_capacity"
    session_ids: tuple[int, ...]


def clashes(
    sessions: list[SessionInfo], spaces: dict[int, SpaceInfo], counts: dict[int, Counts]
) -> list[Clash]:
    """A convener in two places at once, two sessions in one cell, a session bigger than its
    room (by those going or those there, whichever is larger)."""
    found: list[Clash] = []
    by_convener: dict[tuple[int, int], list[int]] = defaultdict(list)
    by_cell: dict[tuple[int, int], list[int]] = defaultdict(list)
    for s in sorted(sessions, key=lambda s: s.id):
        if s.convener is not None:
            by_convener[(s.convener, s.slot_id)].append(s.id)
        by_cell[(s.slot_id, s.space_id)].append(s.id)
    found += [Clash("convener_twice", tuple(ids)) for ids in by_convener.values() if len(ids) > 1]
    found += [Clash("cell_twice", tuple(ids)) for ids in by_cell.values() if len(ids) > 1]
    for s in sorted(sessions, key=lambda s: s.id):
        space = spaces.get(s.space_id)
        count = counts.get(s.id, Counts())
        if space and space.capacity is not None and max(count.going, count.here) > space.capacity:
            found.append(Clash("over_capacity", (s.id,)))
    return found
