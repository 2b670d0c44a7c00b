"""Snapshots per socket and address (security review, issue 20), and the one sliding window.

Every `sync {since: 0}` builds the whole room; twenty wall sockets asking in a loop kept the CPU
busy. Snapshot answers are now counted per socket and per address (`WORKSHOP_SNAPSHOTS_PER_MIN`,
`_PER_ADDRESS`); replays of a small gap are not. The limits share one sliding window with a
weighted take (text volume counts bytes), whose sweep forgets every key with nothing left in
the last minute. Every test here failed on the code before.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import ack, op, socket_for
from tests.support.clock import FakeClock
from tests.support.node import needs_node, run_node_module
from workshop import limits
from workshop.services import sync

CLASS = {"REMOTE_ADDR": "10.1.2.3"}  # a school class behind one NAT
ELSEWHERE = {"REMOTE_ADDR": "10.9.9.9"}


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(limits.snapshots, "clock", fake)
    return fake


def wall_at(app: Any, code: str, environ: dict[str, str]) -> Any:
    http = app.test_client()
    http.environ_base.update(environ)
    wall = socket_for(app, http, view="wall", join_code=code)
    assert wall.is_connected()
    return wall


def phone_at(app: Any, code: str, wid: int, environ: dict[str, str]) -> Any:
    http = app.test_client()
    http.environ_base.update(environ)
    assert http.post(f"/j/{code}", data={"nickname": "C"}).status_code == 302
    phone = socket_for(app, http, view="phone", workshop_id=wid)
    assert phone.is_connected()
    return phone


def refused(body: dict[str, Any]) -> bool:
    return body["ok"] is False and body["error"]["code"] == "rate_limited"


def post_topics(room: dict[str, Any], count: int) -> int:
    """Post `count` topics from the console; the room's latest seq."""
    for i in range(count):
        assert ack(room["console"], "topic.post", {"op_id": op(), "title": f"T{i}"})["ok"]
    return ack(room["console"], "sync", {"since": 0})["snapshot"]["seq"]


# --- snapshots per socket ---------------------------------------------------------------------


def test_a_socket_past_its_snapshots_is_refused_while_its_replays_still_work(
    app: Any, room: dict[str, Any]
) -> None:
    cap = app.config["SNAPSHOTS_PER_MIN"]
    seq = post_topics(room, 3)
    wall = room["wall"]
    for _ in range(cap):
        body = ack(wall, "sync", {"since": 0})
        assert body["ok"] and body["snapshot"]["seq"] == seq
    wall.get_received()
    over = ack(wall, "sync", {"since": 0})
    assert refused(over) and over["error"]["message"], over
    # A seq the server never reached is answered with a snapshot too: refused as well.
    assert refused(ack(wall, "sync", {"since": seq + 1000}))
    # Replays of a small gap are cheap and still answered.
    replay = ack(wall, "sync", {"since": seq - 2})
    assert replay["ok"] and [e["seq"] for e in replay["events"]] == [seq - 1, seq]
    assert ack(wall, "sync", {"since": seq}) == {"ok": True, "events": [], "role": "wall"}
    # The refusals say nothing on screen (the client asks again later by itself) ...
    assert not [m for m in wall.get_received() if m["name"] == "warning"]
    # ... and another socket of the same kind is not held back by this one.
    assert "snapshot" in ack(room["phone_a"], "sync", {"since": 0})
    assert "snapshot" in ack(wall_at(app, room["workshop"]["join_code"], {}), "sync", {"since": 0})
    print(f"{cap} snapshots a socket and minute, the next refused; replays still answered")


def test_a_refused_socket_gets_snapshots_again_a_minute_later(
    app: Any, room: dict[str, Any], clock: FakeClock
) -> None:
    cap = app.config["SNAPSHOTS_PER_MIN"]
    phone = room["phone_a"]
    for _ in range(cap):
        assert "snapshot" in ack(phone, "sync", {"since": 0})
    assert refused(ack(phone, "sync", {"since": 0}))
    clock.now += 59
    assert refused(ack(phone, "sync", {"since": 0}))
    clock.now += 1
    body = ack(phone, "sync", {"since": 0})
    assert body["ok"] and "snapshot" in body and body["me"]["participant_id"]


