"""Consultations through the services and the wire: a workshop made from a template, a template
saved and reused, the notice edited, and the window for taking part enforced on the server
(posting, voting, answering the board's questions) on a moved clock."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.conftest import (
    ack,
    events_of,
    joined_client,
    logged_in_client,
    make_facilitator,
    make_workshop,
    op,
    socket_for,
)
from tests.support.notices import with_notice_written, written
from tests.support.refusals import refused
from workshop.domain import participant_input
from workshop.domain.actors import Actor
from workshop.domain.consultation import unfilled
from workshop.services import (
    board,
    board_answers,
    consultation,
    feedback,
    ideas,
    notes,
    participants,
    photos,
    runner,
    sync,
    themes,
    topics,
    voting,
    workshops,
)
from workshop.store.models import utcnow

WINDOW = {"opens_at": "2026-12-01T18:00", "closes_at": "2026-12-08T18:00"}


def youth_workshop(app: Any, db: Any, owner: int, **extra: Any) -> dict[str, Any]:
    fields = with_notice_written(consultation.template_fields(db, owner, "youth", "sv"))
    return make_workshop(app, owner, **{**fields, **extra})


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Move the server's clock for the window check: clock("2026-12-05T12:00")."""
    from workshop.domain.consultation import parse_local

    def move(local: str) -> None:
        moment = parse_local(local, "now")
        monkeypatch.setattr(runner, "utcnow", lambda: moment)

    return move


def test_a_youth_consultation_from_its_template(app: Any, db: Any) -> None:
    owner = make_facilitator(app)
    w = youth_workshop(app, db, owner)
    assert w["template"] == "youth" and w["review_topics"] is True
    assert (w["ask_nickname"], w["ask_organisation"], w["ask_age_band"]) == (False, False, True)
    assert set(w["texts"]) == {"sv", "sv_easy", "en"}
    # What the join page asks for is all that is kept.
    _token, outcome = participants.join(
        db, w["id"], {"nickname": "Kim", "organisation": "Skolan", "age_band": "13-15"}
    )
    me = participants.me(db, w["id"], outcome.result["participant_id"])
    assert me["nickname"] == "" and me["organisation"] == ""
    with refused("bad_request"):
        participants.join(db, w["id"], {"age_band": "12"})


def test_a_saved_template_is_the_facilitator_s_own(app: Any, db: Any) -> None:
    owner = make_facilitator(app)
    other = make_facilitator(app, "other@example.se")
    w = youth_workshop(app, db, owner, theme="Hur är skolan?")
    fac = Actor("facilitator", w["id"], owner)
    texts = {"sv": {"purpose": "Vi frågar om skolan."}}
    consultation.update_consultation(db, fac, "c1", {"texts": texts, "ask_age_band": False})
    saved = consultation.save_as_template(db, owner, w["id"], "Vår skolenkät")
    names = [t["name"] for t in consultation.list_templates(db, owner, "sv")]
    assert names[-1] == "Vår skolenkät" and "Samråd med unga" in names
    assert "Vår skolenkät" not in [t["name"] for t in consultation.list_templates(db, other, "sv")]
    fields = consultation.template_fields(db, owner, saved, "sv")
    assert fields["theme"] == "Hur är skolan?" and fields["ask_age_band"] is False
    assert fields["texts"]["sv"]["purpose"] == "Vi frågar om skolan."
    again = make_workshop(app, owner, **fields)
    assert again["texts"] == fields["texts"] and again["review_topics"] is True
    with refused("not_found"):
        consultation.template_fields(db, other, saved, "sv")
    with refused("not_found"):
        consultation.save_as_template(db, other, w["id"], "Stulen")


