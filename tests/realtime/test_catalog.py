"""The workshop's own catalogue over Socket.IO: only the facilitator edits it, every screen
receives the change; free-text cards travel with their words."""

from __future__ import annotations

from typing import Any

from tests.conftest import ack, events_of, op
from workshop.services import sync

COACH = {"title_sv": "Fotbollstränare", "sector": "civil", "organisation_sv": "Klubben"}


def test_a_participant_cannot_edit_the_catalogue(app: Any, db: Any, room: dict[str, Any]) -> None:
    wid = room["workshop"]["id"]
    phone, wall = room["phone_a"], room["wall"]
    before = sync.snapshot(db, wid, include_hidden=True)
    for name, payload in (
        ("catalog.add_role", COACH),
        ("catalog.rename_role", {"role_id": "syv", "title_sv": "Syv"}),
        ("catalog.hide_role", {"role_id": "syv", "hidden": True}),
        ("catalog.add_organisation", {"sector": "civil", "name_sv": "Kyrkan"}),
    ):
        answer = ack(phone, name, {"op_id": op(), **payload})
        assert answer["ok"] is False and answer["error"]["code"] == "forbidden", name
        refused = ack(wall, name, {"op_id": op(), **payload})
        assert refused["ok"] is False, name
    assert sync.snapshot(db, wid, include_hidden=True) == before
    assert events_of(phone) == [] and events_of(room["console"]) == []


def test_the_facilitator_s_edit_reaches_every_screen(
    app: Any, db: Any, room: dict[str, Any]
) -> None:
    console, phone, wall = room["console"], room["phone_a"], room["wall"]
    added = ack(console, "catalog.add_role", {"op_id": op(), **COACH})
    assert added["ok"] and added["role"]["title_en"] == "Fotbollstränare"
    bad = ack(console, "catalog.add_role", {"op_id": op(), **COACH, "title_sv": "x" * 101})
    assert bad["error"]["code"] == "too_long" and "100" in bad["error"]["message"]
    hidden = ack(console, "catalog.hide_role", {"op_id": op(), "role_id": "syv", "hidden": True})
    assert hidden["ok"] and hidden["role"]["hidden"] is True
    for screen in (console, phone, wall):
        got = events_of(screen)
        assert [e["type"] for e in got] == ["catalog.role_added", "catalog.role_hidden"]
        assert got[0]["payload"]["role"]["id"] == added["role"]["id"]
    # A participant places the new role and writes a card of their own; the words travel as typed.
    placed = ack(phone, "board.place", {"op_id": op(), "role_id": added["role"]["id"]})
    assert placed["ok"]
    refused = ack(phone, "board.place", {"op_id": op(), "role_id": "syv"})
    assert refused["error"]["code"] == "not_found"  # hidden from the lists
    words = "<img src=x onerror=alert(1)> Mormor"
    own = ack(phone, "board.place", {"op_id": op(), "kind": "text", "text": words})
    assert own["ok"] and own["card"]["text"] == words and own["card"]["role_id"] == ""
    sent = [e for e in events_of(wall) if e["type"] == "board.card_placed"]
    assert [e["payload"]["card"]["kind"] for e in sent] == ["role", "text"]
    assert sent[1]["payload"]["card"]["text"] == words
