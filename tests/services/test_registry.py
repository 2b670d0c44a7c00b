"""The event registry's contract: every event type has a Python reducer, a browser reducer, an
entry in docs/protocol.md, and a command whose events rebuild the state (the zulip check: apply a
command's events to the state before, and it equals a fresh snapshot after, for the console and,
through each event's public form, for phones and the wall). The browser reducers run under node
on the same events and reach the same states."""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_facilitator, make_workshop
from tests.support.node import NODE, needs_node, run_node
from workshop.domain.actors import Actor
from workshop.domain.errors import DomainError
from workshop.domain.events import EMPTY_SLICES, EVENT_TYPES, Event, public_wire
from workshop.domain.state import apply
from workshop.services import (
    board,
    board_answers,
    consultation,
    feedback,
    participants,
    sync,
    topics,
    voting,
    workshops,
)

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


@pytest.fixture
def scenario(app: Any, db: Any) -> Recorder:
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
    update = {"title": "New", "theme": "Q?", "language": "en", "dot_budget": 4, "max_per_topic": 2}
    rec(lambda: workshops.update_workshop(db, fac, "u1", {**update, "review_topics": True}))
    waiting = rec(lambda: topics.post_topic(db, people[11], "q1", {"title": "Vänta"}))
    waiting_id = waiting.result["topic"]["id"]
    rec(lambda: topics.edit_topic(db, fac, "q2", {"topic_id": waiting_id, "title": "Väntar"}))
    rec(lambda: topics.approve_topic(db, fac, "q3", {"topic_id": waiting_id}))
    declined = rec(lambda: topics.post_topic(db, people[12], "q4", {"title": "Nej"}))
    declined_id = declined.result["topic"]["id"]
    rec(lambda: topics.set_topic_hidden(db, fac, "q5", {"topic_id": declined_id, "hidden": True}))
    consult = {"texts": {"sv_easy": {"purpose": "Vi vill veta vad du tycker."}}, **WINDOW}
    rec(lambda: consultation.update_consultation(db, fac, "k1", consult))
    _feedback_steps(rec, db, fac, ids)
    rec(lambda: workshops.close_workshop(db, fac, "c1", {}))
    rec(lambda: workshops.reopen_workshop(db, fac, "c2", {}))
    _board_steps(rec, db, fac, people)
    return rec


def _board_steps(rec: Recorder, db: Any, fac: Actor, people: list[Actor]) -> None:
    """Every board event: placing, moving, grouping, linking, removing, undo, lock, answers."""
    pro = people[2]  # a professional
    first = rec(lambda: board.place_card(db, pro, "b1", {"role_id": "skolkurator"})).result["card"]
    second = rec(
        lambda: board.place_card(db, fac, "b2", {"role_id": "bvc-lakare", "x": 1300, "y": 90})
    ).result["card"]
    move = {"card_id": first["id"], "version": 1, "x": 300, "y": 200}
    rec(lambda: board.move_card(db, pro, "b3", move))
    group = {"card_id": first["id"], "version": 2, "group": "elevhalsa"}
    rec(lambda: board.group_card(db, pro, "b4", group))
    ends = {"source_id": first["id"], "target_id": second["id"]}
    link = rec(lambda: board.add_link(db, pro, "b5", {**ends, "kind": "refers_to"})).result["link"]
    rec(lambda: board.remove_link(db, fac, "b6", {"link_id": link["id"]}))
    rec(lambda: board.add_link(db, fac, "b7", {**ends, "kind": "double_work"}))
    rec(lambda: board.remove_card(db, fac, "b8", {"card_id": second["id"], "version": 1}))
    rec(lambda: board.undo(db, fac, "b9", {}))  # the card and its link come back
    rec(lambda: board.undo(db, pro, "b10", {}))  # out of the group again
    rec(lambda: board.set_locked(db, fac, "b11", {"locked": True}))
    rec(lambda: board.set_locked(db, fac, "b12", {"locked": False}))
    met = [["skolkurator", "bvc-lakare", "logoped"], ["skolkurator"], ["kontaktperson"]]
    for n, person in enumerate(people[20:23]):
        answer = {"roles_met": met[n], "retold": met[n][:1]}
        rec(lambda p=person, n=n, a=answer: board_answers.answer_roles_met(db, p, f"a{n}", a))


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


def _voted(db: Any, wid: int, person: Actor) -> int:
    return int(next(iter(participants.me(db, wid, person.id)["votes"])))


def test_every_event_type_has_each_piece(scenario: Recorder) -> None:
    browser = run_node("replay.mjs", {"list": True}) if NODE else None
    missing = []
    for name, cls in sorted(EVENT_TYPES.items()):
        if cls.reduce is Event.reduce:
            missing.append(f"{name}: no Python reducer (domain/<feature>.py)")
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


@needs_node
def test_the_browser_reducers_reach_the_python_state(db: Any, scenario: Recorder) -> None:
    for staff in (True, False):
        events = [views(event)[staff] for event in scenario.events]
        in_python = scenario.start[staff]
        for event in events:
            in_python = apply(in_python, event, include_hidden=staff)
        in_browser = run_node(
            "replay.mjs", {"state": scenario.start[staff], "events": events, "includeHidden": staff}
        )
        fresh = sync.snapshot(db, scenario.wid, include_hidden=staff)
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
