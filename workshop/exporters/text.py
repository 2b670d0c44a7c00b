"""Markdown, CSV and JSON renderers."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re

from .model import Report

# Markdown would read these as markup in a title someone typed.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")
# Raw HTML passes through Markdown, and not every renderer lets a backslash escape "<": these
# become entities, which every renderer shows as the characters themselves.
_HTML_SPECIAL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _md(text: str) -> str:
    """User text as literal Markdown text: HTML characters as entities, markup escaped, one
    line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()).translate(_HTML_SPECIAL))


def markdown(report: Report) -> dict[str, bytes]:
    """The whole report as one Markdown file, phase by phase."""
    out = [f"# {_md(report.title)}", ""]
    if report.draft:
        out += [f"**{report.label('draft')}**", ""]
    out += [report.label("generated", when=report.generated_at), ""]
    if report.theme:
        out += [f"**{report.label('theme')}:** {_md(report.theme)}", ""]
    out += [f"## {report.label('participation')}", ""]
    out += [report.label("participants", n=report.participants_total), ""]
    for group, n in report.participants_by_group.items():
        out.append(f"- {report.label('group_' + group)}: {n}")
    out += ["", f"_{report.label('privacy')}_", ""]
    out += [f"## {report.label('discover')}", "", report.label("discover_intro"), ""]
    out += [f"### {report.label('topics')}", ""]
    for topic in report.topics:
        out.append(
            f"- **{_md(topic.title)}**"
            + (f" – {_md(topic.description)}" if topic.description else "")
        )
        if topic.also:
            out.append(f"  - {_md(report.label('also', titles=' · '.join(topic.also)))}")
    if not report.topics:
        out.append(report.label("no_topics"))
    out += ["", f"## {report.label('define')}", "", report.label("define_intro"), ""]
    for round_ in report.rounds:
        heading = report.label("round", n=round_.number)
        out += [f"### {heading}" + (f": {_md(round_.purpose)}" if round_.purpose else ""), ""]
        out += [report.round_rules(round_), ""]
        if round_.status != "closed":
            out += [report.label("round_open"), ""]
            continue
        out += [
            f"| {report.label('rank')} | {report.label('topic')} | {report.label('dots')} |",
            "| ---: | --- | ---: |",
        ]
        shown, rest = report.top(round_)
        out += [f"| {line.rank} | {_md(line.title)} | {line.total} |" for line in shown]
        out.append("")
        if rest:
            out += [report.label("more_lines", n=rest), ""]
    if not report.rounds:
        out += [report.label("no_rounds"), ""]
    for phase in ("develop", "deliver"):
        out += [f"## {report.label(phase)}", "", report.label("not_yet"), ""]
    return {"report.md": "\n".join(out).encode()}


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
    """Topics and every round's ranking as two CSV tables (no formula ever runs)."""
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
    return {"topics.csv": _csv(topics), "rounds.csv": _csv(rounds)}


def json_file(report: Report) -> dict[str, bytes]:
    """The report model as JSON (docs/report.schema.json describes it)."""
    body = dataclasses.asdict(report)
    body.pop("labels")
    body["format_version"] = 1
    return {"report.json": json.dumps(body, ensure_ascii=False, indent=2).encode()}
