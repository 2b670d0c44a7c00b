"""Who may send what: the role matrix is built from the events the server registers at run
time, so a new event cannot be forgotten."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from tests.conftest import (
    ack,
    joined_client,
    logged_in_client,
    make_facilitator,
    make_workshop,
    op,
    socket_for,
)
from workshop.extensions import socketio
from workshop.realtime import handlers  # noqa: F401  (registers every event into COMMANDS)
from workshop.realtime.commands import COMMANDS


# A payload that would succeed if the role were right, so a refusal can only be the role's.
def valid_payload(event: str, topic_id: int) -> dict[str, Any]:
    payloads = {
        "sync": {"since": 0},
        "topic.post": {"title": "A topic"},
        "topic.edit": {"topic_id": topic_id, "title": "Edited"},
        "topic.delete": {"topic_id": topic_id},
        "topic.hide": {"topic_id": topic_id, "hidden": True},
        "topic.merge": {"source_id": topic_id, "target_id": topic_id + 1},
        "vote.add": {"topic_id": topic_id},
        "vote.remove": {"topic_id": topic_id},
        "round.open": {"budget": 5, "max_per_topic": 3},
        "round.close": {},
        "round.reveal": {},
        "topic.approve": {"topic_id": topic_id},
        "review.show": {"held_id": 1},
        "review.drop": {"held_id": 1},
        "board.restore": {},
        "topic.unmerge": {"topic_id": topic_id},
        "wall.show": {"view": "marketplace"},
        "workshop.update": {
            "title": "Taken over",
            "theme": "",
            "language": "en",
            "dot_budget": 5,
            "max_per_topic": 3,
        },
        "workshop.close": {},
        "workshop.reopen": {},
        "profile.update": {"nickname": "x", "group": "young"},
        "board.place": {"role_id": "skolkurator"},
        "board.move": {"card_id": topic_id, "version": 1, "x": 10, "y": 10},
        "board.group": {"card_id": topic_id, "version": 1, "group": "sip"},
        "board.remove": {"card_id": topic_id, "version": 1},
        "board.edit": {"card_id": topic_id, "version": 1, "text": "Ord"},
        "board.link": {"source_id": topic_id, "target_id": topic_id + 1, "kind": "works_with"},
        "board.unlink": {"link_id": topic_id},
        "board.undo": {},
        "board.lock": {"locked": True},
        "consultation.update": {"closes_at": "2030-01-01T18:00", "ask_nickname": False},
        "feedback.add": {"said": "Mer tid", "published": True},
        "feedback.edit": {"item_id": topic_id, "said": "Ändrat"},
        "feedback.remove": {"item_id": topic_id},
        "board.drag": {"card_id": topic_id, "x": 10, "y": 10},
        "phase.change": {"phase": "define"},
        "theme.create": {"title": "A theme"},
        "theme.edit": {"theme_id": topic_id, "statement": "How might we?"},
        "theme.add_topic": {"theme_id": topic_id, "topic_id": topic_id},
        "theme.remove_topic": {"topic_id": topic_id},
        "theme.delete": {"theme_id": topic_id},
        "idea.post": {"theme_id": topic_id, "text": "An idea"},
        "idea.hide": {"idea_id": topic_id, "hidden": True},
        "idea.mark": {"idea_id": topic_id, "low_hanging": True},
        "theme.vote": {"theme_id": topic_id},
        "theme.unvote": {"theme_id": topic_id},
        # Deliver: refused for the role before any id is looked up.
        "action.add": {"what": "Taken over"},
        "action.edit": {"action_id": topic_id, "version": 1, "what": "Taken over"},
        "action.remove": {"action_id": topic_id, "version": 1},
        "decision.record": {"text": "Taken over"},
        "decision.edit": {"decision_id": topic_id, "text": "Taken over"},
        "decision.remove": {"decision_id": topic_id},
        "participation.set": {"shier": "5"},
        "catalog.add_role": {"title_sv": "Ny", "sector": "civil", "organisation_sv": "Org"},
        "catalog.rename_role": {"role_id": "syv", "title_sv": "Taken over"},
        "catalog.hide_role": {"role_id": "syv", "hidden": True},
        "catalog.add_organisation": {"sector": "civil", "name_sv": "Org"},
        "slot.save": {"starts": "10:00", "ends": "10:45"},
        "slot.remove": {"slot_id": topic_id},
        "space.save": {"name": "Room", "capacity": 10},
        "space.remove": {"space_id": topic_id},
        "session.place": {"topic_id": topic_id, "slot_id": topic_id, "space_id": topic_id},
        "session.move": {"session_id": topic_id, "slot_id": topic_id, "space_id": topic_id},
        "session.remove": {"session_id": topic_id},
        "session.merge": {"source_id": topic_id, "target_id": topic_id + 1},
        "session.going": {"session_id": topic_id, "going": True},
        "session.here": {"session_id": topic_id},
        "timer.start": {"slot_id": topic_id, "minutes": 5},
        "timer.stop": {"slot_id": topic_id},
        "timer.extend": {"slot_id": topic_id, "minutes": 5},
        "announcement.send": {"text": "Hello"},
        "clock": {},
        "notes.write": {"session_id": topic_id, "field": "title", "text": "x", "version": 0},
        "notes.count": {"session_id": topic_id, "counts": {"young": 1}},
        "notes.remove_photo": {"photo_id": topic_id},
        "opening.update": {"reset": True},
        "closing.set": {"posting_closed": True, "quiet": True},
        "question.ask": {"kind": "scale", "prompt": "Hur var det?"},
        "question.close": {},
        "question.answer": {"question_id": topic_id, "value": 3},
        "question.hide_word": {"question_id": topic_id, "word": "ord", "hidden": True},
        "team.here": {"part": "agenda"},
        "team.history": {},
    }
    body = dict(payloads[event])
    if event not in ("sync", "board.drag", "clock", "team.here", "team.history"):
        body["op_id"] = op()
    return body


def registered_events() -> set[str]:
    return {name for name in socketio.server.handlers["/"] if name not in ("connect", "disconnect")}


def db_fingerprint(db: Any, workshop_id: int) -> tuple[Any, ...]:
    """Everything of one workshop that a command could change."""
    with db.read() as session:
        counts = tuple(
            session.scalar(
                sa.text(f"select count(*) from {table} where workshop_id = :w"),  # noqa: S608
                {"w": workshop_id},
            )
            for table in (
                "topics",
                "voting_rounds",
                "participants",
                "events",
                "catalog_roles",
                "catalog_organisations",
            )
        )
        votes = session.scalar(
            sa.text(
                "select count(*) from votes join voting_rounds r on r.id = votes.round_id"
                " where r.workshop_id = :w"
            ),
            {"w": workshop_id},
        )
        row = session.execute(
            sa.text("select last_seq, status, title, theme from workshops where id = :w"),
            {"w": workshop_id},
        ).one()
        topics = tuple(
            session.execute(
                sa.text("select id, title, hidden from topics where workshop_id = :w order by id"),
                {"w": workshop_id},
            )
        )
        return (*counts, votes, tuple(row), topics)


def test_every_registered_event_has_declared_roles(app: Any) -> None:
    assert registered_events() == set(COMMANDS), "an event without a role declaration"


@pytest.fixture
def two_rooms(app: Any, room: dict[str, Any]) -> dict[str, Any]:
    """Workshop A (the room fixture) with two topics, and workshop B with its own people."""
    wid = room["workshop"]["id"]
    first = ack(room["console"], "topic.post", {"op_id": op(), "title": "A1"})["topic"]["id"]
    ack(room["console"], "topic.post", {"op_id": op(), "title": "A2"})
    other_owner = make_facilitator(app, "other@example.se")
    other = make_workshop(app, other_owner, title="B")
    other_http = joined_client(app, other["join_code"])
    room["other_participant"] = socket_for(app, other_http, view="phone", workshop_id=other["id"])
    other_console_http = logged_in_client(app, "other@example.se")
    room["other_facilitator"] = socket_for(
        app, other_console_http, view="console", workshop_id=other["id"]
    )
    room["topic_id"] = first
    room["wid"] = wid
    for name in ("console", "phone_a", "phone_b", "wall", "other_participant", "other_facilitator"):
        room[name].get_received()
    return room


@pytest.mark.parametrize("sender", ["phone_a", "wall", "other_participant", "other_facilitator"])
def test_no_one_but_the_facilitator_runs_facilitator_events(
    app: Any, db: Any, two_rooms: dict[str, Any], sender: str
) -> None:
    facilitator_only = [n for n, spec in COMMANDS.items() if spec.roles == {"facilitator"}]
    assert len(facilitator_only) >= 7
    wid = two_rooms["wid"]
    for event in sorted(facilitator_only):
        before = db_fingerprint(db, wid)
        answer = ack(two_rooms[sender], event, valid_payload(event, two_rooms["topic_id"]))
        if sender != "other_facilitator":
            assert answer["ok"] is False, (sender, event, answer)
            assert answer["error"]["code"] == "forbidden", (sender, event, answer)
        # Another workshop's facilitator may run their own workshop, never ours.
        assert db_fingerprint(db, wid) == before, (sender, event)
        for name in ("console", "phone_a", "phone_b", "wall"):
            assert two_rooms[name].get_received() == [], (sender, event, name)


def test_each_role_may_send_exactly_its_events(app: Any, two_rooms: dict[str, Any]) -> None:
    role_of = {"console": "facilitator", "phone_a": "participant", "wall": "wall"}
    for sender, role in role_of.items():
        for event, spec in COMMANDS.items():
            if role in spec.roles:
                continue
            answer = ack(two_rooms[sender], event, valid_payload(event, two_rooms["topic_id"]))
            assert answer == {
                "ok": False,
                "error": {"code": "forbidden", "message": answer["error"]["message"]},
            }, (sender, event)


def test_outsiders_cannot_connect_as_phone_or_console(app: Any, room: dict[str, Any]) -> None:
    wid = room["workshop"]["id"]
    stranger = app.test_client()
    for view in ("phone", "console"):
        sock = socket_for(app, stranger, view=view, workshop_id=wid)
        assert not sock.is_connected()
    # A participant is not a facilitator, and a cookie of workshop A opens nothing in B.
    assert not socket_for(
        app, room["http"]["phone_a"], view="console", workshop_id=wid
    ).is_connected()
    other = make_workshop(app, room["owner_id"], title="B")
    assert not socket_for(
        app, room["http"]["phone_a"], view="phone", workshop_id=other["id"]
    ).is_connected()
    assert not socket_for(app, stranger, view="wall", join_code="ZZZZZZ").is_connected()
    assert not socket_for(app, stranger, view="nonsense", workshop_id=wid).is_connected()


def test_nothing_of_workshop_b_reaches_workshop_a(app: Any, two_rooms: dict[str, Any]) -> None:
    other = two_rooms["other_facilitator"]
    assert ack(other, "topic.post", {"op_id": op(), "title": "Only in B"})["ok"]
    assert ack(other, "round.open", {"op_id": op()})["ok"]
    assert ack(two_rooms["other_participant"], "topic.post", {"op_id": op(), "title": "B2"})["ok"]
    for name in ("console", "phone_a", "phone_b", "wall"):
        assert two_rooms[name].get_received() == [], name
    # ... and ids of A are unknown in B.
    answer = ack(
        two_rooms["other_participant"],
        "topic.edit",
        {"op_id": op(), "topic_id": two_rooms["topic_id"], "title": "x"},
    )
    assert answer["error"]["code"] == "not_found"  # an id of another workshop is unknown here
    answer = ack(
        two_rooms["other_participant"],
        "vote.add",
        {"op_id": op(), "topic_id": two_rooms["topic_id"]},
    )
    assert answer["error"]["code"] == "not_found"


def test_logout_ends_the_console_s_privileges(app: Any, room: dict[str, Any]) -> None:
    console_http = room["http"]["console"]
    spare = socket_for(app, console_http, view="console", workshop_id=room["workshop"]["id"])
    assert ack(spare, "round.open", {"op_id": op()})["ok"]
    console_http.post("/logout")
    assert (
        not room["console"].is_connected()
        or ack(room["console"], "round.close", {"op_id": op()})["error"]["code"] == "forbidden"
    )
    assert not socket_for(
        app, console_http, view="console", workshop_id=room["workshop"]["id"]
    ).is_connected()
