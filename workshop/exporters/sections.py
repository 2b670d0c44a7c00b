"""The report's content as blocks, phase by phase, built from the raw data of the model.

This is the one place that decides what a phase shows. Renderers only draw blocks, so new data
(themes and problem statements in Define, ideas in Develop, actions and decisions in Deliver)
means a few lines here and none in md, html, pdf or docx.
"""

from __future__ import annotations

import dataclasses

from .charts import round_chart
from .model import (
    PHASES,
    Block,
    BulletList,
    Figure,
    ListItem,
    Note,
    Paragraph,
    PhaseSection,
    Report,
    Subheading,
    Table,
)
from .typography import number, span

# The board's table lists this many of the most-met roles; the picture shows them all.
MOST_MET = 10
# Documents list this many topics, like the top 30 of a ranking: a workshop of 500 topics would
# print 25 pages of them (and take WeasyPrint twice as long); topics.csv has every one.
TOPIC_LINES = 100


def overview(report: Report) -> list[Block]:
    """Participation by group, and what a report never holds."""
    n = lambda value: number(value, report.language)  # noqa: E731
    items = [
        ListItem(report.label("group_" + group), n(count))
        for group, count in report.participants_by_group.items()
    ]
    return [
        Paragraph(report.count("participants", report.participants_total)),
        BulletList(items),
        Paragraph(report.label("privacy"), muted=True),
    ]


def _topics(report: Report) -> list[Block]:
    shown = report.topics[:TOPIC_LINES]
    items = [
        ListItem(
            topic.title,
            topic.description,
            report.label("also", titles=" · ".join(topic.also)) if topic.also else "",
        )
        for topic in shown
    ]
    out: list[Block] = [Subheading(report.label("topics"))]
    out.append(BulletList(items) if items else Paragraph(report.label("no_topics")))
    rest = len(report.topics) - len(shown)
    if rest:
        out.append(Paragraph(report.label("more_topics", n=number(rest, report.language)), True))
    return out


def _rounds(report: Report) -> list[Block]:
    n = lambda value: number(value, report.language)  # noqa: E731
    out: list[Block] = [Subheading(report.label("rounds_heading"))]
    if not report.rounds:
        return out + [Paragraph(report.label("no_rounds"))]
    for round_ in report.rounds:
        heading = report.label("round", n=round_.number)
        out.append(Subheading(heading + (f": {round_.purpose}" if round_.purpose else "")))
        out.append(Paragraph(report.round_rules(round_)))
        if round_.status != "closed":
            out.append(Note(report.label("round_open")))
            continue
        shown, rest = report.top(round_)
        out.append(
            Table(
                [report.label("rank"), report.label("topic"), report.label("dots")],
                [[str(line.rank), line.title, n(line.total)] for line in shown],
                numeric=(0, 2),
            )
        )
        if rest:
            out.append(Paragraph(report.label("more_lines", n=n(rest)), muted=True))
        lines = "; ".join(f"{line.title}: {line.total}" for line in shown[:10])
        out.append(
            Figure(
                round_chart(report, round_),
                report.label("chart_caption", n=round_.number, shown=len(shown))
                if rest
                else report.label("chart_title", n=round_.number) + ".",
                report.label("chart_alt", lines=lines),
                name=f"round-{round_.number}",
            )
        )
    return out


def _board(report: Report) -> list[Block]:
    board = report.board
    if board is None or not board.cards:
        return []
    n = lambda value: number(value, report.language)  # noqa: E731
    links = sum(board.links.values())
    met = sorted((c for c in board.cards if c["met_by"]), key=lambda c: (-c["met_by"], c["title"]))
    out: list[Block] = [
        Subheading(report.label("board")),
        Paragraph(report.label("board_intro")),
        Paragraph(
            report.label(
                "board_figures", cards=n(len(board.cards)), links=n(links), answers=n(board.answers)
            )
        ),
    ]
    if board.answers:
        median, low, high = board.titles_met
        middle = f"{median:g}".replace(".", ",") if report.language == "sv" else f"{median:g}"
        out.append(
            Paragraph(
                report.label("board_spread", median=middle, span=span(low, high, report.language))
            )
        )
    if met:
        out.append(
            Table(
                [report.label("role"), report.label("met")],
                [[card["title"], n(card["met_by"])] for card in met[:MOST_MET]],
                caption=report.label("board_most_met"),
                numeric=(1,),
            )
        )
    titles = ", ".join(card["title"] for card in board.cards[:20])
    out.append(
        Figure(
            board.svg,
            report.label("board_caption", cards=n(len(board.cards)), links=n(links)),
            report.label("board_alt", titles=titles),
            name="board",
            landscape=True,
        )
    )
    return out


def phases(report: Report) -> list[PhaseSection]:
    """The four phases with today's content: everything the app records now is Discover."""
    content: dict[str, list[Block]] = {
        "discover": _topics(report) + _rounds(report) + _board(report),
        "define": [],
        "develop": [],
        "deliver": [],
    }
    return [
        PhaseSection(key, report.label(key), report.label(key + "_intro"), content[key])
        for key in PHASES
    ]


def with_sections(report: Report) -> Report:
    """The report with its overview and phases filled in from its raw data."""
    return dataclasses.replace(report, overview=overview(report), phases=phases(report))
