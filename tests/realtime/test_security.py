"""Findings of the security review (issue 8), each reproduced as the attacker did it; every test
here failed on the code before the fix. What goes over the wire is checked, not only the page."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from tests.conftest import (
    ack,
    make_workshop,
    op,
    socket_for,
)
from workshop.extensions import socketio
from workshop.realtime import broadcast
from workshop.realtime.quota import quota
from workshop.store.models import ProcessedCommand

SECRET = "Kim i 7B blir slagen hemma"


def text_of(sock: Any) -> str:
    return json.dumps(sock.get_received(), ensure_ascii=False)


# --- 1. ghost sockets -----------------------------------------------------------------------


def test_a_client_event_named_disconnect_does_not_outlive_logout(app: Any, room: dict) -> None:
    console, http = room["console"], room["http"]["console"]
    console.emit("disconnect")  # an ordinary event named like the reserved one
    console.emit("connect", {"view": "console", "workshop_id": room["workshop"]["id"]})
    assert ack(console, "sync", {"since": 0})["ok"], "the socket is still itself"
    csrf_free = http.post("/logout")
    assert csrf_free.status_code == 302
    assert not console.is_connected(), "logout must end the socket the app's map forgot"


def test_a_deleted_workshop_s_sockets_end_and_its_id_is_never_reused(
    app: Any, room: dict[str, Any]
) -> None:
    wid = room["workshop"]["id"]
    room["phone_a"].emit("disconnect")
    response = room["http"]["console"].post(
        f"/console/{wid}/delete", data={"confirm": room["workshop"]["join_code"]}
    )
    assert response.status_code == 302
    for name in ("console", "phone_a", "phone_b", "wall"):
        assert not room[name].is_connected(), name
    assert not socketio.server.manager.rooms.get("/", {}).get(broadcast.workshop_room(wid))
    fresh = make_workshop(app, room["owner_id"], title="Next")
    assert fresh["id"] > wid


# --- 2. one wall cannot take the others offline ----------------------------------------------


def test_a_flooding_wall_socket_does_not_take_other_walls_offline(
    app: Any, room: dict[str, Any]
) -> None:
    app.config["QUOTA_OTHER_PER_MIN"] = 20
    quota.reset()
    code = room["workshop"]["join_code"]
    other_wall = socket_for(app, app.test_client(), view="wall", join_code=code)
    refused = 0
    for _ in range(120):
        answer = room["wall"].emit("sync", {"since": 0}, callback=True)
        if not room["wall"].is_connected():
            break
        refused += not answer["ok"]
    assert refused > 0 and not room["wall"].is_connected(), "the flooder is stopped"
    assert other_wall.is_connected()
    assert ack(other_wall, "sync", {"since": 0})["ok"]
    print(f"flooding wall: {refused} refused, then disconnected; the other wall still syncs")


# --- 3. hidden topics are hidden -------------------------------------------------------------


def test_a_hidden_topic_s_words_reach_only_the_console(app: Any, room: dict[str, Any]) -> None:
    phone_a, console = room["phone_a"], room["console"]
    topic = ack(phone_a, "topic.post", {"op_id": op(), "title": SECRET})["topic"]["id"]
    for sock in (console, phone_a, room["phone_b"], room["wall"]):
        sock.get_received()
    assert ack(console, "topic.hide", {"op_id": op(), "topic_id": topic, "hidden": True})["ok"]
    # The facilitator edits a name out while it is hidden; phones still learn nothing.
    edit = {"op_id": op(), "topic_id": topic, "title": SECRET + " (ändrad)"}
    assert ack(console, "topic.edit", edit)["ok"]
    for name in ("phone_a", "phone_b", "wall"):
        received = text_of(room[name])
        assert SECRET not in received, name
        assert '"topic.hidden"' in received and '"topic.edited"' not in received, name
    assert SECRET in text_of(console)
    # The author may not edit it back onto the wall; the answer says why, kindly.
    again = ack(phone_a, "topic.edit", {"op_id": op(), "topic_id": topic, "title": "Ny text"})
    assert again["error"]["code"] == "topic_hidden"
    me = [m for m in phone_a.get_received() if m["name"] == "me"]
    # The author's phone was told which of their topics was taken off the wall, by id only.
    assert ack(phone_a, "sync", {"since": 0})["me"]["hidden_topic_ids"] == [topic]
    assert all(SECRET not in json.dumps(m, ensure_ascii=False) for m in me)
    for name in ("phone_a", "phone_b", "wall"):
        for since in (0, 1):
            assert SECRET not in json.dumps(ack(room[name], "sync", {"since": since})), name


# --- 7. deleted words do not stay in processed_commands --------------------------------------


def test_stored_answers_keep_neither_words_nor_vote_history(
    app: Any, db: Any, room: dict[str, Any]
) -> None:
    phone_a, console = room["phone_a"], room["console"]
    post_op = op()
    topic = ack(phone_a, "topic.post", {"op_id": post_op, "title": SECRET})["topic"]["id"]
    ack(console, "round.open", {"op_id": op()})
    ack(phone_a, "vote.add", {"op_id": op(), "topic_id": topic})
    ack(phone_a, "vote.remove", {"op_id": op(), "topic_id": topic})
    with db.read() as session:
        answers = [json.dumps(r) for r in session.scalars(sa.select(ProcessedCommand.result))]
    assert all(SECRET not in a for a in answers)
    assert answers.count("{}") >= 2, "a vote's stored answer says nothing about the dot"
    assert ack(phone_a, "topic.delete", {"op_id": op(), "topic_id": topic})["ok"]
    replay = ack(phone_a, "topic.post", {"op_id": post_op, "title": SECRET})
    assert replay["ok"] and replay["replayed"] and SECRET not in json.dumps(replay)
    assert "topic" not in replay, "the deleted topic's id is forgotten too"


# --- 6. rejoining without limit ------------------------------------------------------------


def test_a_workshop_holds_at_most_its_topic_cap(app: Any, db: Any, room: dict[str, Any]) -> None:
    db.max_topics = 3
    for i in range(3):
        assert ack(room["phone_a"], "topic.post", {"op_id": op(), "title": f"T{i}"})["ok"]
    full = ack(room["phone_b"], "topic.post", {"op_id": op(), "title": "One more"})
    assert full["error"]["code"] == "too_many_topics" and "3" in full["error"]["message"]
    assert len(ack(room["wall"], "sync", {"since": 0})["snapshot"]["topics"]) == 3
