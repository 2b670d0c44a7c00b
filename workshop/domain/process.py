"""A process: workshops in order, each a step of one double diamond (issue 24).

The reference case is not one day: a municipality maps for months, holds an Open Space with the
professionals, then consults young people and parents, then writes a plan it follows up. A
process names that whole ("Barn och unga i Ånge 2026"), belongs to one facilitator and holds her
workshops in order, each marked with the double-diamond phase it serves in the process (not the
phase the room was last switched to: a youth consultation may be the process's second Discover).

The workshops stay whole on their own: a process only points at them, so removing a step or the
process deletes no workshop, and deleting a workshop takes its step away with it. The counts per
group are participations, not people: a parent who came to two workshops is counted in both, so
the process's totals are exactly the sums of its workshops' (the test of the process page).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from . import rules
from .errors import DomainError
from .phases import PHASES, check_phase

NAME_MAX = 200
# Workshops one process holds at most: months of work are a handful of days, not hundreds.
MAX_STEPS = 40
# The groups a participant may name (domain/rules.py), and those who named none.
GROUPS = (*rules.GROUPS, "unspecified")
DIRECTIONS = ("up", "down")


@dataclass(frozen=True)
class Step:
    """One workshop in a process: where it stands (1 first) and the phase it serves."""

    id: int
    workshop_id: int
    position: int
    phase: str


def clean_name(value: object) -> str:
    """A process's name: one line, required, at most NAME_MAX characters."""
    return rules.clean_line(value, field="name", max_length=NAME_MAX, required=True)


def clean_phase(value: object) -> str:
    """One of the double diamond's four phases; Discover when none is named."""
    return check_phase(value or PHASES[0])


def check_can_add(steps: Sequence[Step], workshop_id: int) -> None:
    """A workshop appears once in a process, and a process holds at most MAX_STEPS."""
    if any(step.workshop_id == workshop_id for step in steps):
        raise DomainError("already_in_process")
    if len(steps) >= MAX_STEPS:
        raise DomainError("too_many_steps", max=MAX_STEPS)


def moved(steps: Sequence[Step], step_id: int, direction: object) -> dict[int, int]:
    """The new position of every step after moving one a place up (earlier) or down.

    Positions come back as 1..n without gaps, whatever gaps removals left. Moving the first
    step up or the last down changes nothing rather than failing: a double click on a button
    that has just moved its row should not show an error.
    """
    if direction not in DIRECTIONS:
        raise DomainError("bad_request", field="direction")
    order = [step.id for step in sorted(steps, key=lambda step: (step.position, step.id))]
    if step_id not in order:
        raise DomainError("not_found")
    at = order.index(step_id)
    to = at - 1 if direction == "up" else at + 1
    if 0 <= to < len(order):
        order[at], order[to] = order[to], order[at]
    return {sid: place for place, sid in enumerate(order, start=1)}


def renumbered(steps: Sequence[Step]) -> dict[int, int]:
    """Positions 1..n in the current order (after a step was taken out)."""
    ordered = sorted(steps, key=lambda step: (step.position, step.id))
    return {step.id: place for place, step in enumerate(ordered, start=1)}


def group_totals(per_step: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """The counts per group over every step: the sum of each workshop's, every group named
    (0 where none came) so the columns of the process page line up."""
    totals = dict.fromkeys(GROUPS, 0)
    for counts in per_step:
        for group, n in counts.items():
            totals[group if group in totals else "unspecified"] += n
    return totals
