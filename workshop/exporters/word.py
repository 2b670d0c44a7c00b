"""The Word report (python-docx): what a coordinator sends a manager as it is."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from .model import Report

# Word refuses a document with these (ASCII control characters other than tab and newlines).
_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def _text(value: str) -> str:
    return value.translate(_CONTROL)


def _page_number_footer(document: Document) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def docx_file(report: Report) -> dict[str, bytes]:
    """report.docx: title, headings per phase, tables of rounds, page numbers."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    document.core_properties.title = _text(report.title)
    document.core_properties.language = "sv-SE" if report.language == "sv" else "en-GB"
    _page_number_footer(document)
    document.add_heading(_text(report.title), level=0)
    document.add_paragraph(
        f"{report.label('report')} · {report.label('generated', when=report.generated_at)}"
    )
    if report.draft:
        document.add_paragraph().add_run(report.label("draft")).bold = True
    if report.theme:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{report.label('theme')}: ").bold = True
        paragraph.add_run(_text(report.theme))
    document.add_heading(report.label("participation"), level=1)
    document.add_paragraph(report.label("participants", n=report.participants_total))
    for group, n in report.participants_by_group.items():
        document.add_paragraph(f"{report.label('group_' + group)}: {n}", style="List Bullet")
    document.add_paragraph(report.label("privacy")).runs[0].italic = True
    document.add_heading(report.label("discover"), level=1)
    document.add_paragraph(report.label("discover_intro"))
    document.add_heading(report.label("topics"), level=2)
    for topic in report.topics:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(_text(topic.title)).bold = True
        if topic.description:
            paragraph.add_run(" – " + _text(topic.description))
        if topic.also:
            paragraph.add_run("\n" + _text(report.label("also", titles=" · ".join(topic.also))))
    if not report.topics:
        document.add_paragraph(report.label("no_topics"))
    document.add_heading(report.label("define"), level=1)
    document.add_paragraph(report.label("define_intro"))
    for round_ in report.rounds:
        heading = report.label("round", n=round_.number)
        document.add_heading(
            heading + (f": {_text(round_.purpose)}" if round_.purpose else ""), level=2
        )
        document.add_paragraph(report.round_rules(round_))
        if round_.status != "closed":
            document.add_paragraph(report.label("round_open"))
            continue
        table = document.add_table(rows=1, cols=3)
        table.style = "Light Grid Accent 1"
        for cell, text in zip(
            table.rows[0].cells,
            (report.label("rank"), report.label("topic"), report.label("dots")),
            strict=True,
        ):
            cell.text = text
        shown, rest = report.top(round_)
        for line in shown:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = (
                str(line.rank),
                _text(line.title),
                str(line.total),
            )
        if rest:
            document.add_paragraph(report.label("more_lines", n=rest))
    if not report.rounds:
        document.add_paragraph(report.label("no_rounds"))
    for phase in ("develop", "deliver"):
        document.add_heading(report.label(phase), level=1)
        document.add_paragraph(report.label("not_yet"))
    buffer = io.BytesIO()
    document.save(buffer)
    return {"report.docx": buffer.getvalue()}
