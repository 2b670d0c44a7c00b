"""Countdowns on the server's clock, tested by moving the clock; announcements' text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.refusals import refused
from workshop.domain import timers
from workshop.domain.errors import DomainError

T0 = datetime(2026, 11, 27, 10, 0, 0, tzinfo=UTC)


def test_a_running_countdown_is_counted_from_the_given_now() -> None:
    timer = timers.started(1, 45, T0)
    assert timer.ends_at == "2026-11-27T10:45:00Z"
    assert timers.remaining(timer, T0) == 45 * 60
    assert timers.remaining(timer, T0 + timedelta(minutes=44, seconds=30)) == 30
    assert timers.remaining(timer, T0 + timedelta(hours=2)) == 0  # never below zero


def test_stop_freezes_what_is_left_and_extend_adds_to_it() -> None:
    timer = timers.started(1, 10, T0)
    frozen = timers.stopped(timer, T0 + timedelta(minutes=4))
    assert (frozen.running, frozen.ends_at, frozen.left) == (False, None, 360)
    # However long it stays stopped, nothing runs off.
    assert timers.remaining(frozen, T0 + timedelta(hours=5)) == 360
    assert timers.extended(frozen, 5, T0).left == 660


def test_extend_moves_the_end_or_restarts_a_countdown_that_ran_out() -> None:
    timer = timers.started(1, 10, T0)
    later = timers.extended(timer, 5, T0 + timedelta(minutes=3))
    assert later.ends_at == "2026-11-27T10:15:00Z"
    ran_out = timers.extended(timer, 5, T0 + timedelta(minutes=30))
    assert ran_out.ends_at == "2026-11-27T10:35:00Z"
    assert timers.remaining(ran_out, T0 + timedelta(minutes=30)) == 300


def test_minutes_and_announcements_are_checked() -> None:
    assert timers.check_minutes(5) == 5
    for bad, code in (
        (0, "bad_minutes"),
        (601, "bad_minutes"),
        (True, "bad_request"),
        ("5", "bad_request"),
    ):
        with pytest.raises(DomainError) as caught:
            timers.check_minutes(bad)
        assert caught.value.code == code
    assert timers.clean_announcement("  Lunch   at 12 ") == "Lunch at 12"
    with refused("empty"):
        timers.clean_announcement("")
    with refused("too_long"):
        timers.clean_announcement("x" * 201)


def test_the_state_keeps_the_latest_announcement_and_each_slot_s_timer() -> None:
    state = {"timers": {}, "announcement": None}
    timers.TimerStarted(timer=timers.started(3, 5, T0)).reduce(state, include_hidden=False)
    timers.AnnouncementSent(id=1, text="A", at="x").reduce(state, include_hidden=False)
    timers.AnnouncementSent(id=2, text="B", at="y").reduce(state, include_hidden=False)
    assert state["announcement"] == {"id": 2, "text": "B", "at": "y"}
    assert state["timers"]["3"]["running"] is True