def test_the_console_s_snapshots_are_not_counted(app: Any, room: dict[str, Any]) -> None:
    for _ in range(app.config["SNAPSHOTS_PER_MIN"] + 3):
        assert "snapshot" in ack(room["console"], "sync", {"since": 0})


def test_a_replay_that_became_a_snapshot_between_two_reads_is_counted(
    app: Any, room: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The handler reads the latest seq to tell a snapshot from a replay before building one;
    when the room moves on meanwhile (here: a head that claims a seq the room never reached),
    the snapshot that comes is counted all the same, and refused once over the cap."""
    cap = app.config["SNAPSHOTS_PER_MIN"]
    far = 10**6
    monkeypatch.setattr(sync, "head_seqs", lambda db, ids: {i: far for i in ids})
    wall = room["wall"]
    for _ in range(cap):
        assert "snapshot" in ack(wall, "sync", {"since": far})
    assert refused(ack(wall, "sync", {"since": far}))
    monkeypatch.undo()
    assert refused(ack(wall, "sync", {"since": 0}))


# --- snapshots per address ---------------------------------------------------------------------


def test_snapshots_per_address_hold_back_many_sockets_of_one_address_only(
    app: Any, room: dict[str, Any]
) -> None:
    app.config["SNAPSHOTS_PER_MIN_PER_ADDRESS"] = 3
    code, wid = room["workshop"]["join_code"], room["workshop"]["id"]
    walls = [wall_at(app, code, CLASS) for _ in range(3)]
    phone = phone_at(app, code, wid, CLASS)
    assert "snapshot" in ack(walls[0], "sync", {"since": 0})
    assert "snapshot" in ack(walls[0], "sync", {"since": 0})
    assert "snapshot" in ack(walls[1], "sync", {"since": 0})
    assert refused(ack(walls[2], "sync", {"since": 0}))
    assert refused(ack(phone, "sync", {"since": 0}))
    # Replays from the address are still answered; another address is not held back.
    assert ack(phone, "sync", {"since": 1})["ok"]
    assert "snapshot" in ack(wall_at(app, code, ELSEWHERE), "sync", {"since": 0})
    # A socket refused by its address kept its own allowance (nothing counted for it).
    app.config["SNAPSHOTS_PER_MIN_PER_ADDRESS"] = 1000
    for _ in range(app.config["SNAPSHOTS_PER_MIN"]):
        assert "snapshot" in ack(walls[2], "sync", {"since": 0})
    assert refused(ack(walls[2], "sync", {"since": 0}))


def test_the_default_caps_leave_room_for_a_class_and_its_reloads(app: Any) -> None:
    per_socket = app.config["SNAPSHOTS_PER_MIN"]
    per_address = app.config["SNAPSHOTS_PER_MIN_PER_ADDRESS"]
    # A phone needs one at connect and now and then one after a reload or a long sleep.
    assert 5 <= per_socket <= 20
    # Every socket an address may hold (a class behind one NAT) can start within a minute.
    assert per_address >= app.config["MAX_SOCKETS_PER_ADDRESS"]


# --- one sliding window ------------------------------------------------------------------------


def test_every_limit_is_the_one_sliding_window() -> None:
    windows = (
        limits.join_failures,
        limits.joins,
        limits.photo_uploads,
        limits.text_volume,
        limits.snapshots,
    )
    assert all(type(w) is limits.SlidingWindow for w in windows)
    assert not hasattr(limits, "Volume")


def test_a_weighted_take_refuses_what_would_go_over_the_limit() -> None:
    clock = FakeClock()
    window = limits.SlidingWindow(clock=clock)
    assert window.take("person:1", 100, amount=60)
    assert not window.take("person:1", 100, amount=41)  # 101 bytes: nothing counted
    assert window.take("person:1", 100, amount=40)
    assert not window.take("person:1", 100)  # a count of one is a weight of one
    assert window.take("person:2", 100, amount=100)  # keys are apart
    assert not window.take("person:3", 100, amount=101)  # more than the limit at once
    window.give_back("person:1", 40)
    assert window.take("person:1", 100, amount=40)
    clock.now += 59.9
    assert not window.take("person:1", 100, amount=1)
    clock.now += 0.1
    assert window.take("person:1", 100, amount=100)


def test_counts_and_give_back_are_as_before() -> None:
    clock = FakeClock()
    window = limits.SlidingWindow(clock=clock)
    assert all(window.take("address:a", 3) for _ in range(3))
    assert not window.take("address:a", 3)
    window.give_back("address:a")
    assert window.take("address:a", 3)
    window.give_back("address:nobody")  # nothing to give back: no error, nothing kept
    assert "address:nobody" not in window


def test_the_sweep_forgets_a_key_whose_entries_all_expired() -> None:
    """The text-volume counter kept an address whose bytes had expired until it sent again: an
    address that sent once stayed in memory for the life of the process."""
    clock = FakeClock()
    window = limits.SlidingWindow(clock=clock)
    assert window.take("address:idle", 1000, amount=300)
    clock.now += 30
    assert window.take("address:busy", 1000, amount=10)
    clock.now += 31  # the idle key's bytes are 61 s old, the busy key's 31 s
    assert window.take("address:new", 1000)  # any take a minute after the last sweep sweeps
    assert "address:idle" not in window
    assert "address:busy" in window and "address:new" in window
    assert len(window) == 2
    clock.now += 120
    assert window.take("address:new", 1000)
    assert len(window) == 1


# --- the browser's client ----------------------------------------------------------------------

CLIENT = """
import { Room } from './static/js/socket.js';

const timers = new Map();
let nextTimer = 1;
globalThis.setTimeout = (fn, ms) => { timers.set(nextTimer, { fn, ms }); return nextTimer++; };
globalThis.clearTimeout = (id) => { timers.delete(id); };
const runTimers = async () => {
  const due = [...timers.entries()];
  timers.clear();
  for (const [, timer] of due) await timer.fn();
  await new Promise((resolve) => setImmediate(resolve));
};
const delays = () => [...timers.values()].map((timer) => timer.ms);

const refusal = { ok: false, error: { code: 'rate_limited', message: 'Slow down' } };
const snapshot = { seq: 7, workshop: { id: 1 } };
const answers = [refusal, refusal, { ok: true, role: 'wall', snapshot }];
const sent = [];
const socket = {
  connected: true,
  timeout() { return this; },
  async emitWithAck(name, payload) { sent.push([name, payload]); return answers.shift(); },
};
const statuses = [];
const room = new Room({
  config: {}, auth: { view: 'wall', join_code: 'ABCDEF' }, includeHidden: false,
  t: (key) => key, onStatus: (status) => statuses.push(status),
});
room.socket = socket;
const out = {};
await room.afterConnect();
out.afterRefusal = { sent: sent.length, status: room.status, delays: delays() };
room.store.onGap(false);  // a gap noticed meanwhile waits for the retry
room.store.onGap(true);
out.afterGaps = { sent: sent.length, timers: timers.size };
await runTimers();
out.afterSecond = { sent: sent.length, status: room.status, delays: delays() };
await runTimers();
out.end = { sent: sent.length, status: room.status, seq: room.store.seq, timers: timers.size };
out.payloads = sent.map(([name, payload]) => [name, payload.since]);
process.stdout.write(JSON.stringify(out));
"""


@needs_node
def test_the_browser_client_asks_again_later_after_a_refused_sync() -> None:
    """A refused first sync left a screen with nothing on it and nothing to try again: the
    `head` beacon is ignored without a state. Now the client asks again after a growing delay,
    a gap noticed meanwhile waits for that retry, and the banner says it is still syncing."""
    out = run_node_module(CLIENT)
    first = out["afterRefusal"]
    assert first["sent"] == 1 and first["status"] == "syncing"
    assert len(first["delays"]) == 1 and 3000 <= first["delays"][0] <= 7000
    assert out["afterGaps"] == {"sent": 1, "timers": 1}
    second = out["afterSecond"]
    assert second["sent"] == 2 and second["status"] == "syncing"
    assert len(second["delays"]) == 1 and second["delays"][0] > first["delays"][0]
    assert out["end"] == {"sent": 3, "status": "online", "seq": 7, "timers": 0}
    assert out["payloads"] == [["sync", 0], ["sync", 0], ["sync", 0]]
