"""The reference case's headline in every report: 30 families answer "which of these have you
met / who did you tell your story to"; the figures the wall and the API show (titles,
organisations and retellings per family, their totals, the roles met most often) are computed
here independently and read back from every format, with and without cards on the board."""

from __future__ import annotations

import csv
import io
import json
import re
import statistics
import zipfile
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import pypdfium2 as pdfium
import pytest
from docx import Document

from tests.conftest import make_facilitator, make_workshop
from workshop.domain.actors import Actor
from workshop.domain.catalog import catalogue
from workshop.i18n import board_labels_in
from workshop.services import board, board_answers, participants, reports, sync

FAMILIES = 30
NOW = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)


def _answers() -> list[tuple[list[str], list[str]]]:
    """Thirty families' answers, uneven on purpose: from 4 to 33 roles met, and the first
    roles met by most (BVC first, as in the reference municipality)."""
    roles = list(catalogue())
    out = []
    for family in range(FAMILIES):
        met = roles[: 4 + (family * 7) % 30]
        out.append((met, met[: 1 + family % 9]))
    return out


def _expected(answers: list[tuple[list[str], list[str]]]) -> dict[str, Any]:
    """The figures, counted here without the app's code."""
    organisation = {role.id: role.organisation_sv for role in catalogue().values()}
    titles = [len(met) for met, _ in answers]
    organisations = [len({organisation[r] for r in met}) for met, _ in answers]
    retold = [len(again) for _, again in answers]
    heat: dict[str, int] = {}
    for met, _ in answers:
        for role in met:
            heat[role] = heat.get(role, 0) + 1
    return {
        "titles": (statistics.median(titles), min(titles), max(titles)),
        "organisations": (statistics.median(organisations), min(organisations), max(organisations)),
        "retold": (statistics.median(retold), min(retold), max(retold)),
        "organisations_total": len({organisation[r] for met, _ in answers for r in met}),
        "retold_total": sum(retold),
        # The roles every family met share the first place.
        "first": sorted(r for r, n in heat.items() if n == max(heat.values())),
        "most": max(heat.values()),
    }


def _made(app: Any, db: Any, *, cards: bool) -> dict[str, Any]:
    owner = make_facilitator(app)
    wid = make_workshop(app, owner, title="En väg in")["id"]
    fac = Actor("facilitator", wid, owner)
    answers = _answers()
    for met, retold in answers:
        _, joined = participants.join(db, wid, {"group": "parent"})
        family = Actor("participant", wid, joined.result["participant_id"])
        board_answers.answer_roles_met(db, family, None, {"roles_met": met, "retold": retold})
    if cards:
        for role in list(catalogue())[5:9]:
            board.place_card(db, fac, None, {"role_id": role})
    with app.app_context():
        report = reports.build_report(db, wid, now=NOW, board_words=board_labels_in)
        files = reports.render(report, ["md", "html", "docx", "pdf", "csv", "json"])
    return {"wid": wid, "files": files, "expected": _expected(answers)}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _texts(files: dict[str, bytes]) -> dict[str, str]:
    """Each document of the combined report as plain text, per format."""
    html = _Text()
    html.feed(files["report.html"].decode())
    word = Document(io.BytesIO(files["report.docx"]))
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    pdf = pdfium.PdfDocument(files["report.pdf"])
    try:
        pdf_text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    markdown = files["report.md"].decode().replace("\\", "")
    return {
        "md": markdown,
        "html": " ".join(html.parts),
        "docx": "\n".join([p.text for p in word.paragraphs] + cells),
        "pdf": re.sub(r"\s+", " ", pdf_text),
    }


def _said(value: float) -> str:
    text = f"{value:g}"
    return text.replace(".", ",")