def test_the_window_refuses_posting_voting_and_answering_after_it_closes(
    app: Any, db: Any, clock: Any
) -> None:
    owner = make_facilitator(app)
    w = youth_workshop(app, db, owner)
    fac = Actor("facilitator", w["id"], owner)
    consultation.update_consultation(db, fac, "c1", WINDOW)
    person = Actor(
        "participant", w["id"], participants.join(db, w["id"], {})[1].result["participant_id"]
    )
    clock("2026-11-30T12:00")
    with refused("window_not_open"):
        topics.post_topic(db, person, "p0", {"title": "För tidigt"})
    clock("2026-12-03T20:00")  # a Thursday evening at home
    posted = topics.post_topic(db, person, "p1", {"title": "Mer tid med kuratorn"})
    topic_id = posted.result["topic"]["id"]
    assert posted.result["topic"]["pending"] is True  # waits for review
    topics.approve_topic(db, fac, "a1", {"topic_id": topic_id})
    voting.open_round(db, fac, "r1", {})
    voting.add_vote(db, person, "v1", {"topic_id": topic_id})
    board_answers.answer_roles_met(db, person, "b1", {"roles_met": ["skolkurator"]})
    clock("2026-12-08T18:00")
    for command, data in (
        (topics.post_topic, {"title": "För sent"}),
        (topics.edit_topic, {"topic_id": topic_id, "title": "Ändrad"}),
        (voting.add_vote, {"topic_id": topic_id}),
        (voting.remove_vote, {"topic_id": topic_id}),
        (board_answers.answer_roles_met, {"roles_met": ["logoped"]}),
        # Every other kind of input: the second security review found these still taken two
        # days after the window closed.
        (themes.add_dot, {"theme_id": 1}),
        (themes.remove_dot, {"theme_id": 1}),
        (ideas.post_idea, {"theme_id": 1, "text": "En idé"}),
        (notes.write_notes, {"session_id": 1, "field": "discussion", "text": "x", "version": 0}),
        (notes.count_notes, {"session_id": 1, "counts": {"young": 3}}),
        (board.place_card, {"role_key": "logoped", "sector": "region", "x": 0.1, "y": 0.1}),
        (board.edit_text, {"card_id": 1, "text": "Mormor"}),
    ):
        with refused("window_closed") as late:
            command(db, person, op(), data)
        assert late.value.params == {"closes": "2026-12-08 18:00"}
    with refused("window_closed"):
        photos.check_may_upload(db, person, 1)
    # The facilitator is not held by the window.
    assert topics.post_topic(db, fac, "f1", {"title": "Från konsolen"}).result["topic"]
    state = sync.snapshot(db, w["id"], include_hidden=True)
    assert state["workshop"]["closes_at"] == "2026-12-08T17:00:00Z"


