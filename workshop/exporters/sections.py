"""The report's content as blocks, phase by phase, built from the raw data of the model.

This is the one place that decides what a phase shows. Renderers only draw blocks, so new data
(themes and problem statements in Define, ideas in Develop, actions and decisions in Deliver)
means a few lines here and none in md, html, pdf or docx.
"""

from __future__ import annotations

import dataclasses

from .charts import chart_key, round_chart
from .model import (
    PHASES,
    Block,
    BoardReport,
    BulletList,
    FeedbackLine,
    Figure,
    ListItem,
    Note,
    Paragraph,
    PhaseSection,
    Report,
    Subheading,
    Table,
)
from .typography import long_date, number, span

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
    out: list[Block] = [
        Paragraph(report.count("participants", report.participants_total)),
        BulletList(items),
    ]
    if report.places.get("home"):
        out.append(
            Paragraph(
                report.label("places", room=n(report.places["room"]), home=n(report.places["home"]))
            )
        )
    return (
        out
        + _levels(report)
        + _questions(report)
        + _team(report)
        + [Paragraph(report.label("privacy"), muted=True)]
    )


def _questions(report: Report) -> list[Block]:
    """The quick questions: each one's answers as a table (a word cloud's words by count, a
    scale from 1 to 5 with its median, a choice's options), never who answered what."""
    if not report.questions:
        return []
    n = lambda value: number(value, report.language)  # noqa: E731
    out: list[Block] = [Subheading(report.label("questions_heading"))]
    for question in report.questions:
        out.append(
            Subheading(report.label("question_n", n=question.number) + f": {question.prompt}")
        )
        said = report.count("question_answered", question.respondents)
        if question.status != "closed":
            out += [Paragraph(said), Note(report.label("question_open"))]
            continue
        if question.kind == "scale" and question.median is not None:
            said += " " + report.label(
                "question_median", m=_median(question.median, report.language)
            )
        out.append(Paragraph(said))
        if not question.answers:
            continue
        out.append(
            Table(
                [report.label(f"question_col_{question.kind}"), report.label("question_count")],
                [[line.answer, n(line.count)] for line in question.answers[: report.TOP_LINES]],
                numeric=(1,),
            )
        )
    return out


def _team(report: Report) -> list[Block]:
    """Who ran the day, role by role: a count, and the names of those who agreed to be named
    ("2 moderators: Karin, 1 not named")."""
    if not report.team:
        return []
    items = []
    for line in report.team:
        counted = report.count(f"team_{line.role}", line.count)
        rest = line.count - len(line.names)
        names = list(line.names)
        if names and rest:
            names.append(report.count("team_not_named", rest))
        items.append(ListItem(counted, ", ".join(names)))
    return [Subheading(report.label("team_heading")), BulletList(items)]


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


def _rounds(report: Report, scope: str = "topics") -> list[Block]:
    n = lambda value: number(value, report.language)  # noqa: E731
    rounds = [round_ for round_ in report.rounds if round_.scope == scope]
    if scope == "themes":
        if not rounds:
            return []
        out: list[Block] = [Subheading(report.label("theme_rounds_heading"))]
    else:
        out = [Subheading(report.label("rounds_heading"))]
    if not rounds:
        return out + [Paragraph(report.label("no_rounds"))]
    item = report.label("theme_col" if scope == "themes" else "topic")
    for round_ in rounds:
        heading = report.label("round", n=round_.number)
        out.append(Subheading(heading + (f": {round_.purpose}" if round_.purpose else "")))
        out.append(Paragraph(report.round_rules(round_)))
        if round_.status != "closed":
            out.append(Note(report.label("round_open")))
            continue
        shown, rest = report.top(round_)
        out.append(
            Table(
                [report.label("rank"), item, report.label("dots")],
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
                report.label(chart_key(round_, "chart_caption"), n=round_.number, shown=len(shown))
                if rest
                else report.label(chart_key(round_, "chart_title"), n=round_.number) + ".",
                report.label("chart_alt", lines=lines),
                name=f"round-{round_.number}",
            )
        )
    return out


