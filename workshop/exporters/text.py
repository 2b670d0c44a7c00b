"""Markdown, CSV and JSON renderers."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re

from . import describes
from .documents import Document, documents
from .model import Block, BulletList, Figure, Note, Paragraph, Report, Subheading, Table

# Markdown would read these as markup anywhere in a title someone typed (emphasis, code, links,
# tables, strike-through); escaping every "." and "-" as well made the file unreadable as text.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# ... and these only where a line starts: a heading, a list item, a quote, a numbered item.
_MARKDOWN_LINE_START = re.compile(r"^(?:([#+-])|(\d+)([.)]))")
# Raw HTML passes through Markdown, and not every renderer lets a backslash escape "<": these
# become entities, which every renderer shows as the characters themselves.
_HTML_SPECIAL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _md(text: str) -> str:
    """User text as literal Markdown text: HTML characters as entities, markup escaped, one
    line."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()).translate(_HTML_SPECIAL))
    return _MARKDOWN_LINE_START.sub(_escape_start, escaped)


def _escape_start(match: re.Match[str]) -> str:
    """`# x` becomes `\\# x`; `1. x` becomes `1\\. x` (the mark is what Markdown reads)."""
    mark, digits, after = match.groups()
    return "\\" + mark if mark else f"{digits}\\{after}"


def _md_blocks(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Subheading):
            out += [f"### {_md(block.text)}", ""]
        elif isinstance(block, Paragraph):
            out += [f"_{_md(block.text)}_" if block.muted else _md(block.text), ""]
        elif isinstance(block, Note):
            out += [f"> **{_md(block.text)}**" if block.kind != "info" else f"> {_md(block.text)}"]
            out.append("")
        elif isinstance(block, BulletList):
            for item in block.items:
                out.append(
                    f"- **{_md(item.lead)}**" + (f" – {_md(item.text)}" if item.text else "")
                )
                if item.note:
                    out.append(f"  - {_md(item.note)}")
            out.append("")
        elif isinstance(block, Table):
            if block.title:
                out += [f"### {_md(block.title)}", ""]
            align = ["---:" if i in block.numeric else "---" for i in range(len(block.header))]
            out.append("| " + " | ".join(_md(cell) for cell in block.header) + " |")
            out.append("| " + " | ".join(align) + " |")
            out += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in block.rows]
            out.append("")
        elif isinstance(block, Figure):
            # The pictures are files beside the Markdown (svg/png formats), named by the figure.
            out += [f"![{_md(block.alt)}]({block.name}.svg)", "", f"_{_md(block.caption)}_", ""]
    return out


def markdown_text(document: Document) -> str:
    """One document (the combined report, a phase, a feedback sheet) as Markdown."""
    report = document.report
    out = [f"# {_md(document.title)}", "", f"**{_md(document.subtitle)}** · {report.date()}", ""]
    if document.kind != "feedback" and report.header():
        out += ["  \n".join(_md(line) for line in report.header()), ""]
    if report.draft:
        out += [f"> **{report.label('draft')}**", ""]
    if report.theme and document.kind != "feedback":
        out += [f"**{report.label('theme')}:** {_md(report.theme)}", ""]
    for section in document.sections:
        out += [f"## {_md(section.title)}", ""]
        if section.intro:
            out += [_md(section.intro), ""]
        out += _md_blocks(section.blocks)
    return "\n".join(out)


@describes(content_types={"md": "text/markdown; charset=utf-8"}, draws="documents")
def markdown(report: Report) -> dict[str, bytes]:
    """The combined report, one file per phase and the feedback sheets, as Markdown."""
    return {f"{doc.name}.md": markdown_text(doc).encode() for doc in documents(report)}


# A spreadsheet runs a cell that starts like a formula; these starts are made plain text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    # A byte-order mark so a Swedish Excel opens å, ä and ö as they are.
    return ("\ufeff" + buffer.getvalue()).encode()


