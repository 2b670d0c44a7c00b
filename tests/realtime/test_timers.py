"""Timers and announcements over Socket.IO: only the facilitator runs them, every screen gets
them, a reconnecting phone gets the same end time and the last announcement, on the server's
clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.conftest import ack, events_of, op, socket_for
from workshop.domain import timers as timer_rules
from workshop.services import timers


@pytest.fixture
def slot(room: dict[str, Any]) -> int:
    answer = ack(room["console"], "slot.save", {"op_id": op(), "starts": "10:00", "ends": "10:45"})
    for name in ("console", "phone_a", "phone_b", "wall"):
        room[name].get_received()
    return answer["slot"]["id"]


def test_only_the_facilitator_runs_timers_and_announcements(
    room: dict[str, Any], slot: int
) -> None:
    for sender in ("phone_a", "wall"):
        for event, body in (
            ("timer.start", {"slot_id": slot, "minutes": 5}),
            ("timer.stop", {"slot_id": slot}),
            ("timer.extend", {"slot_id": slot, "minutes": 5}),
            ("announcement.send", {"text": "Everyone out!"}),
        ):
            answer = ack(room[sender], event, {"op_id": op(), **body})
            assert answer["error"]["code"] == "forbidden", (sender, event)
    for name in ("console", "phone_a", "phone_b", "wall"):
        assert events_of(room[name]) == [], name


def test_a_phone_that_reconnects_gets_the_server_s_end_time_and_the_last_announcement(
    app: Any, room: dict[str, Any], slot: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The server's clock is moved: what screens receive follows it, not the test machine's.
    moved = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)
    monkeypatch.setattr(timers, "_now", lambda: moved)
    started = ack(room["console"], "timer.start", {"op_id": op(), "slot_id": slot, "minutes": 45})
    assert started["timer"] == {
        "slot_id": slot,
        "running": True,
        "ends_at": "2030-01-01T09:45:00Z",
        "left": 2700,
    }
    assert ack(room["console"], "announcement.send", {"op_id": op(), "text": "Lunch at 12"})["ok"]
    (timer_event, note) = events_of(room["wall"])
    assert timer_event["type"] == "timer.started" and note["payload"]["text"] == "Lunch at 12"
    assert events_of(room["phone_b"])[-1]["type"] == "announcement.sent"
    # A phone that was away comes back with nothing: the snapshot has both.
    room["phone_a"].disconnect()
    again = socket_for(
        app, room["http"]["phone_a"], view="phone", workshop_id=room["workshop"]["id"]
    )
    body = ack(again, "sync", {"since": 0})
    assert body["snapshot"]["timers"][str(slot)]["ends_at"] == "2030-01-01T09:45:00Z"
    assert body["snapshot"]["announcement"]["text"] == "Lunch at 12"
    info = timer_rules.TimerInfo(**body["snapshot"]["timers"][str(slot)])
    assert timer_rules.remaining(info, moved + timedelta(minutes=40)) == 300
    # Stopped ten minutes in, it keeps 35 minutes whatever the clock does after.
    monkeypatch.setattr(timers, "_now", lambda: moved + timedelta(minutes=10))
    stopped = ack(room["console"], "timer.stop", {"op_id": op(), "slot_id": slot})
    assert stopped["timer"]["left"] == 35 * 60 and stopped["timer"]["ends_at"] is None


def test_the_clock_answers_everyone_with_the_server_s_time(room: dict[str, Any]) -> None:
    for name in ("phone_a", "wall", "console"):
        answer = ack(room[name], "clock", {})
        assert answer["ok"] is True
        server = datetime.fromisoformat(answer["now"].replace("Z", "+00:00"))
        assert abs((server - datetime.now(UTC)).total_seconds()) < 5


def test_bad_minutes_and_empty_announcements_are_refused(room: dict[str, Any], slot: int) -> None:
    console = room["console"]
    bad = ack(console, "timer.start", {"op_id": op(), "slot_id": slot, "minutes": 0})
    assert bad["error"]["code"] == "bad_minutes" and bad["error"]["message"]
    assert (
        ack(console, "announcement.send", {"op_id": op(), "text": " "})["error"]["code"] == "empty"
    )
    assert events_of(room["wall"]) == []
