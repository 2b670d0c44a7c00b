"""A workshop's own catalogue and free-text cards, as domain rules without a database."""

from __future__ import annotations

import dataclasses

import pytest

from tests.support.refusals import refused
from workshop.domain import board, catalog
from workshop.domain.catalog import Organisation, catalogue
from workshop.domain.state import apply, empty_state

COACH = {
    "title_sv": "Fotbollstränare",
    "title_en": "",
    "sector": "civil",
    "organisation_sv": "Fotbollsklubben",
    "explain_sv": "Tränar laget två gånger i veckan.",
}


def test_an_added_role_gets_a_new_id_and_its_swedish_words_where_english_is_left_out() -> None:
    role = catalog.new_role(COACH, catalogue())
    assert role.id == "fotbollstranare" and role.title_en == "Fotbollstränare"
    assert role.organisation_en == "Fotbollsklubben" and not role.hidden
    again = catalog.new_role(COACH, {**catalogue(), role.id: role})
    assert again.id == "fotbollstranare-2"
    assert catalog.new_role({**COACH, "title_sv": "Läkare"}, catalogue()).id not in catalogue()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"title_sv": "  "}, "empty"),
        ({"title_sv": "x" * 101}, "too_long"),
        ({"sector": "mars"}, "bad_request"),
        ({"organisation_sv": ""}, "empty"),
        ({"explain_sv": 12}, "bad_request"),
    ],
)
def test_a_bad_new_role_is_refused(change: dict[str, object], code: str) -> None:
    with refused(code):
        catalog.new_role({**COACH, **change}, catalogue())


def test_the_catalogue_holds_at_most_max_roles() -> None:
    many = {str(n): catalogue()["logoped"] for n in range(catalog.MAX_ROLES)}
    with refused("catalog_full"):
        catalog.new_role(COACH, many)


def test_rename_hide_and_the_effective_catalogue_leave_the_default_untouched() -> None:
    default = catalogue()
    renamed = catalog.renamed(default["skolkurator"], "Kurator", "")
    assert renamed.title_sv == "Kurator" and renamed.title_en == default["skolkurator"].title_en
    hidden = dataclasses.replace(default["logoped"], hidden=True)
    coach = catalog.new_role(COACH, default)
    roles = catalog.effective(default, {r.id: r for r in (renamed, hidden, coach)})
    assert list(roles)[: len(default)] == list(default) and list(roles)[-1] == coach.id
    assert roles["skolkurator"].title_sv == "Kurator" and "logoped" in roles
    assert "logoped" not in catalog.visible(roles) and coach.id in catalog.visible(roles)
    assert catalogue()["skolkurator"].title_sv == "Skolkurator"  # the project's copy


def test_the_events_rebuild_the_slice() -> None:
    coach = catalog.new_role(COACH, catalogue())
    club = Organisation("fotbollsklubben", "civil", "Fotbollsklubben", "The football club")
    steps = [
        catalog.RoleAdded(coach),
        catalog.RoleRenamed(dataclasses.replace(coach, title_sv="Tränare")),
        catalog.RoleHidden(dataclasses.replace(catalogue()["syv"], hidden=True)),
        catalog.OrganisationAdded(club),
    ]
    state = empty_state({})
    for seq, typed in enumerate(steps, 1):
        state = apply(
            state,
            {"seq": seq, "type": typed.type, "payload": typed.payload()},
            include_hidden=False,
        )
    assert state["catalog"]["roles"][coach.id]["title_sv"] == "Tränare"
    assert state["catalog"]["roles"]["syv"]["hidden"] is True
    assert state["catalog"]["organisations"]["fotbollsklubben"]["name_en"] == "The football club"
    imported = catalog.CatalogImported(roles={}, organisations={})
    state = apply(
        state, {"seq": 9, "type": imported.type, "payload": imported.payload()}, include_hidden=True
    )
    assert state["catalog"] == {"roles": {}, "organisations": {}}


def test_csv_round_trips_exactly_with_formulas_neutralised() -> None:
    default = catalogue()
    coach = catalog.new_role({**COACH, "title_sv": "=HYPERLINK(1)", "explain_sv": "+1 -2"}, default)
    hidden = dataclasses.replace(default["logoped"], hidden=True)
    odd = dataclasses.replace(default["syv"], title_sv='@home, "quoted"\n', note="'apostrof")
    roles = catalog.effective(default, {r.id: r for r in (coach, hidden, odd)})
    orgs = {"klubb": Organisation("klubb", "civil", "-Klubben", "Club")}
    text = catalog.to_csv(roles, orgs)
    assert "'=HYPERLINK(1)" in text and "'+1 -2" in text and "'-Klubben" in text
    assert not any(
        cell.startswith(("=", "+", "-", "@"))
        for line in text.splitlines()
        for cell in line.split(",")
    )
    back_roles, back_orgs = catalog.from_csv(text)
    assert back_orgs == orgs
    # The only change a CSV makes is that a newline inside a title becomes a space (one line).
    assert back_roles == {**roles, "syv": dataclasses.replace(odd, title_sv='@home, "quoted"')}
    assert catalog.effective(default, catalog.changes_from(default, back_roles)) == back_roles


def test_the_project_roles_csv_itself_imports() -> None:
    from importlib import resources

    text = (resources.files("workshop") / "catalog" / "roles.csv").read_text(encoding="utf-8")
    roles, orgs = catalog.from_csv(text)
    assert roles == catalogue() and orgs == {}
    assert catalog.changes_from(catalogue(), roles) == {}


@pytest.mark.parametrize(
    ("edit", "line", "column"),
    [
        (lambda lines: lines.insert(3, lines[2]), 4, "id"),
        (
            lambda lines: lines.__setitem__(5, lines[5].replace(",kommun,", ",mars,", 1)),
            6,
            "sector",
        ),
        (lambda lines: lines.__setitem__(2, "Bad Id" + lines[2][lines[2].index(",") :]), 3, "id"),
        (lambda lines: lines.__setitem__(7, lines[7].replace(",role", ",planet")), 8, "kind"),
        (lambda lines: lines.__setitem__(0, lines[0].replace("title_en", "titel")), 1, "title_en"),
        (lambda lines: lines.__setitem__(9, lines[9].replace(",,role", ",2,role")), 10, "hidden"),
    ],
)
def test_a_bad_row_is_named_by_its_line_and_column(edit, line: int, column: str) -> None:  # noqa: ANN001
    lines = catalog.to_csv(catalogue(), {}).splitlines()
    edit(lines)
    with refused("bad_catalog_row") as caught:
        catalog.from_csv("\n".join(lines) + "\n")
    assert caught.value.params == {"line": line, "column": column}


def test_free_text_cards_and_notes_have_limits_and_kinds() -> None:
    assert board.card_text("role", "ignored") == ("role", "")
    assert board.card_text("text", "  Mormor\n ") == ("text", "Mormor")
    assert board.card_text("note", "Två\nrader") == ("note", "Två\nrader")
    for kind, text, code in (
        ("text", "", "empty"),
        ("text", "x" * 61, "too_long"),
        ("note", "x" * 281, "too_long"),
        ("sticker", "x", "bad_request"),
        ("note", 5, "bad_request"),
    ):
        with refused(code):
            board.card_text(kind, text)
    card = board.CardInfo(id=1, role_id="", x=0, y=0, group="", version=1, kind="note", text="<b>")
    assert board.CardPlaced.from_payload(board.CardPlaced(card).payload()).card == card
