"""A workshop's own catalogue through the services, the CLI and the console; free-text cards."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from tests.conftest import joined_client, logged_in_client, make_facilitator, make_workshop
from tests.support.refusals import refused
from workshop.cli import main
from workshop.domain.actors import Actor
from workshop.services import board, board_answers, catalog, sync

COACH = {
    "title_sv": "Fotbollstränare",
    "title_en": "Football coach",
    "sector": "civil",
    "organisation_sv": "Fotbollsklubben",
    "organisation_en": "The football club",
}


def _two_workshops(app: Any) -> tuple[Actor, Actor]:
    owner = make_facilitator(app)
    first, second = make_workshop(app, owner), make_workshop(app, owner, title="Två")
    return Actor("facilitator", first["id"], owner), Actor("facilitator", second["id"], owner)


def _edit(db: Any, fac: Actor) -> str:
    """Add, rename, hide, an organisation; returns the new role's id."""
    catalog.add_organisation(db, fac, None, {"sector": "civil", "name_sv": "=Kyrkan"})
    coach = catalog.add_role(db, fac, None, COACH).result["role"]["id"]
    catalog.rename_role(db, fac, None, {"role_id": "skolkurator", "title_sv": "Kurator"})
    catalog.hide_role(db, fac, None, {"role_id": "logoped", "hidden": True})
    return coach


def test_edits_reach_every_list_and_only_this_workshop(app: Any, db: Any) -> None:
    fac, other = _two_workshops(app)
    coach = _edit(db, fac)
    sv = {r["id"]: r for r in catalog.roles_in(db, fac.workshop_id, "sv")}
    assert sv["skolkurator"]["title"] == "Kurator" and coach in sv and "logoped" not in sv
    assert {r["id"] for r in catalog.roles_in(db, fac.workshop_id, "sv", hidden=True)} >= {
        "logoped"
    }
    untouched = {r["id"]: r for r in catalog.roles_in(db, other.workshop_id, "sv")}
    assert untouched["skolkurator"]["title"] == "Skolkurator" and coach not in untouched
    orgs = catalog.organisations_in(db, fac.workshop_id, "en")
    assert {"sector": "civil", "sv": "=Kyrkan", "en": "=Kyrkan", "name": "=Kyrkan"} in orgs
    # The board places the new role, refuses a hidden one; the figures count the new role.
    card = board.place_card(db, fac, None, {"role_id": coach}).result["card"]
    assert card["kind"] == "role" and card["x"] >= 1000  # civil society: bottom right
    with refused("not_found"):
        board.place_card(db, fac, None, {"role_id": "logoped"})
    with refused("not_found"):
        board.place_card(db, other, None, {"role_id": coach})
    person = Actor("participant", fac.workshop_id, _join(app, fac))
    with refused("bad_request"):
        board_answers.answer_roles_met(db, person, None, {"roles_met": ["logoped"]})
    board_answers.answer_roles_met(db, person, None, {"roles_met": [coach, "skolkurator"]})
    view = board.board_view(db, fac.workshop_id, "en")
    assert view["cards"][0]["title"] == "Football coach" and view["cards"][0]["met_by"] == 1
    assert view["aggregates"]["organisations"]["median"] == 2
    state = sync.snapshot(db, fac.workshop_id, include_hidden=False)
    assert set(state["catalog"]["roles"]) == {coach, "skolkurator", "logoped"}


def _join(app: Any, fac: Actor) -> int:
    from workshop.services import participants, workshops

    code = workshops.get_workshop(_db(app), fac.workshop_id)["join_code"]
    assert code
    return participants.join(_db(app), fac.workshop_id, {})[1].result["participant_id"]


def _db(app: Any) -> Any:
    from tests.conftest import get_db_of

    return get_db_of(app)


def test_only_the_facilitator_edits_the_catalogue(app: Any, db: Any) -> None:
    fac, _other = _two_workshops(app)
    person = Actor("participant", fac.workshop_id, _join(app, fac))
    for command, data in (
        (catalog.add_role, COACH),
        (catalog.rename_role, {"role_id": "syv", "title_sv": "X"}),
        (catalog.hide_role, {"role_id": "syv", "hidden": True}),
        (catalog.add_organisation, {"sector": "civil", "name_sv": "X"}),
        (catalog.import_catalogue, {"csv": catalog.export_csv(db, fac.workshop_id)}),
    ):
        with refused("forbidden"):
            command(db, person, None, data)
    assert sync.snapshot(db, fac.workshop_id, include_hidden=True)["catalog"]["roles"] == {}


