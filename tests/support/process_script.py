"""A scripted process of three workshops, built through the services as a coordinator would:
the professionals' Open Space, a youth consultation and a parents' meeting, each with people in
their groups, the same themes, dots on them in a closed round, and a few actions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tests.conftest import make_facilitator, make_workshop
from workshop.domain.actors import Actor
from workshop.services import actions, participants, process, reports, themes, voting

THEMES = ("Samverkan", "Skolan", "Fritid")


@dataclass(frozen=True)
class Day:
    """One workshop of the script: who came (a group per person, "" for none) and each
    person's dots, by theme title."""

    title: str
    held_on: str
    phase: str
    groups: Sequence[str]
    dots: Sequence[Sequence[str]]
    actions: Sequence[dict[str, Any]] = ()


DAYS = (
    Day(
        "Open Space",
        "2026-01-27",
        "discover",
        ["professional"] * 6 + [""],
        [["Samverkan", "Samverkan", "Skolan"]] * 4
        + [["Samverkan", "Fritid", "Skolan"]] * 2
        + [["Fritid"]],
        [
            {
                "what": "Gemensam ingång för familjer",
                "due": "2026-03-01",
                "follow_up": "2026-04-01",
            },
            {"what": "Kartlägg samverkan", "due": "2026-02-15"},
        ],
    ),
    Day(
        "Ungdomsdialog",
        "2026-02-10",
        "discover",
        ["young"] * 5,
        [["Skolan", "Skolan", "Fritid"]] * 3 + [["Skolan", "Fritid", "Samverkan"]] * 2,
    ),
    Day(
        "Föräldramöte",
        "2026-03-05",
        "define",
        ["parent"] * 4 + ["professional"],
        [["Fritid", "Skolan"]] * 4 + [["Samverkan"]],
        [{"what": "Öppen förskola på lördagar", "due": "2026-05-01", "follow_up": "2026-06-01"}],
    ),
)


@dataclass
class Script:
    """What the script made: the coordinator, her workshops in order and their people."""

    owner: int
    email: str
    process_id: int
    workshops: list[int] = field(default_factory=list)
    people: dict[int, list[Actor]] = field(default_factory=dict)
    theme_ids: dict[int, dict[str, int]] = field(default_factory=dict)
    action_ids: dict[int, list[int]] = field(default_factory=dict)


def build_process(
    app: Any, db: Any, *, email: str = "samordnare@example.se", linked: bool = True
) -> Script:
    """The three workshops, each run through the services, put in one process in order
    (`linked` False: no process; the test links them itself, process_id 0)."""
    owner = make_facilitator(app, email)
    made = (
        process.create_process(db, owner, {"name": "Barn och unga i Ånge 2026"})
        if linked
        else {"id": 0}
    )
    script = Script(owner, email, made["id"])
    for n, day in enumerate(DAYS):
        wid = make_workshop(app, owner, title=day.title)["id"]
        fac = Actor("facilitator", wid, owner)
        reports.save_details(db, fac, None, {"held_on": day.held_on})
        people = [
            Actor(
                "participant",
                wid,
                participants.join(db, wid, {"group": g})[1].result["participant_id"],
            )
            for g in day.groups
        ]
        ids = {
            title: themes.create_theme(db, fac, f"t{n}{title}", {"title": title}).result["theme"][
                "id"
            ]
            for title in THEMES
        }
        voting.open_round(db, fac, f"r{n}", {"scope": "themes", "budget": 3, "max_per_topic": 3})
        for who, dots in zip(people, day.dots, strict=True):
            for k, title in enumerate(dots):
                themes.add_dot(db, who, f"d{n}-{who.id}-{k}", {"theme_id": ids[title]})
        voting.close_round(db, fac, f"c{n}", {})
        script.action_ids[wid] = [
            actions.add_action(db, fac, None, card).result["action"]["id"] for card in day.actions
        ]
        if linked:
            process.add_step(db, owner, made["id"], {"workshop_id": wid, "phase": day.phase})
        script.workshops.append(wid)
        script.people[wid] = people
        script.theme_ids[wid] = ids
    return script
