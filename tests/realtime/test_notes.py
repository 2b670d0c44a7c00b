"""Session notes over Socket.IO: phones write, the wall reads and cannot write, a merge keeps
the notes."""

from __future__ import annotations

from typing import Any

from tests.conftest import ack, events_of, op


def test_notes_reach_every_screen_and_a_merge_keeps_them(room: dict[str, Any]) -> None:
    console = room["console"]
    slot = ack(console, "slot.save", {"op_id": op(), "starts": "10:00", "ends": "10:45"})
    spaces = [ack(console, "space.save", {"op_id": op(), "name": n})["space"]["id"] for n in "AB"]
    sessions = []
    for name, space in zip(("phone_a", "phone_b"), spaces, strict=True):
        topic = ack(room[name], "topic.post", {"op_id": op(), "title": name})["topic"]["id"]
        cell = {"topic_id": topic, "slot_id": slot["slot"]["id"], "space_id": space}
        sessions.append(ack(room[name], "session.place", {"op_id": op(), **cell})["session"]["id"])
    room["wall"].get_received()
    write = {"session_id": sessions[0], "field": "next_steps", "text": "Ring BUP", "version": 0}
    assert ack(room["phone_b"], "notes.write", {"op_id": op(), **write})["conflict"] is False
    (written,) = events_of(room["wall"])
    assert written["payload"] == {
        "session_id": sessions[0],
        "field": "next_steps",
        "text": "Ring BUP",
        "version": 1,
        "conflict": False,
    }
    # The wall reads; it never writes.
    refused = ack(room["wall"], "notes.write", {"op_id": op(), **write})
    assert refused["error"]["code"] == "forbidden"
    counts = {"session_id": sessions[1], "counts": {"young": 4, "region": 1}}
    assert ack(room["phone_a"], "notes.count", {"op_id": op(), **counts})["ok"]
    other = {"session_id": sessions[1], "field": "next_steps", "text": "Träffas igen", "version": 0}
    assert ack(room["phone_a"], "notes.write", {"op_id": op(), **other})["ok"]
    room["wall"].get_received()
    merge = {"op_id": op(), "source_id": sessions[1], "target_id": sessions[0]}
    assert ack(console, "session.merge", merge)["ok"]
    (merged,) = events_of(room["wall"])
    kept = merged["payload"]["notes"]
    assert "Ring BUP" in kept["fields"]["next_steps"]["text"]
    assert "Träffas igen" in kept["fields"]["next_steps"]["text"]
    assert kept["counts"] == {"young": 4, "region": 1}
    # A stale write after the merge is kept next to the merged text, and its writer told.
    stale = ack(room["phone_b"], "notes.write", {"op_id": op(), **write, "text": "Och skolan"})
    assert stale["conflict"] is True
