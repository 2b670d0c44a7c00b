"""The agenda over Socket.IO: who may do what, what goes over the wire, counts that follow
people, and the database's own rule of one session per cell."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from tests.conftest import ack, events_of, op
from workshop.store.models import AgendaSession


@pytest.fixture
def grid(room: dict[str, Any]) -> dict[str, Any]:
    """Two slots, two spaces (the first holds 1 person), a topic by each phone."""
    console = room["console"]
    slots = [
        ack(console, "slot.save", {"op_id": op(), "starts": s, "ends": e})["slot"]["id"]
        for s, e in (("10:00", "10:45"), ("11:00", "11:45"))
    ]
    spaces = [
        ack(console, "space.save", {"op_id": op(), "name": n, "capacity": c})["space"]["id"]
        for n, c in (("Hall", 1), ("Corner", 8))
    ]
    topics = {
        name: ack(room[name], "topic.post", {"op_id": op(), "title": f"By {name}"})["topic"]["id"]
        for name in ("phone_a", "phone_b")
    }
    for name in ("console", "phone_a", "phone_b", "wall"):
        room[name].get_received()
    return {**room, "slots": slots, "spaces": spaces, "topics": topics}


def place(grid: dict[str, Any], who: str, slot: int, space: int) -> dict[str, Any]:
    cell = {"slot_id": grid["slots"][slot], "space_id": grid["spaces"][space]}
    return ack(grid[who], "session.place", {"op_id": op(), "topic_id": grid["topics"][who], **cell})


def test_a_convener_claims_a_free_cell_and_every_screen_sees_it(grid: dict[str, Any]) -> None:
    answer = place(grid, "phone_a", 0, 0)
    assert answer["ok"], answer
    console = events_of(grid["console"])
    wall = events_of(grid["wall"])
    assert [e["type"] for e in console] == ["session.placed"] == [e["type"] for e in wall]
    # Who convenes is the console's to know, never the wall's or another phone's.
    assert console[0]["payload"]["session"]["convener"] is not None
    assert wall[0]["payload"]["session"]["convener"] is None
    assert events_of(grid["phone_b"])[0]["payload"]["session"]["convener"] is None
    assert "title" not in wall[0]["payload"]["session"]  # the title comes from the topic
    taken = place(grid, "phone_b", 0, 0)
    assert taken["error"]["code"] == "cell_taken"
    assert taken["error"]["message"]


def test_a_participant_cannot_place_move_or_remove_another_s_session(
    grid: dict[str, Any],
) -> None:
    session_id = place(grid, "phone_a", 0, 0)["session"]["id"]
    for name in ("console", "phone_a", "wall"):
        grid[name].get_received()
    other = grid["phone_b"]
    cell = {"slot_id": grid["slots"][1], "space_id": grid["spaces"][1]}
    assert (
        ack(other, "session.move", {"op_id": op(), "session_id": session_id, **cell})["error"][
            "code"
        ]
        == "not_your_session"
    )
    assert (
        ack(other, "session.remove", {"op_id": op(), "session_id": session_id})["error"]["code"]
        == "not_your_session"
    )
    theirs = {"op_id": op(), "topic_id": grid["topics"]["phone_a"], **cell}
    assert ack(other, "session.place", theirs)["error"]["code"] == "not_your_session"
    for event, body in (
        ("slot.save", {"starts": "12:00", "ends": "12:30"}),
        ("space.save", {"name": "Mine"}),
        ("session.merge", {"source_id": session_id, "target_id": session_id + 1}),
    ):
        assert ack(other, event, {"op_id": op(), **body})["error"]["code"] == "forbidden"
    for name in ("console", "phone_a", "wall"):
        assert events_of(grid[name]) == [], name
    # The convener moves their own; the facilitator moves anyone's.
    assert ack(grid["phone_a"], "session.move", {"op_id": op(), "session_id": session_id, **cell})[
        "ok"
    ]
    back = {"slot_id": grid["slots"][0], "space_id": grid["spaces"][0]}
    assert ack(grid["console"], "session.move", {"op_id": op(), "session_id": session_id, **back})[
        "ok"
    ]


def test_the_facilitator_may_double_book_a_convener_and_the_phone_may_not(
    grid: dict[str, Any], app: Any
) -> None:
    place(grid, "phone_a", 0, 0)
    second = ack(grid["phone_a"], "topic.post", {"op_id": op(), "title": "Second"})["topic"]["id"]
    cell = {"slot_id": grid["slots"][0], "space_id": grid["spaces"][1]}
    mine = {"op_id": op(), "topic_id": second, **cell}
    assert ack(grid["phone_a"], "session.place", mine)["error"]["code"] == "convener_busy"
    assert ack(grid["console"], "session.place", {**mine, "op_id": op()})["ok"]
    from workshop.services.agenda import clashes_now

    kinds = [c.kind for c in clashes_now(app.extensions["workshop_db"], grid["workshop"]["id"])]
    assert kinds == ["convener_twice"]


def test_i_m_here_counts_follow_a_person_and_the_room_gets_no_names(
    grid: dict[str, Any], app: Any
) -> None:
    first = place(grid, "phone_a", 0, 0)["session"]["id"]
    second = place(grid, "phone_b", 0, 1)["session"]["id"]
    for name in ("console", "phone_a", "phone_b", "wall"):
        grid[name].get_received()
    assert ack(grid["phone_a"], "session.here", {"op_id": op(), "session_id": first})["ok"]
    assert ack(grid["phone_b"], "session.here", {"op_id": op(), "session_id": first})["ok"]
    wall = events_of(grid["wall"])
    assert wall[-1]["payload"]["counts"] == {str(first): {"going": 0, "here": 2}}
    # Two people in a hall for one: the console's clash list says so.
    from workshop.services.agenda import clashes_now

    db = app.extensions["workshop_db"]
    assert [c.kind for c in clashes_now(db, grid["workshop"]["id"])] == ["over_capacity"]
    received = grid["phone_b"].get_received()
    me = [m["args"][0] for m in received if m["name"] == "me"]
    assert me and me[-1]["here"] == first
    # Phone B walks over (the law of two feet): one count down, one up, in one event.
    assert ack(grid["phone_b"], "session.here", {"op_id": op(), "session_id": second})["ok"]
    moved = events_of(grid["wall"])
    assert [e["type"] for e in moved] == ["attendance.counted"]
    assert moved[0]["payload"]["counts"] == {
        str(first): {"going": 0, "here": 1},
        str(second): {"going": 0, "here": 1},
    }
    assert all("participant" not in str(e["payload"]) for e in moved)
    going = {"op_id": op(), "session_id": second, "going": True}
    assert ack(grid["phone_a"], "session.going", going)["ok"]
    me = [m["args"][0] for m in grid["phone_a"].get_received() if m["name"] == "me"]
    assert me[-1]["going"] == [second] and me[-1]["here"] == first


def test_a_merge_keeps_people_and_the_source_s_topic(grid: dict[str, Any]) -> None:
    first = place(grid, "phone_a", 0, 0)["session"]["id"]
    second = place(grid, "phone_b", 1, 1)["session"]["id"]
    ack(grid["phone_a"], "session.going", {"op_id": op(), "session_id": first, "going": True})
    ack(grid["phone_b"], "session.here", {"op_id": op(), "session_id": first})
    grid["wall"].get_received()
    merge = {"op_id": op(), "source_id": first, "target_id": second}
    assert ack(grid["console"], "session.merge", merge)["ok"]
    (merged,) = events_of(grid["wall"])
    assert merged["type"] == "session.merged"
    assert merged["payload"]["target"]["also_topic_ids"] == [grid["topics"]["phone_a"]]
    assert merged["payload"]["counts"] == {str(second): {"going": 1, "here": 1}}


def test_the_database_itself_refuses_two_sessions_in_one_cell(
    grid: dict[str, Any], app: Any
) -> None:
    place(grid, "phone_a", 0, 0)
    db = app.extensions["workshop_db"]
    with pytest.raises(IntegrityError), db.unit_of_work() as uow:
        uow.session.add(
            AgendaSession(
                workshop_id=grid["workshop"]["id"],
                topic_id=grid["topics"]["phone_b"],
                slot_id=grid["slots"][0],
                space_id=grid["spaces"][0],
                also_topic_ids=[],
            )
        )
        uow.session.flush()
    with db.read() as session:
        assert session.scalar(sa.select(sa.func.count(AgendaSession.id))) == 1


def test_bad_times_and_a_slot_with_sessions_are_refused(grid: dict[str, Any]) -> None:
    console = grid["console"]
    bad = ack(console, "slot.save", {"op_id": op(), "starts": "10:30", "ends": "10:10"})
    assert bad["error"]["code"] == "bad_time"
    overlap = ack(console, "slot.save", {"op_id": op(), "starts": "10:30", "ends": "11:10"})
    assert overlap["error"]["code"] == "slot_overlap"
    place(grid, "phone_a", 0, 0)
    busy = ack(console, "slot.remove", {"op_id": op(), "slot_id": grid["slots"][0]})
    assert busy["error"]["code"] == "not_empty"
    assert ack(console, "slot.remove", {"op_id": op(), "slot_id": grid["slots"][1]})["ok"]
