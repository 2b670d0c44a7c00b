"""Reports (issue 11, first slice): a scripted workshop rendered in every format and read back
with each format's own reader: every round's ranking, the phase headings, no nicknames, no
hidden or unreviewed topic, no formula in a CSV cell, no markup from what people typed."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from pypdf import PdfReader

from tests.conftest import logged_in_client, make_facilitator, make_workshop
from workshop.domain.actors import Actor
from workshop.exporters.model import ResultLine
from workshop.exporters.sections import with_sections
from workshop.services import participants, reports, topics, voting, workshops

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://evil.example","klick")'
ARABIC = "نريد مكانا واحدا للعائلة"
SECRET = "Kim i 7B (dolt)"
WAITING = "Väntar på granskning"
PHASES_SV = ["Upptäck", "Definiera", "Utveckla", "Leverera"]


@pytest.fixture
def scripted(app: Any, db: Any) -> dict[str, Any]:
    """Two rounds, a merge, a hidden and a waiting topic, hostile and right-to-left text."""
    owner = make_facilitator(app)
    workshop = make_workshop(app, owner, title="Barn och familjer: en väg in")
    wid = workshop["id"]
    fac = Actor("facilitator", wid, owner)
    people = []
    for nickname, group in (("Sara", "young"), ("Nils", "parent"), ("Åsa", "professional")):
        _, joined = participants.join(db, wid, {"nickname": nickname, "group": group})
        people.append(Actor("participant", wid, joined.result["participant_id"]))
    titles = ["En väg in", HOSTILE, FORMULA, ARABIC, "Tolk vid alla möten 🗣️", "Dubblett", SECRET]
    ids = [
        topics.post_topic(db, people[i % 3], None, {"title": t}).result["topic"]["id"]
        for i, t in enumerate(titles)
    ]
    topics.set_topic_hidden(db, fac, None, {"topic_id": ids[6], "hidden": True})
    topics.merge_topics(db, fac, None, {"source_id": ids[5], "target_id": ids[0]})
    voting.open_round(db, fac, None, {"budget": 3, "max_per_topic": 2, "purpose": "Vad först?"})
    for person, choice in zip(people, (0, 1, 0), strict=True):
        voting.add_vote(db, person, None, {"topic_id": ids[choice]})
    voting.add_vote(db, people[2], None, {"topic_id": ids[3]})
    voting.close_round(db, fac, None, {})
    voting.open_round(db, fac, None, {"budget": 1, "max_per_topic": 1})
    voting.add_vote(db, people[1], None, {"topic_id": ids[4]})
    voting.close_round(db, fac, None, {})
    settings = {"title": workshop["title"], "language": "sv", "review_topics": True}
    workshops.update_workshop(db, fac, None, settings)
    topics.post_topic(db, people[0], None, {"title": WAITING})
    report = reports.build_report(db, wid)
    return {"wid": wid, "report": report, "files": Rendered(report)}


class Rendered(dict):
    """The report's files, each format rendered the first time a test asks for one of its
    files (seven PDFs take seconds; most tests read one format)."""

    def __init__(self, report: Any) -> None:
        super().__init__()
        self.report = report

    def __missing__(self, name: str) -> bytes:
        self.update(reports.render(self.report, [name.rpartition(".")[2]]))
        return dict.__getitem__(self, name)


FORMATS = {"md", "html", "docx", "pdf", "csv", "json", "svg"}
NEVER = ("Sara", "Nils", "Åsa", SECRET, WAITING, "participant_id")


def test_the_model_holds_every_round_and_nothing_it_should_not(scripted: dict) -> None:
    report = scripted["report"]
    assert [r.number for r in report.rounds] == [1, 2] and report.draft
    assert [(line.rank, line.title, line.total) for line in report.rounds[0].results[:2]] == [
        (1, "En väg in", 2),
        (2, HOSTILE, 1),
    ]
    assert report.rounds[0].purpose == "Vad först?" and report.rounds[0].voters == 3
    assert report.participants_by_group == {"parent": 1, "professional": 1, "young": 1}
    assert [t.also for t in report.topics if t.title == "En väg in"] == [["Dubblett"]]
    text = json.dumps(report.__dict__, default=str, ensure_ascii=False)
    assert not [word for word in NEVER if word in text]


def test_markdown_and_json_read_back(scripted: dict) -> None:
    markdown = scripted["files"]["report.md"].decode()
    assert all(f"## {phase}" in markdown for phase in PHASES_SV)
    assert "### Omgång 1: Vad först?" in markdown and "| 1 | En väg in | 2 |" in markdown
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    data = json.loads(scripted["files"]["report.json"])
    assert [line["total"] for line in data["rounds"][0]["results"]][:2] == [2, 1]
    assert not [word for word in NEVER if word in markdown + json.dumps(data)]


class _Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_shows_hostile_text_as_text(scripted: dict) -> None:
    parsed = _Parsed()
    parsed.feed(scripted["files"]["report.html"].decode())
    text = "".join(parsed.text)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert HOSTILE in text and ARABIC in text and FORMULA in text
    assert all(phase in text for phase in PHASES_SV)
    assert not [word for word in NEVER if word in text]


def test_word_has_headings_tables_and_no_names(scripted: dict) -> None:
    document = Document(io.BytesIO(scripted["files"]["report.docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert all(phase in headings for phase in PHASES_SV)
    assert "Omgång 1: Vad först?" in headings
    first = document.tables[0]
    assert [c.text for c in first.rows[1].cells] == ["1", "En väg in", "2"]
    body = "\n".join(p.text for p in document.paragraphs)
    assert not [word for word in NEVER if word in body]
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer, "page numbers"


def test_pdf_text_reads_back(scripted: dict) -> None:
    reader = PdfReader(io.BytesIO(scripted["files"]["report.pdf"]))
    # pypdf reads WeasyPrint's embedded fonts as two-byte text: the NULs are the reader's.
    text = "\n".join(page.extract_text() for page in reader.pages).replace("\x00", "")
    assert "Barn och familjer" in text and "Omgång 1" in text and "Leverera" in text
    assert not [word for word in NEVER if word in text]
    print(f"report.pdf: {len(reader.pages)} pages, {len(scripted['files']['report.pdf'])} bytes")


def test_csv_never_starts_a_cell_with_a_formula(scripted: dict) -> None:
    for name in ("topics.csv", "rounds.csv"):
        rows = list(csv.reader(io.StringIO(scripted["files"][name].decode("utf-8-sig"))))
        cells = [cell for row in rows for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], name
        assert f"'{FORMULA}" in cells or name == "rounds.csv" and f"'{FORMULA}" in cells
    rounds = list(csv.reader(io.StringIO(scripted["files"]["rounds.csv"].decode("utf-8-sig"))))
    assert rounds[1][3:] == ["1", "En väg in", "2"]


def test_charts_are_well_formed_svg(scripted: dict) -> None:
    for name in ("round-1.svg", "round-2.svg"):
        root = ET.fromstring(scripted["files"][name])  # noqa: S314 - our own output
        assert root.tag.endswith("svg")
    assert HOSTILE.encode() not in scripted["files"]["round-1.svg"]


def test_the_cli_writes_every_format(app: Any, scripted: dict, tmp_path: Path) -> None:
    from workshop.cli import main

    runner = CliRunner(env={"WORKSHOP_DATABASE_URL": app.config["DATABASE_URL"]})
    result = runner.invoke(main, ["export", str(scripted["wid"]), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = {p.name for p in tmp_path.iterdir()}
    assert {"report.md", "report.html", "report.docx", "report.pdf", "report.json"} <= written
    assert {"topics.csv", "rounds.csv", "round-1.svg"} <= written
    bad = runner.invoke(main, ["export", str(scripted["wid"]), "--format", "xls"])
    assert bad.exit_code != 0 and "xls" in bad.output


def test_the_console_downloads_the_report_for_its_owner_only(app: Any, scripted: dict) -> None:
    owner = logged_in_client(app)
    response = owner.get(f"/console/{scripted['wid']}/report.docx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    Document(io.BytesIO(response.data))
    every = owner.get(f"/console/{scripted['wid']}/report.zip")
    names = zipfile.ZipFile(io.BytesIO(every.data)).namelist()
    assert {"report.pdf", "rounds.csv", "report.json"} <= set(names)
    # Each download's content type is the one its renderer declares; a format that makes no
    # report.<format> (csv: one file per table) or none at all is not found.
    for fmt, content_type in (("md", "text/markdown"), ("json", "application/json")):
        single = owner.get(f"/console/{scripted['wid']}/report.{fmt}")
        assert single.status_code == 200 and single.mimetype == content_type, fmt
    sheet = owner.get(f"/console/{scripted['wid']}/export/feedback-lattlast.pdf")
    assert sheet.status_code == 200 and sheet.mimetype == "application/pdf"
    for missing in ("report.csv", "report.exe", "export/feedback-de.pdf"):
        assert owner.get(f"/console/{scripted['wid']}/{missing}").status_code == 404, missing
    make_facilitator(app, "other@example.se")
    stranger = logged_in_client(app, "other@example.se")
    # Another facilitator's workshop is not found, as one that does not exist: its id says nothing.
    assert stranger.get(f"/console/{scripted['wid']}/report.docx").status_code == 404


def test_a_long_ranking_shows_its_top_and_says_where_the_rest_is(scripted: dict) -> None:
    report = scripted["report"]
    lines = [ResultLine(i + 1, f"Ämne {i}", 100 - i) for i in range(40)]
    long = with_sections(
        dataclasses.replace(report, rounds=[dataclasses.replace(report.rounds[0], results=lines)])
    )
    files = reports.render(long, ["md", "docx", "csv"])
    markdown = files["report.md"].decode()
    assert "| 30 | Ämne 29 | 71 |" in markdown and "Ämne 30" not in markdown
    assert "… och 10 till: hela rangordningen finns i rounds.csv." in markdown
    document = Document(io.BytesIO(files["report.docx"]))
    assert len(document.tables[0].rows) == 31  # the header and 30 lines
    rows = list(csv.reader(io.StringIO(files["rounds.csv"].decode("utf-8-sig"))))
    assert len(rows) == 41, "the CSV keeps the whole ranking"


HIDDEN_IDEA = "Hemlig idé som doldes"


@pytest.fixture
def four_phases(app: Any, db: Any) -> dict[str, Any]:
    """A workshop walked through Discover, Define, Develop and Deliver, with a hidden topic in a
    theme and a hidden idea that no report may show."""
    from workshop.services import (
        actions,
        agenda,
        consultation,
        decisions,
        feedback,
        ideas,
        notes,
        participation,
        phases,
        themes,
    )

    owner = make_facilitator(app)
    wid = make_workshop(app, owner, title="Fyra faser")["id"]
    fac = Actor("facilitator", wid, owner)
    people = []
    for nickname in ("Sara", "Nils"):
        _, joined = participants.join(db, wid, {"nickname": nickname, "group": "parent"})
        people.append(Actor("participant", wid, joined.result["participant_id"]))
    post = lambda who, title: topics.post_topic(db, who, None, {"title": title}).result["topic"]  # noqa: E731
    first, second, secret = (
        post(people[0], "Kö till BUP"),
        post(people[1], "Tolk"),
        post(people[0], SECRET),
    )
    topics.set_topic_hidden(db, fac, None, {"topic_id": secret["id"], "hidden": True})
    # Discover as an Open Space: a session with notes (the convener's name stays out).
    slot = agenda.save_slot(db, fac, None, {"starts": "10:00", "ends": "10:45"}).result["slot"]
    space = agenda.save_space(db, fac, None, {"name": "Rum 1", "capacity": 8}).result["space"]
    cell = {"topic_id": first["id"], "slot_id": slot["id"], "space_id": space["id"]}
    held = agenda.place_session(db, people[0], None, cell).result["session"]["id"]
    for field, text in (("convener", "Sara Svensson"), ("discussion", "Kön är ett år lång")):
        note = {"session_id": held, "field": field, "text": text, "version": 0}
        notes.write_notes(db, people[0], None, note)
    notes.count_notes(db, people[0], None, {"session_id": held, "counts": {"kommun": 3}})
    phases.change_phase(db, fac, None, {"phase": "define"})
    theme = themes.create_theme(
        db,
        fac,
        None,
        {
            "title": "En väg in",
            "statement": "Hur kan vi ge familjer en väg in?",
            "initiator": "Rektor",
        },
    ).result["theme"]
    for topic in (first, second, secret):
        themes.add_topic(db, fac, None, {"theme_id": theme["id"], "topic_id": topic["id"]})
    voting.open_round(db, fac, None, {"scope": "themes", "budget": 2, "max_per_topic": 2})
    themes.add_dot(db, people[0], None, {"theme_id": theme["id"]})
    voting.close_round(db, fac, None, {})
    phases.change_phase(db, fac, None, {"phase": "develop"})
    idea = {"theme_id": theme["id"], "text": "En kontaktperson per familj"}
    fruit = ideas.post_idea(db, people[1], None, idea).result["idea"]["id"]
    ideas.mark_idea(db, fac, None, {"idea_id": fruit, "low_hanging": True})
    hidden = ideas.post_idea(db, people[0], None, {**idea, "text": HIDDEN_IDEA}).result["idea"]
    ideas.set_idea_hidden(db, fac, None, {"idea_id": hidden["id"], "hidden": True})
    phases.change_phase(db, fac, None, {"phase": "deliver"})
    card = {
        "what": "Samordnare för familjer",
        "who": {"role_id": "skolkurator", "organisation": "Kommunen"},
        "first_step": "Boka ett möte",
        "due": "2027-03-01",
        "follow_up": "2027-04-01",
        "theme_id": theme["id"],
    }
    action = actions.add_action(db, fac, None, card).result["action"]
    decisions.record_decision(
        db,
        fac,
        None,
        {"text": "Vi provar i ett år", "who": {"role": "Nämnden"}, "action_id": action["id"]},
    )
    participation.set_participation(
        db, fac, None, {"shier": "3", "trappa": "dialog", "anonymity": "nickname"}
    )
    said = {"said": "Kortare kö", "did": "Vi anställer", "outcome": "will", "when": "Våren 2027"}
    feedback.add_item(db, fac, None, {**said, "published": True})
    declined = {"said": "Kortare väntetider till BUP", "outcome": "will_not"}
    declined |= {"why_not": "Regionen beslutar", "when": "Januari 2027", "published": True}
    feedback.add_item(db, fac, None, declined)
    texts = {"sv": {"contact": "Anna Lind, 070-123 45 67"}}
    consultation.update_consultation(db, fac, None, {"texts": texts})
    report = reports.build_report(db, wid)
    return {"report": report, "files": Rendered(report)}


def test_the_feedback_sheet_names_the_contact_and_keeps_a_no(four_phases: dict) -> None:
    """It said "ask whoever led the workshop" though the coordinator wrote a contact, and a
    declined line ("Kortare väntetider till BUP – Januari 2027") read as a promise."""
    for language in ("sv", "en"):
        sheet = four_phases["files"][f"feedback-{language}.md"].decode().replace("\\", "")
        assert "Anna Lind, 070-123 45 67" in sheet, language
    sheet = four_phases["files"]["feedback-sv.md"].decode().replace("\\", "")
    assert "vi gör det inte: Regionen beslutar – Januari 2027" in sheet
    assert "vi ska göra det – Vi anställer – Våren 2027" in sheet


def test_four_phases_reach_every_format_without_hidden_words(four_phases: dict) -> None:
    report, files = four_phases["report"], four_phases["files"]
    assert report.phase_now == "deliver"
    [theme] = report.themes
    assert [t.title for t in theme.sources] == ["Kö till BUP", "Tolk"]
    assert [(i.text, i.low_hanging) for i in theme.ideas] == [("En kontaktperson per familj", True)]
    assert [r.scope for r in report.rounds] == ["themes"]
    assert report.rounds[0].results[0].title == "En väg in"
    assert report.actions[0].theme == "En väg in" and report.actions[0].status == "Planerad"
    assert report.decisions[0].action == "Samordnare för familjer"
    assert {level.scale for level in report.levels} == {"shier", "trappa", "anonymity"}
    assert [(x.space, x.title, x.notes) for x in report.sessions] == [
        ("Rum 1", "Kö till BUP", {"discussion": "Kön är ett år lång"})
    ]
    expected = [
        "Kön är ett år lång",
        "Kommun: 3",
        "Hur kan vi ge familjer en väg in?",
        "Rektor",
        "En kontaktperson per familj",
        "Lågt hängande frukt",
        "Samordnare för familjer",
        "Boka ett möte",
        "Vi provar i ett år",
        "Kortare kö",
    ]
    docx = Document(io.BytesIO(files["report.docx"]))
    word_text = "\n".join(p.text for p in docx.paragraphs) + "\n".join(
        cell.text for table in docx.tables for row in table.rows for cell in row.cells
    )
    pdf_text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(files["report.pdf"])).pages
    )
    pdf_text = " ".join(pdf_text.split())
    html = files["report.html"].decode()
    md = files["report.md"].decode()
    for name, text in (("docx", word_text), ("html", html), ("md", md.replace("\\", ""))):
        missing = [words for words in expected if words not in text]
        assert not missing, (name, missing)
        assert HIDDEN_IDEA not in text and SECRET not in text and "Sara" not in text
    assert "Samordnare för familjer" in pdf_text and HIDDEN_IDEA not in pdf_text
    # The phases come in their order, each with its content.
    positions = [word_text.index(heading) for heading in PHASES_SV]
    assert positions == sorted(positions)
    rows = list(csv.reader(io.StringIO(files["actions.csv"].decode("utf-8-sig"))))
    assert rows[1][0] == "Samordnare för familjer" and rows[1][6] == "En väg in"
    ideas_rows = list(csv.reader(io.StringIO(files["ideas.csv"].decode("utf-8-sig"))))
    assert [r[1] for r in ideas_rows[1:]] == ["En kontaktperson per familj"]
    body = json.loads(files["report.json"])
    assert body["themes"][0]["statement"] == "Hur kan vi ge familjer en väg in?"
    assert HIDDEN_IDEA not in files["report.json"].decode()
    sheet = files["feedback-sv.md"].decode().replace("\\", "")
    assert "Kortare kö" in sheet and "Samordnare för familjer" in sheet