def _board(report: Report) -> list[Block]:
    board = report.board
    if board is None:
        return []
    n = lambda value: number(value, report.language)  # noqa: E731
    links = sum(board.links.values())
    out: list[Block] = [Subheading(report.label("board")), Paragraph(report.label("board_intro"))]
    if board.answers:
        out += _journey(report, board)
    if board.cards:
        out.append(
            Paragraph(report.label("board_figures", cards=n(len(board.cards)), links=n(links)))
        )
    if board.svg is not None:
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


def _journey(report: Report, board: BoardReport) -> list[Block]:
    """What families answered, the reference case's headline: titles, organisations and
    retellings per family (median and range), their totals, and the roles met most often."""
    n = lambda value: number(value, report.language)  # noqa: E731
    figures = {
        "titles": board.titles_met,
        "organisations": board.organisations_met,
        "retold": board.retold,
    }
    middle = {name: _median(spread[0], report.language) for name, spread in figures.items()}
    out: list[Block] = [
        Paragraph(report.label("journey", answers=n(board.answers), **middle)),
        Table(
            [
                report.label("journey_what"),
                report.label("journey_median"),
                report.label("journey_range"),
            ],
            [
                [
                    report.label(f"journey_{name}"),
                    middle[name],
                    span(spread[1], spread[2], report.language),
                ]
                for name, spread in figures.items()
            ],
            caption=report.label("journey_caption"),
            numeric=(1, 2),
        ),
        Paragraph(
            report.label(
                "journey_totals",
                organisations=n(board.organisations_total),
                retold=n(board.retold_total),
            )
        ),
    ]
    # Every role up to the MOST_MET-th place, and all that share the last place shown.
    shown = [line for line in board.most_met if line["rank"] <= MOST_MET]
    if shown:
        out.append(
            Table(
                [report.label("rank"), report.label("role"), report.label("families")],
                [[n(line["rank"]), line["title"], n(line["answers"])] for line in shown],
                caption=report.label("board_most_met"),
                numeric=(0, 2),
            )
        )
    return out


def _median(value: float, language: str) -> str:
    """A median as people write it: 14, or 3,5 in Swedish."""
    text = f"{value:g}"
    return text.replace(".", ",") if language == "sv" else text


def _agenda(report: Report) -> list[Block]:
    if not report.sessions:
        return []
    n = lambda value: number(value, report.language)  # noqa: E731
    rows = [
        [
            f"{s.starts}–{s.ends}",
            s.space,
            s.title + (" · " + " · ".join(s.also) if s.also else ""),
            n(s.going),
            n(s.here),
        ]
        for s in report.sessions
    ]
    header = ["time", "space", "session", "going", "here"]
    out: list[Block] = [
        Table(
            [report.label("col_" + key) for key in header],
            rows,
            numeric=(3, 4),
            title=report.label("agenda_heading"),
            wide=True,
        )
    ]
    for session in report.sessions:
        if not session.notes:
            continue
        out.append(Subheading(report.label("notes_heading", title=session.title)))
        if session.took_part:
            counts = ", ".join(
                f"{report.label('group_' + key) if 'group_' + key in report.labels else key}: "
                f"{n(count)}"
                for key, count in session.took_part.items()
            )
            out.append(Paragraph(report.label("took_part", counts=counts), muted=True))
        out.append(
            BulletList(
                [
                    ListItem(report.label("notes_" + key), text)
                    for key, text in session.notes.items()
                ]
            )
        )
    return out


def _define(report: Report) -> list[Block]:
    if not report.themes:
        return []
    items = [
        ListItem(
            theme.title,
            theme.statement,
            report.label("theme_from", titles=" · ".join(t.title for t in theme.sources))
            if theme.sources
            else "",
        )
        for theme in report.themes
    ]
    return [Subheading(report.label("themes_heading")), BulletList(items)] + _rounds(
        report, "themes"
    )


def _develop(report: Report) -> list[Block]:
    out: list[Block] = []
    fruit = report.label("low_hanging")
    for theme in report.themes:
        if not theme.ideas and not theme.initiator:
            continue
        out.append(Subheading(theme.title))
        if theme.initiator:
            out.append(Paragraph(report.label("initiator_is", who=theme.initiator)))
        if theme.ideas:
            out.append(
                BulletList(
                    [
                        ListItem(idea.text, idea.detail, fruit if idea.low_hanging else "")
                        for idea in theme.ideas
                    ]
                )
            )
    picked = [(theme, idea) for theme in report.themes for idea in theme.ideas if idea.low_hanging]
    if picked:
        out.append(Subheading(report.label("low_hanging_heading")))
        out.append(BulletList([ListItem(idea.text, theme.title) for theme, idea in picked]))
    return out


