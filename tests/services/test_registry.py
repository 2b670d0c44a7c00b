"""The event registry's contract: every event type has a Python reducer, a browser reducer, an
entry in docs/protocol.md, and a command whose events rebuild the state (the zulip check: apply a
command's events to the state before, and it equals a fresh snapshot after, for the console and,
through each event's public form, for phones and the wall). The browser reducers run under node
on the same events and reach the same states.

Every command declared on the wire (`@workshop_command(wire=...)`, found in every services
module) is documented and run by the scenario; the test names what a new feature lacks."""

from __future__ import annotations

import contextlib
import functools
import random
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import get_db_of, make_app, make_facilitator, make_workshop
from tests.support.node import IN_CI, NODE, needs_node, run_node
from workshop.domain.actors import Actor
from workshop.domain.errors import DomainError
from workshop.domain.events import EMPTY_SLICES, EVENT_TYPES, Event, public_wire, typed
from workshop.domain.state import apply
from workshop.services import (
    actions,
    agenda,
    board,
    board_answers,
    catalog,
    closing,
    consultation,
    decisions,
    feedback,
    ideas,
    notes,
    opening,
    participants,
    participation,
    phases,
    photos,
    questions,
    review,
    sync,
    themes,
    timers,
    topics,
    voting,
    workshops,
)
from workshop.services.runner import Declared, declared_commands

ROOT = Path(__file__).resolve().parents[2]
PROTOCOL = (ROOT / "docs" / "protocol.md").read_text()
# A consultation's window wide open around the test run, so every later step still may post.
WINDOW = {"opens_at": "2020-01-01T00:00", "closes_at": "2099-01-01T00:00"}


def views(event: dict[str, Any]) -> dict[bool, dict[str, Any]]:
    """The event as the console receives it (True) and as phones and the wall do (False)."""
    return {True: event, False: public_wire(event)}


class Recorder:
    """Runs commands, checks each one's events rebuild the state, keeps every event."""

    def __init__(self, db: Any, wid: int) -> None:
        self.db, self.wid = db, wid
        self.start = {h: sync.snapshot(db, wid, include_hidden=h) for h in (True, False)}
        self.events: list[dict[str, Any]] = []
        self.types_seen: set[str] = set()
        self.commands_run: set[str] = set()
        self.database_file: Path | None = None

    def __call__(self, command: Callable[[], Any], *, check: bool = True) -> Any:
        before = (
            {h: sync.snapshot(self.db, self.wid, include_hidden=h) for h in (True, False)}
            if check
            else None
        )
        outcome = command()
        outcome = outcome[1] if isinstance(outcome, tuple) else outcome
        self.events.extend(outcome.events)
        self.types_seen.update(e["type"] for e in outcome.events)
        if before is not None:
            for staff in (True, False):
                state = before[staff]
                for event in outcome.events:
                    state = apply(state, views(event)[staff], include_hidden=staff)
                assert state == sync.snapshot(self.db, self.wid, include_hidden=staff), (
                    f"{[e['type'] for e in outcome.events]} do not rebuild the "
                    f"{'console' if staff else 'public'} state"
                )
        return outcome


@pytest.fixture(scope="module")
def scenario(
    tmp_path_factory: pytest.TempPathFactory, migrated_database: Path
) -> Iterator[Recorder]:
    """The scenario runs once for the module's tests, which only read what it recorded (it
    took about 11 s each time)."""
    folder = tmp_path_factory.mktemp("registry")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WORKSHOP_INSTANCE_PATH", str(folder / "instance"))
        patch.delenv("WORKSHOP_DATABASE_URL", raising=False)
        app = make_app(folder, migrated_database)
        run: set[str] = set()
        for declared in declared_commands().values():
            module = sys.modules[declared.service.__module__]
            patch.setattr(module, declared.service.__name__, _counted(declared, run))
        recorder = _scenario(app, get_db_of(app))
        recorder.commands_run = run
        recorder.database_file = folder / "test.sqlite3"
        yield recorder
        get_db_of(app).dispose()


def _counted(declared: Declared, run: set[str]) -> Callable[..., Any]:
    """The declared command, noting that the scenario ran it (through its module, as the steps
    below call it)."""

    @functools.wraps(declared.service)
    def counted(*args: Any, **kwargs: Any) -> Any:
        run.add(declared.wire)
        return declared.service(*args, **kwargs)

    return counted


