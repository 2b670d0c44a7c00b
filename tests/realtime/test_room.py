"""A live room through the Socket.IO test client: a facilitator, two phones and a wall."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import ack, events_of, make_workshop, op, socket_for
from workshop.domain.state import apply
from workshop.realtime import broadcast
from workshop.services import sync


def state_of(sock: Any) -> dict[str, Any]:
    """What a client holds after a first sync (a snapshot)."""
    return ack(sock, "sync", {"since": 0})["snapshot"]


def test_a_posted_topic_reaches_every_screen_and_the_sender_too(room: dict[str, Any]) -> None:
    answer = ack(room["phone_a"], "topic.post", {"op_id": op(), "title": "En väg in"})
    assert answer["ok"] and answer["topic"]["title"] == "En väg in"
    for name in ("console", "phone_a", "phone_b", "wall"):
        received = events_of(room[name])
        assert [e["type"] for e in received] == ["topic.posted"], name
        assert received[0]["payload"]["topic"]["title"] == "En väg in"


def test_votes_are_secret(room: dict[str, Any]) -> None:
    topic = ack(room["console"], "topic.post", {"op_id": op(), "title": "T"})["topic"]["id"]
    ack(room["console"], "round.open", {"op_id": op()})
    for sock in (room["console"], room["phone_a"], room["phone_b"], room["wall"]):
        sock.get_received()
    assert ack(room["phone_a"], "vote.add", {"op_id": op(), "topic_id": topic})["ok"]
    participant_a = ack(room["phone_a"], "sync", {"since": 0})["me"]["participant_id"]
    for name in ("console", "phone_b", "wall"):
        messages = room[name].get_received()
        assert [m["name"] for m in messages] == ["events"], name  # no private `me` for others
        text = json.dumps(messages)
        assert '"A"' not in text and "participant" not in text.replace("participants", ""), name
        # A sealed round (the default): the console sees the total, phones and walls the turnout.
        assert messages[0]["args"][0][0]["payload"] == {
            "round_id": messages[0]["args"][0][0]["payload"]["round_id"],
            "topic_id": topic,
            "total": 1 if name == "console" else None,
            "voters": 1,
            "dots": 1,
            "sealed": True,
        }
    mine = room["phone_a"].get_received()
    assert {m["name"] for m in mine} == {"events", "me"}
    me = next(m["args"][0] for m in mine if m["name"] == "me")
    assert me["participant_id"] == participant_a and me["votes"] == {str(topic): 1}
    # Not even the facilitator's snapshot says who voted.
    assert "participant_id" not in json.dumps(state_of(room["console"]))


def test_an_over_budget_vote_is_refused_with_a_message(room: dict[str, Any]) -> None:
    topics = [
        ack(room["console"], "topic.post", {"op_id": op(), "title": f"T{i}"})["topic"]["id"]
        for i in range(3)
    ]
    ack(room["console"], "round.open", {"op_id": op(), "budget": 2, "max_per_topic": 2})
    assert ack(room["phone_a"], "vote.add", {"op_id": op(), "topic_id": topics[0]})["ok"]
    assert ack(room["phone_a"], "vote.add", {"op_id": op(), "topic_id": topics[1]})["ok"]
    refused = ack(room["phone_a"], "vote.add", {"op_id": op(), "topic_id": topics[2]})
    assert refused["ok"] is False and refused["error"]["code"] == "over_budget"
    assert "2" in refused["error"]["message"]
    taken_back = ack(room["phone_a"], "vote.remove", {"op_id": op(), "topic_id": topics[0]})
    assert taken_back["ok"] and taken_back["dots_left"] == 1


def test_a_client_that_missed_events_converges_after_sync(app: Any, room: dict[str, Any]) -> None:
    wid = room["workshop"]["id"]
    phone_b = room["phone_b"]
    held = state_of(phone_b)
    phone_b.disconnect()
    topic = ack(room["phone_a"], "topic.post", {"op_id": op(), "title": "While away"})["topic"]
    ack(room["console"], "round.open", {"op_id": op()})
    ack(room["phone_a"], "vote.add", {"op_id": op(), "topic_id": topic["id"]})
    ack(room["console"], "topic.post", {"op_id": op(), "title": "Another"})
    back = socket_for(app, room["http"]["phone_b"], view="phone", workshop_id=wid)
    missed = ack(back, "sync", {"since": held["seq"]})
    assert [e["type"] for e in missed["events"]] == [
        "topic.posted",
        "round.opened",
        "vote.cast",
        "topic.posted",
    ]
    for event in missed["events"]:
        held = apply(held, event, include_hidden=False)
    with app.app_context():
        assert held == sync.snapshot(app.extensions["workshop_db"], wid, include_hidden=False)
    assert missed["me"]["dots_left"] == 5


def test_a_retried_command_is_answered_not_repeated(room: dict[str, Any]) -> None:
    payload = {"op_id": op(), "title": "Once"}
    first = ack(room["phone_a"], "topic.post", payload)
    again = ack(room["phone_a"], "topic.post", payload)
    # The stored answer keeps the id it made, not the words (they die with the topic).
    assert again == {"ok": True, "topic": {"id": first["topic"]["id"]}, "replayed": True}
    assert len(state_of(room["wall"])["topics"]) == 1
    assert [e["type"] for e in events_of(room["wall"])] == ["topic.posted"]


def test_too_long_text_gets_a_clear_error_not_a_crash(room: dict[str, Any]) -> None:
    answer = ack(room["phone_a"], "topic.post", {"op_id": op(), "title": "x" * 121})
    assert answer["error"]["code"] == "too_long" and "120" in answer["error"]["message"]
    answer = ack(room["phone_a"], "topic.post", {"op_id": op(), "title": "x" * 100_000})
    assert answer["ok"] is False
    answer = ack(room["phone_a"], "topic.post", {"op_id": op(), "title": "   "})
    assert answer["error"]["code"] == "empty"


def test_messages_come_in_the_language_of_the_socket(app: Any, room: dict[str, Any]) -> None:
    wid = room["workshop"]["id"]
    english = socket_for(app, room["http"]["phone_a"], view="phone", workshop_id=wid, lang="en")
    swedish = socket_for(app, room["http"]["phone_a"], view="phone", workshop_id=wid, lang="sv")
    assert ack(english, "vote.add", {"op_id": op(), "topic_id": 1})["error"]["message"] == (
        "Voting is not open right now."
    )
    assert ack(swedish, "vote.add", {"op_id": op(), "topic_id": 1})["error"]["message"] == (
        "Röstningen är inte öppen just nu."
    )


def test_a_flooding_phone_is_warned_then_disconnected(app: Any, room: dict[str, Any]) -> None:
    app.config["QUOTA_OTHER_PER_MIN"] = 5
    codes = [
        ack(room["phone_a"], "sync", {"since": 0}).get("error", {}).get("code") for _ in range(8)
    ]
    assert codes[:5] == [None] * 5 and codes[5:] == ["rate_limited"] * 3
    assert any(m["name"] == "warning" for m in room["phone_a"].get_received())
    for _ in range(30):
        if not room["phone_a"].is_connected():
            break
        ack(room["phone_a"], "sync", {"since": 0})
    assert not room["phone_a"].is_connected()
    # The others barely notice.
    assert ack(room["phone_b"], "sync", {"since": 0})["ok"]


def test_a_deleted_workshop_tells_its_screens_and_drops_them(
    app: Any, room: dict[str, Any]
) -> None:
    code = room["workshop"]["join_code"]
    response = room["http"]["console"].post(
        f"/console/{room['workshop']['id']}/delete", data={"confirm": code}
    )
    assert response.status_code == 302
    assert not room["wall"].is_connected()


def test_the_head_beacon_tells_each_screen_its_own_workshops_latest_seq(
    app: Any, room: dict[str, Any]
) -> None:
    ack(room["phone_a"], "topic.post", {"op_id": op(), "title": "En väg in"})
    other = make_workshop(app, room["owner_id"], title="B")
    other_wall = socket_for(app, app.test_client(), view="wall", join_code=other["join_code"])
    for name in ("console", "phone_a", "phone_b", "wall"):
        room[name].get_received()
    other_wall.get_received()
    with app.app_context():
        broadcast.announce_heads()
    seq = state_of(room["wall"])["seq"]
    assert seq > 0
    for name in ("console", "phone_a", "phone_b", "wall"):
        heads = [m["args"][0] for m in room[name].get_received() if m["name"] == "head"]
        assert heads == [{"workshop_id": room["workshop"]["id"], "seq": seq}], name
    # Nothing of workshop A reaches workshop B: its wall hears only its own head (seq 0).
    assert [m["args"][0] for m in other_wall.get_received()] == [
        {"workshop_id": other["id"], "seq": 0}
    ]