def test_the_cli_round_trips_a_catalogue_and_refuses_a_bad_row_writing_nothing(
    app: Any, db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fac, other = _two_workshops(app)
    _edit(db, fac)
    monkeypatch.setenv("WORKSHOP_DATABASE_URL", app.config["DATABASE_URL"])
    runner = CliRunner()
    file = tmp_path / "roles.csv"
    result = runner.invoke(main, ["roles", "export", str(fac.workshop_id), str(file)])
    assert result.exit_code == 0, result.output
    text = file.read_text(encoding="utf-8")
    assert "'=Kyrkan" in text and ",1,role" in text  # neutralised; the hidden role marked
    stdout = runner.invoke(main, ["roles", "export", str(fac.workshop_id)])
    assert stdout.output == text
    code = sync.snapshot(db, other.workshop_id, include_hidden=True)["workshop"]["join_code"]
    result = runner.invoke(main, ["roles", "import", code, str(file)])
    assert result.exit_code == 0, result.output
    assert "imported 63 roles and 1 organisations" in result.output
    with db.read() as session:
        assert catalog.roles_of(session, other.workshop_id) == catalog.roles_of(
            session, fac.workshop_id
        )
    assert catalog.export_csv(db, other.workshop_id) == text
    # One bad row in the middle: nothing is written, and the message names the line.
    lines = text.splitlines()
    lines[40] = lines[40].replace(",region,", ",planet,").replace(",kommun,", ",planet,")
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines[:2] + ["nytt,Ny,New,civil,Org,Org,,,,,,role"] + lines[2:]))
    before = sync.snapshot(db, fac.workshop_id, include_hidden=True)
    result = runner.invoke(main, ["roles", "import", str(fac.workshop_id), str(bad)])
    assert result.exit_code != 0
    assert "line 42" in result.output and "'sector'" in result.output
    assert "nothing was imported" in result.output
    assert sync.snapshot(db, fac.workshop_id, include_hidden=True) == before
    nowhere = runner.invoke(main, ["roles", "export", "NOSUCH"])
    assert nowhere.exit_code != 0 and "no workshop" in nowhere.output


def test_the_console_downloads_and_uploads_the_catalogue(app: Any, db: Any) -> None:
    fac, other = _two_workshops(app)
    _edit(db, fac)
    console = logged_in_client(app)
    download = console.get(f"/console/{fac.workshop_id}/roles.csv")
    assert download.status_code == 200 and download.mimetype == "text/csv"
    assert "attachment" in download.headers["Content-Disposition"]

    upload = console.post(
        f"/console/{other.workshop_id}/roles.csv",
        data={"file": (io.BytesIO(b"\xef\xbb\xbf" + download.data), "roles.csv")},
    )
    assert upload.status_code == 302 and "imported=63" in upload.headers["Location"]
    assert catalog.export_csv(db, other.workshop_id) == download.data.decode()
    broken = download.data.decode().replace(",kommun,", ",mars,", 1).encode()
    refused = console.post(
        f"/console/{fac.workshop_id}/roles.csv?lang=en",
        data={"file": (io.BytesIO(broken), "roles.csv")},
        headers={"Accept-Language": "en"},
    )
    assert refused.status_code == 400
    assert "Line 2 of the file" in refused.get_data(as_text=True)
    svenska = console.post(
        f"/console/{fac.workshop_id}/roles.csv?lang=sv",
        data={"file": (io.BytesIO(b"\xff\xfe"), "roles.csv")},
    )
    assert svenska.status_code == 400
    assert "Filen gick inte att läsa" in svenska.get_data(as_text=True)
    phone = joined_client(
        app, sync.snapshot(db, fac.workshop_id, include_hidden=True)["workshop"]["join_code"]
    )
    assert phone.get(f"/console/{fac.workshop_id}/roles.csv").status_code == 302


