"""Board commands on a real database: versions, undo, the lock, answers, deleting."""

from __future__ import annotations

import json
from typing import Any

import pytest
import sqlalchemy as sa

from tests.support.refusals import refused
from tests.support.rooms import Room, build_room
from workshop.services import board, board_answers, sync, workshops


@pytest.fixture
def room(app: Any, db: Any) -> Room:
    groups = ("professional", "professional", "parent", "young")
    return build_room(app, db, people=[{"group": g, "nickname": f"N-{g}"} for g in groups])


def card_row(db: Any, card_id: int) -> tuple[int, int, int]:
    with db.read() as session:
        return tuple(
            session.execute(
                sa.text("select x, y, version from board_cards where id = :i"), {"i": card_id}
            ).one()
        )


def test_of_two_moves_on_one_version_the_first_wins_and_the_second_is_told(room: Room) -> None:
    db, (anna, bo, *_rest) = room.db, room.people
    card = board.place_card(db, anna, "p1", {"role_id": "skolkurator"}).result["card"]
    assert card["version"] == 1 and card["group"] == ""
    first = board.move_card(
        db, anna, "m1", {"card_id": card["id"], "version": 1, "x": 100, "y": 90}
    )
    assert first.result["card"]["version"] == 2
    with refused("card_changed"):
        board.move_card(db, bo, "m2", {"card_id": card["id"], "version": 1, "x": 800, "y": 800})
    assert card_row(db, card["id"]) == (100, 90, 2)
    # Bo's screen now holds version 2; moving again on it wins.
    board.move_card(db, bo, "m3", {"card_id": card["id"], "version": 2, "x": 800, "y": 800})
    assert card_row(db, card["id"]) == (800, 800, 3)
    # The same op_id again changes nothing.
    again = board.move_card(db, bo, "m3", {"card_id": card["id"], "version": 2, "x": 1, "y": 1})
    assert again.replayed and again.events == [] and card_row(db, card["id"]) == (800, 800, 3)


def test_each_person_undoes_their_own_last_change_only(room: Room) -> None:
    db, (anna, bo, *_rest) = room.db, room.people
    a = board.place_card(db, anna, "pa", {"role_id": "logoped", "x": 10, "y": 10}).result["card"]
    b = board.place_card(db, bo, "pb", {"role_id": "kommunpolis", "x": 10, "y": 700}).result["card"]
    board.move_card(db, anna, "ma", {"card_id": a["id"], "version": 1, "x": 50, "y": 50})
    board.group_card(db, bo, "gb", {"card_id": b["id"], "version": 1, "group": "sspf"})
    undone = board.undo(db, anna, "ua", {})
    assert undone.result == {"undone": True, "step": "move"}
    assert [e["type"] for e in undone.events] == ["board.card_moved"]
    assert card_row(db, a["id"]) == (10, 10, 3)
    state = sync.snapshot(db, room.wid, include_hidden=False)["board"]
    assert state["cards"][str(b["id"])]["group"] == "sspf", "Anna's undo touched Bo's card"
    # Next, Anna's placing is undone: the card goes.
    assert board.undo(db, anna, "ub", {}).result["step"] == "remove"
    with refused("nothing_to_undo"):
        board.undo(db, anna, "uc", {})
    # Bo grouped his card; Anna (facilitator-free room) moves it; Bo's undo no longer applies.
    board.move_card(db, anna, "md", {"card_id": b["id"], "version": 2, "x": 400, "y": 900})
    late = board.undo(db, bo, "ud", {})
    assert late.result == {"undone": False, "step": "group"} and late.events == []
    assert card_row(db, b["id"]) == (400, 900, 3)


def test_undoing_a_removal_brings_the_card_back_with_its_links(room: Room) -> None:
    db, fac = room.db, room.fac
    one = board.place_card(db, fac, "1", {"role_id": "bvc-lakare"}).result["card"]
    two = board.place_card(db, fac, "2", {"role_id": "barnlakare"}).result["card"]
    assert (one["x"], one["y"]) != (two["x"], two["y"]), "keyboard places overlap"
    link = board.add_link(
        db, fac, "3", {"source_id": one["id"], "target_id": two["id"], "kind": "refers_to"}
    ).result["link"]
    removed = board.remove_card(db, fac, "4", {"card_id": two["id"], "version": 1})
    assert removed.events[0]["payload"] == {"card_id": two["id"], "link_ids": [link["id"]]}
    back = board.undo(db, fac, "5", {})
    assert [e["type"] for e in back.events] == ["board.card_placed", "board.link_added"]
    state = sync.snapshot(db, room.wid, include_hidden=True)["board"]
    assert set(state["cards"]) == {str(one["id"]), str(two["id"])}
    assert state["links"] == {str(link["id"]): link}


