"""A process of three workshops on a real database: its page's figures are the sums of its
workshops', only its owner sees or changes it, and workshops stay whole on their own."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import logged_in_client, make_facilitator, make_workshop
from tests.support.process_script import DAYS, Script, build_process
from tests.support.refusals import refused
from workshop.domain.actors import Actor
from workshop.services import process, reads, workshops


@pytest.fixture
def script(app: Any, db: Any) -> Script:
    return build_process(app, db)


def per_group(db: Any, wid: int) -> dict[str, int]:
    with db.read() as session:
        return dict(reads.participant_counts(session, wid).counts)


def test_the_process_page_adds_up_the_workshops_per_group(db: Any, script: Script) -> None:
    view = process.process_view(db, script.owner, script.process_id, "sv")
    assert [step.title for step in view.steps] == [day.title for day in DAYS]
    assert [step.phase for step in view.steps] == ["discover", "discover", "define"]
    assert [step.held_on for step in view.steps] == ["2026-01-27", "2026-02-10", "2026-03-05"]
    sums: dict[str, int] = {}
    for wid in script.workshops:
        for group, n in per_group(db, wid).items():
            sums[group] = sums.get(group, 0) + n
    assert {g: n for g, n in view.totals.items() if n} == sums
    assert view.totals == {"young": 5, "parent": 4, "professional": 7, "unspecified": 1}
    assert view.total == sum(len(day.groups) for day in DAYS) == 17
    print(f"process of {len(view.steps)} workshops: {view.totals}")


def test_each_step_says_what_its_workshop_produced(db: Any, script: Script) -> None:
    first, youth, parents = process.process_view(db, script.owner, script.process_id, "sv").steps
    assert [t.title for t in first.themes] == ["Samverkan", "Skolan", "Fritid"]
    assert all(t.source is None for t in first.themes)
    # 4x2 + 2x1 dots on collaboration, 6 on school, 3 on leisure.
    assert [(p.rank, p.title, p.total) for p in first.priorities] == [
        (1, "Samverkan", 10),
        (2, "Skolan", 6),
        (3, "Fritid", 3),
    ]
    assert [(p.title, p.total) for p in youth.priorities][0] == ("Skolan", 8)
    assert [a.what for a in first.actions] == ["Gemensam ingång för familjer", "Kartlägg samverkan"]
    assert [a.what for a in parents.actions] == ["Öppen förskola på lördagar"]
    assert youth.actions == []


def test_steps_are_reordered_marked_and_taken_out_without_touching_the_workshop(
    db: Any, script: Script
) -> None:
    owner, pid = script.owner, script.process_id
    steps = process.process_view(db, owner, pid, "sv").steps
    process.move_step(db, owner, pid, steps[2].id, "up")
    process.set_phase(db, owner, pid, steps[2].id, "develop")
    moved = process.process_view(db, owner, pid, "sv").steps
    assert [s.title for s in moved] == ["Open Space", "Föräldramöte", "Ungdomsdialog"]
    assert [s.position for s in moved] == [1, 2, 3] and moved[1].phase == "develop"
    process.remove_step(db, owner, pid, moved[0].id)
    left = process.process_view(db, owner, pid, "sv").steps
    assert [(s.position, s.title) for s in left] == [(1, "Föräldramöte"), (2, "Ungdomsdialog")]
    assert workshops.get_workshop(db, script.workshops[0]) is not None
    # Taken out, it can be added again, last; a second time is refused.
    process.add_step(db, owner, pid, {"workshop_id": script.workshops[0], "phase": "deliver"})
    with refused("already_in_process"):
        process.add_step(db, owner, pid, {"workshop_id": script.workshops[0]})


def test_deleting_a_workshop_takes_its_step_and_the_rest_close_up(db: Any, script: Script) -> None:
    workshops.delete_workshop(db, Actor("facilitator", script.workshops[1], script.owner))
    steps = process.process_view(db, script.owner, script.process_id, "sv").steps
    assert [(s.position, s.title) for s in steps] == [(1, "Open Space"), (2, "Föräldramöte")]
    process.delete_process(db, script.owner, script.process_id)
    assert workshops.get_workshop(db, script.workshops[0]) is not None
    assert process.processes_of(db, script.owner) == []


def test_a_process_is_its_owners_alone(app: Any, db: Any, script: Script) -> None:
    other = make_facilitator(app, "annan@example.se")
    theirs = make_workshop(app, other, title="Annans dag")["id"]
    with refused("not_found"):
        process.process_view(db, other, script.process_id, "sv")
    with refused("not_found"):
        process.add_step(db, other, script.process_id, {"workshop_id": theirs})
    # Nor can the owner file somebody else's workshop into her process.
    with refused("not_found"):
        process.add_step(db, script.owner, script.process_id, {"workshop_id": theirs})
    with refused("not_found"):
        process.delete_process(db, other, script.process_id)
    assert process.processes_of(db, other) == []


def test_the_process_page_over_http(app: Any, db: Any, script: Script) -> None:
    http = logged_in_client(app, script.email)
    index = http.get("/console/").get_data(as_text=True)
    assert f'href="/console/processes/{script.process_id}"' in index
    assert "Barn och unga i Ånge 2026" in index
    page = http.get(f"/console/processes/{script.process_id}?lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    foot = html.split("<tfoot>")[1].split("</tfoot>")[0]
    assert re.findall(r'class="number">(\d+)<', foot) == ["5", "4", "7", "1", "17"]
    assert "Open Space" in html and "Samverkan" in html
    # Another facilitator finds nothing there; a bad form answers in words, changes nothing.
    make_facilitator(app, "annan@example.se")
    assert (
        logged_in_client(app, "annan@example.se")
        .get(f"/console/processes/{script.process_id}")
        .status_code
        == 404
    )
    bad = http.post(
        f"/console/processes/{script.process_id}/steps",
        data={"workshop_id": str(script.workshops[0]), "phase": "discover"},
    )
    assert bad.status_code == 400 and "already a step" in bad.get_data(as_text=True)
    made = http.post("/console/processes", data={"name": "Nästa år"})
    assert made.status_code == 302
    assert http.post("/console/processes", data={"name": "  "}).status_code == 400