def test_free_text_cards_and_notes_move_group_link_and_undo_like_roles(app: Any, db: Any) -> None:
    fac, _other = _two_workshops(app)
    person = board.place_card(db, fac, None, {"kind": "text", "text": "Mormor"}).result["card"]
    note = board.place_card(
        db, fac, None, {"kind": "note", "text": "<script>x</script>", "x": 5, "y": 5}
    ).result["card"]
    assert person["role_id"] == "" and person["text"] == "Mormor" and person["kind"] == "text"
    moved = board.move_card(
        db, fac, None, {"card_id": note["id"], "version": 1, "x": 300, "y": 300}
    )
    assert moved.result["card"]["version"] == 2
    board.add_link(
        db, fac, None, {"source_id": person["id"], "target_id": note["id"], "kind": "works_with"}
    )
    board.undo(db, fac, None, {})  # the link
    board.undo(db, fac, None, {})  # the move
    state = sync.snapshot(db, fac.workshop_id, include_hidden=False)["board"]
    assert state["links"] == {} and state["cards"][str(note["id"])]["x"] == 5
    with refused("too_long"):
        board.place_card(db, fac, None, {"kind": "text", "text": "x" * 61})
    # The words change like a move: on the version seen, undone by their author.
    version = sync.snapshot(db, fac.workshop_id, include_hidden=True)["board"]["cards"]
    edit = {"card_id": person["id"], "version": version[str(person["id"])]["version"]}
    edited = board.edit_text(db, fac, None, {**edit, "text": "Morfar"}).result["card"]
    assert edited["text"] == "Morfar" and edited["version"] == edit["version"] + 1
    with refused("card_changed"):
        board.edit_text(db, fac, None, {**edit, "text": "Farmor"})
    role = board.place_card(db, fac, None, {"role_id": "syv"}).result["card"]
    with refused("bad_request"):
        board.edit_text(db, fac, None, {"card_id": role["id"], "version": 1, "text": "X"})
    board.undo(db, fac, None, {})  # the role card goes
    board.undo(db, fac, None, {})  # the words come back
    cards = sync.snapshot(db, fac.workshop_id, include_hidden=True)["board"]["cards"]
    assert cards[str(person["id"])]["text"] == "Mormor"
    from workshop.exporters import board_svg
    from workshop.i18n import board_labels

    with app.test_request_context():
        svg = board_svg.render(
            board.board_view(db, fac.workshop_id, "sv"), board_labels(), title="T"
        )
    assert "&lt;script&gt;x&lt;/script&gt;" in svg and "<script>" not in svg
    assert "Mormor" in svg and 'fill="#fef08a"' in svg
    with db.read() as session:
        kinds = session.execute(sa.text("select kind from board_cards order by id")).scalars()
        assert list(kinds) == ["text", "note", "role"]  # the role card stays, removed


def test_deleting_the_workshop_deletes_its_catalogue(app: Any, db: Any) -> None:
    fac, other = _two_workshops(app)
    _edit(db, fac)
    _edit(db, other)
    from workshop.services import workshops

    workshops.delete_workshop(db, fac)
    with db.read() as session:
        for table in ("catalog_roles", "catalog_organisations"):
            left = session.execute(sa.text(f"select workshop_id from {table}")).scalars()  # noqa: S608
            assert set(left) == {other.workshop_id}, table


def test_the_phone_flow_offers_the_workshop_s_catalogue(app: Any, db: Any) -> None:
    fac, _other = _two_workshops(app)
    coach = _edit(db, fac)
    code = sync.snapshot(db, fac.workshop_id, include_hidden=True)["workshop"]["join_code"]
    phone = joined_client(app, code, group="parent")
    page = phone.get(f"/w/{code}/met").get_data(as_text=True)
    assert page.count('name="met"') == 62  # 62 - logoped + the coach
    assert f'value="{coach}"' in page and 'value="logoped"' not in page
    assert "Kurator" in page and "Fotbollstränare" in page
    step_two = phone.post(f"/w/{code}/met", data={"met": [coach, "logoped"]})
    assert step_two.get_data(as_text=True).count('name="retold"') == 1
