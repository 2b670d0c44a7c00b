"""Before the day and the closing circle: the coordinator closes topic posting, and can make
the room quiet, when nothing new is posted (topics, ideas, notes, board cards) and the wall
goes calm.

Both are the coordinator's switches; the coordinator's own posts stay allowed, so a topic
forgotten on paper can still be typed in from the console.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .errors import DomainError
from .events import Event, State, empty_slice, event

# What a quiet room refuses; "topic" is refused by closed posting too.
KINDS = ("topic", "idea", "notes", "board")

empty_slice("closing", {"posting_closed": False, "quiet": False})


def check_may_post(kind: str, *, role: str, posting_closed: bool, quiet: bool) -> None:
    """Refuse a participant's new topic, idea, notes or board card while the room does not
    take them (asked through participant_input.check_input)."""
    if kind not in KINDS:
        raise ValueError(kind)
    if role == "facilitator":
        return
    if quiet:
        raise DomainError("room_quiet")
    if kind == "topic" and posting_closed:
        raise DomainError("posting_closed")


@event
@dataclass(frozen=True)
class ClosingChanged(Event):
    """The coordinator opened or closed topic posting, or made the room quiet or not."""

    type: ClassVar[str] = "closing.changed"
    same_for_everyone: ClassVar[bool] = True
    posting_closed: bool
    quiet: bool

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["closing"] = {"posting_closed": self.posting_closed, "quiet": self.quiet}
