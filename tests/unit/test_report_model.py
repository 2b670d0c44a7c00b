"""The report model without a database: Swedish typography, the phases as blocks, empty phases
said plainly, and the documents a report is made of."""

from __future__ import annotations

from workshop.exporters.documents import documents, map_text
from workshop.exporters.labels import LABELS
from workshop.exporters.model import (
    PHASES,
    BoardReport,
    Figure,
    Note,
    Report,
    ResultLine,
    RoundReport,
    Subheading,
    Table,
    TopicLine,
)
from workshop.exporters.sections import with_sections
from workshop.exporters.typography import long_date, number, span


def _report(language: str = "sv", **fields: object) -> Report:
    base = {
        "title": "En väg in",
        "theme": "Hur?",
        "language": language,
        "status": "open",
        "generated_at": "2026-11-27 14:05 UTC",
        "draft": True,
        "participants_total": 1,
        "participants_by_group": {"young": 1},
        "topics": [TopicLine("Tolk", "", [])],
        "rounds": [RoundReport(1, "", 5, 3, "closed", 1, 12500, [ResultLine(1, "Tolk", 12500)])],
        "labels": LABELS[language],
        **fields,
    }
    return with_sections(Report(**base))  # type: ignore[arg-type]


def test_swedish_typography() -> None:
    assert long_date("2026-11-27", "sv") == "27 november 2026"
    assert long_date("2026-01-03", "en") == "3 January 2026"
    assert number(12500, "sv") == "12\u202f500" and number(12500, "en") == "12,500"
    assert span(3, 7, "sv") == "3–7" and span(4, 4, "sv") == "4"


def test_todays_content_is_discover_and_the_rest_say_nothing_was_recorded() -> None:
    report = _report()
    assert [section.key for section in report.phases] == list(PHASES)
    discover = report.blocks("discover")
    kinds = [type(block).__name__ for block in discover]
    assert kinds[:2] == ["Subheading", "BulletList"] and "Figure" in kinds
    table = next(block for block in discover if isinstance(block, Table))
    assert table.rows == [["1", "Tolk", "12\u202f500"]] and table.numeric == (0, 2)
    for key in ("define", "develop", "deliver"):
        assert report.blocks(key) == [Note(LABELS["sv"]["not_yet"])]
    rules = report.round_rules(report.rounds[0])
    assert "12\u202f500 prickar" in rules


def test_a_report_is_the_combined_one_four_phases_and_three_feedback_sheets() -> None:
    names = [doc.name for doc in documents(_report())]
    assert names == [
        "report",
        "report-discover",
        "report-define",
        "report-develop",
        "report-deliver",
        "feedback-sv",
        "feedback-lattlast",
        "feedback-en",
    ]
    english = documents(_report())[-1]
    assert english.sections[0].title == "What we did"
    did = english.sections[0].blocks[0].text  # type: ignore[union-attr]
    assert did.startswith("On 27 November 2026, 1 person took part") and "1 topic and" in did


def test_map_text_leaves_the_pictures_markup_alone() -> None:
    doc = documents(_report())[0]
    shouted = map_text(doc, str.upper)
    blocks = [b for s in shouted.sections for b in s.blocks]
    figure = next(b for b in blocks if isinstance(b, Figure))
    assert figure.svg.startswith("<svg") and figure.caption.isupper()
    assert next(b for b in blocks if isinstance(b, Subheading)).text == "ÄMNEN"


def test_documents_list_the_first_hundred_topics_and_say_where_the_rest_are() -> None:
    many = [TopicLine(f"Ämne {i}", "", []) for i in range(130)]
    blocks = _report(topics=many).blocks("discover")
    listed = next(b for b in blocks if type(b).__name__ == "BulletList")
    assert len(listed.items) == 100  # type: ignore[attr-defined]
    assert "… och 30 ämnen till: alla finns i topics.csv." in [
        getattr(b, "text", "") for b in blocks
    ]


