"""Reports: read one workshop into the plain report model, and write it in the chosen formats."""

from __future__ import annotations

import dataclasses
import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..domain import board as board_rules
from ..domain import reports as rules_of
from ..domain.errors import DomainError
from ..exporters import board_svg, renderers
from ..exporters.labels import LABELS
from ..exporters.model import (
    ActionLine,
    BoardReport,
    DecisionLine,
    FeedbackLine,
    IdeaLine,
    LevelLine,
    Report,
    ResultLine,
    RoundReport,
    SessionLine,
    TeamLine,
    ThemeReport,
    TopicLine,
)
from ..exporters.sections import with_sections
from ..store.db import Database
from ..store.models import ReportDetails
from . import (
    actions,
    agenda,
    board,
    catalog,
    consultation,
    decisions,
    feedback,
    participation,
    questions,
    reads,
    sync,
    team,
    themes,
)
from .runner import FACILITATOR, Context, workshop_command

# A session's notes in a report: what was said and what should happen, not who convened it.
NOTES_IN_REPORTS = ("discussion", "recommendations", "next_steps")

BoardWords = Callable[[str], dict[str, Any]]


def _board(
    db: Database, workshop_id: int, language: str, words: BoardWords, title: str
) -> BoardReport | None:
    """The board's cards (roles, never who answered), links by kind and its picture, and the
    families' answers as aggregates: there whenever there are cards or answers."""
    view = board.board_view(db, workshop_id, language)
    met = view["aggregates"]
    if not view["cards"] and not met["answers"]:
        return None
    labels = words(language)
    cards = [
        {
            "title": card["title"],
            "sector": card["sector"],
            "group": card["group"] or "",
            "met_by": card["met_by"],
        }
        for card in view["cards"]
    ]
    links = Counter(link["kind"] for link in view["links"])
    svg = (
        board_svg.render(view, labels, title=f"{title} – {LABELS[language]['board']}")
        if cards
        else None
    )
    roles = catalog.roles_in(db, workshop_id, language, hidden=True)
    titles = {role["id"]: role["title"] for role in roles}

    def spread(name: str) -> tuple[float, int, int]:
        return (met[name]["median"], met[name]["low"], met[name]["high"])

    return BoardReport(
        cards,
        dict(sorted(links.items())),
        met["answers"],
        svg,
        titles_met=spread("titles"),
        organisations_met=spread("organisations"),
        retold=spread("retold"),
        organisations_total=met["organisations_total"],
        retold_total=met.get("retold_total", 0),
        # Roles that share a place read in alphabetical order of their titles.
        most_met=sorted(
            (
                {"rank": rank, "title": titles.get(role_id, role_id), "answers": n}
                for rank, role_id, n in board_rules.most_met(met["heat"])
            ),
            key=lambda line: (line["rank"], line["title"]),
        ),
    )


@workshop_command(roles=FACILITATOR, permission="run")
def save_details(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Say when and where the day was held, who organised it, and the case number and officer
    the report is filed under (all optional; what is left out is emptied)."""
    details = rules_of.clean_details(data)
    row = ctx.session.get(ReportDetails, ctx.workshop.id)
    if row is None:
        row = ReportDetails(workshop_id=ctx.workshop.id)
        ctx.session.add(row)
    row.held_on = date.fromisoformat(details.held_on) if details.held_on else None
    row.place, row.organisation = details.place, details.organisation
    row.case_number, row.officer = details.case_number, details.officer
    return {"details": dataclasses.asdict(details)}


def details(db: Database, workshop_id: int) -> rules_of.ReportDetails:
    """What the coordinator said about the day (empty fields when nothing)."""
    with db.read() as session:
        row = session.get(ReportDetails, workshop_id)
        if row is None:
            return rules_of.ReportDetails()
        return rules_of.ReportDetails(
            held_on=row.held_on.isoformat() if row.held_on else "",
            place=row.place,
            organisation=row.organisation,
            case_number=row.case_number,
            officer=row.officer,
        )


def _later_phases(
    db: Database, workshop_id: int, state: dict[str, Any], language: str
) -> dict[str, Any]:
    """What Define, Develop and Deliver recorded, and the Open Space agenda, as model values.

    Each feature's own read decides what may be shown (hidden topics and ideas are already
    left out there); this only turns them into the report's plain values."""
    labels = LABELS[language]
    defined = themes.themes_for_report(db, workshop_id)
    theme_titles = {theme.id: theme.title for theme in defined.themes}
    action_list = actions.actions_for_report(db, workshop_id, language)
    action_titles = {action.id: action.what for action in action_list}
    chosen = participation.participation_for_report(db, workshop_id, language)
    levels = [
        LevelLine(scale, level.name, level.meaning, level.promise)
        for scale, level in (
            ("shier", chosen.shier),
            ("trappa", chosen.trappa),
            ("anonymity", chosen.anonymity),
        )
        if level is not None
    ]
    return {
        "phase_now": defined.phase,
        "sessions": [
            SessionLine(
                line.starts,
                line.ends,
                line.space,
                line.title,
                list(line.also),
                line.going,
                line.here,
                {k: v for k, v in line.notes.items() if k in NOTES_IN_REPORTS and v.strip()},
                {k: n for k, n in line.took_part.items() if n},
            )
            for line in agenda.agenda_for_report(db, workshop_id)
        ],
        "themes": [
            ThemeReport(
                theme.title,
                theme.statement,
                theme.initiator,
                [TopicLine(t.title, t.description) for t in theme.sources],
                [IdeaLine(i.text, i.detail, i.low_hanging) for i in theme.ideas],
            )
            for theme in defined.themes
        ],
        "actions": [
            ActionLine(
                action.what,
                action.role,
                action.organisation,
                action.first_step,
                action.due,
                action.follow_up,
                theme_titles.get(action.theme_id, "") if action.theme_id else "",
                labels["status_" + action.status],
                action.role_titles,
            )
            for action in action_list
        ],
        "decisions": [
            DecisionLine(
                decision.text,
                decision.role,
                decision.organisation,
                decision.decided_on,
                action_titles.get(decision.action_id, "") if decision.action_id else "",
            )
            for decision in decisions.decisions_for_report(db, workshop_id, language)
        ],
        "feedback": [
            FeedbackLine(
                item["said"],
                item["did"],
                item["why_not"],
                item["when"],
                labels["outcome_" + item["outcome"]],
                item["outcome"],
                item.get("versions") or {},
            )
            for item in feedback.feedback_for_report(db, workshop_id)
        ],
        "levels": levels,
        "consent_notes": chosen.consent_notes,
        "places": consultation.places_for_report(db, workshop_id),
    }


