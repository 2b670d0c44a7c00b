"""Quick questions over Socket.IO: the coordinator asks, phones answer once (and change it),
the wall sees a sealed question's turnout only, then the result at closing; a hidden word
leaves the wall and never comes back through a sync; a phone's own answer is in its `me`."""

from __future__ import annotations

from typing import Any

from tests.conftest import ack, events_of, op


def _me(sock: Any) -> dict[str, Any]:
    mes = [m["args"][0] for m in sock.get_received() if m["name"] == "me"]
    assert mes, "no me arrived"
    return mes[-1]


def test_a_sealed_scale_shows_turnout_then_the_result(room: dict[str, Any]) -> None:
    console, wall = room["console"], room["wall"]
    phone_a, phone_b = room["phone_a"], room["phone_b"]
    refused = ack(phone_a, "question.ask", {"op_id": op(), "kind": "scale", "prompt": "Hur?"})
    assert refused["error"]["code"] == "forbidden"
    asked = ack(console, "question.ask", {"op_id": op(), "kind": "scale", "prompt": "Hur?"})
    qid = asked["question"]["id"]
    (event,) = events_of(wall)
    assert event["type"] == "question.asked" and event["payload"]["question"]["sealed"] is True
    again = ack(console, "question.ask", {"op_id": op(), "kind": "word", "prompt": "Ord?"})
    assert again["error"]["code"] == "question_already_open"
    assert "redan" in again["error"]["message"]

    phone_a.get_received()
    assert ack(phone_a, "question.answer", {"op_id": op(), "question_id": qid, "value": 4})["ok"]
    assert _me(phone_a)["answers"] == {str(qid): "4"}
    assert ack(phone_b, "question.answer", {"op_id": op(), "question_id": qid, "value": 2})["ok"]
    # Changed: one answer still.
    assert ack(phone_a, "question.answer", {"op_id": op(), "question_id": qid, "value": 5})["ok"]
    seen = events_of(wall)
    assert [e["payload"]["respondents"] for e in seen] == [1, 2, 2]
    assert all(e["payload"]["counts"] == {} for e in seen)
    assert events_of(console)[-1]["payload"]["counts"] == {"2": 1, "5": 1}
    bad = ack(phone_b, "question.answer", {"op_id": op(), "question_id": qid, "value": 9})
    assert bad["error"]["code"] == "bad_request"

    assert ack(console, "question.close", {"op_id": op()})["ok"]
    closed, shown = events_of(wall)
    assert closed["type"] == "question.closed"
    # The wall showed it by itself ("auto"): it keeps the question, now with its result.
    assert shown["payload"]["workshop"]["wall_view"] == "question"
    assert closed["payload"]["counts"] == {"2": 1, "5": 1}
    late = ack(phone_b, "question.answer", {"op_id": op(), "question_id": qid, "value": 3})
    assert late["error"]["code"] == "question_closed"
    snapshot = ack(wall, "sync", {"since": 0})["snapshot"]["questions"][str(qid)]
    assert snapshot["counts"] == {"2": 1, "5": 1} and snapshot["status"] == "closed"


def test_a_hidden_word_leaves_the_wall_and_no_sync_brings_it_back(room: dict[str, Any]) -> None:
    console, wall = room["console"], room["wall"]
    ask = {"op_id": op(), "kind": "word", "prompt": "Ett ord?", "sealed": False}
    qid = ack(console, "question.ask", ask)["question"]["id"]
    since = ack(wall, "sync", {"since": 0})["snapshot"]["seq"]
    for phone, word in ((room["phone_a"], "Glad!"), (room["phone_b"], "Idiot")):
        assert ack(phone, "question.answer", {"op_id": op(), "question_id": qid, "word": word})[
            "ok"
        ]
    assert events_of(wall)[-1]["payload"]["counts"] == {"glad": 1, "idiot": 1}
    hide = {"op_id": op(), "question_id": qid, "word": "idiot", "hidden": True}
    assert ack(room["phone_a"], "question.hide_word", hide)["error"]["code"] == "forbidden"
    assert ack(console, "question.hide_word", {**hide, "op_id": op()})["hidden"] is True
    (hidden,) = events_of(wall)
    assert hidden["type"] == "question.word_hidden"
    assert hidden["payload"]["counts"] == {"glad": 1} and hidden["payload"]["hidden"] == []
    assert events_of(console)[-1]["payload"]["hidden"] == ["idiot"]
    replay = ack(wall, "sync", {"since": since})
    assert "events" in replay and "idiot" not in str(replay).lower()
    assert "idiot" in str(ack(console, "sync", {"since": since})).lower()
