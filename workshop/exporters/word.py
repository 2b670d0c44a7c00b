"""The Word report (python-docx): what a coordinator sends a manager as it is.

Title page, a table of contents Word fills in on opening, Word's own heading styles (so the
navigation pane and the TOC work), tables whose header row repeats on every page, the charts
and the board as pictures, "Page 3 of 12" in the footer, and the language set on the styles so
Word checks the spelling in Swedish (or British English).
"""

from __future__ import annotations

import io
import textwrap
import unicodedata
import zipfile
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from . import describes
from .charts import CHART_PNG_WIDTH, PNG_WIDTH
from .documents import Document, combined, phase
from .model import PHASES, Block, BulletList, Figure, Note, Paragraph, Report, Subheading, Table
from .raster import svg_to_png

# Word refuses a document with these (ASCII control characters other than tab and newlines,
# and the two non-characters XML 1.0 forbids).
_CONTROL = dict.fromkeys([c for c in range(32) if c not in (9, 10, 13)] + [0xFFFE, 0xFFFF])
LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}
TEXT_WIDTH = Cm(16)
LANDSCAPE_WIDTH = Cm(23)


def _text(value: str) -> str:
    return value.translate(_CONTROL)


def _right_to_left(text: str) -> bool:
    """Whether a text starts, in reading order, with a right-to-left letter (Arabic, Hebrew)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _direction(paragraph, text: str) -> None:  # noqa: ANN001
    """An Arabic title gets a right-to-left paragraph and runs, so Word orders its words and
    punctuation as the writer did (the HTML's dir="auto")."""
    if not _right_to_left(text):
        return
    paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
    for run in paragraph.runs:
        run.font.rtl = True


def _field(paragraph, instruction: str, placeholder: str = "") -> None:  # noqa: ANN001
    """A Word field (PAGE, NUMPAGES, TOC): Word computes its result when it lays out the page."""
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    # Each part in a run of its own, the way Word itself writes a field.
    for part in (begin, code, separate):
        paragraph.add_run()._r.append(part)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _language(document, tag: str) -> None:  # noqa: ANN001
    """The proofing language on the document defaults and the Normal style."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    targets = [document.styles["Normal"].element.get_or_add_rPr()]
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            targets.append(rpr)
    for rpr in targets:
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), tag)
        lang.set(qn("w:eastAsia"), tag)
        lang.set(qn("w:bidi"), "ar-SA")
        rpr.append(lang)


def _update_fields_on_open(document) -> None:  # noqa: ANN001
    """Word fills in the TOC and page counts when the file opens (it asks once)."""
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _footer(document, report: Report) -> None:  # noqa: ANN001
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"{report.label('page')} ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(f" {report.label('of')} ")
    _field(paragraph, "NUMPAGES", "1")


def _title_page(document, doc: Document) -> None:  # noqa: ANN001
    report = doc.report
    for _ in range(4):
        document.add_paragraph()
    _direction(document.add_paragraph(_text(doc.title), style="Title"), doc.title)
    document.add_paragraph(_text(doc.subtitle), style="Subtitle")
    if report.theme:
        theme = document.add_paragraph()
        theme.add_run(f"{report.label('theme')}: ").bold = True
        theme.add_run(_text(report.theme))
    document.add_paragraph(f"{report.label('date')}: {report.date()}")
    for line in report.header():
        document.add_paragraph(_text(line))
    if report.draft:
        draft = document.add_paragraph().add_run(report.label("draft"))
        draft.bold = True
        draft.font.size = Pt(16)
        draft.font.color.rgb = RGBColor(0xB4, 0x53, 0x09)
    document.add_paragraph(report.label("privacy")).runs[0].italic = True
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    heading = document.add_paragraph()
    contents = heading.add_run(report.label("contents"))
    contents.bold, contents.font.size = True, Pt(16)
    toc = document.add_paragraph()
    _field(toc, 'TOC \\o "1-2" \\h \\z \\u', report.label("toc_hint"))
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _table(document, block: Table) -> None:  # noqa: ANN001
    if block.wide:  # on a page of its own, turned, as in the PDF
        _orient(document, landscape=True)
    if block.title:
        _direction(document.add_heading(_text(block.title), level=2), block.title)
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = "Light Grid Accent 1"
    header = table.rows[0]
    # The header row repeats at the top of every page the table runs onto.
    header_props = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_props.append(repeat)
    for index, (cell, text) in enumerate(zip(header.cells, block.header, strict=True)):
        cell.text = _text(text)
        if index in block.numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in block.rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.text = _text(text)
            if index in block.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                _direction(cell.paragraphs[0], text)
    if block.caption:
        document.add_paragraph(_text(block.caption), style="Caption")
    if block.wide:
        _orient(document, landscape=False)


def _orient(document, landscape: bool) -> None:  # noqa: ANN001
    """A new section on a new page, A4 the other way round; the footer carries on."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Cm(29.7), Cm(21)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)


def _figure(document, block: Figure) -> None:  # noqa: ANN001
    width = PNG_WIDTH.get(block.name, CHART_PNG_WIDTH)
    picture = svg_to_png(block.svg, width)
    if block.landscape:  # the board: a page of its own, turned, as in the PDF
        _orient(document, landscape=True)
    shape = document.add_picture(
        io.BytesIO(picture), width=LANDSCAPE_WIDTH if block.landscape else TEXT_WIDTH
    )
    # Screen readers read the picture's description (Word's "Alt Text").
    shape._inline.docPr.set("descr", _text(block.alt))
    document.add_paragraph(_text(block.caption), style="Caption")
    if block.landscape:
        _orient(document, landscape=False)


def _blocks(document, blocks: list[Block]) -> None:  # noqa: ANN001
    for block in blocks:
        if isinstance(block, Subheading):
            _direction(document.add_heading(_text(block.text), level=2), block.text)
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph(_text(block.text))
            if block.muted:
                paragraph.runs[0].italic = True
            _direction(paragraph, block.text)
        elif isinstance(block, Note):
            run = document.add_paragraph(style="Intense Quote").add_run(_text(block.text))
            run.bold = block.kind != "info"
        elif isinstance(block, BulletList):
            for item in block.items:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(_text(item.lead)).bold = True
                if item.text:
                    paragraph.add_run(" – " + _text(item.text))
                if item.note:
                    paragraph.add_run().add_break()
                    paragraph.add_run(_text(item.note)).italic = True
                _direction(paragraph, item.lead)
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Figure):
            _figure(document, block)


