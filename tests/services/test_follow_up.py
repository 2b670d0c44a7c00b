"""Following a process's actions up for months, on a moved clock: the dated history, the dates
due on the process page, the calendar file, and "what happened since" on the feedback page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
import pytest
import sqlalchemy as sa

from tests.conftest import logged_in_client, make_facilitator
from tests.support.process_script import Script, build_process
from tests.support.refusals import refused
from workshop import clock
from workshop.domain.actors import Actor
from workshop.services import actions, follow_up, process, sync, workshops
from workshop.store.models import ActionUpdate


@pytest.fixture
def move(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Move the server's clock to noon, Swedish time, of a day: move("2026-02-20")."""

    def to(day: str) -> None:
        moment = dt.datetime.fromisoformat(f"{day}T11:00:00+00:00")
        monkeypatch.setattr(clock, "utcnow", lambda: moment)

    return to


@pytest.fixture
def script(app: Any, db: Any, move: Any) -> Script:
    move("2026-01-27")
    return build_process(app, db)


def history(db: Any, action_id: int) -> list[tuple[str, str, str, str]]:
    (item,) = [i for i in follow_up.followed(db, list(range(1, 99))) if i.id == action_id]
    return [(u.on, u.status, u.reason, u.note) for u in item.history]


def test_months_of_follow_up_on_a_closed_workshop(db: Any, script: Script, move: Any) -> None:
    wid = script.workshops[0]
    card, other = script.action_ids[wid]
    fac = Actor("facilitator", wid, script.owner)
    workshops.close_workshop(db, fac, None, {})
    move("2026-02-20")
    started = follow_up.follow_up_action(
        db, fac, None, {"action_id": card, "status": "started", "note": "Första mötet hölls"}
    )
    assert [e["type"] for e in started.events] == ["action.edited"]
    move("2026-04-20")
    with refused("reason_required"):
        follow_up.follow_up_action(db, fac, None, {"action_id": other, "status": "dropped"})
    follow_up.follow_up_action(
        db, fac, None, {"action_id": other, "status": "dropped", "reason": "Görs av regionen"}
    )
    note_only = follow_up.follow_up_action(
        db, fac, None, {"action_id": card, "note": "Halvvägs", "on": "2026-04-15"}
    )
    assert note_only.events == []  # no new status: no screen changes
    with refused("date_in_future"):
        follow_up.follow_up_action(
            db, fac, None, {"action_id": card, "note": "x", "on": "2026-04-21"}
        )
    assert history(db, card) == [
        ("2026-01-27", "planned", "", ""),
        ("2026-02-20", "started", "", "Första mötet hölls"),
        ("2026-04-15", "started", "", "Halvvägs"),
    ]
    assert history(db, other)[-1] == ("2026-04-20", "dropped", "Görs av regionen", "")
    state = sync.snapshot(db, wid, include_hidden=False)
    assert state["actions"][str(card)]["status"] == "started"
    assert state["actions"][str(other)]["status"] == "dropped"


def test_the_dates_due_follow_the_clock(db: Any, script: Script, move: Any) -> None:
    owner, pid = script.owner, script.process_id

    def due(day: str) -> list[tuple[str, str, str]]:
        move(day)
        return [(d.what, d.kind, d.state) for d in process.process_view(db, owner, pid, "sv").due]

    assert due("2026-02-05") == [
        ("Kartlägg samverkan", "due", "soon"),
        ("Gemensam ingång för familjer", "due", "later"),
        ("Gemensam ingång för familjer", "follow_up", "later"),
        ("Öppen förskola på lördagar", "due", "later"),
        ("Öppen förskola på lördagar", "follow_up", "later"),
    ]
    assert due("2026-03-02")[:2] == [
        ("Kartlägg samverkan", "due", "overdue"),
        ("Gemensam ingång för familjer", "due", "overdue"),
    ]
    wid = script.workshops[0]
    card, other = script.action_ids[wid]
    fac = Actor("facilitator", wid, owner)
    follow_up.follow_up_action(db, fac, None, {"action_id": other, "status": "done"})
    move("2026-03-25")
    follow_up.follow_up_action(db, fac, None, {"action_id": card, "note": "På gång"})
    # Done: no dates left; a note within two weeks of the follow-up date meets it.
    assert due("2026-04-02") == [
        ("Gemensam ingång för familjer", "due", "overdue"),
        ("Öppen förskola på lördagar", "due", "later"),
        ("Öppen förskola på lördagar", "follow_up", "later"),
    ]


