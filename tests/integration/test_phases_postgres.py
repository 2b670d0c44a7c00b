"""The phases on PostgreSQL: migration 0005 applies, and themes, a round on themes (budget and
cap under the row lock), ideas and deleting the workshop behave as on SQLite."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from tests.conftest import make_facilitator, make_workshop
from workshop.domain.actors import Actor
from workshop.domain.errors import DomainError
from workshop.services import ideas, participants, phases, sync, themes, topics, voting, workshops

pytestmark = pytest.mark.integration


def test_phases_themes_theme_rounds_and_ideas_on_postgresql(pg_app: Any) -> None:
    db = pg_app.extensions["workshop_db"]
    owner = make_facilitator(pg_app)
    wid = make_workshop(pg_app, owner)["id"]
    fac = Actor("facilitator", wid, owner)
    phone = Actor("participant", wid, participants.join(db, wid, {})[1].result["participant_id"])
    topic = topics.post_topic(db, phone, "t", {"title": "En väg in"}).result["topic"]["id"]
    phases.change_phase(db, fac, "p1", {"phase": "define"})
    theme = themes.create_theme(db, fac, "c", {"title": "Tema"}).result["theme"]["id"]
    themes.add_topic(db, fac, "a", {"theme_id": theme, "topic_id": topic})
    voting.open_round(db, fac, "r", {"scope": "themes", "budget": 2, "max_per_topic": 2})
    for n in range(2):
        themes.add_dot(db, phone, f"d{n}", {"theme_id": theme})
    with pytest.raises(DomainError) as refused:
        themes.add_dot(db, phone, "d2", {"theme_id": theme})
    assert refused.value.code == "over_budget"
    voting.close_round(db, fac, "x", {})
    phases.change_phase(db, fac, "p2", {"phase": "develop"})
    idea = ideas.post_idea(db, phone, "i", {"theme_id": theme, "text": "Idé"}).result["idea"]
    ideas.mark_idea(db, fac, "m", {"idea_id": idea["id"], "low_hanging": True})
    state = sync.snapshot(db, wid, include_hidden=False)
    assert state["phase"] == "develop" and state["themes"][str(theme)]["topic_ids"] == [topic]
    assert state["rounds"][0]["results"][0]["total"] == 2
    assert themes.themes_for_report(db, wid).themes[0].low_hanging[0].text == "Idé"
    workshops.delete_workshop(db, fac)
    with db.read() as session:
        for table in ("themes", "theme_topics", "theme_votes", "ideas"):
            assert session.scalar(sa.text(f"select count(*) from {table}")) == 0, table  # noqa: S608