def _scenario(app: Any, db: Any) -> Recorder:
    """A room of 200 people: posting, voting, merging, hiding, two rounds, every command."""
    owner = make_facilitator(app)
    wid = make_workshop(app, owner)["id"]
    fac = Actor("facilitator", wid, owner)
    rec = Recorder(db, wid)
    rng = random.Random(7)
    people = []
    for i in range(200):
        group = ("young", "parent", "professional", "")[i % 4]
        outcome = rec(lambda g=group: participants.join(db, wid, {"group": g}), check=i < 3)
        people.append(Actor("participant", wid, outcome.result["participant_id"]))
    ids = []
    for i, person in enumerate(people[:60]):
        made = rec(
            lambda p=person, i=i: topics.post_topic(db, p, f"t{i}", {"title": f"Topic {i}"}),
            check=i < 3,
        )
        ids.append(made.result["topic"]["id"])
    rec(lambda: topics.post_topic(db, fac, "f1", {"title": "From the console"}))
    rec(lambda: topics.edit_topic(db, people[0], "e1", {"topic_id": ids[0], "title": "Zero"}))
    rec(lambda: voting.open_round(db, fac, "r1", {"budget": 5, "max_per_topic": 3}))
    for n, person in enumerate(people):
        for k in range(3):
            target = rng.choice(ids[:20])
            # A refused dot (over the cap) is part of a real room.
            with contextlib.suppress(DomainError):
                rec(
                    lambda p=person, t=target: voting.add_vote(db, p, None, {"topic_id": t}),
                    check=n < 5 and k == 0,
                )
    rec(lambda: voting.remove_vote(db, people[0], "v-", {"topic_id": _voted(db, wid, people[0])}))
    rec(lambda: topics.set_topic_hidden(db, fac, "h1", {"topic_id": ids[1], "hidden": True}))
    rec(lambda: topics.edit_topic(db, fac, "e2", {"topic_id": ids[1], "title": "No names"}))
    rec(lambda: topics.set_topic_hidden(db, fac, "h2", {"topic_id": ids[1], "hidden": False}))
    rec(lambda: topics.set_topic_hidden(db, fac, "h3", {"topic_id": ids[2], "hidden": True}))
    rec(lambda: topics.merge_topics(db, fac, "m1", {"source_id": ids[3], "target_id": ids[4]}))
    rec(lambda: topics.merge_topics(db, fac, "m2", {"source_id": ids[2], "target_id": ids[5]}))
    rec(lambda: topics.merge_topics(db, fac, "m5", {"source_id": ids[13], "target_id": ids[14]}))
    rec(lambda: topics.unmerge_topic(db, fac, "u5", {"topic_id": ids[13]}))
    rec(lambda: participants.update_profile(db, people[1], "p1", {"group": "professional"}))
    rec(lambda: topics.delete_topic(db, people[6], "d1", {"topic_id": ids[6]}))
    rec(lambda: voting.close_round(db, fac, "r2", {}))
    second = {"budget": 3, "max_per_topic": 1, "purpose": "Vilka tar vi vidare?"}
    rec(lambda: voting.open_round(db, fac, "r3", second))
    rec(lambda: voting.add_vote(db, people[9], "v9", {"topic_id": ids[7]}))
    rec(lambda: topics.merge_topics(db, fac, "m3", {"source_id": ids[8], "target_id": ids[7]}))
    rec(lambda: voting.reveal_round(db, fac, "rv", {}))
    rec(lambda: voting.add_vote(db, people[10], "v10", {"topic_id": ids[7]}))
    rec(lambda: voting.close_round(db, fac, "r4", {}))
    first_round = sync.snapshot(db, wid, include_hidden=True)["rounds"][0]["id"]
    show = {"view": "results", "round_id": first_round}
    rec(lambda: workshops.show_on_wall(db, fac, "w1", show))
    # The opening circle: reworded, shown on the wall, then back to the defaults.
    reworded = {
        "sv": {"principles": ["A", "B", "C", "D"], "law": "Gå"},
        "en": {"principles": ["E", "F", "G", "H"], "law": "Walk"},
    }
    rec(lambda: opening.update_opening(db, fac, "oc1", {"texts": reworded}))
    rec(lambda: workshops.show_on_wall(db, fac, "oc2", {"view": "opening"}))
    rec(lambda: opening.update_opening(db, fac, "oc3", {"reset": True}))
    rec(lambda: opening.update_opening(db, fac, "oc4", {"texts": reworded}))
    # Posting closed, then quiet (the facilitator still posts), then open again.
    rec(lambda: closing.set_closing(db, fac, "cl1", {"posting_closed": True}))
    rec(lambda: closing.set_closing(db, fac, "cl2", {"quiet": True}))
    rec(lambda: closing.set_closing(db, fac, "cl3", {"posting_closed": False, "quiet": False}))
    update = {"title": "New", "theme": "Q?", "language": "en", "dot_budget": 4, "max_per_topic": 2}
    rec(lambda: workshops.update_workshop(db, fac, "u1", {**update, "review_topics": True}))
    waiting = rec(lambda: topics.post_topic(db, people[11], "q1", {"title": "Vänta"}))
    waiting_id = waiting.result["topic"]["id"]
    rec(lambda: topics.edit_topic(db, fac, "q2", {"topic_id": waiting_id, "title": "Väntar"}))
    rec(lambda: topics.approve_topic(db, fac, "q3", {"topic_id": waiting_id}))
    declined = rec(lambda: topics.post_topic(db, people[12], "q4", {"title": "Nej"}))
    declined_id = declined.result["topic"]["id"]
    rec(lambda: topics.set_topic_hidden(db, fac, "q5", {"topic_id": declined_id, "hidden": True}))
    # Review covers a board note too: one let through (it runs as its author's), one dropped.
    note = {"kind": "note", "text": "Ring mamma"}
    held = rec(lambda: board.place_card(db, people[13], "q6", note)).result["held"]["id"]
    rec(lambda: review.show_input(db, fac, "q7", {"held_id": held}))
    note = {"kind": "note", "text": "Lisa 0701"}
    held = rec(lambda: board.place_card(db, people[14], "q8", note)).result["held"]["id"]
    rec(lambda: review.drop_input(db, fac, "q9", {"held_id": held}))
    rec(lambda: workshops.update_workshop(db, fac, "q10", {**update, "review_topics": False}))
    _question_steps(rec, db, fac, people, update)
    consult = {"texts": {"sv_easy": {"purpose": "Vi vill veta vad du tycker."}}, **WINDOW}
    rec(lambda: consultation.update_consultation(db, fac, "k1", consult))
    _feedback_steps(rec, db, fac, ids)
    rec(lambda: workshops.close_workshop(db, fac, "c1", {}))
    rec(lambda: workshops.reopen_workshop(db, fac, "c2", {}))
    _board_steps(rec, db, fac, people)
    # The agenda places topics that the phase steps later hide; Deliver names a phase's theme.
    _agenda_steps(rec, db, fac, people, ids)
    _phase_steps(rec, db, fac, people, ids)
    _deliver_steps(rec, db, fac)
    _catalog_steps(rec, db, fac, people)
    return rec


