"""The board through the Socket.IO test client: converging moves, the lock, dragging."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from tests.conftest import ack, events_of, op, socket_for
from workshop.domain.state import apply
from workshop.services import sync


def hold(sock: Any) -> dict[str, Any]:
    """A screen's state: a first snapshot, then every event it receives applied to it."""
    return {"sock": sock, "state": ack(sock, "sync", {"since": 0})["snapshot"]}


def catch_up(screen: dict[str, Any], include_hidden: bool) -> dict[str, Any]:
    for event in events_of(screen["sock"]):
        screen["state"] = apply(screen["state"], event, include_hidden=include_hidden)
    return screen["state"]


def test_two_editors_moving_one_card_converge_on_both_screens_and_in_the_database(
    app: Any, db: Any, room: dict[str, Any]
) -> None:
    wid = room["workshop"]["id"]
    console, phone = room["console"], room["phone_a"]
    placed = ack(console, "board.place", {"op_id": op(), "role_id": "skolkurator"})
    card = placed["card"]
    screens = {"console": hold(console), "phone": hold(phone)}
    # Both saw version 1 and drop the card at once; the server orders them.
    first = ack(
        phone, "board.move", {"op_id": op(), "card_id": card["id"], "version": 1, "x": 40, "y": 50}
    )
    second = ack(
        console,
        "board.move",
        {"op_id": op(), "card_id": card["id"], "version": 1, "x": 1500, "y": 1000},
    )
    assert first["ok"] and first["card"]["version"] == 2
    assert second["ok"] is False and second["error"]["code"] == "card_changed"
    fresh = sync.snapshot(db, wid, include_hidden=True)
    for name, include_hidden in (("console", True), ("phone", False)):
        assert catch_up(screens[name], include_hidden) == fresh, name
    assert fresh["board"]["cards"][str(card["id"])] == {**card, "x": 40, "y": 50, "version": 2}
    with db.read() as session:
        row = session.execute(sa.text("select x, y, version from board_cards")).one()
    assert tuple(row) == (40, 50, 2)
    # The console follows version 2 and moves again: now it wins everywhere.
    again = ack(
        console,
        "board.move",
        {"op_id": op(), "card_id": card["id"], "version": 2, "x": 1500, "y": 1000},
    )
    assert again["ok"] and again["card"]["version"] == 3
    fresh = sync.snapshot(db, wid, include_hidden=True)
    for name, include_hidden in (("console", True), ("phone", False)):
        assert catch_up(screens[name], include_hidden) == fresh, name
    print(
        f"two moves on version 1: one stored, one card_changed; both screens at seq {fresh['seq']}"
    )


def test_a_participant_cannot_change_a_locked_board(db: Any, room: dict[str, Any]) -> None:
    console, phone = room["console"], room["phone_a"]
    card = ack(phone, "board.place", {"op_id": op(), "role_id": "logoped"})["card"]
    assert ack(phone, "board.lock", {"op_id": op(), "locked": True})["error"]["code"] == "forbidden"
    assert ack(console, "board.lock", {"op_id": op(), "locked": True}) == {
        "ok": True,
        "locked": True,
    }
    for name in ("console", "phone_a", "phone_b", "wall"):
        assert [e["type"] for e in events_of(room[name])][-1] == "board.locked", name
    before = sync.snapshot(db, room["workshop"]["id"], include_hidden=True)
    attempts = {
        "board.place": {"role_id": "syv"},
        "board.move": {"card_id": card["id"], "version": 1, "x": 1, "y": 1},
        "board.group": {"card_id": card["id"], "version": 1, "group": "sip"},
        "board.remove": {"card_id": card["id"], "version": 1},
        "board.undo": {},
    }
    for event, payload in attempts.items():
        answer = ack(phone, event, {"op_id": op(), **payload})
        assert answer["ok"] is False and answer["error"]["code"] == "board_locked", event
        assert answer["error"]["message"]
    drag = ack(phone, "board.drag", {"card_id": card["id"], "x": 5, "y": 5})
    assert drag["error"]["code"] == "board_locked"
    assert sync.snapshot(db, room["workshop"]["id"], include_hidden=True) == before
    for name in ("console", "phone_a", "phone_b", "wall"):
        assert room[name].get_received() == [], name
    # The facilitator still tidies up; unlocking gives the board back.
    assert ack(
        console, "board.move", {"op_id": op(), "card_id": card["id"], "version": 1, "x": 9, "y": 9}
    )["ok"]
    ack(console, "board.lock", {"op_id": op(), "locked": False})
    assert ack(phone, "board.place", {"op_id": op(), "role_id": "syv"})["ok"]