def test_a_locked_board_refuses_participants_but_not_the_facilitator(room: Room) -> None:
    db, fac, anna = room.db, room.fac, room.people[0]
    card = board.place_card(db, anna, "p", {"role_id": "syv"}).result["card"]
    with refused("forbidden"):
        board.set_locked(db, anna, "l0", {"locked": True})
    locked = board.set_locked(db, fac, "l1", {"locked": True})
    assert [e["type"] for e in locked.events] == ["board.locked"]
    with refused("board_locked"):
        board.place_card(db, anna, "p2", {"role_id": "syv"})
    with refused("board_locked"):
        board.move_card(db, anna, "m", {"card_id": card["id"], "version": 1, "x": 5, "y": 5})
    with refused("board_locked"):
        board.undo(db, anna, "u", {})
    with refused("board_locked"):
        board.drag_position(db, anna, {"card_id": card["id"], "x": 1, "y": 1})
    board.move_card(db, fac, "fm", {"card_id": card["id"], "version": 1, "x": 5, "y": 5})
    assert board.set_locked(db, fac, "l2", {"locked": True}).events == []  # already locked
    board.set_locked(db, fac, "l3", {"locked": False})
    board.move_card(db, anna, "m2", {"card_id": card["id"], "version": 2, "x": 9, "y": 9})


def test_answers_travel_as_aggregates_only_and_a_second_replaces_the_first(room: Room) -> None:
    db, (_anna, _bo, parent, young) = room.db, room.people
    board_answers.answer_roles_met(
        db, parent, "a1", {"roles_met": ["logoped", "bvc-sjukskoterska"], "retold": []}
    )
    outcome = board_answers.answer_roles_met(
        db,
        parent,
        "a2",
        {"roles_met": ["logoped", "skolkurator", "barnlakare"], "retold": ["logoped"]},
    )
    last = board_answers.answer_roles_met(
        db, young, "a3", {"roles_met": ["skolkurator"], "retold": ["skolkurator"]}
    )
    met = last.events[0]["payload"]["met"]
    assert met["answers"] == 2 and met["heat"] == {"barnlakare": 1, "logoped": 1, "skolkurator": 2}
    assert met["titles"] == {"median": 2, "low": 1, "high": 3}
    assert met["retold"] == {"median": 1, "low": 1, "high": 1}
    text = json.dumps([outcome.events, last.events, outcome.result])
    assert "participant" not in text and "N-parent" not in text
    assert set(last.events[0]["payload"]) == {"met"}
    assert set(met) == {
        "answers",
        "heat",
        "titles",
        "organisations",
        "organisations_total",
        "retold",
        "retold_total",
    }
    assert met["retold_total"] == 2  # one retelling in each of the two answers
    assert board_answers.my_answer(db, room.wid, parent.id) == (
        ["barnlakare", "logoped", "skolkurator"],
        ["logoped"],
    )
    with refused("bad_request"):
        board_answers.answer_roles_met(db, young, "a4", {"roles_met": ["x"]})
    with refused("forbidden"):
        board_answers.answer_roles_met(db, room.fac, "a5", {"roles_met": []})


def test_deleting_the_workshop_deletes_the_board(room: Room) -> None:
    db, fac, anna = room.db, room.fac, room.people[0]
    one = board.place_card(db, anna, "1", {"role_id": "logoped"}).result["card"]
    two = board.place_card(db, anna, "2", {"role_id": "skolkurator"}).result["card"]
    board.add_link(
        db, anna, "3", {"source_id": one["id"], "target_id": two["id"], "kind": "works_with"}
    )
    board.set_locked(db, fac, "4", {"locked": True})
    board_answers.answer_roles_met(db, room.people[2], "5", {"roles_met": ["logoped"]})
    workshops.delete_workshop(db, fac)
    with db.read() as session:
        for table in ("boards", "board_cards", "board_links", "board_answers", "board_undo"):
            assert session.scalar(sa.text(f"select count(*) from {table}")) == 0, table  # noqa: S608