def _phase_steps(rec: Recorder, db: Any, fac: Actor, people: list[Actor], ids: list[int]) -> None:
    """The double diamond: phases, themes with their topics, ideas and low-hanging fruit."""
    rec(lambda: phases.change_phase(db, fac, "ph1", {"phase": "define"}))
    made = rec(lambda: themes.create_theme(db, fac, "th1", {"title": "En väg in"}))
    first = made.result["theme"]["id"]
    second = rec(lambda: themes.create_theme(db, fac, "th2", {"title": "Föräldrar"}))
    second = second.result["theme"]["id"]
    for n, topic_id in enumerate((ids[0], ids[11], ids[9])):
        step = {"theme_id": first, "topic_id": topic_id}
        rec(lambda n=n, s=step: themes.add_topic(db, fac, f"tt{n}", s))
    rec(lambda: themes.add_topic(db, fac, "tt9", {"theme_id": second, "topic_id": ids[9]}))
    rec(lambda: themes.remove_topic(db, fac, "tr1", {"topic_id": ids[0]}))
    # Hidden once clustered: its id stays in the theme, its words leave every phone and wall.
    rec(lambda: topics.set_topic_hidden(db, fac, "th3", {"topic_id": ids[11], "hidden": True}))
    statement = {"theme_id": first, "statement": "Hur kan vi ge familjer en väg in?"}
    rec(lambda: themes.edit_theme(db, fac, "te1", {**statement, "initiator": "Rektor"}))
    # A round on themes: dots on themes within the budget and cap, sealed then revealed.
    theme_round = {"scope": "themes", "budget": 3, "max_per_topic": 2}
    rec(lambda: voting.open_round(db, fac, "tv0", theme_round))
    for n, person in enumerate(people[40:46]):
        pick = first if n % 3 else second
        rec(lambda p=person, n=n, t=pick: themes.add_dot(db, p, f"tv{n}", {"theme_id": t}))
    rec(lambda: themes.remove_dot(db, people[40], "tv-", {"theme_id": second}))
    rec(lambda: voting.reveal_round(db, fac, "tvr", {}))
    rec(lambda: themes.add_dot(db, people[47], "tv7", {"theme_id": first}))
    rec(lambda: voting.close_round(db, fac, "tvc", {}))
    rec(lambda: phases.change_phase(db, fac, "ph2", {"phase": "develop"}))
    idea = {"theme_id": first, "text": "En kontaktperson"}
    one = rec(lambda: ideas.post_idea(db, people[30], "i1", idea)).result["idea"]["id"]
    two = rec(lambda: ideas.post_idea(db, people[31], "i2", {**idea, "text": "Namn"}))
    two = two.result["idea"]["id"]
    rec(lambda: ideas.mark_idea(db, fac, "i3", {"idea_id": one, "low_hanging": True}))
    rec(lambda: ideas.set_idea_hidden(db, fac, "i4", {"idea_id": two, "hidden": True}))
    rec(lambda: ideas.mark_idea(db, fac, "i5", {"idea_id": two, "low_hanging": True}))
    rec(lambda: ideas.set_idea_hidden(db, fac, "i6", {"idea_id": two, "hidden": False}))
    rec(lambda: ideas.set_idea_hidden(db, fac, "i7", {"idea_id": two, "hidden": True}))
    rec(lambda: ideas.post_idea(db, people[32], "i8", {"theme_id": second, "text": "Borta"}))
    rec(lambda: themes.delete_theme(db, fac, "td1", {"theme_id": second}))


def _deliver_steps(rec: Recorder, db: Any, fac: Actor) -> None:
    """Every Deliver event: action cards, decisions (one naming a card that then goes), the
    participation levels with consent notes that phones and walls never receive."""
    card = {
        "what": "En väg in",
        "who": {"role_id": "skolkurator", "organisation": "Kommunen"},
        "first_step": "Boka ett möte",
        "due": "2027-03-01",
        "follow_up": "2027-04-01",
    }
    made = rec(lambda: actions.add_action(db, fac, "a1", card)).result["action"]
    # The action answers a theme the phase steps made (one that was not deleted).
    theme_id = themes.themes_for_report(db, fac.workshop_id).themes[0].id
    edit = {
        **card,
        "action_id": made["id"],
        "version": 1,
        "status": "started",
        "theme_id": theme_id,
    }
    rec(lambda: actions.edit_action(db, fac, "a2", edit))
    said = {"text": "Vi provar en väg in", "who": {"role": "Nämnden"}, "action_id": made["id"]}
    decision = rec(lambda: decisions.record_decision(db, fac, "d1", said)).result["decision"]
    fixed = {**said, "decision_id": decision["id"], "decided_on": "2026-11-27"}
    rec(lambda: decisions.edit_decision(db, fac, "d2", fixed))
    rec(lambda: actions.remove_action(db, fac, "a3", {"action_id": made["id"], "version": 2}))
    rec(lambda: decisions.remove_decision(db, fac, "d3", {"decision_id": decision["id"]}))
    rec(lambda: decisions.record_decision(db, fac, "d4", {"text": "Vi ses i maj"}))
    rec(
        lambda: actions.add_action(
            db, fac, "a4", {"what": "Fråga unga", "who": {"role": "Ungdomsråd"}}
        )
    )
    levels = {
        "shier": "3",
        "trappa": "dialog",
        "anonymity": "nickname",
        "consent_notes": "Vårdnadshavare",
    }
    rec(lambda: participation.set_participation(db, fac, "s1", levels))


