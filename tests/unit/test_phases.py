"""The double diamond's rules without a database: phases, clustering with provenance, ideas and
low-hanging fruit, and what phones and walls receive of them."""

from __future__ import annotations

import dataclasses
from typing import Any

from tests.support.refusals import refused
from workshop.domain import ideas, phases, themes
from workshop.domain.events import public_wire, wire, words_left_out
from workshop.domain.state import apply, empty_state


def run(events: list[Any], *, staff: bool) -> dict[str, Any]:
    state = empty_state({"id": 1})
    for seq, typed in enumerate(events, start=1):
        stored = wire(1, seq, None, typed)
        state = apply(state, stored if staff else public_wire(stored), include_hidden=staff)
    return state


def test_a_workshop_starts_in_discover_and_moves_forward_and_back() -> None:
    assert empty_state({"id": 1})["phase"] == "discover"
    moves = [phases.PhaseChanged(p) for p in ("define", "develop", "define")]
    assert run(moves, staff=False)["phase"] == "define"
    assert [phases.check_phase(p) for p in phases.PHASES] == list(phases.PHASES)
    for wrong in ("", "Deliver", "close", None, 3):
        with refused("bad_request"):
            phases.check_phase(wrong)


def test_ideas_belong_to_develop() -> None:
    phases.require_phase("develop", "develop")
    with refused("wrong_phase"):
        phases.require_phase("define", "develop")


def test_clustering_keeps_provenance_and_a_topic_in_one_theme() -> None:
    a, b = themes.ThemeInfo(1, "En väg in"), themes.ThemeInfo(2, "Föräldrar")
    events = [
        themes.ThemeCreated(a),
        themes.ThemeCreated(b),
        themes.ThemeTopicAdded(theme_id=1, topic_id=10),
        themes.ThemeTopicAdded(theme_id=1, topic_id=11),
        # Moving 11 to theme 2 takes it out of theme 1.
        themes.ThemeTopicAdded(theme_id=2, topic_id=11),
        themes.ThemeTopicAdded(theme_id=1, topic_id=12),
        themes.ThemeTopicRemoved(theme_id=1, topic_id=10),
    ]
    state = run(events, staff=True)
    assert state["themes"]["1"]["topic_ids"] == [12]
    assert state["themes"]["2"]["topic_ids"] == [11]
    # Only ids travel: a theme event carries no topic words at all.
    for typed in events:
        assert "title" not in str(dataclasses.asdict(typed).get("topic_ids", ""))


def test_a_theme_s_fields_follow_the_rules() -> None:
    fields = themes.clean_theme({"title": "  En  väg in ", "statement": "Hur kan vi …?"})
    assert fields == {"title": "En väg in", "statement": "Hur kan vi …?", "initiator": ""}
    current = themes.ThemeInfo(1, "Kvar", "Hur kan vi?", "Rektor")
    assert themes.clean_theme({"initiator": "Kurator"}, current) == {
        "title": "Kvar",
        "statement": "Hur kan vi?",
        "initiator": "Kurator",
    }
    for bad, code in (({"title": ""}, "empty"), ({"title": "x" * 121}, "too_long")):
        with refused(code):
            themes.clean_theme(bad)
    with refused("too_many_themes"):
        themes.check_room_for_theme(themes.THEMES_MAX)


def test_deleting_a_theme_takes_its_ideas_along() -> None:
    events = [
        themes.ThemeCreated(themes.ThemeInfo(1, "T")),
        ideas.IdeaPosted(ideas.IdeaInfo(5, 1, "Idé")),
        themes.ThemeDeleted(theme_id=1),
    ]
    state = run(events, staff=False)
    assert state["themes"] == {} and state["ideas"] == {}