def test_counts_in_the_room_and_from_home(app: Any, db: Any) -> None:
    owner = make_facilitator(app)
    w = youth_workshop(app, db, owner)
    fac = Actor("facilitator", w["id"], owner)
    for _ in range(3):
        participants.join(db, w["id"], {})
    assert consultation.places_for_report(db, w["id"]) == {"room": 3, "home": 0}
    now = utcnow()
    later = {
        "room_starts_at": (now + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S+00:00"),
        "room_ends_at": (now + timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M:%S+00:00"),
    }
    consultation.update_consultation(db, fac, "c1", later)
    assert consultation.places_for_report(db, w["id"]) == {"room": 0, "home": 3}


def test_only_the_facilitator_edits_the_consultation(app: Any, db: Any) -> None:
    owner = make_facilitator(app)
    w = youth_workshop(app, db, owner)
    person = Actor(
        "participant", w["id"], participants.join(db, w["id"], {})[1].result["participant_id"]
    )
    for actor in (person, Actor("wall", w["id"])):
        with refused("forbidden"):
            consultation.update_consultation(db, actor, op(), WINDOW)
    assert workshops.get_workshop(db, w["id"])["closes_at"] is None


def test_the_phone_is_refused_on_the_wire_with_a_clear_message(app: Any, db: Any) -> None:
    owner = make_facilitator(app)
    w = youth_workshop(app, db, owner)
    console = socket_for(app, logged_in_client(app), view="console", workshop_id=w["id"])
    phone_http = joined_client(app, w["join_code"])
    phone = socket_for(app, phone_http, view="phone", workshop_id=w["id"], lang="sv")
    past = {"opens_at": "2020-01-01T09:00", "closes_at": "2020-01-08T18:00"}
    assert ack(console, "consultation.update", {"op_id": op(), **past})["ok"]
    updated = events_of(phone)[-1]
    assert updated["type"] == "workshop.updated"
    assert updated["payload"]["workshop"]["closes_at"] == "2020-01-08T17:00:00Z"
    answer = ack(phone, "topic.post", {"op_id": op(), "title": "Hej"})
    assert answer["ok"] is False and answer["error"]["code"] == "window_closed"
    assert answer["error"]["message"] == (
        "Tiden för att vara med är slut. Den slutade 8 januari, 18:00 (svensk tid). Inget sparades."
    )
    assert sync.snapshot(db, w["id"], include_hidden=True)["topics"] == {}


def test_the_join_page_shows_the_notice_in_each_mode_and_ticks_nothing(app: Any, db: Any) -> None:
    owner = make_facilitator(app)
    w = youth_workshop(app, db, owner)
    client = app.test_client()
    sv = client.get(f"/j/{w['join_code']}?lang=sv&easy=0").get_data(as_text=True)
    assert "socialtjänsten" in sv and "Under 13 år?" in sv and "checked" not in sv
    assert 'name="nickname"' not in sv and 'name="organisation"' not in sv
    assert 'name="age_band"' in sv
    easy = client.get(f"/j/{w['join_code']}?easy=1").get_data(as_text=True)
    assert "Det gäller hjälp till unga." in easy
    en = client.get(f"/j/{w['join_code']}?lang=en&easy=0").get_data(as_text=True)
    assert "social services" in en and "Under 13?" in en


def test_only_the_facilitator_writes_the_feedback_page(app: Any, db: Any) -> None:
    owner = make_facilitator(app)
    w = youth_workshop(app, db, owner)
    fac = Actor("facilitator", w["id"], owner)
    person = Actor(
        "participant", w["id"], participants.join(db, w["id"], {})[1].result["participant_id"]
    )
    made = feedback.add_item(db, fac, "f1", {"said": "Mer tid", "published": True})
    item_id = made.result["item"]["id"]
    for actor in (person, Actor("wall", w["id"]), Actor("facilitator", w["id"] + 1, owner)):
        for command, data in (
            (feedback.add_item, {"said": "Nej"}),
            (feedback.edit_item, {"item_id": item_id, "said": "Nej"}),
            (feedback.remove_item, {"item_id": item_id}),
        ):
            # Not the facilitator's role: forbidden; another workshop's facilitator: that
            # workshop has no such line.
            wanted = "not_found" if actor.role == "facilitator" else "forbidden"
            with refused(wanted):
                command(db, actor, op(), data)
    assert [i["said"] for i in feedback.published_items(db, w["id"])] == ["Mer tid"]


def test_you_said_quotes_only_words_the_room_may_see(app: Any, db: Any) -> None:
    owner = make_facilitator(app)
    w = youth_workshop(app, db, owner)
    fac = Actor("facilitator", w["id"], owner)
    person = Actor(
        "participant", w["id"], participants.join(db, w["id"], {})[1].result["participant_id"]
    )
    waiting = topics.post_topic(db, person, "p1", {"title": "Fler fritidsgårdar"})
    topic_id = waiting.result["topic"]["id"]
    with refused("not_found"):
        feedback.add_item(db, fac, "f1", {"topic_id": topic_id})
    topics.approve_topic(db, fac, "a1", {"topic_id": topic_id})
    quoted = feedback.add_item(db, fac, "f2", {"topic_id": topic_id, "did": "Vi öppnar en."})
    assert quoted.result["item"]["said"] == "Fler fritidsgårdar"
    assert feedback.published_items(db, w["id"]) == []  # a draft until published
    item_id = quoted.result["item"]["id"]
    feedback.edit_item(
        db,
        fac,
        "f3",
        {
            "item_id": item_id,
            "said": "Fler fritidsgårdar",
            "published": True,
            "outcome": "will",
            "when": "Hösten 2027",
        },
    )
    assert feedback.feedback_for_report(db, w["id"]) == [
        {
            "said": "Fler fritidsgårdar",
            "did": "",
            "why_not": "",
            "when": "Hösten 2027",
            "outcome": "will",
            "versions": {},
        }
    ]
    phone = sync.snapshot(db, w["id"], include_hidden=False)["feedback"]
    assert [i["said"] for i in phone.values()] == ["Fler fritidsgårdar"]


def test_purging_a_consultation_leaves_no_feedback_rows(app: Any, db: Any) -> None:
    import sqlalchemy as sa

    owner = make_facilitator(app)
    w = youth_workshop(app, db, owner)
    fac = Actor("facilitator", w["id"], owner)
    feedback.add_item(db, fac, "f1", {"said": "Mer tid", "published": True})
    participants.join(db, w["id"], {"age_band": "13-15"})
    workshops.close_workshop(db, fac, "c1", {})
    assert workshops.purge_expired(db, -1) == [w["id"]]
    with db.read() as session:
        for table in ("feedback_items", "participants", "workshops"):
            assert session.scalar(sa.text(f"select count(*) from {table}")) == 0, table  # noqa: S608


# Commands a participant may send that put no words, dots or answers into the room.
NOT_INPUT = {
    "update_profile",  # their own nickname and group
    "set_going",  # "I'm going" to a session
    "set_here",  # "I'm here"
    "place_session",  # a convener puts their topic on the agenda
    "move_session",
    "remove_session",
    "delete_topic",  # taking one's own words away
    "_detach",  # taking a photo away
    "remove_photo",
}


def test_every_command_that_takes_a_participant_s_input_declares_its_kind() -> None:
    """The window and the room's switches are asked by the command skeleton for the kind a
    command declares; a new participant command that forgets to declare fails here."""
    import importlib
    import pkgutil

    import workshop.services as package

    undeclared, declared = [], {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"workshop.services.{info.name}")
        for name, fn in vars(module).items():
            roles = getattr(fn, "roles", None)
            if not callable(fn) or fn.__module__ != module.__name__:
                continue
            if not roles or "participant" not in roles:
                continue
            kind = getattr(fn, "takes_input", None)
            if kind is None and name not in NOT_INPUT:
                undeclared.append(f"{info.name}.{name}")
            elif kind is not None:
                declared[f"{info.name}.{name}"] = kind
    assert undeclared == []
    assert set(declared.values()) == set(participant_input.KINDS)
    assert len(declared) >= 19, declared


def test_nobody_joins_while_the_notice_still_has_parts_to_write(app: Any, db: Any) -> None:
    """A parent must never read "Du får svar senast [datum]": a workshop made from a template
    takes nobody until the coordinator has written every bracketed part, in every mode."""
    owner = make_facilitator(app)
    fields = consultation.template_fields(db, owner, "parents", "sv")
    left = unfilled(fields["texts"])
    assert {part for _mode, _field, part in left} >= {"[datum]", "[namn]", "[date]"}
    w = make_workshop(app, owner, **fields)
    with refused("notice_unfinished"):
        participants.join(db, w["id"], {})
    page = app.test_client().get(f"/j/{w['join_code']}?lang=sv")
    body = page.get_data(as_text=True)
    assert 'id="notice-unfinished"' in body and "[datum]" not in body
    assert 'name="group"' not in body, "no form to fill in while nobody can join"
    english = app.test_client().get(f"/j/{w['join_code']}?lang=en").get_data(as_text=True)
    assert "You cannot join yet" in english
    posted = app.test_client().post(f"/j/{w['join_code']}", data={})
    assert posted.status_code == 400

    # The console says which parts, where, in the join card and above the texts.
    console = logged_in_client(app)
    page = console.get(f"/console/{w['id']}?lang=en").get_data(as_text=True)
    assert page.count("Nobody can join yet") == 2
    assert 'href="#sv-hear_back"' in page and 'href="#en-contact"' in page

    # One part written, the rest left: still closed. All written: the door opens.
    fac = Actor("facilitator", w["id"], owner)
    texts = fields["texts"]
    half = {**texts, "sv": written(texts)["sv"]}
    consultation.update_consultation(db, fac, None, {"texts": half})
    with refused("notice_unfinished"):
        participants.join(db, w["id"], {})
    consultation.update_consultation(db, fac, None, {"texts": written(texts)})
    _token, outcome = participants.join(db, w["id"], {})
    assert outcome.result["participant_id"]
    assert "Nobody can join yet" not in console.get(f"/console/{w['id']}?lang=en").get_data(
        as_text=True
    )