def _catalog_steps(rec: Recorder, db: Any, fac: Actor, people: list[Actor]) -> None:
    """The workshop's own catalogue: add, rename, hide, an organisation, an import; the new role
    is placed and met like any other."""
    org = {"sector": "civil", "name_sv": "Fotbollsklubben", "name_en": "The football club"}
    rec(lambda: catalog.add_organisation(db, fac, "cat-k1", org))
    new = {
        "title_sv": "Fotbollstränare",
        "title_en": "Football coach",
        "sector": "civil",
        "organisation_sv": "Fotbollsklubben",
        "explain_sv": "Tränar laget.",
    }
    role = rec(lambda: catalog.add_role(db, fac, "cat-k2", new)).result["role"]
    rename = {"role_id": "skolkurator", "title_sv": "Kurator", "title_en": "Counsellor"}
    rec(lambda: catalog.rename_role(db, fac, "cat-k3", rename))
    rec(lambda: catalog.hide_role(db, fac, "cat-k4", {"role_id": "logoped", "hidden": True}))
    rec(lambda: board.place_card(db, people[2], "cat-k5", {"role_id": role["id"]}))
    answer = {"roles_met": [role["id"], "skolkurator"], "retold": [role["id"]]}
    rec(lambda: board_answers.answer_roles_met(db, people[30], "cat-k6", answer))
    text = catalog.export_csv(db, fac.workshop_id)
    rec(lambda: catalog.import_catalogue(db, fac, "cat-k7", {"csv": text}))
    # Free-text cards and notes take part in every board event like role cards.
    pro = people[3]
    gran = {"kind": "text", "text": "Mormor <b>&amp;</b>"}
    person = rec(lambda: board.place_card(db, pro, "n1", gran)).result["card"]
    note = {"kind": "note", "text": "Ingen ringde\ntillbaka", "x": 40, "y": 700}
    sticky = rec(lambda: board.place_card(db, fac, "n2", note)).result["card"]
    rec(
        lambda: board.move_card(
            db, pro, "n3", {"card_id": person["id"], "version": 1, "x": 9, "y": 9}
        )
    )
    rec(
        lambda: board.group_card(
            db, pro, "n4", {"card_id": person["id"], "version": 2, "group": "sip"}
        )
    )
    ends = {"source_id": sticky["id"], "target_id": person["id"], "kind": "between_chairs"}
    rec(lambda: board.add_link(db, fac, "n5", ends))
    edit = {"card_id": sticky["id"], "version": 1, "text": "Ingen ringde"}
    rec(lambda: board.edit_text(db, fac, "n7", edit))
    rec(lambda: board.undo(db, pro, "n6", {}))
    rec(lambda: board.undo(db, fac, "n8", {}))  # the words come back