def test_low_hanging_fruit_is_marked_and_unmarked() -> None:
    idea = ideas.IdeaInfo(5, 1, "En kontaktperson")
    marked = dataclasses.replace(idea, low_hanging=True)
    state = run([ideas.IdeaPosted(idea), ideas.IdeaMarked(marked)], staff=False)
    assert state["ideas"]["5"]["low_hanging"] is True
    state = run(
        [ideas.IdeaPosted(idea), ideas.IdeaMarked(marked), ideas.IdeaMarked(idea)], staff=False
    )
    assert state["ideas"]["5"]["low_hanging"] is False


def test_a_hidden_idea_s_words_never_reach_phones() -> None:
    secret = ideas.IdeaInfo(5, 1, "Lisa i 7B", hidden=True, low_hanging=True)
    for typed in (
        ideas.IdeaHidden(idea_id=5, idea=secret),
        ideas.IdeaMarked(secret),
        ideas.IdeaPosted(secret),
        ideas.IdeaShown(secret),
    ):
        public = public_wire(wire(1, 1, None, typed))
        assert "Lisa" not in str(public), typed.type
        assert public["type"] == "idea.hidden" and public["payload"] == {"idea_id": 5, "idea": None}
    console = run([ideas.IdeaHidden(idea_id=5, idea=secret)], staff=True)
    assert console["ideas"]["5"]["text"] == "Lisa i 7B"
    # A phone that syncs later gets the old events with the words blanked.
    posted = wire(1, 1, None, ideas.IdeaPosted(dataclasses.replace(secret, hidden=False)))
    (replayed,) = [public_wire(e) for e in words_left_out([posted], {("idea", 5)})]
    assert "Lisa" not in str(replayed) and replayed["type"] == "idea.hidden"


def test_an_idea_s_text_follows_the_topic_limits() -> None:
    assert ideas.clean_idea({"text": " Läxhjälp\n på fritids "}) == ("Läxhjälp på fritids", "")
    for bad, code in (
        ({"text": ""}, "empty"),
        ({"text": "x" * 121}, "too_long"),
        ({"text": 3}, "bad_request"),
    ):
        with refused(code):
            ideas.clean_idea(bad)
    with refused("bad_request"):
        ideas.check_flag("yes", "low_hanging")


def test_a_round_on_themes_keeps_its_totals_apart_and_sealed() -> None:
    from workshop.domain import voting

    assert voting.check_scope("themes", themes_now=1) == "themes"
    with refused("no_themes"):
        voting.check_scope("themes", themes_now=0)
    sealed = voting.RoundInfo(1, 1, 3, 2, "open", scope="themes")
    with refused("not_in_round"):
        voting.require_scope(sealed, "topics")
    # The same budget rule as for topics: 3 dots, at most 2 on one theme.
    voting.check_vote(spent=2, on_topic=1, budget=3, max_per_topic=2)
    for spent, on_theme, code in ((3, 0, "over_budget"), (2, 2, "over_topic_limit")):
        with refused(code):
            voting.check_vote(spent=spent, on_topic=on_theme, budget=3, max_per_topic=2)
    events = [
        themes.ThemeCreated(themes.ThemeInfo(7, "T")),
        # A topic with the same id as the theme keeps its own (empty) tally.
        voting.RoundOpened(sealed),
        themes.ThemeDotAdded(round_id=1, theme_id=7, total=2, voters=1, dots=2, sealed=True),
    ]
    phone, console = run(events, staff=False), run(events, staff=True)
    assert phone["theme_tally"] == {} and phone["turnout"] == {"voters": 1, "dots": 2}
    assert console["theme_tally"] == {"7": 2} and console["tally"] == {}
    closed = dataclasses.replace(sealed, status="closed")
    ranked = voting.theme_results({7: 2, 8: 0})
    state = run([*events, voting.RoundClosed(closed, [], theme_results=ranked)], staff=False)
    assert state["theme_tally"] == {"7": 2} and state["tally"] == {}
    assert state["rounds"][0]["results"][0] == {
        "rank": 1,
        "theme_id": 7,
        "total": 2,
        "topic_id": None,
    }