def test_dragging_reaches_the_other_board_screens_and_is_never_logged(
    app: Any, db: Any, room: dict[str, Any]
) -> None:
    wid = room["workshop"]["id"]
    card = ack(room["console"], "board.place", {"op_id": op(), "role_id": "logoped"})["card"]
    board_console = socket_for(
        app, room["http"]["console"], view="console", workshop_id=wid, board=True
    )
    board_phone = socket_for(
        app, room["http"]["phone_b"], view="phone", workshop_id=wid, board=True
    )
    wall_board = socket_for(
        app, app.test_client(), view="wall", join_code=room["workshop"]["join_code"], board=True
    )
    sockets = [
        board_console,
        board_phone,
        wall_board,
        room["console"],
        room["phone_a"],
        room["wall"],
    ]
    for sock in sockets:
        sock.get_received()
    seq = sync.snapshot(db, wid, include_hidden=True)["seq"]
    assert ack(board_phone, "board.drag", {"card_id": card["id"], "x": 333, "y": 99999}) == {
        "ok": True
    }
    received = board_console.get_received()
    assert received == [
        {
            "name": "board.dragging",
            "args": [{"workshop_id": wid, "card_id": card["id"], "x": 333, "y": 1240}],
            "namespace": "/",
        }
    ]
    assert board_phone.get_received() == [], "the dragger's own screen is not echoed"
    for sock in (wall_board, room["console"], room["phone_a"], room["wall"]):
        assert sock.get_received() == [], "a screen without the board got a drag"
    assert sync.snapshot(db, wid, include_hidden=True)["seq"] == seq
    assert (
        ack(room["wall"], "board.drag", {"card_id": card["id"], "x": 1, "y": 1})["error"]["code"]
        == "forbidden"
    )
    assert (
        ack(board_phone, "board.drag", {"card_id": 10**9, "x": 1, "y": 1})["error"]["code"]
        == "not_found"
    )


def test_the_facilitator_puts_back_a_board_a_participant_cleared(room: dict[str, Any]) -> None:
    """One phone took 12 cards off in a second; its own undo reaches 20 steps, but the
    coordinator gets them back in one step, links included, and keeps what they removed."""
    console, phone = room["console"], room["phone_a"]
    cards = []
    for n in range(13):
        placed = ack(console, "board.place", {"op_id": op(), "kind": "text", "text": f"Roll {n}"})
        cards.append(placed["card"])
    ends = {"source_id": cards[0]["id"], "target_id": cards[1]["id"], "kind": "works_with"}
    assert ack(console, "board.link", {"op_id": op(), **ends})["ok"]
    for card in cards[:12]:
        gone = ack(phone, "board.remove", {"op_id": op(), "card_id": card["id"], "version": 1})
        assert gone["ok"], gone
    mine = {"op_id": op(), "card_id": cards[12]["id"], "version": 1}
    assert ack(console, "board.remove", mine)["ok"]
    refused = ack(phone, "board.restore", {"op_id": op()})
    assert refused["error"]["code"] == "forbidden"
    back = ack(console, "board.restore", {"op_id": op()})
    assert back["ok"] and back["restored"] == 12, back
    board = ack(room["wall"], "sync", {"since": 0})["snapshot"]["board"]
    assert sorted(c["text"] for c in board["cards"].values()) == sorted(
        f"Roll {n}" for n in range(12)
    )
    assert len(board["links"]) == 1
    assert ack(console, "board.restore", {"op_id": op()})["restored"] == 0
    bad = ack(console, "board.restore", {"op_id": op(), "minutes": 0})
    assert bad["error"]["code"] == "bad_request"
