"""A process's rules: one workshop once, the order of its steps, the totals per group."""

from __future__ import annotations

import pytest

from tests.support.refusals import refused
from workshop.domain import process as rules
from workshop.domain.errors import DomainError

STEPS = [
    rules.Step(10, 1, 1, "discover"),
    rules.Step(11, 2, 2, "discover"),
    rules.Step(12, 3, 4, "define"),
]


def test_a_workshop_is_a_step_of_a_process_once() -> None:
    rules.check_can_add(STEPS, 4)
    with refused("already_in_process"):
        rules.check_can_add(STEPS, 2)


def test_a_process_holds_at_most_max_steps() -> None:
    full = [rules.Step(i, i, i, "discover") for i in range(1, rules.MAX_STEPS + 1)]
    rules.check_can_add(full[:-1], 999)
    with refused("too_many_steps") as caught:
        rules.check_can_add(full, 999)
    assert caught.value.params == {"max": rules.MAX_STEPS}


def test_moving_a_step_swaps_it_with_its_neighbour_and_closes_gaps() -> None:
    assert rules.moved(STEPS, 12, "up") == {10: 1, 12: 2, 11: 3}
    assert rules.moved(STEPS, 10, "down") == {11: 1, 10: 2, 12: 3}
    # At either end nothing moves, and the gap left by a removal (position 3) closes.
    assert rules.moved(STEPS, 10, "up") == {10: 1, 11: 2, 12: 3}
    assert rules.moved(STEPS, 12, "down") == {10: 1, 11: 2, 12: 3}


def test_moving_names_a_step_of_the_process_and_a_direction() -> None:
    with refused("not_found"):
        rules.moved(STEPS, 99, "up")
    with refused("bad_request"):
        rules.moved(STEPS, 10, "sideways")


def test_phase_and_name_are_checked() -> None:
    assert rules.clean_phase("") == "discover"
    assert rules.clean_phase("deliver") == "deliver"
    with refused("bad_request"):
        rules.clean_phase("later")
    assert rules.clean_name("  Barn och unga\ni Ånge 2026 ") == "Barn och unga i Ånge 2026"
    with refused("empty"):
        rules.clean_name("   ")
    with pytest.raises(DomainError):
        rules.clean_name("x" * (rules.NAME_MAX + 1))


def test_the_totals_per_group_are_the_sums_of_the_steps() -> None:
    totals = rules.group_totals(
        [{"professional": 6, "unspecified": 1}, {"young": 4}, {"parent": 5, "professional": 1}]
    )
    assert totals == {"young": 4, "parent": 5, "professional": 7, "unspecified": 1}
    assert rules.group_totals([]) == {"young": 0, "parent": 0, "professional": 0, "unspecified": 0}
