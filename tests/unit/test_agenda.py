"""The agenda's rules without a database: times, cells, conveners, clashes, merges."""

from __future__ import annotations

import pytest

from workshop.domain import agenda
from workshop.domain.actors import Actor
from workshop.domain.agenda import Counts, SessionInfo, SlotInfo, SpaceInfo
from workshop.domain.errors import DomainError

FAC = Actor("facilitator", 1, 9)
ANNA = Actor("participant", 1, 11)


def code_of(call, *args, **kwargs) -> str:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    return caught.value.code


def test_slot_times_are_hours_and_minutes_and_end_after_the_start() -> None:
    assert agenda.clean_slot("10:00", "10:45") == ("10:00", "10:45")
    for starts, ends in (("10", "11:00"), ("25:00", "26:00"), ("11:00", "10:00"), (1000, "11:00")):
        assert code_of(agenda.clean_slot, starts, ends) == "bad_time"


def test_slots_never_overlap() -> None:
    morning = [SlotInfo(1, "10:00", "10:45")]
    agenda.check_slot_overlap("11:00", "11:45", morning)
    agenda.check_slot_overlap("10:45", "11:00", morning)  # touching is fine
    assert code_of(agenda.check_slot_overlap, "10:30", "11:15", morning) == "slot_overlap"


def test_space_capacity_is_checked() -> None:
    assert agenda.clean_space("  Room  A ", 12) == ("Room A", 12)
    assert agenda.clean_space("Corner", None) == ("Corner", None)
    assert code_of(agenda.clean_space, "Room", 0) == "bad_capacity"
    assert code_of(agenda.clean_space, "Room", True) == "bad_request"
    assert code_of(agenda.clean_space, "", 3) == "empty"


def test_one_session_per_cell_and_a_move_may_stay_in_its_own_cell() -> None:
    sessions = [SessionInfo(1, 100, 1, 1, convener=11)]
    assert code_of(agenda.check_cell, sessions, 1, 1) == "cell_taken"
    agenda.check_cell(sessions, 1, 2)
    agenda.check_cell(sessions, 1, 1, moving=1)


def test_a_convener_cannot_host_two_sessions_at_once_but_the_facilitator_may_place_one() -> None:
    sessions = [SessionInfo(1, 100, 1, 1, convener=11)]
    assert code_of(agenda.check_convener_free, ANNA, sessions, 11, 1) == "convener_busy"
    agenda.check_convener_free(ANNA, sessions, 11, 2)
    agenda.check_convener_free(ANNA, sessions, 11, 1, moving=1)
    agenda.check_convener_free(FAC, sessions, 11, 1)


def test_only_the_convener_or_the_facilitator_places_and_moves() -> None:
    agenda.may_convene(ANNA, 11)
    agenda.may_convene(FAC, None)
    assert code_of(agenda.may_convene, ANNA, 12) == "not_your_session"
    assert code_of(agenda.may_convene, ANNA, None) == "not_your_session"
    assert code_of(agenda.may_convene, Actor("wall", 1), 11) == "not_your_session"


def test_clashes_name_double_conveners_double_cells_and_full_rooms() -> None:
    spaces = {1: SpaceInfo(1, "Hall", 30), 2: SpaceInfo(2, "Corner", 4), 3: SpaceInfo(3, "Open")}
    sessions = [
        SessionInfo(1, 100, 1, 1, convener=11),
        SessionInfo(2, 101, 1, 2, convener=11),  # the same convener, same slot
        SessionInfo(3, 102, 2, 2, convener=12),
        SessionInfo(4, 103, 2, 2, convener=13),  # the same cell (only a bad import could)
        SessionInfo(5, 104, 2, 3, convener=None),  # a space without capacity never overflows
    ]
    counts = {2: Counts(going=3, here=5), 1: Counts(going=30), 5: Counts(going=999)}
    found = agenda.clashes(sessions, spaces, counts)
    assert [(c.kind, c.session_ids) for c in found] == [
        ("convener_twice", (1, 2)),
        ("cell_twice", (3, 4)),
        ("over_capacity", (2,)),
    ]


def test_a_move_to_another_slot_ends_the_double_booking() -> None:
    spaces = {1: SpaceInfo(1, "Hall", 30)}
    before = [SessionInfo(1, 100, 1, 1, convener=11), SessionInfo(2, 101, 1, 2, convener=11)]
    assert agenda.clashes(before, spaces, {})
    after = [before[0], SessionInfo(2, 101, 2, 1, convener=11)]
    assert agenda.clashes(after, spaces, {}) == []


def test_a_merge_keeps_everyone_once() -> None:
    going = {1: {11, 12}, 2: {12, 13}, 3: {14}}
    here = {11: 1, 13: 2, 14: 3}
    going_now, here_now = agenda.merged_people(going, here, 1, 2)
    assert going_now == {11, 12, 13}
    assert here_now == {11, 13}
    assert code_of(agenda.check_merge, 4, 4) == "merge_into_self"


def test_phones_and_walls_never_learn_the_convener() -> None:
    placed = agenda.SessionPlaced(session=SessionInfo(1, 100, 1, 1, convener=11))
    assert placed.public().payload()["session"]["convener"] is None
    merged = agenda.SessionMerged(source_id=2, target=SessionInfo(1, 100, 1, 1, convener=11))
    assert merged.public().payload()["target"]["convener"] is None
    state = {"agenda": {"slots": {}, "spaces": {}, "sessions": {}, "counts": {}}}
    placed.reduce(state, include_hidden=False)
    assert state["agenda"]["sessions"]["1"]["convener"] is None
