"""Carrying the professionals' themes into a later workshop of the process: each carried theme
names its source ("från Open Space 27 januari"), reaches the workshop's screens as any new
theme, is carried once, and only from an earlier step."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from tests.conftest import logged_in_client, make_workshop
from tests.support.process_script import Script, build_process
from tests.support.refusals import refused
from workshop.domain.actors import Actor
from workshop.services import process, sync, themes, workshops
from workshop.store.models import CarriedTheme


@pytest.fixture
def script(app: Any, db: Any) -> Script:
    return build_process(app, db)


def add_consultation(app: Any, db: Any, script: Script) -> tuple[int, int]:
    """A fourth workshop, last in the process: the families' consultation, with no themes."""
    wid = make_workshop(app, script.owner, title="Familjernas röst")["id"]
    step = process.add_step(db, script.owner, script.process_id, {"workshop_id": wid})
    return wid, step


def steps(db: Any, script: Script) -> list[Any]:
    return process.process_view(db, script.owner, script.process_id, "sv").steps


def test_every_carried_theme_names_its_source(app: Any, db: Any, script: Script) -> None:
    wid, step = add_consultation(app, db, script)
    open_space = steps(db, script)[0]
    outcome = process.carry_themes(db, script.owner, script.process_id, step, open_space.id)
    assert [e["type"] for e in outcome.events] == ["theme.created"] * 3
    assert [t["title"] for t in outcome.result["themes"]] == ["Samverkan", "Skolan", "Fritid"]
    last = steps(db, script)[-1]
    assert [(t.title, t.source.workshop_title, t.source.held_on) for t in last.themes] == [
        ("Samverkan", "Open Space", "2026-01-27"),
        ("Skolan", "Open Space", "2026-01-27"),
        ("Fritid", "Open Space", "2026-01-27"),
    ]
    assert all(t.source and t.source.workshop_id == open_space.workshop_id for t in last.themes)
    # Every screen of the consultation has them, as any theme the console made.
    state = sync.snapshot(db, wid, include_hidden=False)
    assert sorted(t["title"] for t in state["themes"].values()) == ["Fritid", "Samverkan", "Skolan"]
    # Carrying again adds nothing; a theme written here since is kept as it is.
    again = process.carry_themes(db, script.owner, script.process_id, step, open_space.id)
    assert again.result["themes"] == [] and again.events == []
    # The youth consultation's own themes have the same titles: nothing doubles from there.
    youth = steps(db, script)[1]
    assert process.carry_themes(db, script.owner, script.process_id, step, youth.id).events == []


def test_only_forward_and_only_her_own(app: Any, db: Any, script: Script) -> None:
    _wid, step = add_consultation(app, db, script)
    first = steps(db, script)[0]
    with refused("bad_request"):
        process.carry_themes(db, script.owner, script.process_id, first.id, step)
    with refused("bad_request"):
        process.carry_themes(db, script.owner, script.process_id, step, step)
    other = build_process(app, db, email="annan@example.se")
    with refused("not_found"):
        process.carry_themes(db, other.owner, script.process_id, step, first.id)


def test_the_page_says_where_a_theme_came_from_and_nothing_stays_behind(
    app: Any, db: Any, script: Script
) -> None:
    wid, step = add_consultation(app, db, script)
    http = logged_in_client(app, script.email)
    first = steps(db, script)[0]
    sent = http.post(
        f"/console/processes/{script.process_id}/steps/{step}/carry",
        data={"from_step": str(first.id)},
    )
    assert sent.status_code == 302
    page = http.get(f"/console/processes/{script.process_id}?lang=sv").get_data(as_text=True)
    assert page.count("från Open Space 27 januari") == 3
    english = http.get(f"/console/processes/{script.process_id}?lang=en").get_data(as_text=True)
    assert english.count("from Open Space 27 January") == 3
    backwards = http.post(
        f"/console/processes/{script.process_id}/steps/{first.id}/carry",
        data={"from_step": str(step)},
    )
    assert backwards.status_code == 400
    # A carried theme deleted, or its workshop deleted: its provenance goes with it.
    state = sync.snapshot(db, wid, include_hidden=True)
    some = min(int(key) for key in state["themes"])
    themes.delete_theme(db, Actor("facilitator", wid, script.owner), None, {"theme_id": some})
    with db.read() as session:
        assert session.scalar(sa.select(sa.func.count(CarriedTheme.id))) == 2
    workshops.delete_workshop(db, Actor("facilitator", wid, script.owner))
    with db.read() as session:
        assert session.scalar(sa.select(sa.func.count(CarriedTheme.id))) == 0
