"""Deliver's services on a real database: versions, roles, replays, the reads for reports, the
API route, and deleting a workshop leaves none of it behind."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from tests.conftest import logged_in_client, make_facilitator, make_workshop
from tests.support.refusals import refused
from tests.support.rooms import Room, build_room
from workshop.domain.actors import Actor
from workshop.services import (
    accounts,
    actions,
    decisions,
    participation,
    sync,
    workshops,
)
from workshop.services.participation import ChosenLevel

CARD = {
    "what": "Bjud in unga",
    "who": {"role_id": "skolkurator", "organisation": "Elevhälsan"},
    "first_step": "Fråga elevrådet",
    "due": "2027-03-01",
    "follow_up": "2027-04-01",
}


@pytest.fixture
def room(app: Any, db: Any) -> Room:
    return build_room(app, db, people=[{"group": "young"}])


def test_the_later_version_of_an_action_wins_and_the_stale_edit_changes_nothing(
    db: Any, room: Room
) -> None:
    fac, wid = room.fac, room.wid
    card = actions.add_action(db, fac, "a1", CARD).result["action"]
    assert card["version"] == 1 and card["who"]["role"] == ""
    first = actions.edit_action(
        db, fac, "a2", {**CARD, "action_id": card["id"], "version": 1, "status": "started"}
    )
    assert first.result["action"]["version"] == 2
    stale = {**CARD, "action_id": card["id"], "version": 1, "what": "Något annat"}
    with refused("action_changed"):
        actions.edit_action(db, fac, "a3", stale)
    with refused("action_changed"):
        actions.remove_action(db, fac, "a4", {"action_id": card["id"], "version": 1})
    state = sync.snapshot(db, wid, include_hidden=True)
    assert state["actions"][str(card["id"])]["status"] == "started"
    assert state["actions"][str(card["id"])]["what"] == "Bjud in unga"
    # Saving the same card again is no change: no event, the version stays.
    same = actions.edit_action(
        db, fac, "a5", {**CARD, "action_id": card["id"], "version": 2, "status": "started"}
    )
    assert same.events == [] and same.result["action"]["version"] == 2


def test_only_the_facilitator_changes_actions_decisions_and_participation(
    db: Any, room: Room
) -> None:
    fac, wid = room.fac, room.wid
    card = actions.add_action(db, fac, "a1", CARD).result["action"]
    for who in (room.people[0], room.wall):
        with refused("forbidden"):
            actions.add_action(db, who, "x1", CARD)
        edit = {**CARD, "action_id": card["id"], "version": 1}
        with refused("forbidden"):
            actions.edit_action(db, who, "x2", edit)
        ref = {"action_id": card["id"], "version": 1}
        with refused("forbidden"):
            actions.remove_action(db, who, "x3", ref)
        said = {"text": "Ja"}
        with refused("forbidden"):
            decisions.record_decision(db, who, "x4", said)
        with refused("forbidden"):
            participation.set_participation(db, who, "x5", {"shier": "5"})
    state = sync.snapshot(db, wid, include_hidden=True)
    assert list(state["actions"]) == [str(card["id"])] and state["decisions"] == {}
    assert state["participation"]["shier"] == ""


def test_a_retried_command_is_answered_not_repeated(db: Any, room: Room) -> None:
    fac, wid = room.fac, room.wid
    first = actions.add_action(db, fac, "same", CARD)
    again = actions.add_action(db, fac, "same", CARD)
    assert again.replayed and again.events == []
    # Ids only: the card's words are not kept for replays.
    card_id = first.result["action"]["id"]
    assert again.result == {"action": {"id": card_id, "who": {"role_id": "skolkurator"}}}
    assert len(sync.snapshot(db, wid, include_hidden=True)["actions"]) == 1


def test_decisions_name_actions_of_their_own_workshop_and_lose_the_link_when_it_goes(
    app: Any, db: Any, room: Room
) -> None:
    fac, wid = room.fac, room.wid
    card = actions.add_action(db, fac, "a1", CARD).result["action"]
    other_owner = make_facilitator(app, "other@example.se")
    other = make_workshop(app, other_owner)["id"]
    foreign = actions.add_action(db, Actor("facilitator", other, other_owner), "o1", CARD)
    foreign_id = foreign.result["action"]["id"]
    with refused("not_found"):
        decisions.record_decision(db, fac, "d0", {"text": "Ja", "action_id": foreign_id})
    # Ids of another workshop name nothing here.
    with refused("not_found"):
        actions.remove_action(db, fac, "r0", {"action_id": foreign_id, "version": 1})
    said = {"text": "Vi provar", "who": {"role": "Nämnden"}, "action_id": card["id"]}
    decision = decisions.record_decision(db, fac, "d1", said).result["decision"]
    assert decision["action_id"] == card["id"]
    actions.remove_action(db, fac, "a2", {"action_id": card["id"], "version": 1})
    state = sync.snapshot(db, wid, include_hidden=True)
    assert state["actions"] == {}
    assert state["decisions"][str(decision["id"])]["action_id"] is None
    fixed = {"text": "Vi provar i vår", "decision_id": decision["id"], "decided_on": "2026-11-27"}
    edited = decisions.edit_decision(db, fac, "d2", fixed).result["decision"]
    assert edited["text"] == "Vi provar i vår" and edited["who"]["role"] == ""
    decisions.remove_decision(db, fac, "d3", {"decision_id": decision["id"]})
    assert sync.snapshot(db, wid, include_hidden=True)["decisions"] == {}


def test_consent_notes_stay_with_the_console(db: Any, room: Room) -> None:
    fac, wid = room.fac, room.wid
    levels = {"shier": "3", "trappa": "dialog", "anonymity": "nickname", "consent_notes": "Ja"}
    outcome = participation.set_participation(db, fac, "p1", levels)
    assert outcome.events[0]["payload"]["participation"]["consent_notes"] == "Ja"
    assert sync.snapshot(db, wid, include_hidden=True)["participation"] == levels
    public = sync.snapshot(db, wid, include_hidden=False)["participation"]
    assert public == {**levels, "consent_notes": ""}
    again = participation.set_participation(db, fac, "p2", levels)
    assert again.events == []


def test_the_reads_for_the_report_builder_are_plain_values(db: Any, room: Room) -> None:
    fac, wid = room.fac, room.wid
    card = actions.add_action(db, fac, "a1", CARD).result["action"]
    decisions.record_decision(db, fac, "d1", {"text": "Ja", "action_id": card["id"]})
    participation.set_participation(db, fac, "p1", {"shier": "4"})
    (entry,) = actions.actions_for_report(db, wid, "en")
    assert (entry.what, entry.role, entry.organisation) == (
        "Bjud in unga",
        "School counsellor / school social worker",
        "Elevhälsan",
    )
    assert actions.actions_for_report(db, wid, "sv")[0].role == "Skolkurator"
    (decided,) = decisions.decisions_for_report(db, wid)
    assert decided.action_id == card["id"] and decided.role == ""
    report = participation.participation_for_report(db, wid, "en")
    assert report.trappa is None
    assert isinstance(report.shier, ChosenLevel) and report.shier.key == "4"
    assert report.shier.promise.startswith("You take part")
    assert report.anonymity.key == "anonymous"


def test_the_api_lists_actions_and_decisions(app: Any, db: Any, room: Room) -> None:
    fac, wid = room.fac, room.wid
    card = actions.add_action(db, fac, "a1", CARD).result["action"]
    decisions.record_decision(db, fac, "d1", {"text": "Ja", "action_id": card["id"]})
    with app.app_context():
        token = accounts.create_api_token(db, "facilitator@example.se", "tests")
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    body = client.get(f"/api/v1/workshops/{wid}/actions?lang=en", headers=headers).get_json()
    assert body["ok"] is True
    assert body["actions"][0]["role"] == "School counsellor / school social worker"
    assert body["decisions"][0]["action_id"] == card["id"]
    assert client.get(f"/api/v1/workshops/{wid}/actions?lang=fi", headers=headers).status_code == (
        400
    )
    assert client.get(f"/api/v1/workshops/{wid}/actions").status_code == 401
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "/workshops/{workshop_id}/actions" in paths
    assert logged_in_client(app).get(f"/console/{wid}").status_code == 200


def test_deleting_the_workshop_leaves_no_action_decision_or_participation_row(
    db: Any, room: Room
) -> None:
    fac = room.fac
    card = actions.add_action(db, fac, "a1", CARD).result["action"]
    decisions.record_decision(db, fac, "d1", {"text": "Ja", "action_id": card["id"]})
    participation.set_participation(db, fac, "p1", {"shier": "2", "consent_notes": "x"})
    workshops.delete_workshop(db, fac)
    with db.read() as session:
        for table in ("action_cards", "decisions", "participation"):
            assert session.scalar(sa.text(f"select count(*) from {table}")) == 0, table  # noqa: S608


def test_an_action_answers_only_a_theme_of_its_own_workshop(app: Any, db: Any, room: Room) -> None:
    from workshop.services import themes

    fac = room.fac
    mine = themes.create_theme(db, fac, "t1", {"title": "En väg in"}).result["theme"]["id"]
    other_owner = make_facilitator(app, "third@example.se")
    other = make_workshop(app, other_owner)["id"]
    theirs = themes.create_theme(db, Actor("facilitator", other, other_owner), "t2", {"title": "X"})
    foreign = theirs.result["theme"]["id"]
    with refused("not_found"):
        actions.add_action(db, fac, "a0", {**CARD, "theme_id": foreign})
    with refused("not_found"):
        actions.add_action(db, fac, "a9", {**CARD, "theme_id": 99999})
    card = actions.add_action(db, fac, "a1", {**CARD, "theme_id": mine}).result["action"]
    assert card["theme_id"] == mine