def _agenda_steps(rec: Recorder, db: Any, fac: Actor, people: list[Actor], ids: list[int]) -> None:
    """Every agenda event: slots, spaces, conveners placing and moving, a merge, attendance."""
    slots = [
        rec(lambda a=a, b=b: agenda.save_slot(db, fac, f"ag-s{a}", {"starts": a, "ends": b}))
        for a, b in (("10:00", "10:45"), ("11:00", "11:45"), ("13:00", "13:45"))
    ]
    slot_ids = [o.result["slot"]["id"] for o in slots]
    rec(
        lambda: agenda.save_slot(
            db, fac, "ag-s4", {"slot_id": slot_ids[2], "starts": "13:15", "ends": "14:00"}
        )
    )
    spare = rec(lambda: agenda.save_slot(db, fac, "ag-s5", {"starts": "15:00", "ends": "15:30"}))
    spare_id = spare.result["slot"]["id"]
    rec(lambda: timers.start_timer(db, fac, "ag-t1", {"slot_id": slot_ids[0], "minutes": 45}))
    rec(lambda: timers.extend_timer(db, fac, "ag-t2", {"slot_id": slot_ids[0], "minutes": 5}))
    rec(lambda: timers.stop_timer(db, fac, "ag-t3", {"slot_id": slot_ids[0]}))
    rec(lambda: timers.extend_timer(db, fac, "ag-t4", {"slot_id": slot_ids[0], "minutes": 2}))
    rec(lambda: timers.start_timer(db, fac, "ag-t5", {"slot_id": spare_id, "minutes": 30}))
    rec(lambda: timers.send_announcement(db, fac, "ag-n1", {"text": "Lunch at 12:00"}))
    rec(lambda: timers.send_announcement(db, fac, "ag-n2", {"text": "Rum 2 is now Rum 3"}))
    rec(lambda: agenda.remove_slot(db, fac, "ag-s6", {"slot_id": spare.result["slot"]["id"]}))
    space_ids = [
        rec(
            lambda n=n: agenda.save_space(db, fac, f"ag-r{n}", {"name": f"Room {n}", "capacity": 2})
        ).result["space"]["id"]
        for n in range(3)
    ]
    rec(lambda: agenda.save_space(db, fac, "ag-r9", {"space_id": space_ids[0], "name": "Hall"}))
    corner = rec(lambda: agenda.save_space(db, fac, "ag-r10", {"name": "Corner"}))
    rec(lambda: agenda.remove_space(db, fac, "ag-r11", {"space_id": corner.result["space"]["id"]}))
    placed = []
    for n, k in enumerate((10, 11, 12)):
        cell = {"topic_id": ids[k], "slot_id": slot_ids[0], "space_id": space_ids[n]}
        outcome = rec(lambda p=people[k], c=cell, n=n: agenda.place_session(db, p, f"ag-a{n}", c))
        placed.append(outcome.result["session"]["id"])
    facs = {"topic_id": ids[15], "slot_id": slot_ids[1], "space_id": space_ids[0]}
    placed.append(rec(lambda: agenda.place_session(db, fac, "ag-a4", facs)).result["session"]["id"])
    move = {"session_id": placed[0], "slot_id": slot_ids[2], "space_id": space_ids[1]}
    rec(lambda: agenda.move_session(db, people[10], "ag-a5", move))
    for n, person in enumerate(people[30:34]):
        going = {"session_id": placed[n % 3], "going": True}
        rec(lambda p=person, g=going, n=n: agenda.set_going(db, p, f"ag-g{n}", g))
        rec(lambda p=person, n=n: agenda.set_here(db, p, f"ag-h{n}", {"session_id": placed[1]}))
    rec(lambda: agenda.set_here(db, people[30], "ag-h9", {"session_id": placed[2]}))
    rec(
        lambda: agenda.set_going(db, people[31], "ag-g9", {"session_id": placed[1], "going": False})
    )
    for n, sid in enumerate(placed):
        note = {"session_id": sid, "field": "discussion", "text": f"Talk {n}", "version": 0}
        rec(lambda p=people[40 + n], d=note, n=n: notes.write_notes(db, p, f"ag-w{n}", d))
    # A stale write to the same field: both texts are kept.
    stale = {"session_id": placed[1], "field": "discussion", "text": "Mine too", "version": 0}
    rec(lambda: notes.write_notes(db, people[45], "ag-w9", stale))
    counts = {"session_id": placed[2], "counts": {"young": 3, "kommun": 2}}
    rec(lambda: notes.count_notes(db, people[46], "ag-c1", counts))
    parents = {"session_id": placed[1], "counts": {"parent": 1}}
    rec(lambda: notes.count_notes(db, fac, "ag-c2", parents))
    # Photos of the flip chart: one stays, one is removed, one follows its session's merge.
    jpeg = _tiny_jpeg()
    for n, sid in enumerate((placed[1], placed[1], placed[2])):
        rec(
            lambda p=people[40 + n], s=sid, n=n: photos.add_photo(db, p, f"ag-p{n}", s, jpeg, 10**6)
        )
    first = next(iter(sync.snapshot(db, fac.workshop_id, include_hidden=True)["photos"]))
    rec(lambda: photos.remove_photo(db, people[44], "ag-p9", {"photo_id": int(first)}))
    rec(
        lambda: agenda.merge_sessions(
            db, fac, "ag-a6", {"source_id": placed[2], "target_id": placed[1]}
        )
    )
    rec(lambda: agenda.remove_session(db, people[10], "ag-a7", {"session_id": placed[0]}))
    # Hiding a placed topic leaves its session with no title on phones; deleting it removes it.
    rec(lambda: topics.set_topic_hidden(db, fac, "ag-a8", {"topic_id": ids[15], "hidden": True}))
    rec(lambda: topics.delete_topic(db, fac, "ag-a9", {"topic_id": ids[15]}))


def _tiny_jpeg() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, "JPEG")
    return out.getvalue()


