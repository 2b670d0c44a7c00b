"""Markdown, CSV and JSON renderers."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re

from .documents import Document, documents
from .model import Block, BulletList, Figure, Note, Paragraph, Report, Subheading, Table

# Markdown would read these as markup in a title someone typed.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")
# Raw HTML passes through Markdown, and not every renderer lets a backslash escape "<": these
# become entities, which every renderer shows as the characters themselves.
_HTML_SPECIAL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _md(text: str) -> str:
    """User text as literal Markdown text: HTML characters as entities, markup escaped, one
    line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()).translate(_HTML_SPECIAL))


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
    if report.board is not None:
        cards = [["role", "sector", "group", "met_by"]]
        cards += [[c["title"], c["sector"], c["group"], c["met_by"]] for c in report.board.cards]
        files["board.csv"] = _csv(cards)
    return files


def json_file(report: Report) -> dict[str, bytes]:
    """The report model as JSON (docs/report.schema.json describes it)."""
    body = dataclasses.asdict(report)
    for derived in ("labels", "overview", "phases", "next_steps"):
        body.pop(derived)
    if body["board"] is not None:
        body["board"].pop("svg")  # the picture is board.svg; the data stay here
    body["format_version"] = 1
    return {"report.json": json.dumps(body, ensure_ascii=False, indent=2).encode()}