@pytest.mark.parametrize("cards", [True, False], ids=["with-cards", "answers-only"])
def test_every_format_carries_the_families_figures_the_wall_shows(
    app: Any, db: Any, cards: bool
) -> None:
    made = _made(app, db, cards=cards)
    want, files = made["expected"], made["files"]
    wall = sync.snapshot(db, made["wid"], include_hidden=False)["board"]["met"]
    # The wall and the API read the same aggregates: first, they are right.
    assert wall["answers"] == FAMILIES
    for name in ("titles", "organisations", "retold"):
        spread = wall[name]
        assert (spread["median"], spread["low"], spread["high"]) == want[name], name
    assert wall["organisations_total"] == want["organisations_total"]
    assert wall["retold_total"] == want["retold_total"]

    firsts = sorted(catalogue()[role].title("sv") for role in want["first"])
    top_role = firsts[0]
    sentence = (
        f"I mitten mötte en familj {_said(want['titles'][0])} yrkestitlar i "
        f"{_said(want['organisations'][0])} organisationer och fick berätta sin historia igen "
        f"för {_said(want['retold'][0])} av dem"
    )
    total = f"berätta sin historia igen {want['retold_total']} gånger"
    for kind, text in _texts(files).items():
        flat = re.sub(r"\s+", " ", text)
        assert f"{FAMILIES} familjer och unga svarade" in flat, kind
        assert sentence in flat, kind
        assert total in flat, kind
        for low, high in (want[name][1:] for name in ("titles", "organisations", "retold")):
            assert f"{low}–{high}" in flat, (kind, low, high)
        assert top_role in flat, kind

    families = list(csv.reader(io.StringIO(files["families.csv"].decode("utf-8-sig"))))
    rows = {row[0]: row[1:] for row in families[1:]}
    assert rows["answers"][3] == str(FAMILIES)
    assert [float(x) for x in rows["titles_met"][:3]] == list(want["titles"])
    assert rows["retold"][3] == str(want["retold_total"])
    assert rows["organisations_met"][3] == str(want["organisations_total"])
    met = list(csv.reader(io.StringIO(files["roles_met.csv"].decode("utf-8-sig"))))
    assert met[1 : 1 + len(firsts)] == [["1", title, str(want["most"])] for title in firsts]
    data = json.loads(files["report.json"])["board"]
    assert data["answers"] == FAMILIES and data["retold_total"] == want["retold_total"]
    assert tuple(data["organisations_met"]) == want["organisations"]
    assert data["most_met"][0] == {"rank": 1, "title": top_role, "answers": want["most"]}
    assert ("board.csv" in files) is cards


def test_roles_met_by_as_many_share_a_rank() -> None:
    from workshop.domain.board import most_met

    ranked = most_met({"a": 3, "b": 5, "c": 3, "d": 0, "e": 1})
    assert ranked == [(1, "b", 5), (2, "a", 3), (2, "c", 3), (4, "e", 1)]


def test_the_zip_of_a_report_with_answers_only_has_no_board_picture(app: Any, db: Any) -> None:
    made = _made(app, db, cards=False)
    assert "board.csv" not in made["files"]
    archive = zipfile.ZipFile(io.BytesIO(reports.zipped(made["files"])))
    assert "families.csv" in archive.namelist()


def test_the_report_says_when_and_where_the_day_was_held(app: Any, db: Any) -> None:
    """'7 december 2026 träffades 55 personer' for a day held on 27 November: the export date
    was the only date. The coordinator's date, place and filing header now lead every format."""
    from tests.conftest import logged_in_client

    owner = make_facilitator(app)
    wid = make_workshop(app, owner, title="En väg in")["id"]
    console = logged_in_client(app)
    details = {
        "held_on": "2026-11-27",
        "place": "Stadshuset, Sal B",
        "organisation": "Socialförvaltningen",
        "case_number": "SN 2026/123",
        "officer": "Anna Lind",
    }
    assert console.post(f"/console/{wid}/report-details", data=details).status_code == 302
    wrong = console.post(f"/console/{wid}/report-details", data={**details, "held_on": "1999-1-1"})
    assert wrong.status_code == 400
    with app.app_context():
        report = reports.build_report(db, wid, now=datetime(2026, 12, 7, tzinfo=UTC))
        files = reports.render(report, ["md", "html", "docx"])
    texts = _texts({**files, "report.pdf": reports.render(report, ["pdf"])["report.pdf"]})
    for kind, text in texts.items():
        flat = re.sub(r"\s+", " ", text)
        assert "27 november 2026" in flat and "7 december 2026" not in flat, kind
        for line in ("Plats: Stadshuset, Sal B", "Diarienummer: SN 2026/123", "Anna Lind"):
            assert line in flat, (kind, line)
    sheet = reports.render(report, ["md"])["feedback-sv.md"].decode()
    assert sheet.count("27 november 2026") >= 1 and "7 december" not in sheet
    # The Word file's own properties: not python-docx's template ("2013-12-23", "generated by").
    properties = Document(io.BytesIO(files["report.docx"])).core_properties
    assert properties.author == "Socialförvaltningen" and properties.comments == ""
    assert properties.created == datetime(2026, 12, 7, tzinfo=UTC)
    assert properties.title == "En väg in" and properties.language == "sv-SE"
