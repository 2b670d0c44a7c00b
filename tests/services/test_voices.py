"""Voices side by side over the scripted process: dots joined to each voter's group, per person,
with the small-group rule, a topic round counted through its themes, on the coordinator's page
only."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import logged_in_client, make_workshop
from tests.support.process_script import Script, build_process
from workshop.domain.actors import Actor
from workshop.services import participants, process, themes, topics, voices, voting


@pytest.fixture
def script(app: Any, db: Any) -> Script:
    return build_process(app, db)


def figures(db: Any, script: Script) -> dict[str, dict[str, float]]:
    result = voices.voices_of(db, script.workshops)
    return {g.group: g.per_person for g in result.shown}


def test_each_group_prioritised_the_same_themes_per_person(db: Any, script: Script) -> None:
    result = voices.voices_of(db, script.workshops)
    assert [(g.group, g.voters, g.shown) for g in result.groups] == [
        ("professional", 7, True),  # six at the Open Space, one at the parents' meeting
        ("young", 5, True),
        ("parent", 4, False),  # four parents: not shown apart
    ]
    # The person who gave no group put a dot on Fritid: it counts for no group.
    assert figures(db, script) == {
        "professional": {
            "samverkan": round(11 / 7, 2),
            "skolan": round(6 / 7, 2),
            "fritid": round(2 / 7, 2),
        },
        "young": {"samverkan": 0.4, "skolan": 1.6, "fritid": 1.0},
    }
    pro, young, _parent = result.groups
    assert pro.ranks["samverkan"] == 1 and young.ranks["skolan"] == 1
    print(
        "voices: professionals first "
        f"{min(pro.ranks, key=pro.ranks.__getitem__)}, young people first "
        f"{min(young.ranks, key=young.ranks.__getitem__)}; parents held back (4 voters)"
    )


def test_a_fifth_parent_in_a_topic_round_brings_the_parents_in(
    app: Any, db: Any, script: Script
) -> None:
    """A dot on a topic counts for the theme the topic was put in; the fifth parent makes the
    group big enough to be shown apart."""
    wid = make_workshop(app, script.owner, title="Familjecentral")["id"]
    fac = Actor("facilitator", wid, script.owner)
    parent = participants.join(db, wid, {"group": "parent"})[1].result["participant_id"]
    topic = topics.post_topic(db, fac, None, {"title": "Läxhjälp"}).result["topic"]["id"]
    theme = themes.create_theme(db, fac, None, {"title": " skolan"}).result["theme"]["id"]
    themes.add_topic(db, fac, None, {"theme_id": theme, "topic_id": topic})
    voting.open_round(db, fac, None, {"budget": 3, "max_per_topic": 3})
    voting.add_vote(db, Actor("participant", wid, parent), None, {"topic_id": topic})
    voting.close_round(db, fac, None, {})
    process.add_step(db, script.owner, script.process_id, {"workshop_id": wid, "phase": "define"})
    result = process.process_view(db, script.owner, script.process_id, "sv").voices
    assert result is not None
    (parents,) = [g for g in result.groups if g.group == "parent"]
    assert (parents.voters, parents.shown) == (5, True)
    # Four parents' Skolan dots at the meeting and the fifth parent's on the topic: 5 / 5.
    assert parents.per_person == {"samverkan": 0.0, "skolan": 1.0, "fritid": 0.8}
    assert result.held_back == []


def test_the_page_shows_the_groups_side_by_side_and_says_why_one_is_missing(
    app: Any, db: Any, script: Script
) -> None:
    http = logged_in_client(app, script.email)
    html = http.get(f"/console/processes/{script.process_id}?lang=sv").get_data(as_text=True)
    table = html.split('class="process-table voices-table"')[1].split("</table>")[0]
    heads = re.findall(r'<th scope="col" class="number">([^<]+)<', table)
    assert heads == ["Yrkesverksamma", "Unga"]
    assert "1,6" in table and "Föräldrar" not in table
    assert "Föräldrar: färre än 5" in html
    # Nobody else sees it: a participant's phone or an anonymous visitor gets no such page.
    assert app.test_client().get(f"/console/processes/{script.process_id}").status_code == 302