def _who(role: str, organisation: str) -> str:
    return ", ".join(part for part in (role, organisation) if part)


def _deliver(report: Report) -> list[Block]:
    out: list[Block] = []
    if report.actions:
        header = ["what", "who", "first_step", "due", "follow_up", "status"]
        out += [
            Table(
                [report.label("col_" + key) for key in header],
                [
                    [
                        a.what + (f" ({a.theme})" if a.theme else ""),
                        _who(a.role, a.organisation),
                        a.first_step,
                        a.due,
                        a.follow_up,
                        a.status,
                    ]
                    for a in report.actions
                ],
                title=report.label("actions_heading"),
                wide=True,
            ),
        ]
    if report.decisions:
        out.append(Subheading(report.label("decisions_heading")))
        out.append(
            BulletList(
                [
                    ListItem(
                        d.text,
                        " · ".join(p for p in (_who(d.role, d.organisation), d.decided_on) if p),
                        report.label("decision_action", what=d.action) if d.action else "",
                    )
                    for d in report.decisions
                ]
            )
        )
    if report.feedback:
        header = ["said", "did", "why_not", "when"]
        out += [
            Subheading(report.label("feedback_heading")),
            Table(
                [report.label("col_" + key) for key in header],
                [
                    [f.said, f"{f.did} ({f.outcome})" if f.did else f.outcome, f.why_not, f.when]
                    for f in report.feedback
                ],
            ),
        ]
    return out


def _what_we_do(line: FeedbackLine, report: Report) -> str:
    """ "We will not do it: no budget – January 2027" says its no as plainly as a yes; without
    the outcome a declined line read as a promise. The outcome is in the sheet's language."""
    said = report.label(f"outcome_{line.outcome_key}") if line.outcome_key else line.outcome
    outcome = f"{said}: {line.why_not}" if line.why_not else said
    parts = (outcome, line.did, line.when)
    return " – ".join(p for p in parts if p and p != line.said)


def next_steps(report: Report) -> list[Block]:
    """What happens next, for the feedback sheet: the published feedback lines and the actions,
    in the report's language; empty when nothing is written yet."""
    out: list[Block] = []
    if report.feedback:
        out.append(
            BulletList(
                [ListItem(f.said or f.did, _what_we_do(f, report)) for f in report.feedback[:6]]
            )
        )
    if report.actions:
        out.append(
            BulletList(
                [
                    ListItem(
                        a.what,
                        " · ".join(
                            p
                            for p in (
                                _who(a.role_in(report.language), a.organisation),
                                long_date(a.due, report.language) if a.due else "",
                            )
                            if p
                        ),
                    )
                    for a in report.actions[:6]
                ]
            )
        )
    return out


def _levels(report: Report) -> list[Block]:
    if not report.levels and not report.consent_notes:
        return []
    items = [
        ListItem(
            report.label("scale_" + level.scale) + ": " + level.name, level.meaning, level.promise
        )
        for level in report.levels
    ]
    out: list[Block] = [BulletList(items)] if items else []
    if report.consent_notes:
        out.append(Paragraph(report.label("consent_notes", notes=report.consent_notes)))
    return out


def phases(report: Report) -> list[PhaseSection]:
    """The four phases and what the app recorded in each."""
    content: dict[str, list[Block]] = {
        "discover": _topics(report) + _agenda(report) + _rounds(report) + _board(report),
        "define": _define(report),
        "develop": _develop(report),
        "deliver": _deliver(report),
    }
    return [
        PhaseSection(key, report.label(key), report.label(key + "_intro"), content[key])
        for key in PHASES
    ]


def with_sections(report: Report) -> Report:
    """The report with its overview and phases filled in from its raw data."""
    return dataclasses.replace(
        report, overview=overview(report), phases=phases(report), next_steps=next_steps(report)
    )
