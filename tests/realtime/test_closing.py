"""Closing topic posting and the quiet closing circle over Socket.IO: the coordinator's
switches reach every screen; phones are refused with clear codes; the coordinator may post."""

from __future__ import annotations

from typing import Any

from tests.conftest import ack, events_of, op
from tests.realtime.test_photos import _upload, jpeg_with_gps


def test_posting_closes_then_the_room_goes_quiet_and_opens_again(room: dict[str, Any]) -> None:
    console, phone = room["console"], room["phone_a"]
    slot = ack(console, "slot.save", {"op_id": op(), "starts": "10:00", "ends": "10:45"})
    space = ack(console, "space.save", {"op_id": op(), "name": "Rum A"})["space"]["id"]
    topic = ack(phone, "topic.post", {"op_id": op(), "title": "Skolan"})["topic"]["id"]
    cell = {"topic_id": topic, "slot_id": slot["slot"]["id"], "space_id": space}
    session = ack(phone, "session.place", {"op_id": op(), **cell})["session"]["id"]
    assert ack(phone, "sync", {"since": 0})["snapshot"]["closing"] == {
        "posting_closed": False,
        "quiet": False,
    }
    refused = ack(phone, "closing.set", {"op_id": op(), "posting_closed": True})
    assert refused["error"]["code"] == "forbidden"
    room["wall"].get_received()

    assert ack(console, "closing.set", {"op_id": op(), "posting_closed": True})["ok"]
    (closed,) = events_of(room["wall"])
    assert closed["type"] == "closing.changed"
    assert closed["payload"] == {"posting_closed": True, "quiet": False}
    late = ack(phone, "topic.post", {"op_id": op(), "title": "För sent"})
    assert late["error"]["code"] == "posting_closed"
    assert "stängt" in late["error"]["message"]
    # Notes still go in while only posting is closed; the coordinator may still post a topic.
    note = {"session_id": session, "field": "discussion", "text": "Bra", "version": 0}
    assert ack(phone, "notes.write", {"op_id": op(), **note})["ok"]
    assert ack(console, "topic.post", {"op_id": op(), "title": "Från lappen"})["ok"]

    room["wall"].get_received()
    assert ack(console, "closing.set", {"op_id": op(), "quiet": True})["quiet"]
    (quiet,) = events_of(room["wall"])
    assert quiet["payload"] == {"posting_closed": True, "quiet": True}
    more = {"session_id": session, "field": "next_steps", "text": "Mer", "version": 0}
    assert ack(phone, "notes.write", {"op_id": op(), **more})["error"]["code"] == "room_quiet"
    counts = {"session_id": session, "counts": {"young": 2}}
    assert ack(phone, "notes.count", {"op_id": op(), **counts})["error"]["code"] == "room_quiet"
    quiet_post = ack(room["phone_b"], "topic.post", {"op_id": op(), "title": "Tyst"})
    assert quiet_post["error"]["code"] == "room_quiet"
    # A photo is notes too: refused over HTTP while quiet, and nothing is kept.
    code = room["workshop"]["join_code"]
    photo = _upload(room["http"]["phone_a"], code, session, jpeg_with_gps())
    assert photo.json["error"]["code"] == "room_quiet"
    # A board card is words on the wall too.
    card = {"kind": "person", "text": "Mormor", "x": 120, "y": 80}
    assert ack(phone, "board.place", {"op_id": op(), **card})["error"]["code"] == "room_quiet"
    assert events_of(room["wall"]) == []

    assert ack(console, "closing.set", {"op_id": op(), "posting_closed": False, "quiet": False})
    (opened,) = events_of(room["wall"])
    assert opened["payload"] == {"posting_closed": False, "quiet": False}
    assert ack(phone, "topic.post", {"op_id": op(), "title": "Igen"})["ok"]