def test_the_cards_own_form_keeps_the_history_and_never_drops(
    db: Any, script: Script, move: Any
) -> None:
    wid = script.workshops[2]
    (card,) = script.action_ids[wid]
    fac = Actor("facilitator", wid, script.owner)
    fields = {"what": "Öppen förskola på lördagar", "due": "2026-05-01", "follow_up": "2026-06-01"}
    move("2026-03-10")
    with refused("reason_required"):
        actions.edit_action(
            db, fac, None, {**fields, "action_id": card, "version": 1, "status": "dropped"}
        )
    with refused("reason_required"):
        actions.add_action(db, fac, None, {**fields, "status": "dropped"})
    actions.edit_action(
        db, fac, None, {**fields, "action_id": card, "version": 1, "status": "started"}
    )
    assert history(db, card)[-1] == ("2026-03-10", "started", "", "")
    follow_up.follow_up_action(
        db, fac, None, {"action_id": card, "status": "dropped", "reason": "Inga lokaler"}
    )
    # Words of a dropped card change from the console; it stays dropped.
    edited = actions.edit_action(
        db,
        fac,
        None,
        {**fields, "what": "Öppen förskola", "action_id": card, "version": 3, "status": "dropped"},
    )
    assert edited.result["action"]["status"] == "dropped"
    actions.remove_action(db, fac, None, {"action_id": card, "version": 4})
    with db.read() as session:
        assert (
            session.scalar(
                sa.select(sa.func.count(ActionUpdate.id)).where(ActionUpdate.action_id == card)
            )
            == 0
        )


def test_deleting_the_workshop_leaves_no_history(db: Any, script: Script) -> None:
    wid = script.workshops[0]
    workshops.delete_workshop(db, Actor("facilitator", wid, script.owner))
    with db.read() as session:
        assert (
            session.scalar(
                sa.select(sa.func.count(ActionUpdate.id)).where(ActionUpdate.workshop_id == wid)
            )
            == 0
        )


def test_the_process_page_records_a_follow_up_and_writes_the_calendar(
    app: Any, db: Any, script: Script, move: Any
) -> None:
    http = logged_in_client(app, script.email)
    wid = script.workshops[0]
    card, _other = script.action_ids[wid]
    pid = script.process_id
    move("2026-03-02")
    page = http.get(f"/console/processes/{pid}?lang=en").get_data(as_text=True)
    assert "Overdue" in page and 'id="follow-up"' in page
    sent = http.post(
        f"/console/processes/{pid}/actions/{card}/follow-up",
        data={"status": "started", "note": "Möte med skolan bokat", "reason": "", "on": ""},
    )
    assert sent.status_code == 302 and sent.headers["Location"].endswith(f"#action-{card}")
    refused_page = http.post(
        f"/console/processes/{pid}/actions/{card}/follow-up?lang=en", data={"status": "dropped"}
    )
    assert refused_page.status_code == 400 and "Say why" in refused_page.get_data(as_text=True)
    ics = http.get(f"/console/processes/{pid}/follow-up.ics?lang=sv")
    assert ics.status_code == 200 and ics.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(ics.data)
    events = {(str(e["summary"]), e.decoded("dtstart")) for e in calendar.walk("VEVENT")}
    assert ("Klart senast: Gemensam ingång för familjer", dt.date(2026, 3, 1)) in events
    assert ("Uppföljning: Öppen förskola på lördagar", dt.date(2026, 6, 1)) in events
    assert len(events) == 5
    # Someone else's process, or an action outside it, is not there.
    other = make_facilitator(app, "annan@example.se")
    assert other
    stranger = logged_in_client(app, "annan@example.se")
    assert stranger.get(f"/console/processes/{pid}/follow-up.ics").status_code == 404
    assert (
        stranger.post(
            f"/console/processes/{pid}/actions/{card}/follow-up", data={"note": "x"}
        ).status_code
        == 404
    )
    assert (
        http.post(
            f"/console/processes/{pid}/actions/999999/follow-up", data={"note": "x"}
        ).status_code
        == 404
    )


def test_the_feedback_page_tells_what_happened_since(
    app: Any, db: Any, script: Script, move: Any
) -> None:
    wid = script.workshops[0]
    card, other = script.action_ids[wid]
    fac = Actor("facilitator", wid, script.owner)
    code = workshops.get_workshop(db, wid)["join_code"]
    before = app.test_client().get(f"/w/{code}/feedback?lang=en").get_data(as_text=True)
    assert "What happened since" not in before
    move("2026-03-12")
    follow_up.follow_up_action(
        db, fac, None, {"action_id": card, "status": "started", "note": "Skolan är med"}
    )
    move("2026-05-04")
    follow_up.follow_up_action(
        db, fac, None, {"action_id": other, "status": "dropped", "reason": "Görs av regionen"}
    )
    page = app.test_client().get(f"/w/{code}/feedback?lang=en").get_data(as_text=True)
    assert "What happened since" in page
    assert page.index("4 May 2026") < page.index("12 March 2026")  # newest first
    assert "Skolan är med" in page and "why: Görs av regionen" in page and "Dropped" in page
    assert "27 January 2026" not in page  # the day a card was written is no news