def _board_steps(rec: Recorder, db: Any, fac: Actor, people: list[Actor]) -> None:
    """Every board event: placing, moving, grouping, linking, removing, undo, lock, answers."""
    pro = people[2]  # a professional
    first = rec(lambda: board.place_card(db, pro, "ag-b1", {"role_id": "skolkurator"})).result[
        "card"
    ]
    second = rec(
        lambda: board.place_card(db, fac, "ag-b2", {"role_id": "bvc-lakare", "x": 1300, "y": 90})
    ).result["card"]
    move = {"card_id": first["id"], "version": 1, "x": 300, "y": 200}
    rec(lambda: board.move_card(db, pro, "ag-b3", move))
    group = {"card_id": first["id"], "version": 2, "group": "elevhalsa"}
    rec(lambda: board.group_card(db, pro, "ag-b4", group))
    ends = {"source_id": first["id"], "target_id": second["id"]}
    link = rec(lambda: board.add_link(db, pro, "ag-b5", {**ends, "kind": "refers_to"})).result[
        "link"
    ]
    rec(lambda: board.remove_link(db, fac, "ag-b6", {"link_id": link["id"]}))
    rec(lambda: board.add_link(db, fac, "ag-b7", {**ends, "kind": "double_work"}))
    rec(lambda: board.remove_card(db, fac, "ag-b8", {"card_id": second["id"], "version": 1}))
    rec(lambda: board.undo(db, fac, "ag-b9", {}))  # the card and its link come back
    rec(lambda: board.undo(db, pro, "ag-b10", {}))  # out of the group again
    rec(lambda: board.set_locked(db, fac, "ag-b11", {"locked": True}))
    rec(lambda: board.set_locked(db, fac, "ag-b12", {"locked": False}))
    met = [["skolkurator", "bvc-lakare", "logoped"], ["skolkurator"], ["kontaktperson"]]
    for n, person in enumerate(people[20:23]):
        answer = {"roles_met": met[n], "retold": met[n][:1]}
        rec(lambda p=person, n=n, a=answer: board_answers.answer_roles_met(db, p, f"ag-a{n}", a))
    # A participant clears a card off; the facilitator puts back what participants removed.
    gone = rec(lambda: board.place_card(db, pro, "ag-b13", {"role_id": "logoped"})).result["card"]
    rec(lambda: board.remove_card(db, pro, "ag-b14", {"card_id": gone["id"], "version": 1}))
    assert rec(lambda: board.restore_removed(db, fac, "ag-b15", {})).result["restored"] == 1


def _feedback_steps(rec: Recorder, db: Any, fac: Actor, ids: list[int]) -> None:
    """Every feedback event: a draft, published, quoting a topic, unpublished, removed."""
    draft = {"said": "Mer tid med kuratorn", "outcome": "will", "when": "Våren 2027"}
    first = rec(lambda: feedback.add_item(db, fac, "fb1", draft)).result["item"]["id"]
    rec(lambda: feedback.edit_item(db, fac, "fb2", {**draft, "item_id": first, "published": True}))
    quoted = {
        "topic_id": ids[0],
        "outcome": "will_not",
        "why_not": "Ingen budget",
        "published": True,
    }
    second = rec(lambda: feedback.add_item(db, fac, "fb3", quoted)).result["item"]["id"]
    rec(lambda: feedback.edit_item(db, fac, "fb4", {"item_id": second, "said": "Noll"}))
    rec(lambda: feedback.remove_item(db, fac, "fb5", {"item_id": first}))


def _question_steps(
    rec: Recorder, db: Any, fac: Actor, people: list[Actor], update: dict[str, Any]
) -> None:
    """Every quick-question event: a live word cloud with changed answers, a hidden word (one
    shown again), a word held for review and dropped, one let through; a sealed scale; a
    single choice on the wall."""
    ask = {"kind": "word", "prompt": "Ett ord om i dag?", "sealed": False}
    word_q = rec(lambda: questions.ask_question(db, fac, "qq1", ask)).result["question"]["id"]
    for n, word in enumerate(("Glad", "glad!", "Trött", "Dumskalle", "Hoppfull")):
        said = {"question_id": word_q, "word": word}
        rec(lambda p=people[50 + n], s=said, n=n: questions.answer_question(db, p, f"qa{n}", s))
    changed = {"question_id": word_q, "word": "Nyfiken"}
    rec(lambda: questions.answer_question(db, people[50], "qa9", changed))
    for n, (word, hidden) in enumerate((("dumskalle", True), ("Trött", True), ("trött", False))):
        hide = {"question_id": word_q, "word": word, "hidden": hidden}
        rec(lambda h=hide, n=n: questions.hide_word(db, fac, f"qh{n}", h))
    rec(lambda: workshops.update_workshop(db, fac, "qr1", {**update, "review_topics": True}))
    waiting = {"question_id": word_q, "word": "Namn Namnsson"}
    held = rec(lambda: questions.answer_question(db, people[55], "qr2", waiting))
    rec(lambda: review.drop_input(db, fac, "qr3", {"held_id": held.result["held"]["id"]}))
    waiting = {"question_id": word_q, "word": "Rädd"}
    held = rec(lambda: questions.answer_question(db, people[56], "qr4", waiting))
    rec(lambda: review.show_input(db, fac, "qr5", {"held_id": held.result["held"]["id"]}))
    rec(lambda: workshops.update_workshop(db, fac, "qr6", {**update, "review_topics": False}))
    rec(lambda: questions.close_question(db, fac, "qc1", {}))
    scale = {"kind": "scale", "prompt": "Hur användbart var det?"}
    scale_q = rec(lambda: questions.ask_question(db, fac, "qs1", scale)).result["question"]["id"]
    for n, value in enumerate((4, 5, 2, 4)):
        said = {"question_id": scale_q, "value": value}
        rec(lambda p=people[50 + n], s=said, n=n: questions.answer_question(db, p, f"qs{n}2", s))
    rec(lambda: questions.close_question(db, fac, "qc2", {}))
    choice = {"kind": "choice", "prompt": "Vilken dag?", "options": ["Tisdag", "Torsdag"]}
    choice_q = rec(lambda: questions.ask_question(db, fac, "qk1", choice)).result["question"]
    rec(lambda: workshops.show_on_wall(db, fac, "qk2", {"view": "question"}))
    said = {"question_id": choice_q["id"], "value": 1}
    rec(lambda: questions.answer_question(db, people[51], "qk3", said))
    rec(lambda: questions.close_question(db, fac, "qc3", {}))


