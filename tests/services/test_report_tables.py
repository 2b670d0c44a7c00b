"""An action plan and an Open Space agenda are tables of sentences: in the PDF and the Word
file they go on landscape pages with their heading and column names a reader understands, and
no status or room name is hyphenated into syllables. The feedback sheet names a catalogue role
in the sheet's own language."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pypdfium2 as pdfium
import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.conftest import make_facilitator, make_workshop
from workshop.domain.actors import Actor
from workshop.i18n import board_labels_in
from workshop.services import (
    actions,
    agenda,
    feedback,
    participants,
    reports,
    topics,
    voting,
    workshops,
)

LONG = (
    "Samla skolans, socialtjänstens och vårdcentralens kontaktvägar på ett ställe så att "
    "familjen slipper berätta sin historia igen"
)


@pytest.fixture
def files(app: Any, db: Any) -> dict[str, bytes]:
    owner = make_facilitator(app)
    wid = make_workshop(app, owner, title="En väg in")["id"]
    fac = Actor("facilitator", wid, owner)
    _token, joined = participants.join(db, wid, {"group": "parent"})
    phone = Actor("participant", wid, joined.result["participant_id"])
    for what, who in (
        (LONG, {"role_id": "skolkurator", "organisation": "Elevhälsan"}),
        ("Bjud in föräldrar", {"role": "Samordnare för föräldraskapsstöd"}),
    ):
        card = {"what": what, "who": who, "first_step": "Fråga elevrådet", "due": "2027-03-01"}
        actions.add_action(db, fac, None, card)
    slot = agenda.save_slot(db, fac, None, {"starts": "10:00", "ends": "10:45"})
    space = agenda.save_space(db, fac, None, {"name": "Föräldrautbildningssalen", "capacity": 12})
    topic = topics.post_topic(db, phone, None, {"title": "En väg in för familjer"})
    agenda.place_session(
        db,
        fac,
        None,
        {
            "topic_id": topic.result["topic"]["id"],
            "slot_id": slot.result["slot"]["id"],
            "space_id": space.result["space"]["id"],
        },
    )
    workshops.close_workshop(db, fac, None, {})
    with app.app_context():
        report = reports.build_report(db, wid, board_words=board_labels_in)
        return reports.render(report, ["md", "docx", "pdf"])


def _tables_by_orientation(body: bytes) -> list[tuple[list[str], str, str]]:
    """Each Word table as (header, the heading just before it, its section's orientation)."""
    document = Document(io.BytesIO(body))
    out, pending, heading = [], [], ""
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            header = [
                "".join(t.text or "" for t in cell.iter(qn("w:t")))
                for cell in child.find(qn("w:tr")).iter(qn("w:tc"))
            ]
            pending.append((header, heading))
        elif child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            if text:
                heading = text
        section = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if child.tag == qn("w:sectPr"):
            section = child
        if section is not None:
            size = section.find(qn("w:pgSz"))
            orient = size.get(qn("w:orient")) or "portrait"
            out += [(header, before, orient) for header, before in pending]
            pending = []
    return out


def test_the_action_plan_and_the_agenda_lie_on_landscape_pages_with_clear_columns(
    files: dict[str, bytes],
) -> None:
    tables = {
        tuple(h): (before, orient)
        for h, before, orient in _tables_by_orientation(files["report.docx"])
    }
    plan = (
        "Vad",
        "Vem (roll, organisation)",
        "Första steget",
        "Klart senast",
        "Uppföljning",
        "Status",
    )
    day = ("Tid", "Rum", "Samtal", "Tänkte gå", "Var där")
    assert tables[plan] == ("Åtgärder", "landscape")
    assert tables[day] == ("Programmet (Open Space)", "landscape")

    document = pdfium.PdfDocument(files["report.pdf"])
    try:
        pages = []
        for index in range(len(document)):
            width, height = document[index].get_size()
            text = document[index].get_textpage().get_text_range()
            pages.append((re.sub(r"\s+", " ", text), width > height))
    finally:
        document.close()
    for header in ("Klart senast", "Rum"):
        text, wide = next(p for p in pages if header in p[0])
        assert wide, f"the table with {header!r} is on a portrait page"
    plan_page = next(text for text, _ in pages if "Klart senast" in text)
    assert "Planerad" in plan_page and "Pla-" not in plan_page
    day_page = next(text for text, _ in pages if "Tänkte gå" in text)
    assert "Föräldrautbildningssalen" in day_page

    markdown = files["report.md"].decode()
    assert "### Åtgärder\n\n| Vad |" in markdown


def test_the_feedback_sheet_names_a_catalogue_role_in_its_own_language(
    files: dict[str, bytes],
) -> None:
    english = files["feedback-en.md"].decode()
    swedish = files["feedback-sv.md"].decode()
    assert "School counsellor" in english and "Skolkurator" not in english
    assert "Skolkurator" in swedish and "1 mars 2027" in swedish
    assert "1 March 2027" in english
    # A role written by hand stays as it was written.
    assert "Samordnare för föräldraskapsstöd" in english


def test_the_word_file_shows_its_own_title_page_in_a_file_browser(
    files: dict[str, bytes],
) -> None:
    """python-docx ships a blank page as every file's thumbnail; ours is the title page."""
    from PIL import Image, ImageStat

    blank = io.BytesIO()
    Document().save(blank)
    with zipfile.ZipFile(blank) as default:
        theirs = default.read("docProps/thumbnail.jpeg")
    with zipfile.ZipFile(io.BytesIO(files["report.docx"])) as archive:
        ours = archive.read("docProps/thumbnail.jpeg")
        assert archive.testzip() is None
    assert ours != theirs
    picture = Image.open(io.BytesIO(ours)).convert("L")
    width, height = picture.size
    assert width == 256 and height > width, "an upright page"
    # The title's band holds dark letters; the python-docx page is white all over.
    title_band = picture.crop((0, int(height * 0.18), width, int(height * 0.32)))
    assert ImageStat.Stat(title_band).extrema[0][0] < 80
    assert Document(io.BytesIO(files["report.docx"])).core_properties.title == "En väg in"


def lix(text: str) -> float:
    """Läsbarhetsindex: words per sentence plus the share of words longer than six letters (in
    per cent). Under 30 is very easy (children's books); 40 plain prose; 50 official Swedish."""
    words = re.findall(r"[A-Za-zÅÄÖåäöÉé]+", text)
    sentences = max(1, len(re.findall(r"[.!?:]+(?:\s|$)", text)))
    long_words = [w for w in words if len(w) > 6]
    return len(words) / sentences + 100 * len(long_words) / len(words)


def test_the_easy_read_sheet_is_easy_to_read_and_says_no_as_plainly_as_yes(
    app: Any, db: Any
) -> None:
    owner = make_facilitator(app)
    wid = make_workshop(app, owner, title="Skolan och du")["id"]
    fac = Actor("facilitator", wid, owner)
    people = []
    for _ in range(4):
        _token, joined = participants.join(db, wid, {"group": "young"})
        people.append(Actor("participant", wid, joined.result["participant_id"]))
    ids = [
        topics.post_topic(db, people[0], None, {"title": title}).result["topic"]["id"]
        for title in ("Mer tid med läraren", "Lugn i matsalen", "Någon att prata med")
    ]
    voting.open_round(db, fac, None, {"budget": 2, "max_per_topic": 2})
    for person in people:
        voting.add_vote(db, person, None, {"topic_id": ids[0]})
        voting.add_vote(db, person, None, {"topic_id": ids[2]})
    voting.close_round(db, fac, None, {})
    feedback.add_item(
        db,
        fac,
        None,
        {
            "said": "Lugn i matsalen",
            "outcome": "will_not",
            "why_not": "Det finns inga pengar i år",
            "published": True,
        },
    )
    feedback.add_item(db, fac, None, {"said": "Mer tid med läraren", "published": True})
    workshops.close_workshop(db, fac, None, {})
    with app.app_context():
        made = reports.build_report(db, wid, board_words=board_labels_in)
        files = reports.render(made, ["md", "pdf", "html"])

    easy = files["feedback-lattlast.md"].decode().replace("\\", "")
    ordinary = files["feedback-sv.md"].decode().replace("\\", "")
    print(
        f"LIX of the feedback sheet: lättläst {lix(easy):.0f}, ordinary Swedish {lix(ordinary):.0f}"
    )
    assert lix(easy) < 30 <= lix(ordinary) or lix(easy) < lix(ordinary) < 40
    assert lix(easy) < 30
    assert "vi gör inte det" in easy and "Ni satte prickar 1 gång." in easy
    assert "omgång" not in easy and "röstade" not in easy
    # The same page in its three languages, each with its own outcome words.
    assert "we will not do it" in files["feedback-en.md"].decode()
    assert 'lang="sv"' in files["feedback-lattlast.html"].decode()
    assert files["feedback-lattlast.pdf"].startswith(b"%PDF")
