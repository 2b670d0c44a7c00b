"""Phases, themes and ideas through the services: rules, what each screen's snapshot holds, the
sync replay to phones, and the plain read for the report builder."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.refusals import refused
from tests.support.rooms import Room, build_room
from workshop.services import ideas, participants, phases, sync, themes, topics, voting


@pytest.fixture
def room(app: Any, db: Any) -> Room:
    titles = ("En väg in", "Lisa i 7B", "Föräldrar tidigt")
    return build_room(app, db, people=2, topics_titled=titles, posted_by=0)


def test_phases_move_forward_and_back_and_only_the_facilitator_moves_them(
    db: Any, room: Room
) -> None:
    wid, fac = room.wid, room.fac
    assert sync.snapshot(db, wid, include_hidden=False)["phase"] == "discover"
    assert phases.change_phase(db, fac, "p1", {"phase": "develop"}).events[0]["type"] == (
        "phase.changed"
    )
    assert phases.change_phase(db, fac, "p2", {"phase": "develop"}).events == []
    phases.change_phase(db, fac, "p3", {"phase": "define"})
    assert sync.snapshot(db, wid, include_hidden=False)["phase"] == "define"
    with refused("forbidden"):
        phases.change_phase(db, room.people[0], "p4", {"phase": "deliver"})
    with refused("bad_request"):
        phases.change_phase(db, fac, "p5", {"phase": "later"})


def test_clustering_moves_topics_between_themes_and_keeps_them_as_they_were(
    db: Any, room: Room
) -> None:
    wid, fac, ids = room.wid, room.fac, room.topics
    before = sync.snapshot(db, wid, include_hidden=True)["topics"]
    first = themes.create_theme(db, fac, "t1", {"title": "En väg in"}).result["theme"]["id"]
    second = themes.create_theme(db, fac, "t2", {"title": "Tidigt stöd"}).result["theme"]["id"]
    themes.add_topic(db, fac, "a1", {"theme_id": first, "topic_id": ids[0]})
    themes.add_topic(db, fac, "a2", {"theme_id": first, "topic_id": ids[2]})
    moved = themes.add_topic(db, fac, "a3", {"theme_id": second, "topic_id": ids[2]})
    assert moved.events[0]["payload"] == {"theme_id": second, "topic_id": ids[2]}
    # The same topic into the same theme again: nothing happens.
    assert themes.add_topic(db, fac, "a4", {"theme_id": second, "topic_id": ids[2]}).events == []
    state = sync.snapshot(db, wid, include_hidden=False)
    assert state["themes"][str(first)]["topic_ids"] == [ids[0]]
    assert state["themes"][str(second)]["topic_ids"] == [ids[2]]
    assert sync.snapshot(db, wid, include_hidden=True)["topics"] == before
    themes.remove_topic(db, fac, "r1", {"topic_id": ids[0]})
    with refused("not_found"):
        themes.remove_topic(db, fac, "r2", {"topic_id": ids[0]})
    edit = {"theme_id": first, "statement": "Hur kan vi ge familjer en väg in?"}
    theme = themes.edit_theme(db, fac, "e1", {**edit, "initiator": "Rektor"}).result["theme"]
    assert theme["title"] == "En väg in" and theme["initiator"] == "Rektor"
    with refused("forbidden"):
        themes.create_theme(db, room.people[0], "t3", {"title": "x"})
    with refused("empty"):
        themes.edit_theme(db, fac, "e2", {"theme_id": first, "title": " "})


def test_ideas_are_posted_in_develop_hidden_and_marked(db: Any, room: Room) -> None:
    wid, fac, phone = room.wid, room.fac, room.people[1]
    theme = themes.create_theme(db, fac, "t1", {"title": "En väg in"}).result["theme"]["id"]
    idea = {"theme_id": theme, "text": "En kontaktperson"}
    with refused("wrong_phase"):
        ideas.post_idea(db, phone, "i1", idea)
    phases.change_phase(db, fac, "p1", {"phase": "develop"})
    posted = ideas.post_idea(db, phone, "i2", idea).result["idea"]
    with refused("not_found"):
        ideas.post_idea(db, phone, "i3", {**idea, "theme_id": theme + 99})
    with refused("forbidden"):
        ideas.mark_idea(db, phone, "m0", {"idea_id": posted["id"], "low_hanging": True})
    ideas.mark_idea(db, fac, "m1", {"idea_id": posted["id"], "low_hanging": True})
    assert sync.snapshot(db, wid, include_hidden=False)["ideas"][str(posted["id"])]["low_hanging"]
    secret = ideas.post_idea(db, phone, "i4", {**idea, "text": "Lisa i 7B"}).result["idea"]["id"]
    since = sync.snapshot(db, wid, include_hidden=False)["seq"] - 1
    ideas.set_idea_hidden(db, fac, "h1", {"idea_id": secret, "hidden": True})
    assert str(secret) not in sync.snapshot(db, wid, include_hidden=False)["ideas"]
    assert sync.snapshot(db, wid, include_hidden=True)["ideas"][str(secret)]["hidden"]
    # A phone that missed the post syncs after the hiding: the words never travel again.
    replay = sync.events_since(db, wid, since, include_hidden=False)["events"]
    assert "Lisa" not in str(replay) and [e["type"] for e in replay] == ["idea.hidden"] * 2


def test_a_hidden_topic_s_words_reach_no_phone_through_a_theme(db: Any, room: Room) -> None:
    wid, fac, ids = room.wid, room.fac, room.topics
    theme = themes.create_theme(db, fac, "t1", {"title": "Stöd"}).result["theme"]["id"]
    for n, topic_id in enumerate(ids[:2]):
        themes.add_topic(db, fac, f"a{n}", {"theme_id": theme, "topic_id": topic_id})
    topics.set_topic_hidden(db, fac, "h1", {"topic_id": ids[1], "hidden": True})
    public = sync.snapshot(db, wid, include_hidden=False)
    assert "Lisa" not in str(public)
    assert str(ids[1]) not in public["topics"]
    report = themes.themes_for_report(db, wid)
    assert [s.title for s in report.themes[0].sources] == ["En väg in"]


def test_themes_for_report_is_plain_and_leaves_hidden_things_out(db: Any, room: Room) -> None:
    wid, fac, phone, ids = room.wid, room.fac, room.people[0], room.topics
    theme = themes.create_theme(
        db, fac, "t1", {"title": "En väg in", "statement": "Hur kan vi …?", "initiator": "Kurator"}
    ).result["theme"]["id"]
    themes.add_topic(db, fac, "a1", {"theme_id": theme, "topic_id": ids[0]})
    phases.change_phase(db, fac, "p1", {"phase": "develop"})
    kept = ideas.post_idea(db, phone, "i1", {"theme_id": theme, "text": "Ett nummer"})
    ideas.mark_idea(db, fac, "m1", {"idea_id": kept.result["idea"]["id"], "low_hanging": True})
    gone = ideas.post_idea(db, phone, "i2", {"theme_id": theme, "text": "Lisa"})
    ideas.set_idea_hidden(db, fac, "h1", {"idea_id": gone.result["idea"]["id"], "hidden": True})
    report = themes.themes_for_report(db, wid)
    assert report.phase == "develop"
    (only,) = report.themes
    assert (only.title, only.statement, only.initiator) == ("En väg in", "Hur kan vi …?", "Kurator")
    assert [(s.title, s.description) for s in only.sources] == [("En väg in", "")]
    assert [(i.text, i.low_hanging) for i in only.ideas] == [("Ett nummer", True)]
    assert [i.text for i in only.low_hanging] == ["Ett nummer"]


def test_deleting_a_theme_scrubs_its_ideas_words_from_the_log(db: Any, room: Room) -> None:
    wid, fac, phone = room.wid, room.fac, room.people[0]
    theme = themes.create_theme(db, fac, "t1", {"title": "Borta"}).result["theme"]["id"]
    phases.change_phase(db, fac, "p1", {"phase": "develop"})
    ideas.post_idea(db, phone, "i1", {"theme_id": theme, "text": "Kalle i 8C"})
    themes.delete_theme(db, fac, "d1", {"theme_id": theme})
    log = sync.events_since(db, wid, 1, include_hidden=True)["events"]
    assert "Kalle" not in str(log)
    assert sync.snapshot(db, wid, include_hidden=True)["ideas"] == {}


def test_a_round_on_themes_keeps_the_budget_and_cap_and_ranks_the_themes(
    db: Any, room: Room
) -> None:
    wid, fac, (one, two) = room.wid, room.fac, room.people
    with refused("no_themes"):
        voting.open_round(db, fac, "r0", {"scope": "themes"})
    first = themes.create_theme(db, fac, "t1", {"title": "En väg in"}).result["theme"]["id"]
    second = themes.create_theme(db, fac, "t2", {"title": "Tidigt"}).result["theme"]["id"]
    with refused("bad_request"):
        voting.open_round(db, fac, "r1", {"scope": "ideas"})
    opened = voting.open_round(
        db, fac, "r2", {"scope": "themes", "budget": 3, "max_per_topic": 2}
    ).result["round"]
    assert opened["scope"] == "themes"
    # Dots on topics are refused while the round is on themes, and the other way round.
    with refused("not_in_round"):
        voting.add_vote(db, one, "v0", {"topic_id": room.topics[0]})
    dot = {"theme_id": first}
    answers = [themes.add_dot(db, one, f"d{n}", dot).result for n in range(2)]
    assert [a["dots_left"] for a in answers] == [2, 1] and answers[-1]["total"] is None
    with refused("over_topic_limit"):
        themes.add_dot(db, one, "d2", dot)
    themes.add_dot(db, one, "d3", {"theme_id": second})
    with refused("over_budget"):
        themes.add_dot(db, one, "d4", {"theme_id": second})
    with refused("nothing_to_take_back"):
        themes.remove_dot(db, two, "d5", dot)
    themes.add_dot(db, two, "d6", {"theme_id": second})
    themes.add_dot(db, two, "d7", {"theme_id": second})
    with refused("theme_in_round"):
        themes.delete_theme(db, fac, "x", {"theme_id": second})
    assert participants.me(db, wid, one.id)["theme_votes"] == {str(first): 2, str(second): 1}
    assert participants.me(db, wid, one.id)["dots_left"] == 0
    public = sync.snapshot(db, wid, include_hidden=False)
    assert public["theme_tally"] == {} and public["turnout"] == {"voters": 2, "dots": 5}
    assert sync.snapshot(db, wid, include_hidden=True)["theme_tally"] == {
        str(first): 2,
        str(second): 3,
    }
    closed = voting.close_round(db, fac, "c1", {})
    (event,) = closed.events
    assert event["payload"]["results"] == []
    assert event["payload"]["theme_results"] == [
        {"rank": 1, "theme_id": second, "total": 3, "topic_id": None},
        {"rank": 2, "theme_id": first, "total": 2, "topic_id": None},
    ]
    (prioritised,) = themes.themes_for_report(db, wid).rounds
    assert [(line.title, line.total) for line in prioritised.lines] == [
        ("Tidigt", 3),
        ("En väg in", 2),
    ]
    (history,) = sync.rounds_with_results(db, wid)
    assert [(line["title"], line["total"]) for line in history["results"]] == [
        ("Tidigt", 3),
        ("En väg in", 2),
    ]
    with refused("no_open_round"):
        themes.add_dot(db, two, "d8", dot)
    # The next round on topics works as before.
    voting.open_round(db, fac, "r3", {})
    with refused("not_in_round"):
        themes.add_dot(db, two, "d9", dot)
    assert voting.add_vote(db, two, "v1", {"topic_id": room.topics[0]}).result["mine"] == 1


def test_deleting_the_workshop_leaves_no_theme_idea_or_dot_behind(db: Any, room: Room) -> None:
    import sqlalchemy as sa

    from workshop.services import workshops

    fac, phone = room.fac, room.people[0]
    theme = themes.create_theme(db, fac, "t1", {"title": "T"}).result["theme"]["id"]
    themes.add_topic(db, fac, "a1", {"theme_id": theme, "topic_id": room.topics[0]})
    voting.open_round(db, fac, "r1", {"scope": "themes"})
    themes.add_dot(db, phone, "d1", {"theme_id": theme})
    phases.change_phase(db, fac, "p1", {"phase": "develop"})
    ideas.post_idea(db, phone, "i1", {"theme_id": theme, "text": "Idé"})
    workshops.delete_workshop(db, fac)
    with db.read() as session:
        for table in ("themes", "theme_topics", "theme_votes", "ideas", "voting_rounds"):
            assert session.scalar(sa.text(f"select count(*) from {table}")) == 0, table  # noqa: S608
