"""Deliver through the Socket.IO test client: who may send what, what each screen receives, and
two consoles editing one action card converge on the later version."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import ack, events_of, op, socket_for
from workshop.domain.state import apply
from workshop.services import sync

CARD = {
    "what": "Bjud in unga",
    "who": {"role_id": "skolkurator", "organisation": "Elevhälsan"},
    "first_step": "Fråga elevrådet",
    "due": "2027-03-01",
    "follow_up": "2027-04-01",
}


def payloads(card_id: int) -> dict[str, dict[str, Any]]:
    return {
        "action.add": CARD,
        "action.edit": {**CARD, "action_id": card_id, "version": 1, "what": "Ändrad"},
        "action.remove": {"action_id": card_id, "version": 1},
        "decision.record": {"text": "Ja"},
        "decision.edit": {"decision_id": 1, "text": "Nej"},
        "decision.remove": {"decision_id": 1},
        "participation.set": {"shier": "5", "trappa": "medbestammande"},
    }


@pytest.mark.parametrize("sender", ["phone_a", "wall"])
def test_a_participant_or_the_wall_cannot_add_edit_or_remove_anything(
    db: Any, room: dict[str, Any], sender: str
) -> None:
    wid = room["workshop"]["id"]
    card = ack(room["console"], "action.add", {"op_id": op(), **CARD})["action"]
    ack(room["console"], "decision.record", {"op_id": op(), "text": "Ja"})
    before = sync.snapshot(db, wid, include_hidden=True)
    for name in ("console", "phone_a", "phone_b", "wall"):
        room[name].get_received()
    for event, payload in payloads(card["id"]).items():
        answer = ack(room[sender], event, {"op_id": op(), **payload})
        assert answer["ok"] is False, event
        assert answer["error"]["code"] == "forbidden", event
    assert sync.snapshot(db, wid, include_hidden=True) == before
    for name in ("console", "phone_a", "phone_b", "wall"):
        assert events_of(room[name]) == [], name


def test_every_screen_gets_the_actions_and_only_the_console_the_consent_notes(
    db: Any, room: dict[str, Any]
) -> None:
    wid = room["workshop"]["id"]
    screens = {
        name: ack(room[name], "sync", {"since": 0})["snapshot"]
        for name in ("console", "phone_a", "wall")
    }
    made = ack(room["console"], "action.add", {"op_id": op(), **CARD})
    assert made["ok"] and made["action"]["who"]["role_id"] == "skolkurator"
    levels = {"shier": "3", "trappa": "dialog", "anonymity": "nickname"}
    notes = "Vårdnadshavarna samtyckte"
    saved = ack(
        room["console"], "participation.set", {"op_id": op(), **levels, "consent_notes": notes}
    )
    assert saved["ok"]
    for name, state in screens.items():
        events = events_of(room[name])
        assert [e["type"] for e in events] == ["action.added", "participation.changed"], name
        staff = name == "console"
        for event in events:
            state = apply(state, event, include_hidden=staff)
        assert state == sync.snapshot(db, wid, include_hidden=staff), name
        assert state["actions"][str(made["action"]["id"])]["what"] == "Bjud in unga"
        assert (state["participation"]["consent_notes"] == notes) is staff, name
        assert (notes in str(events)) is staff, name


def test_two_consoles_editing_one_card_converge_on_the_later_version(
    app: Any, db: Any, room: dict[str, Any]
) -> None:
    wid = room["workshop"]["id"]
    first = room["console"]
    second = socket_for(app, room["http"]["console"], view="console", workshop_id=wid)
    card = ack(first, "action.add", {"op_id": op(), **CARD})["action"]
    screens = {
        "first": ack(first, "sync", {"since": 0})["snapshot"],
        "second": ack(second, "sync", {"since": 0})["snapshot"],
        "phone": ack(room["phone_a"], "sync", {"since": 0})["snapshot"],
    }
    socks = {"first": first, "second": second, "phone": room["phone_a"]}
    for sock in socks.values():
        sock.get_received()
    won = ack(
        second,
        "action.edit",
        {"op_id": op(), **CARD, "action_id": card["id"], "version": 1, "status": "started"},
    )
    lost = ack(
        first,
        "action.edit",
        {"op_id": op(), **CARD, "action_id": card["id"], "version": 1, "what": "Något annat"},
    )
    assert won["ok"] and won["action"]["version"] == 2
    assert lost["ok"] is False and lost["error"]["code"] == "action_changed"
    fresh = sync.snapshot(db, wid, include_hidden=True)
    for name, state in screens.items():
        for event in events_of(socks[name]):
            state = apply(state, event, include_hidden=name != "phone")
        assert state["actions"] == fresh["actions"], name
    assert fresh["actions"][str(card["id"])]["what"] == "Bjud in unga"
    assert fresh["actions"][str(card["id"])]["status"] == "started"


def test_errors_come_in_the_console_s_language(app: Any, room: dict[str, Any]) -> None:
    wid = room["workshop"]["id"]
    english = socket_for(app, room["http"]["console"], view="console", workshop_id=wid, lang="en")
    swedish = socket_for(app, room["http"]["console"], view="console", workshop_id=wid, lang="sv")
    late = {**CARD, "due": "2027-05-01", "follow_up": "2027-04-01"}
    answer = ack(english, "action.add", {"op_id": op(), **late})
    assert answer["error"]["code"] == "follow_up_before_due"
    assert answer["error"]["message"].startswith("The follow-up date cannot be before")
    answer = ack(swedish, "action.add", {"op_id": op(), **late})
    assert answer["error"]["message"].startswith("Uppföljningen kan inte vara före")
    answer = ack(swedish, "action.add", {"op_id": op(), **CARD, "due": "2027-02-30"})
    assert answer["error"]["code"] == "invalid_date"
    assert "år-månad-dag" in answer["error"]["message"]
    # A wrong shape is refused before anything runs.
    answer = ack(swedish, "action.add", {"op_id": op(), **CARD, "theme_id": "4"})
    assert answer["error"]["code"] == "bad_request"
