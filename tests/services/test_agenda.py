"""The agenda's services without sockets: the plain read for reports, and deleting a workshop
deletes every agenda row."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from tests.conftest import make_facilitator, make_workshop
from workshop.domain.actors import Actor
from workshop.services import agenda, notes, participants, sync, timers, topics, workshops

TABLES = (
    "agenda_slots",
    "agenda_spaces",
    "agenda_sessions",
    "agenda_going",
    "agenda_here",
    "agenda_timers",
    "announcements",
    "session_notes",
)


def a_day(app: Any, db: Any) -> tuple[Actor, list[Actor], list[int]]:
    owner = make_facilitator(app)
    wid = make_workshop(app, owner)["id"]
    fac = Actor("facilitator", wid, owner)
    people = [
        Actor("participant", wid, participants.join(db, wid, {})[1].result["participant_id"])
        for _ in range(3)
    ]
    slots = [
        agenda.save_slot(db, fac, f"s{i}", {"starts": a, "ends": b}).result["slot"]["id"]
        for i, (a, b) in enumerate((("11:00", "11:45"), ("10:00", "10:45")))
    ]
    space = agenda.save_space(db, fac, "r", {"name": "Hall", "capacity": 1}).result["space"]["id"]
    placed = []
    for n, person in enumerate(people[:2]):
        topic = topics.post_topic(db, person, f"t{n}", {"title": f"Topic {n}"}).result["topic"]
        cell = {"topic_id": topic["id"], "slot_id": slots[n], "space_id": space}
        placed.append(agenda.place_session(db, person, f"p{n}", cell).result["session"]["id"])
    for n, person in enumerate(people):
        agenda.set_going(db, person, f"g{n}", {"session_id": placed[0], "going": True})
    agenda.set_here(db, people[2], "h", {"session_id": placed[1]})
    note = {"session_id": placed[0], "field": "discussion", "text": "Ja", "version": 0}
    notes.write_notes(db, people[2], "n", note)
    timers.start_timer(db, fac, "t", {"slot_id": slots[0], "minutes": 5})
    timers.send_announcement(db, fac, "a", {"text": "Hej"})
    return fac, people, placed


def test_the_report_read_is_in_time_order_with_counts_and_no_people(app: Any, db: Any) -> None:
    fac, _people, _placed = a_day(app, db)
    lines = agenda.agenda_for_report(db, fac.workshop_id)
    assert [(x.starts, x.title, x.going, x.here) for x in lines] == [
        ("10:00", "Topic 1", 0, 1),
        ("11:00", "Topic 0", 3, 0),
    ]
    assert lines[1].space == "Hall" and lines[1].capacity == 1
    assert lines[1].notes == {"discussion": "Ja"} and lines[0].notes == {}
    # Three going to a hall for one: the console's clash list has it.
    assert [c.kind for c in agenda.clashes_now(db, fac.workshop_id)] == ["over_capacity"]


def test_deleting_the_workshop_deletes_every_agenda_row(app: Any, db: Any) -> None:
    fac, _people, _placed = a_day(app, db)
    with db.read() as session:
        before = {t: session.scalar(sa.text(f"select count(*) from {t}")) for t in TABLES}  # noqa: S608
    assert all(before.values()), before
    workshops.delete_workshop(db, fac)
    with db.read() as session:
        for table in TABLES:
            assert session.scalar(sa.text(f"select count(*) from {table}")) == 0, table  # noqa: S608


def test_a_reconnecting_phone_downloads_only_the_latest_notes(app: Any, db: Any) -> None:
    """Session notes of 4,000 characters saved 400 times made a reconnecting phone download
    every version, 1.6 MB; a replay now carries each field's latest words only."""
    fac, people, placed = a_day(app, db)
    wid = fac.workshop_id
    since = sync.snapshot(db, wid, include_hidden=False)["seq"]
    version = 1  # a_day wrote "Ja" once
    for n in range(400):
        text = f"{n:03d} " + "x" * 3996
        note = {"session_id": placed[0], "field": "discussion", "text": text, "version": version}
        version = notes.write_notes(db, people[n % 3], f"w{n}", note).result["version"]
    for staff in (False, True):
        body = sync.events_since(db, wid, since, include_hidden=staff)
        assert len(body["events"]) == 400
        size = len(json.dumps(body, ensure_ascii=False).encode())
        print(f"{'console' if staff else 'phone'}: 400 saves of 4,000 characters, {size:,} bytes")
        assert size < 100_000
        assert json.dumps(body).count("x" * 3996) == 1  # the latest version, once