def docx_bytes(doc: Document) -> bytes:
    """One document (the combined report or a phase) as a Word file."""
    report = doc.report
    document = new_document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    tag = LANGUAGE_TAGS.get(report.language, "sv-SE")
    _language(document, tag)
    _update_fields_on_open(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    properties = document.core_properties
    properties.title = _text(doc.title)
    properties.subject = _text(doc.subtitle)
    properties.language = tag
    # python-docx's template says it was made on 2013-12-23 "generated by python-docx": the
    # file's properties are the workshop's own (the organiser, the day it was made).
    properties.author = properties.last_modified_by = _text(report.organisation)
    properties.comments = ""
    properties.category = report.label("report")
    made = datetime.strptime(report.generated_at, "%Y-%m-%d %H:%M UTC").replace(tzinfo=UTC)
    properties.created = properties.modified = made
    properties.revision = 1
    properties.keywords = report.label("status_draft") if report.draft else ""
    _footer(document, report)
    _title_page(document, doc)
    for number, part in enumerate(doc.sections):
        if number and doc.kind == "report":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_heading(_text(part.title), level=1)
        if part.intro:
            document.add_paragraph(_text(part.intro))
        _blocks(document, part.blocks)
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_thumbnail(buffer.getvalue(), _thumbnail(doc))


THUMBNAIL_WIDTH = 256  # what Explorer, Finder and SharePoint show of a file


def _thumbnail(doc: Document) -> bytes:
    """The title page in miniature (title, subtitle, date), as a JPEG for docProps."""
    from PIL import Image

    lines = textwrap.wrap(_text(doc.title), 18)[:3] or [""]
    rows = [
        f'<text x="18" y="{84 + 26 * n}" font-size="21" font-weight="bold">{escape(line)}</text>'
        for n, line in enumerate(lines)
    ]
    below = 84 + 26 * len(lines) + 14
    for n, line in enumerate(textwrap.wrap(_text(doc.subtitle), 30)[:2]):
        rows.append(f'<text x="18" y="{below + 17 * n}" font-size="13">{escape(line)}</text>')
    rows.append(
        f'<text x="18" y="{below + 44}" font-size="12" fill="#374151">'
        f"{escape(doc.report.date())}</text>"
    )
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="210" height="297" viewBox="0 0 210 297"'
        ' font-family="DejaVu Sans, Arial, sans-serif" fill="#111">'
        '<rect x="0" y="0" width="210" height="10" fill="#1d4ed8"/>'
        '<rect x="18" y="40" width="60" height="3" fill="#1d4ed8"/>' + "".join(rows) + "</svg>"
    )
    picture = Image.open(io.BytesIO(svg_to_png(svg, THUMBNAIL_WIDTH))).convert("RGB")
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return out.getvalue()


def _with_thumbnail(body: bytes, jpeg: bytes) -> bytes:
    """The file with its own picture in place of python-docx's blank page, so a file browser
    shows which report it is."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(body)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/thumbnail.jpeg":
                data = jpeg
            target.writestr(item, data)
    return out.getvalue()


@describes(
    content_types={
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    },
    draws="documents",
)
def docx_file(report: Report) -> dict[str, bytes]:
    """report.docx and one Word file per phase (report-discover.docx, ...)."""
    docs = [combined(report)] + [phase(report, key) for key in PHASES]
    return {f"{doc.name}.docx": docx_bytes(doc) for doc in docs}