def _voted(db: Any, wid: int, person: Actor) -> int:
    return int(next(iter(participants.me(db, wid, person.id)["votes"])))


def test_every_event_type_has_each_piece(scenario: Recorder) -> None:
    browser = run_node("replay.mjs", {"list": True}) if NODE or IN_CI else None
    missing = []
    # (A type without a Python reducer cannot happen: `@event` refuses it at import.)
    for name in sorted(EVENT_TYPES):
        if browser is not None and name not in browser["types"]:
            missing.append(f"{name}: no browser reducer (static/js/state/<feature>.js)")
        if f"`{name}`" not in PROTOCOL:
            missing.append(f"{name}: not in docs/protocol.md")
        if name not in scenario.types_seen:
            missing.append(f"{name}: no command in this scenario produces it (and is replayed)")
    if browser is not None:
        extra = set(browser["types"]) - set(EVENT_TYPES)
        missing += [f"{name}: a browser reducer for an unregistered type" for name in extra]
        assert {k: v for k, v in browser["empty"].items() if k not in ("seq", "workshop")} == (
            EMPTY_SLICES
        ), "the browser's empty state differs from the domain's slices"
    assert missing == []
    print(f"{len(EVENT_TYPES)} event types, {len(scenario.events)} events replayed")


def test_every_declared_command_has_each_piece(scenario: Recorder) -> None:
    """A command on the wire is declared once, on its service; the socket handler, its role
    check, quota and payload check are derived from that. What cannot be derived is named here:
    its entry in docs/protocol.md and a step of the scenario above that runs it (and so checks
    that its events rebuild the state)."""
    declared = declared_commands()
    missing = []
    for wire, command in declared.items():
        where = f"{wire} ({command.service.__module__}.{command.service.__name__})"
        if f"`{wire}`" not in PROTOCOL:
            missing.append(f"{where}: not in docs/protocol.md")
        if wire not in scenario.commands_run:
            missing.append(f"{where}: no step of this scenario runs it")
    assert missing == []
    assert len(declared) >= 70, "the services' modules were not all found"


@needs_node
def test_the_browser_reducers_reach_the_python_state(scenario: Recorder) -> None:
    for staff in (True, False):
        events = [views(event)[staff] for event in scenario.events]
        in_python = scenario.start[staff]
        for event in events:
            in_python = apply(in_python, event, include_hidden=staff)
        in_browser = run_node(
            "replay.mjs", {"state": scenario.start[staff], "events": events, "includeHidden": staff}
        )
        fresh = sync.snapshot(scenario.db, scenario.wid, include_hidden=staff)
        assert in_python == fresh
        assert in_browser == fresh
    print(f"node and Python agree after {len(scenario.events)} events, console and public views")


def test_phones_never_receive_a_hidden_topic_s_words(scenario: Recorder) -> None:
    hidden_ids = {e["payload"]["topic_id"] for e in scenario.events if e["type"] == "topic.hidden"}
    for event in scenario.events:
        public = public_wire(event)
        if public["type"] == "topic.hidden":
            assert set(public["payload"]) == {"topic_id", "topic", "tally", "turnout"}
            assert public["payload"]["topic"] is None and public["payload"]["tally"] == {}
    assert hidden_ids, "the scenario hides topics"


def test_a_sealed_round_sends_phones_and_walls_no_totals(scenario: Recorder) -> None:
    """What the phone promises ("totals are shown when voting closes") is what the wire does."""
    sealed_votes = [
        e for e in scenario.events if e["type"] == "vote.cast" and e["payload"]["sealed"]
    ]
    assert sealed_votes, "the scenario votes in a sealed round"
    for event in sealed_votes:
        public = public_wire(event)["payload"]
        assert public["total"] is None and public["dots"] >= 1 and public["voters"] >= 1
    live = [e for e in scenario.events if e["type"] == "vote.cast" and not e["payload"]["sealed"]]
    assert live and all(public_wire(e)["payload"]["total"] for e in live)


def test_phones_never_receive_a_hidden_word_or_a_waiting_answer(scenario: Recorder) -> None:
    """A quick question's hidden word leaves phones and the wall from the moment it is hidden
    (and no sync brings it back from any point); a word waiting for review reaches only the
    console, and one dropped never reaches anyone else at all."""
    events = scenario.events
    hidden_at = next(
        e["seq"]
        for e in events
        if e["type"] == "question.word_hidden" and "dumskalle" in e["payload"]["hidden"]
    )
    before = [e for e in events if e["type"] == "question.answered" and e["seq"] < hidden_at]
    assert any("dumskalle" in public_wire(e)["payload"]["counts"] for e in before)
    for event in events:
        public = str(public_wire(event)["payload"]).lower()
        assert "namn namnsson" not in public
        if event["seq"] >= hidden_at:
            assert "dumskalle" not in public
    held = [
        e for e in events if e["type"] == "input.held" and e["payload"]["held"]["kind"] == "word"
    ]
    assert len(held) == 2 and all(public_wire(e)["payload"]["held"]["words"] == {} for e in held)
    console = str(sync.snapshot(scenario.db, scenario.wid, include_hidden=True)["questions"])
    assert "dumskalle" in console
    seqs = [e["seq"] for e in events if e["type"].startswith(("question.", "input."))]
    for since in range(seqs[0] - 1, events[-1]["seq"], 7):
        body = sync.events_since(scenario.db, scenario.wid, since, include_hidden=False)
        assert "dumskalle" not in str(body).lower(), f"a sync after {since} brings it back"
        assert "namn namnsson" not in str(body).lower()


