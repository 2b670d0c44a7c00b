"""The double diamond's four phases as workshop state: Discover, Define, Develop, Deliver.

The coordinator moves the room forward and, when the group loops, back; every screen shows the
phase and offers what belongs to it. A new workshop starts in Discover.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .errors import DomainError
from .events import Event, State, empty_slice, event

PHASES = ("discover", "define", "develop", "deliver")
FIRST = PHASES[0]

empty_slice("phase", FIRST)


@event
@dataclass(frozen=True)
class PhaseChanged(Event):
    """The facilitator moved the workshop to another phase (`discover`, `define`, `develop`,
    `deliver`), forward or back; every screen shows what belongs to it."""

    type: ClassVar[str] = "phase.changed"
    same_for_everyone: ClassVar[bool] = True
    phase: str

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["phase"] = self.phase


def check_phase(phase: object) -> str:
    """One of the four phases, by its stable name."""
    if phase not in PHASES:
        raise DomainError("bad_request", field="phase")
    return str(phase)


def require_phase(current: str, *allowed: str) -> None:
    """Some things belong to one phase (ideas to Develop): anything else is refused clearly."""
    if current not in allowed:
        raise DomainError("wrong_phase")
