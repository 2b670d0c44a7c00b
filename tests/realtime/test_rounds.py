"""Rounds at full size (issue 9), on the wire: a sealed round sends phones and the wall no totals,
every round keeps its result, a topic waiting for review reaches no one but the console."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import ack, events_of, op


def post(sock: Any, title: str) -> int:
    return ack(sock, "topic.post", {"op_id": op(), "title": title})["topic"]["id"]


def drain(room: dict[str, Any]) -> None:
    for name in ("console", "phone_a", "phone_b", "wall"):
        room[name].get_received()


def test_a_sealed_round_sends_no_totals_to_phones_or_the_wall(room: dict[str, Any]) -> None:
    topics = [post(room["console"], f"T{i}") for i in range(3)]
    ack(room["console"], "round.open", {"op_id": op(), "purpose": "Vilka tar vi vidare?"})
    drain(room)
    mine = ack(room["phone_a"], "vote.add", {"op_id": op(), "topic_id": topics[0]})
    assert mine["ok"] and mine["total"] is None, "the voter's own answer carries no total"
    ack(room["phone_b"], "vote.add", {"op_id": op(), "topic_id": topics[0]})
    for name in ("phone_a", "phone_b", "wall"):
        cast = [e for e in events_of(room[name]) if e["type"] == "vote.cast"]
        assert [e["payload"]["total"] for e in cast] == [None, None], name
        assert cast[-1]["payload"]["voters"] == 2 and cast[-1]["payload"]["dots"] == 2
        snapshot = ack(room[name], "sync", {"since": 0})["snapshot"]
        assert snapshot["tally"] == {} and snapshot["turnout"] == {"voters": 2, "dots": 2}
    console = [e for e in events_of(room["console"]) if e["type"] == "vote.cast"]
    assert [e["payload"]["total"] for e in console] == [1, 2]
    ack(room["console"], "round.close", {"op_id": op()})
    closed = [e for e in events_of(room["wall"]) if e["type"] == "round.closed"]
    assert closed[0]["payload"]["results"][0] == {"rank": 1, "topic_id": topics[0], "total": 2}
    assert ack(room["wall"], "sync", {"since": 0})["snapshot"]["tally"] == {str(topics[0]): 2}


def test_reveal_shows_the_totals_and_a_live_round_says_so(room: dict[str, Any]) -> None:
    topic = post(room["console"], "T")
    ack(room["console"], "round.open", {"op_id": op()})
    ack(room["phone_a"], "vote.add", {"op_id": op(), "topic_id": topic})
    drain(room)
    assert ack(room["console"], "round.reveal", {"op_id": op()})["round"]["sealed"] is False
    revealed = [e for e in events_of(room["wall"]) if e["type"] == "round.revealed"]
    assert revealed[0]["payload"]["tally"] == {str(topic): 1}
    ack(room["phone_b"], "vote.add", {"op_id": op(), "topic_id": topic})
    cast = [e for e in events_of(room["wall"]) if e["type"] == "vote.cast"]
    assert cast[0]["payload"]["total"] == 2 and cast[0]["payload"]["sealed"] is False


def test_a_second_round_keeps_the_first_round_s_result(
    app: Any, room: dict[str, Any], client: Any
) -> None:
    first, second = post(room["console"], "First"), post(room["console"], "Second")
    ack(room["console"], "round.open", {"op_id": op(), "purpose": "Omgång ett"})
    ack(room["phone_a"], "vote.add", {"op_id": op(), "topic_id": first})
    ack(room["console"], "round.close", {"op_id": op()})
    ack(room["console"], "round.open", {"op_id": op(), "sealed": False})
    ack(room["phone_a"], "vote.add", {"op_id": op(), "topic_id": second})
    for name in ("console", "phone_b", "wall"):
        rounds = ack(room[name], "sync", {"since": 0})["snapshot"]["rounds"]
        assert [r["number"] for r in rounds] == [1, 2], name
        assert rounds[0]["purpose"] == "Omgång ett"
        assert rounds[0]["results"][0] == {"rank": 1, "topic_id": first, "total": 1}
        assert rounds[1]["results"] is None and rounds[1]["sealed"] is False
    shown = ack(room["console"], "wall.show", {"op_id": op(), "view": "results", "round_id": 1})
    assert shown["workshop"]["wall_view"] == "results"
    updated = [e for e in events_of(room["wall"]) if e["type"] == "workshop.updated"]
    assert updated[-1]["payload"]["workshop"]["wall_round_id"] == rounds[0]["id"]


def test_a_topic_waiting_for_review_reaches_only_the_console(room: dict[str, Any]) -> None:
    settings = {
        "title": "Ungdomsdialog",
        "theme": "",
        "language": "sv",
        "dot_budget": 5,
        "max_per_topic": 3,
        "review_topics": True,
    }
    assert ack(room["console"], "workshop.update", {"op_id": op(), **settings})["ok"]
    drain(room)
    secret = "Kim i 7B"
    topic = post(room["phone_a"], secret)
    for name in ("phone_b", "wall"):
        assert secret not in json.dumps(room[name].get_received(), ensure_ascii=False), name
        assert str(topic) not in ack(room[name], "sync", {"since": 0})["snapshot"]["topics"]
    assert secret in json.dumps(room["console"].get_received(), ensure_ascii=False)
    author = ack(room["phone_a"], "sync", {"since": 0})["me"]
    assert author["waiting_topics"] == [{"id": topic, "title": secret}]
    vote = ack(room["console"], "round.open", {"op_id": op()})
    assert vote["ok"]
    refused = ack(room["phone_b"], "vote.add", {"op_id": op(), "topic_id": topic})
    assert refused["error"]["code"] == "not_found"
    ack(room["console"], "topic.approve", {"op_id": op(), "topic_id": topic})
    approved = [e for e in events_of(room["wall"]) if e["type"] == "topic.approved"]
    assert approved[0]["payload"]["topic"]["title"] == secret
    assert ack(room["phone_a"], "sync", {"since": 0})["me"]["waiting_topics"] == []


def test_phones_are_told_why_their_dots_came_back(room: dict[str, Any]) -> None:
    hidden, source, target = (post(room["console"], t) for t in ("Off", "Dup", "Main"))
    ack(room["console"], "round.open", {"op_id": op(), "budget": 5, "max_per_topic": 2})
    ack(room["phone_a"], "vote.add", {"op_id": op(), "topic_id": hidden})
    for topic in (source, source, target, target):
        ack(room["phone_a"], "vote.add", {"op_id": op(), "topic_id": topic})
    drain(room)
    ack(room["console"], "topic.hide", {"op_id": op(), "topic_id": hidden, "hidden": True})
    ack(room["console"], "topic.merge", {"op_id": op(), "source_id": source, "target_id": target})
    told = [m["args"][0] for m in room["phone_a"].get_received() if m["name"] == "dots.returned"]
    assert told == [{"reason": "hidden", "dots": 1}, {"reason": "merged", "dots": 2}]
    for name in ("phone_b", "wall", "console"):
        assert "dots.returned" not in [m["name"] for m in room[name].get_received()], name


def test_a_merge_can_be_undone_and_keeps_the_wording_visible(room: dict[str, Any]) -> None:
    console = room["console"]
    target = ack(console, "topic.post", {"op_id": op(), "title": "Main", "description": "A"})
    source = ack(console, "topic.post", {"op_id": op(), "title": "Dup", "description": "B"})
    target_id, source_id = target["topic"]["id"], source["topic"]["id"]
    merged = ack(
        console, "topic.merge", {"op_id": op(), "source_id": source_id, "target_id": target_id}
    )
    assert merged["target"]["also"] == ["Dup"] and merged["target"]["also_ids"] == [source_id]
    assert merged["target"]["description"] == "A\n\nDup: B"
    drain(room)
    undone = ack(console, "topic.unmerge", {"op_id": op(), "topic_id": source_id})
    assert undone["target"]["description"] == "A" and undone["target"]["also"] == []
    topics_now = ack(room["wall"], "sync", {"since": 0})["snapshot"]["topics"]
    assert topics_now[str(source_id)]["title"] == "Dup"
    assert [e["type"] for e in events_of(room["wall"])] == ["topic.unmerged"]
    again = ack(console, "topic.unmerge", {"op_id": op(), "topic_id": source_id})
    assert again["error"]["code"] == "not_found"


def test_undoing_a_merge_never_sends_a_hidden_topic_s_words_to_phones_or_walls(
    room: dict[str, Any],
) -> None:
    """The second security review (M1): `topic.unmerged` went out live in one form for all."""
    console = room["console"]
    secret = "Namnet på familjen i Storgatan"
    target = ack(console, "topic.post", {"op_id": op(), "title": secret, "description": "A"})
    source = ack(console, "topic.post", {"op_id": op(), "title": "Dup", "description": "B"})
    target_id, source_id = target["topic"]["id"], source["topic"]["id"]
    ack(console, "topic.merge", {"op_id": op(), "source_id": source_id, "target_id": target_id})
    ack(console, "topic.hide", {"op_id": op(), "topic_id": target_id, "hidden": True})
    drain(room)
    assert ack(console, "topic.unmerge", {"op_id": op(), "topic_id": source_id})["ok"]
    for name in ("wall", "phone_a"):
        (undone,) = events_of(room[name])
        assert undone["type"] == "topic.unmerged"
        assert secret not in str(undone), name
        assert undone["payload"]["source"]["title"] == "Dup"
        assert undone["payload"]["target"]["hidden"] is True
        topics_now = ack(room[name], "sync", {"since": 0})["snapshot"]["topics"]
        assert str(target_id) not in topics_now and secret not in str(topics_now)
    (console_copy,) = events_of(console)
    assert console_copy["payload"]["target"]["title"] == secret