def test_every_event_type_declares_what_phones_and_the_wall_receive() -> None:
    """A new type must say whether anything in it is for the console alone: a `public()` of
    its own, or `same_for_everyone`. Undoing a merge once sent a hidden topic's words to every
    phone because `topic.unmerged` had neither."""
    undeclared = [
        name
        for name, cls in sorted(EVENT_TYPES.items())
        if cls.public is Event.public and not cls.same_for_everyone
    ]
    assert undeclared == []


# The wire's own values, not anyone's words: names of phases, kinds and groups, times, dates.
_NOT_WORDS = re.compile(r"^([a-z_]+|[\d:TZ.+-]+)$")


def _strings(value: Any) -> set[str]:
    """Every piece of words in a JSON value (keys and the wire's own values aside)."""
    if isinstance(value, str):
        return set() if _NOT_WORDS.match(value) else {value}
    if isinstance(value, dict):
        return set().union(*(_strings(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_strings(v) for v in value))
    return set()


def test_a_sync_brings_back_no_words_taken_away(scenario: Recorder) -> None:
    """A screen that reconnects after any event of the scenario gets only words the room shows
    now (no earlier version of a rewritten topic, card or note, no removed card, no hidden
    topic or idea, no unpublished or deleted feedback line), and its state then equals a fresh
    snapshot."""
    seqs = [e["seq"] for e in scenario.events]
    # Every 10th gap a sync replays (the server sends a snapshot for a longer one).
    starts = seqs[-sync.SYNC_EVENT_LIMIT :: 10]
    checked = 0
    for staff in (True, False):
        fresh = sync.snapshot(scenario.db, scenario.wid, include_hidden=staff)
        shown_now = _strings(fresh)
        had = scenario.start[staff]
        events = iter(scenario.events)
        for since in starts:
            for event in events:
                had = apply(had, views(event)[staff], include_hidden=staff)
                if event["seq"] == since:
                    break
            body = sync.events_since(scenario.db, scenario.wid, since, include_hidden=staff)
            if "snapshot" in body:
                continue
            state = had
            for event in body["events"]:
                state = apply(state, event, include_hidden=staff)
            assert state == fresh, f"a sync after {since} does not rebuild the state"
            taken_away = _strings([e["payload"] for e in body["events"]]) - shown_now
            assert taken_away == set(), f"{since} {staff} {sorted(taken_away)}"
            checked += 1
    assert checked > 80
    print(f"{checked} syncs replayed, none with words taken away")


def test_every_type_with_words_says_whose_they_are(scenario: Recorder) -> None:
    """Scrubbing a deleted topic reads only the events that can hold a topic's words
    (`words_about`): a type that carries words of another kind would keep them in the log."""
    undeclared = [
        name
        for name, cls in sorted(EVENT_TYPES.items())
        if cls.words is not Event.words and not cls.words_about
    ]
    assert undeclared == []
    wrong = {
        (event["type"], kind)
        for event in scenario.events
        for kind, _ in typed(event).words()
        if kind.split(".")[0] != EVENT_TYPES[event["type"]].words_about
    }
    assert wrong == set()


# Rows that belong to the installation, not to a workshop.
NOT_A_WORKSHOP_S = {"users", "login_sessions", "api_tokens", "workshop_templates", "workshops"}


def test_deleting_a_workshop_leaves_no_row_of_it(scenario: Recorder, tmp_path: Path) -> None:
    """Every feature's rows go with their workshop without the feature being listed anywhere:
    after the scenario (every command run), deleting the workshop leaves every table but the
    installation's empty. A copy of the scenario's database, so the other tests keep theirs."""
    import sqlite3

    import sqlalchemy as sa

    from workshop.store.models import Base

    assert scenario.database_file is not None
    copy = tmp_path / "scenario.sqlite3"
    with sqlite3.connect(scenario.database_file) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    folder = tmp_path / "app"
    folder.mkdir()
    app = make_app(folder, copy)
    db = get_db_of(app)

    # Without the database's own cascades (SQLite would otherwise delete a workshop's rows with
    # the workshop's row and hide a table the deletion forgot; PostgreSQL runs them too).
    @sa.event.listens_for(db.engine, "connect")
    def _without_cascades(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    db.engine.dispose()

    def counts() -> dict[str, int]:
        with db.read() as session:
            return {
                table.name: session.scalar(sa.select(sa.func.count()).select_from(table)) or 0
                for table in Base.metadata.sorted_tables
                if table.name not in NOT_A_WORKSHOP_S
            }

    before = counts()
    with db.read() as session:
        owners = session.execute(sa.text("SELECT id, owner_id FROM workshops")).all()
    for workshop_id, owner_id in owners:
        workshops.delete_workshop(db, Actor("facilitator", workshop_id, owner_id))
    after = counts()
    db.dispose()
    filled = sorted(name for name, n in before.items() if n)
    assert len(filled) >= 30, f"the scenario should fill most tables, it filled {filled}"
    assert {name: n for name, n in after.items() if n} == {}
