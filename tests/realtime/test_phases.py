"""The double diamond over Socket.IO: who may move phases, make themes and mark fruit, and what
the phones' and the wall's frames carry (never a hidden topic's or idea's words)."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import ack, events_of, op


def frames(sock: Any) -> str:
    """Everything a socket received since the last call, as one string to search."""
    return json.dumps(sock.get_received(), ensure_ascii=False)


def test_participants_and_walls_cannot_run_the_phases(room: dict[str, Any]) -> None:
    console = room["console"]
    theme = ack(console, "theme.create", {"op_id": op(), "title": "En väg in"})["theme"]["id"]
    ack(console, "phase.change", {"op_id": op(), "phase": "develop"})
    idea = ack(room["phone_a"], "idea.post", {"op_id": op(), "theme_id": theme, "text": "Idé"})
    assert idea["ok"], idea
    for name in ("console", "phone_a", "phone_b", "wall"):
        room[name].get_received()
    tries = [
        ("phase.change", {"phase": "deliver"}),
        ("theme.create", {"title": "Mitt tema"}),
        ("theme.edit", {"theme_id": theme, "statement": "x"}),
        ("theme.delete", {"theme_id": theme}),
        ("idea.mark", {"idea_id": idea["idea"]["id"], "low_hanging": True}),
        ("idea.hide", {"idea_id": idea["idea"]["id"], "hidden": True}),
    ]
    for sender in ("phone_a", "wall"):
        for event, payload in tries:
            answer = ack(room[sender], event, {"op_id": op(), **payload})
            assert answer["ok"] is False and answer["error"]["code"] == "forbidden", (sender, event)
    assert (
        ack(room["wall"], "idea.post", {"op_id": op(), "theme_id": theme, "text": "x"})["error"][
            "code"
        ]
        == "forbidden"
    )
    for name in ("console", "phone_a", "phone_b", "wall"):
        assert room[name].get_received() == [], name


def test_every_screen_follows_the_phase(room: dict[str, Any]) -> None:
    answer = ack(room["console"], "phase.change", {"op_id": op(), "phase": "define"})
    assert answer == {"ok": True, "phase": "define"}
    for name in ("console", "phone_a", "wall"):
        (event,) = events_of(room[name])
        assert (event["type"], event["payload"]) == ("phase.changed", {"phase": "define"})
    synced = ack(room["wall"], "sync", {"since": 0})
    assert synced["snapshot"]["phase"] == "define"


def test_hidden_words_never_reach_a_phone_or_the_wall_through_themes_and_ideas(
    room: dict[str, Any],
) -> None:
    console = room["console"]
    shown = ack(console, "topic.post", {"op_id": op(), "title": "En väg in"})["topic"]["id"]
    secret = ack(console, "topic.post", {"op_id": op(), "title": "Lisa i 7B"})["topic"]["id"]
    ack(console, "topic.hide", {"op_id": op(), "topic_id": secret, "hidden": True})
    # It was on the wall before it was hidden; from here on its words must not travel.
    for name in ("phone_a", "phone_b", "wall"):
        room[name].get_received()
    theme = ack(console, "theme.create", {"op_id": op(), "title": "Tema"})["theme"]["id"]
    for topic_id in (shown, secret):
        ack(console, "theme.add_topic", {"op_id": op(), "theme_id": theme, "topic_id": topic_id})
    ack(console, "phase.change", {"op_id": op(), "phase": "develop"})
    posted = ack(
        room["phone_b"], "idea.post", {"op_id": op(), "theme_id": theme, "text": "Kalle i 8C"}
    )
    ack(console, "idea.hide", {"op_id": op(), "idea_id": posted["idea"]["id"], "hidden": True})
    for name in ("phone_a", "phone_b", "wall"):
        assert "Kalle" not in frames(room[name]).split('"idea.hidden"')[-1], name
    ack(console, "idea.mark", {"op_id": op(), "idea_id": posted["idea"]["id"], "low_hanging": True})
    fruit = ack(
        room["phone_a"], "idea.post", {"op_id": op(), "theme_id": theme, "text": "Ett nummer"}
    )
    ack(console, "idea.mark", {"op_id": op(), "idea_id": fruit["idea"]["id"], "low_hanging": True})
    on_wall = frames(room["wall"])
    on_phone = frames(room["phone_a"])
    for seen in (on_wall, on_phone):
        assert "Lisa" not in seen
        assert "Ett nummer" in seen and '"low_hanging": true' in seen
    # Marking a hidden idea sends phones and the wall its id alone.
    assert "Kalle" not in on_wall and "Kalle" not in on_phone
    snapshot = ack(room["phone_a"], "sync", {"since": 0})["snapshot"]
    assert "Lisa" not in json.dumps(snapshot) and "Kalle" not in json.dumps(snapshot)
    assert snapshot["themes"][str(theme)]["topic_ids"] == [shown, secret]
    assert [i["text"] for i in snapshot["ideas"].values()] == ["Ett nummer"]


def test_a_sealed_round_on_themes_sends_phones_and_walls_no_totals(room: dict[str, Any]) -> None:
    console = room["console"]
    theme = ack(console, "theme.create", {"op_id": op(), "title": "En väg in"})["theme"]["id"]
    opened = ack(
        console, "round.open", {"op_id": op(), "scope": "themes", "budget": 2, "max_per_topic": 1}
    )
    assert opened["round"]["scope"] == "themes" and opened["round"]["sealed"] is True
    for name in ("console", "phone_a", "phone_b", "wall"):
        room[name].get_received()
    answer = ack(room["phone_a"], "theme.vote", {"op_id": op(), "theme_id": theme})
    assert answer["ok"] and answer["total"] is None and answer["mine"] == 1
    (on_console,) = events_of(console)
    assert on_console["type"] == "theme.dot_added" and on_console["payload"]["total"] == 1
    for name in ("phone_b", "wall"):
        (public,) = events_of(room[name])
        assert public["payload"]["total"] is None and public["payload"]["dots"] == 1, name
    wrong = ack(room["phone_a"], "vote.add", {"op_id": op(), "topic_id": theme})
    assert wrong["error"]["code"] == "not_in_round"
    closed = ack(console, "round.close", {"op_id": op()})
    assert closed["results"] == [{"rank": 1, "theme_id": theme, "total": 1, "topic_id": None}]
    (on_wall,) = events_of(room["wall"])
    assert on_wall["payload"]["theme_results"][0]["total"] == 1