@describes(content_types={"csv": "text/csv; charset=utf-8"}, draws="data")
def csv_files(report: Report) -> dict[str, bytes]:
    """Topics, every round's ranking and the board's cards as CSV tables (no formula runs)."""
    topics = [[report.label("topic"), "description", "also"]]
    topics += [[t.title, t.description, " · ".join(t.also)] for t in report.topics]
    rounds = [
        [
            "round",
            "purpose",
            "status",
            report.label("rank"),
            report.label("topic"),
            report.label("dots"),
        ]
    ]
    for round_ in report.rounds:
        for line in round_.results:
            rounds.append(
                [round_.number, round_.purpose, round_.status, line.rank, line.title, line.total]
            )
    files = {"topics.csv": _csv(topics), "rounds.csv": _csv(rounds)}
    tables: dict[str, list[list[object]]] = {
        "agenda.csv": [
            [
                "starts",
                "ends",
                "space",
                "session",
                "also",
                "going",
                "here",
                "discussion",
                "recommendations",
                "next_steps",
            ]
        ]
        + [
            [x.starts, x.ends, x.space, x.title, " · ".join(x.also), x.going, x.here]
            + [x.notes.get(key, "") for key in ("discussion", "recommendations", "next_steps")]
            for x in report.sessions
        ],
        "themes.csv": [["theme", "statement", "initiator", "topics"]]
        + [
            [t.title, t.statement, t.initiator, " · ".join(x.title for x in t.sources)]
            for t in report.themes
        ],
        "ideas.csv": [["theme", "idea", "detail", "low_hanging"]]
        + [
            [t.title, i.text, i.detail, "yes" if i.low_hanging else "no"]
            for t in report.themes
            for i in t.ideas
        ],
        "actions.csv": [
            ["what", "role", "organisation", "first_step", "due", "follow_up", "theme", "status"]
        ]
        + [
            [a.what, a.role, a.organisation, a.first_step, a.due, a.follow_up, a.theme, a.status]
            for a in report.actions
        ],
        "decisions.csv": [["decision", "role", "organisation", "decided_on", "action"]]
        + [[d.text, d.role, d.organisation, d.decided_on, d.action] for d in report.decisions],
        "feedback.csv": [["you_said", "we_did", "why_not", "when", "outcome"]]
        + [[f.said, f.did, f.why_not, f.when, f.outcome] for f in report.feedback],
        # The quick questions' answers, counts only (a word hidden on the wall is not here).
        "questions.csv": [["question", "kind", "prompt", "status", "answer", "count"]]
        + [
            [q.number, q.kind, q.prompt, q.status, line.answer, line.count]
            for q in report.questions
            for line in q.answers
        ],
    }
    # A table the workshop never used is left out rather than written as a header alone.
    files.update({name: _csv(rows) for name, rows in tables.items() if len(rows) > 1})
    board = report.board
    if board is not None and board.cards:
        cards = [["role", "sector", "group", "met_by"]]
        cards += [[c["title"], c["sector"], c["group"], c["met_by"]] for c in board.cards]
        files["board.csv"] = _csv(cards)
    if board is not None and board.answers:
        # The families' journey, as the wall and the API give it (aggregates only).
        files["families.csv"] = _csv(
            [
                ["figure", "median", "low", "high", "total"],
                ["answers", "", "", "", board.answers],
                ["titles_met", *board.titles_met, ""],
                ["organisations_met", *board.organisations_met, board.organisations_total],
                ["retold", *board.retold, board.retold_total],
            ]
        )
        files["roles_met.csv"] = _csv(
            [["rank", "role", "families"]]
            + [[line["rank"], line["title"], line["answers"]] for line in board.most_met]
        )
    return files


@describes(content_types={"json": "application/json"}, draws="data")
def json_file(report: Report) -> dict[str, bytes]:
    """The report model as JSON (docs/report.schema.json describes it)."""
    body = dataclasses.asdict(report)
    for derived in ("labels", "overview", "phases", "next_steps"):
        body.pop(derived)
    if body["board"] is not None:
        body["board"].pop("svg")  # the picture is board.svg; the data stay here
    body["format_version"] = 1
    return {"report.json": json.dumps(body, ensure_ascii=False, indent=2).encode()}