def test_the_board_says_what_families_met_with_a_decimal_comma_and_an_en_dash() -> None:
    board = BoardReport(
        [{"title": "Kurator", "sector": "kommun", "group": "", "met_by": 2}],
        {"works_with": 1},
        2,
        "<svg/>",
        titles_met=(7.5, 3, 12),
        organisations_met=(4, 2, 6),
        retold=(2.5, 1, 4),
        organisations_total=7,
        retold_total=5,
        most_met=[{"rank": 1, "title": "Kurator", "answers": 2}],
    )
    blocks = _report(board=board).blocks("discover")
    texts = [getattr(b, "text", "") for b in blocks]
    assert (
        "2 familjer och unga svarade på vilka yrkesroller de mött. I mitten mötte en familj 7,5 "
        "yrkestitlar i 4 organisationer och fick berätta sin historia igen för 2,5 av dem."
    ) in texts
    rows = [row for b in blocks if type(b).__name__ == "Table" for row in b.rows]  # type: ignore[attr-defined]
    assert ["Yrkestitlar de mött", "7,5", "3–12"] in rows
    assert ["1", "Kurator", "2"] in rows


def test_markdown_escapes_only_what_markdown_would_read_as_markup() -> None:
    """It escaped every "." and "-", so report.md read "Kö till BUP\\." and "2026\\-11\\-27"."""
    from workshop.exporters.text import _md

    assert _md("Kö till BUP. Sedan 2026-11-27 (i år).") == "Kö till BUP. Sedan 2026-11-27 (i år)."
    assert _md("# rubrik") == "\\# rubrik" and _md("- punkt") == "\\- punkt"
    assert _md("1. Första") == "1\\. Första"
    assert _md("[länk](http://x) *fet* _k_ |t| `k`") == (
        "\\[länk\\](http://x) \\*fet\\* \\_k\\_ \\|t\\| \\`k\\`"
    )
    assert _md("<b>&") == "&lt;b&gt;&amp;"


def test_a_chart_label_ends_before_its_bar_and_keeps_its_whole_title() -> None:
    """Labels were cut at 42 letters and still ran under their bars (13 px DejaVu Sans: 42
    letters are about 320 px in a 300 px column). Now they wrap; no row overlaps the next."""
    import re

    from workshop.domain.text_measure import text_width
    from workshop.exporters.charts import FONT, LABEL, round_chart

    titles = [
        "Samla skolans, socialtjänstens och vårdcentralens kontaktvägar på ett ställe",
        "Tolk",
        "Familjecentral med BVC, öppen förskola och socialrådgivning under samma tak",
        "En väg in",
    ]
    results = [ResultLine(n + 1, title, 40 - 7 * n) for n, title in enumerate(titles)]
    rounds = [RoundReport(1, "", 5, 3, "closed", 10, 94, results)]
    svg = round_chart(_report(rounds=rounds), rounds[0])
    labels = [
        (float(y), text)
        for y, text in re.findall(r'<text x="0" y="([\d.]+)" fill="#111">([^<]*)</text>', svg)
    ]
    assert labels
    assert all(text_width(text, FONT) <= LABEL - 4 for _, text in labels), labels
    assert " ".join(text for _, text in labels) == " ".join(
        f"{n + 1}. {title}" for n, title in enumerate(titles)
    )
    bars = [
        float(y)
        for y in re.findall(
            r'<rect x="300" y="([\d.]+)" width="\d+" height="18" fill="#e5e7eb"/>', svg
        )
    ]
    assert len(bars) == len(titles)
    # Each label's lines sit within its own bar's row: between the previous bar and the next.
    tops = bars + [float("inf")]
    for n, title in enumerate(titles):
        own = [y for y, text in labels if text in f"{n + 1}. {title}"]
        assert all(y < tops[n + 1] for y in own), (title, own, tops)


def test_every_renderer_says_what_it_writes_and_the_console_offers_exactly_that() -> None:
    """The console's downloads are read from the renderers' own declarations: every file a
    renderer makes has a declared content type, and the parts they draw are the known ones."""
    from workshop.exporters import PARTS, content_types, formats_drawing, renderers

    report = _report()
    made = {}
    for name, render in renderers().items():
        assert render.draws in PARTS, name
        assert render.content_types, name
        made.update(render(report))
    endings = {file.rpartition(".")[2] for file in made}
    assert endings <= set(content_types()), endings - set(content_types())
    assert formats_drawing("documents") == ("docx", "html", "md", "pdf")
    assert {f"feedback-{sheet}.pdf" for sheet in ("sv", "lattlast", "en")} <= set(made)