def _result_title(
    line: dict[str, Any], shown: dict[str, Any], state: dict[str, Any], labels: dict[str, str]
) -> str:
    """A ranking line's title: a shown topic's, or a theme's in a round on themes."""
    if line.get("theme_id") is not None:
        theme = state.get("themes", {}).get(str(line["theme_id"]))
        return theme["title"] if theme else labels["removed_theme"]
    topic = shown.get(str(line["topic_id"]))
    return topic["title"] if topic else labels["removed"]


def build_report(
    db: Database,
    workshop_id: int,
    *,
    now: datetime | None = None,
    board_words: BoardWords | None = None,
) -> Report:
    """The workshop as a report: no identities, no hidden or unreviewed topics, votes as totals.

    A report made while the workshop is open is a draft and says so. `board_words` gives the
    board's fixed words in a language (they are translated with the pages); without it the
    report has no board.
    """
    state = sync.snapshot(db, workshop_id, include_hidden=True)
    workshop = state["workshop"]
    language = workshop["language"] if workshop["language"] in LABELS else "sv"
    labels = LABELS[language]
    shown = sync.shown_topics(state)
    rounds = []
    with db.read() as session:
        for entry in state["rounds"]:
            voters, dots = reads.turnout(session, entry["id"])
            results = [
                ResultLine(
                    rank=line["rank"],
                    title=_result_title(line, shown, state, labels),
                    total=line["total"],
                )
                for line in entry["results"] or []
            ]
            rounds.append(
                RoundReport(
                    number=entry["number"],
                    purpose=entry["purpose"],
                    budget=entry["budget"],
                    max_per_topic=entry["max_per_topic"],
                    status=entry["status"],
                    voters=voters,
                    dots=dots,
                    results=results,
                    scope=entry.get("scope", "topics"),
                )
            )
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    drawn = (
        _board(db, workshop_id, language, board_words, workshop["title"]) if board_words else None
    )
    raw = Report(
        title=workshop["title"],
        theme=workshop["theme"],
        language=language,
        status=workshop["status"],
        generated_at=moment.strftime("%Y-%m-%d %H:%M UTC"),
        draft=workshop["status"] == "open",
        participants_total=state["participants"]["total"],
        participants_by_group=dict(state["participants"]["counts"]),
        topics=[
            TopicLine(topic["title"], topic["description"], list(topic.get("also", [])))
            for _tid, topic in sorted(shown.items(), key=lambda item: int(item[0]))
        ],
        rounds=rounds,
        labels=labels,
        board=drawn,
        contact=_contact(workshop.get("texts") or {}, language),
        titles={
            mode: own["title"]
            for mode, own in (workshop.get("texts") or {}).items()
            if own.get("title")
        },
        questions=questions.questions_for_report(db, workshop_id),
        **dataclasses.asdict(details(db, workshop_id)),
        **_later_phases(db, workshop_id, state, language),
        team=[TeamLine(**line) for line in team.report_team(db, workshop_id)],
    )
    return with_sections(raw)


def _contact(texts: dict[str, dict[str, str]], language: str) -> str:
    """Whom participants ask, as the coordinator wrote it in the consultation's notice (in the
    report's language, else in any mode that has it): the feedback sheet names them."""
    for mode in (language, "sv", "sv_easy", "en"):
        contact = (texts.get(mode) or {}).get("contact", "").strip()
        if contact:
            return contact
    return ""


def folder_name(report: Report) -> str:
    """exports/<workshop-slug>-<date>: letters and digits of the title, å ä ö kept simple."""
    simple = unicodedata.normalize("NFKD", report.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", simple.lower()).strip("-")[:48] or "workshop"
    return f"{slug}-{report.generated_at[:10]}"


def render(report: Report, formats: list[str]) -> dict[str, bytes]:
    """The report's files in each format asked for; an unknown format is refused by name."""
    available = renderers()
    unknown = [name for name in formats if name not in available]
    if unknown:
        raise DomainError("bad_request", field="format:" + ",".join(unknown))
    files: dict[str, bytes] = {}
    for name in formats:
        files.update(available[name](report))
    return files


# Already compressed inside: deflating them again costs the server a second for nothing.
STORED = (".pdf", ".docx", ".png")


def zipped(files: dict[str, bytes]) -> bytes:
    """Every file of a report in one zip, for one download."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(files.items()):
            method = zipfile.ZIP_STORED if name.endswith(STORED) else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=method)
    return buffer.getvalue()


def write(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write the files into `out_dir`; each one whole or not at all (a temporary name first)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in sorted(files.items()):
        target = out_dir / name
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(content)
        partial.replace(target)
        written.append(target)
    return written
