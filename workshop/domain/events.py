"""The one registry of event types: every change in a workshop is one of these, numbered by `seq`.

Each feature's domain module (workshops, participants, topics, voting) declares its events here
with `@event`: a frozen dataclass whose fields are the payload, whose docstring is the catalogue
entry and whose `reduce` is the one way it changes the room state. Everything else follows from
this registry: `state.apply`, the browser reducers in static/js/state/, docs/protocol.md and the
replay test (tests/unit/test_registry.py names whatever piece a new type lacks).

Payloads hold only what a screen in the room may see: never who did it (the actor is kept
server-side in the log) and never who voted for what. What a participant's or the wall's screen
may see is `public()`: the console gets the event as it is, everyone else its public form.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from collections.abc import Set
from typing import Any, ClassVar, TypeVar

State = dict[str, Any]
E = TypeVar("E", bound="Event")
# Whose words an event carries: ("topic", 12), ("card", 7), ("notes.summary", 3) ...
Subject = tuple[str, int]

EVENT_TYPES: dict[str, type[Event]] = {}
# The empty slice of the state each feature owns ({"topics": {}}, ...); a snapshot is their union.
EMPTY_SLICES: dict[str, Any] = {}

_NAME = re.compile(r"^[a-z]+\.[a-z_]+$")


@dataclasses.dataclass(frozen=True)
class Event:
    """Base class: `type` is the wire name (`noun.verb_past`), the fields are the payload."""

    type: ClassVar[str] = ""
    # Every type declares what phones and the wall receive: its own `public()`, or this flag
    # set to say that nothing in it is for the console alone (tests/services/test_registry.py
    # names a type that does neither).
    same_for_everyone: ClassVar[bool] = False

    def payload(self) -> dict[str, Any]:
        """The JSON payload sent to clients and stored in the log."""
        return dataclasses.asdict(self)

    @classmethod
    def from_payload(cls: type[E], data: dict[str, Any]) -> E:
        """The typed event back from its JSON payload (the log, a sync, a test)."""
        return decode(cls, data)

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        """Change `state` (a private copy) as this event says; the console has include_hidden."""
        raise NotImplementedError(f"{self.type} has no reducer")

    def public(self) -> Event:
        """What a participant's phone and the wall receive instead (the same event by default)."""
        return self

    # The kind of subject whose words the type carries ("topic", "card", "notes" ...), so that
    # scrubbing one subject reads only the events that can hold its words.
    words_about: ClassVar[str] = ""

    def words(self) -> tuple[Subject, ...]:
        """Whose typed words this event carries (a topic's, a card's ...). A replay leaves out
        the words of a subject that was rewritten later or is no longer shown, and deleting a
        subject scrubs them from the log."""
        return ()

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        """This event with the words of `subjects` blanked; `withdrawn`: they are no longer
        shown at all (hidden, removed, unpublished), so the public form must drop them too."""
        return self

    def ends(self) -> tuple[Subject, ...]:
        """Whose words leave the room with this event (a card, an action, a session's notes):
        a replay then carries none of them from before."""
        return ()


def event(cls: type[E]) -> type[E]:
    """Register an event type by its wire name; refuses a second type of the same name."""
    if not _NAME.match(cls.type):
        raise ValueError(f"event type {cls.type!r} is not noun.verb_past")
    if cls.type in EVENT_TYPES:
        raise ValueError(f"event type {cls.type!r} is registered twice")
    if not (cls.__doc__ or "").strip():
        raise ValueError(f"event type {cls.type!r} needs a docstring: it is the catalogue entry")
    if cls.reduce is Event.reduce:
        raise ValueError(f"event type {cls.type!r} needs a reducer")
    EVENT_TYPES[cls.type] = cls
    return cls


def empty_slice(name: str, value: Any) -> None:
    """Declare the part of the room state a feature owns, as it is before anything happened."""
    EMPTY_SLICES[name] = value


def decode(cls: type[E], data: dict[str, Any]) -> E:
    """Build a dataclass (nested ones too) from JSON data; unknown keys are ignored."""
    hints = _hints(cls)
    values = {
        f.name: _decode_value(hints[f.name], data[f.name])
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.name in data
    }
    return cls(**values)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode_value(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        return _decode_value(hint, value)
    if dataclasses.is_dataclass(hint):
        return decode(hint, value)  # type: ignore[arg-type]
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_decode_value(item, v) for v in value]
    if origin is dict:
        _key, item = typing.get_args(hint)
        return {k: _decode_value(item, v) for k, v in value.items()}
    return value


def wire(workshop_id: int, seq: int, at: str | None, typed: Event) -> dict[str, Any]:
    """An event as it travels: `{workshop_id, seq, type, at, payload}`."""
    return {
        "workshop_id": workshop_id,
        "seq": seq,
        "type": typed.type,
        "at": at,
        "payload": typed.payload(),
    }


def typed(stored: dict[str, Any]) -> Event:
    """A stored or wire event as its registered type."""
    return EVENT_TYPES[stored["type"]].from_payload(stored["payload"])


def with_payload(stored: dict[str, Any], changed: Event) -> dict[str, Any]:
    """A stored event carrying another payload (the same seq and time): its type's too."""
    payload = changed.payload()
    if changed.type == stored["type"] and payload == stored["payload"]:
        return stored
    return {**stored, "type": changed.type, "payload": payload}


def words_left_out(stored: list[dict[str, Any]], withdrawn: Set[Subject]) -> list[dict[str, Any]]:
    """Logged events to replay to a screen, with only the words it may still see: a subject's
    words ride only on the last event that carries them (earlier versions were rewritten), and
    a withdrawn subject's (hidden, waiting, unpublished, or gone since) on none."""
    decoded = [typed(e) if _touches_words(EVENT_TYPES[e["type"]]) else None for e in stored]
    last: dict[Subject, int] = {}
    ended: dict[Subject, int] = {}
    for position, event in enumerate(decoded):
        if event is not None:
            last.update((subject, position) for subject in event.words())
            ended.update((subject, position) for subject in event.ends())
    # A subject that left after its last words (and was not put back) is withdrawn too.
    gone_since = {subject for subject, at in ended.items() if at > last.get(subject, -1)}
    withdrawn = gone_since.union(withdrawn)
    out = []
    for position, (stored_event, event) in enumerate(zip(stored, decoded, strict=True)):
        subjects = set(event.words()) if event is not None else set()
        if not subjects:
            out.append(stored_event)
            continue
        gone = subjects & withdrawn
        older = {s for s in subjects - gone if last[s] != position}
        if gone:
            event = event.without_words(gone, withdrawn=True)
        if older:
            event = event.without_words(older, withdrawn=False)
        out.append(with_payload(stored_event, event))
    return out


def _touches_words(cls: type[Event]) -> bool:
    return cls.words is not Event.words or cls.ends is not Event.ends


def blank(value: Any, *names: str) -> Any:
    """A dataclass with the text fields `names` emptied (a dict of texts becomes {})."""
    return dataclasses.replace(
        value, **{n: {} if isinstance(getattr(value, n), dict) else "" for n in names}
    )


def public_wire(stored: dict[str, Any]) -> dict[str, Any]:
    """The form of a wire event that a participant or the wall may receive (same seq)."""
    cls = EVENT_TYPES[stored["type"]]
    if cls.public is Event.public:
        return stored
    return with_payload(stored, cls.from_payload(stored["payload"]).public())
