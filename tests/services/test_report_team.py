"""The team in the report: by role, counted, and named only where each person agreed (on their
own account page); a removed member and their consent leave together; a workshop run alone
lists no team."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import sqlalchemy as sa

from tests.conftest import get_db_of, logged_in_client, make_facilitator, make_workshop
from tests.realtime.test_team_roles import join_team
from workshop.domain.actors import Actor
from workshop.services import accounts, reports, team

ROOT = Path(__file__).resolve().parents[2]


def _markdown(db: Any, workshop_id: int) -> str:
    files = reports.render(reports.build_report(db, workshop_id), ["md"])
    return files["report.md"].decode()


def test_the_report_lists_the_team_by_role_naming_only_who_agreed(app: Any) -> None:
    db = get_db_of(app)
    owner = make_facilitator(app)
    workshop = make_workshop(app, owner, title="Teamets dag", language="en")
    wid = workshop["id"]
    karin = join_team(app, wid, owner, "karin@example.se", "moderator")
    join_team(app, wid, owner, "olle@example.se", "moderator")
    join_team(app, wid, owner, "nora@example.se", "note_taker")
    accounts.set_display_name(db, karin, "Karin")
    # Off by default: everyone is counted, nobody named.
    assert team.report_team(db, wid) == [
        {"role": "owner", "count": 1, "names": []},
        {"role": "moderator", "count": 2, "names": []},
        {"role": "note_taker", "count": 1, "names": []},
    ]
    text = _markdown(db, wid)
    assert "2 moderators" in text and "karin" not in text.lower() and "olle" not in text
    # Karin says yes on her own account page; Nora ticks a workshop that is not hers.
    karin_http = logged_in_client(app, "karin@example.se")
    assert "Teamets dag (moderator)" in karin_http.get("/account?lang=en").get_data(as_text=True)
    answer = karin_http.post("/account/report-names", data={"named": [str(wid)]})
    assert answer.status_code == 302
    other = make_workshop(app, owner, title="Not Nora's")
    nora_http = logged_in_client(app, "nora@example.se")
    nora_http.post("/account/report-names", data={"named": [str(other["id"]), "x"]})
    assert team.report_team(db, other["id"]) == []
    report = reports.build_report(db, wid)
    assert [(line.role, line.count, line.names) for line in report.team] == [
        ("owner", 1, []),
        ("moderator", 2, ["Karin"]),
        ("note_taker", 1, []),
    ]
    text = _markdown(db, wid)
    assert "Who ran the day" in text
    assert "2 moderators** – Karin, 1 not named" in text and "1 note-taker**" in text
    assert "olle" not in text and "nora" not in text
    data = json.loads(reports.render(report, ["json"])["report.json"])
    jsonschema.validate(data, json.loads((ROOT / "docs" / "report.schema.json").read_text()))
    assert data["team"][1] == {"role": "moderator", "count": 2, "names": ["Karin"]}
    # In Swedish.
    with db.unit_of_work() as uow:
        uow.session.execute(
            sa.text("update workshops set language = 'sv' where id = :w"),
            {"w": wid},
        )
        uow.commit()
    swedish = _markdown(db, wid)
    assert "Vilka som höll i dagen" in swedish and "2 moderatorer** – Karin, 1 utan namn" in swedish
    # She takes it back: counted only again.
    karin_http.post("/account/report-names", data={})
    assert team.report_team(db, wid)[1]["names"] == []


def test_a_removed_member_leaves_the_report_with_their_consent(app: Any) -> None:
    db = get_db_of(app)
    owner = make_facilitator(app)
    wid = make_workshop(app, owner)["id"]
    karin = join_team(app, wid, owner, "karin@example.se", "board_keeper")
    team.set_report_names(db, karin, [wid])
    assert team.report_team(db, wid)[1] == {
        "role": "board_keeper",
        "count": 1,
        "names": ["karin@example.se"],
    }
    team.remove_member(db, Actor("facilitator", wid, owner), None, {"user_id": karin})
    # The owner alone is no team to list, and coming back does not bring the old consent.
    assert team.report_team(db, wid) == []
    assert "Who ran the day" not in _markdown(db, wid)
    join_team_again = team.invite(db, Actor("facilitator", wid, owner), None, {"role": "moderator"})
    team.accept(db, wid, join_team_again.result["token"], karin)
    assert team.report_team(db, wid)[1] == {"role": "moderator", "count": 1, "names": []}
