"""Review before showing, for every kind of participant input that carries words or a picture.

In a youth or parent consultation an adult reads what participants write before the room sees
it. Topics wait as topics (`pending`, domain/topics.py). Every other input that carries words
(an idea, a board card or note, a session's notes, a photo of the flip chart) is held whole: the
command skeleton (services/runner.py) checks it as if it ran, then keeps the participant's
command instead of running it, and the facilitator either lets it run as the participant sent
it (`input.settled` with `shown`) or drops it. Until then its words reach only the console.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .errors import DomainError
from .events import Event, State, Subject, empty_slice, event

# How the console names what waits; a photo is shown from its held file; "word": an answer to
# a quick question (domain/questions.py).
KINDS = ("idea", "card", "notes", "photo", "word")
# Inputs one participant may have waiting at once: a phone cannot bury the console's queue.
PER_PERSON_MAX = 30

empty_slice("held", {})


@dataclass(frozen=True)
class Reviewed:
    """How a command's input waits for review: shown on the console as `kind`; `fields` are
    the payload's fields that hold its words (an input without any is not held)."""

    kind: str
    fields: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(self.kind)

    def words(self, data: Mapping[str, Any]) -> dict[str, str]:
        """The words this input would show (the console reads them before anyone else)."""
        return {
            name: value
            for name in self.fields
            if isinstance(value := data.get(name), str) and value.strip()
        }


def waits_for_review(*, role: str, reviewing: bool, has_words: bool) -> bool:
    """The one rule: where the workshop reviews before showing, a participant's words (and
    pictures) wait for the facilitator; the facilitator's never do, nor input without words
    (a dot, moving a card, a role card from the catalogue)."""
    return reviewing and role == "participant" and has_words


def check_room(waiting: int) -> None:
    """Refuse one more held input from a person who already has PER_PERSON_MAX waiting."""
    if waiting >= PER_PERSON_MAX:
        raise DomainError("too_many_waiting", max=PER_PERSON_MAX)


@dataclass(frozen=True)
class HeldInput:
    """An input waiting for review: which kind, its words (for a photo its file's name, which
    the console shows as the picture), when it came. The author stays server-side."""

    id: int
    kind: str
    words: dict[str, str] = field(default_factory=dict)
    created_at: str | None = None


@event
@dataclass(frozen=True)
class InputHeld(Event):
    """A participant's input waits for review (an idea, a board card or note, session notes,
    a photo). The console's copy carries its words; phones and the wall receive the id and
    kind only, and keep nothing."""

    type: ClassVar[str] = "input.held"
    held: HeldInput

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        if include_hidden:
            state["held"][str(self.held.id)] = dataclasses.asdict(self.held)

    def public(self) -> Event:
        return dataclasses.replace(self, held=dataclasses.replace(self.held, words={}))

    words_about: ClassVar[str] = "held"

    def words(self) -> tuple[Subject, ...]:
        return (("held", self.held.id),)

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        return self.public() if ("held", self.held.id) in subjects else self


@event
@dataclass(frozen=True)
class InputSettled(Event):
    """The facilitator let a held input through (`shown`: its own events follow, as if the
    participant had just sent it) or dropped it; either way it leaves the queue."""

    type: ClassVar[str] = "input.settled"
    same_for_everyone: ClassVar[bool] = True
    held_id: int
    shown: bool

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["held"].pop(str(self.held_id), None)

    def ends(self) -> tuple[Subject, ...]:
        return (("held", self.held_id),)
