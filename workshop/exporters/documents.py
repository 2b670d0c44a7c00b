"""Which documents a report is made of: the combined report, one per phase, and the feedback
sheet for participants in Swedish, easy-read Swedish (lättläst) and English. Each is a title and
sections of blocks, so every document renderer (md, html, pdf, docx) draws all of them the same
way."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from .labels import LABELS
from .model import PHASES, Block, BulletList, ListItem, Note, Paragraph, Report
from .sections import next_steps
from .typography import long_date

# The feedback sheet names this many of the final ranking's topics: one A4 page, read aloud.
SHEET_TOP = 5
# Topic titles are at most 120 characters when typed; a longer text from elsewhere is cut so
# the sheet stays one page.
SHEET_TEXT = 140


def _clip(text: str) -> str:
    return text if len(text) <= SHEET_TEXT else text[: SHEET_TEXT - 1] + "…"


@dataclass(frozen=True)
class Section:
    """A heading, a line under it, and blocks."""

    title: str
    intro: str
    blocks: list[Block]


@dataclass(frozen=True)
class Document:
    """One file's worth of report: `name` is the file name without its extension."""

    name: str
    kind: str  # "report", "phase" or "feedback"
    title: str
    subtitle: str
    report: Report  # in the document's language
    sections: list[Section] = field(default_factory=list)

    def label(self, key: str, **params: object) -> str:
        """A phrase in the document's language."""
        return self.report.label(key, **params)


def combined(report: Report) -> Document:
    """The whole workshop: participation, then the four phases."""
    sections = [Section(report.label("participation"), "", report.overview)]
    sections += [_phase_section(report, key) for key in PHASES]
    return Document("report", "report", report.title, report.label("report"), report, sections)


def _phase_section(report: Report, key: str) -> Section:
    section = report.phase(key)
    return Section(section.title, section.intro, report.blocks(key))


def phase(report: Report, key: str) -> Document:
    """One phase on its own."""
    subtitle = report.label("phase_report", phase=report.label(key))
    return Document(
        f"report-{key}", "phase", report.title, subtitle, report, [_phase_section(report, key)]
    )


# Each sheet by its file name's ending and the words it is written in. Easy-read Swedish is
# Swedish (dates, numbers, the page's lang="sv") with the words of sv_easy.po laid over it.
# The last item is the sheet's name in its own language, for the console's download links.
SHEETS = {
    "sv": ("sv", "sv", "svenska"),
    "lattlast": ("sv", "sv_easy", "lättläst svenska"),
    "en": ("en", "en", "English"),
}


def feedback(report: Report, sheet: str) -> Document:
    """One page for participants in plain words: what we did, what you said, what happens
    next, who to ask."""
    language, words, _name = SHEETS[sheet]
    title = report.titles.get(words) or report.title
    local = dataclasses.replace(
        report,
        language=language,
        labels=LABELS[words],
        title=title,
        feedback=[line.in_reading(words) for line in report.feedback],
    )
    did = local.label(
        "fb_did_text",
        date=long_date(report.held_on or report.generated_at[:10], language),
        people=local.count("n_people", report.participants_total),
        title=_clip(title),
        topics=local.count("n_topics", len(report.topics)),
        rounds=local.count("n_rounds", len(report.rounds)),
    )
    final = report.final_round()
    voted = [line for line in final.results if line.total] if final else []
    if voted:
        said: list[Block] = [
            Paragraph(local.label("fb_said_text")),
            BulletList(
                [
                    ListItem(_clip(line.title), local.count("fb_votes", line.total))
                    for line in voted[:SHEET_TOP]
                ]
            ),
        ]
    else:
        said = [Paragraph(local.label("fb_said_none"))]
    after = next_steps(local) or [Note(local.label("fb_next_empty"), kind="todo")]
    ask = (
        local.label("fb_ask_contact", contact=report.contact)
        if report.contact
        else local.label("fb_ask_text")
    )
    sections = [
        Section(local.label("fb_did"), "", [Paragraph(did)]),
        Section(local.label("fb_said"), "", said),
        Section(local.label("fb_next"), "", after),
        Section(
            local.label("fb_ask"), "", [Paragraph(ask), Paragraph(local.label("fb_private"), True)]
        ),
    ]
    return Document(
        f"feedback-{sheet}", "feedback", title, local.label("feedback"), local, sections
    )


def documents(report: Report) -> list[Document]:
    """Every document of a report, combined first."""
    out = [combined(report)] + [phase(report, key) for key in PHASES]
    return out + [feedback(report, sheet) for sheet in SHEETS]


def _map_block(block: Block, fn: Callable[[str], str]) -> Block:
    changes: dict[str, object] = {}
    for item in dataclasses.fields(block):
        value = getattr(block, item.name)
        if item.name == "svg":
            continue  # markup we drew, not text
        if isinstance(value, str):
            changes[item.name] = fn(value)
        elif item.name == "items":
            changes[item.name] = [_map_block(entry, fn) for entry in value]
        elif item.name in ("header", "rows"):
            changes[item.name] = [
                [fn(cell) for cell in row] if isinstance(row, list) else fn(row) for row in value
            ]
    return dataclasses.replace(block, **changes)


def map_text(document: Document, fn: Callable[[str], str]) -> Document:
    """The document with `fn` applied to every text in it (not to the pictures' markup)."""
    report = dataclasses.replace(
        document.report,
        theme=fn(document.report.theme),
        organisation=fn(document.report.organisation),
    )
    sections = [
        Section(fn(s.title), fn(s.intro), [_map_block(block, fn) for block in s.blocks])
        for s in document.sections
    ]
    return dataclasses.replace(document, title=fn(document.title), report=report, sections=sections)
