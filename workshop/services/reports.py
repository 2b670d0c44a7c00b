"""Reports: read one workshop into the plain report model, and write it in the chosen formats."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..domain.errors import DomainError
from ..exporters import board_svg, renderers
from ..exporters.labels import LABELS
from ..exporters.model import BoardReport, Report, ResultLine, RoundReport, TopicLine
from ..exporters.sections import with_sections
from ..store.db import Database
from . import board, reads, sync

BoardWords = Callable[[str], dict[str, Any]]


def _board(
    db: Database, workshop_id: int, language: str, words: BoardWords, title: str
) -> BoardReport | None:
    """The board's cards (roles, never who answered), links by kind, and its picture."""
    view = board.board_view(db, workshop_id, language)
    if not view["cards"]:
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
    svg = board_svg.render(view, labels, title=f"{title} – {LABELS[language]['board']}")
    met = view["aggregates"]
    spread = met["titles"]
    return BoardReport(
        cards,
        dict(sorted(links.items())),
        met["answers"],
        svg,
        (spread["median"], spread["low"], spread["high"]),
    )


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
                    title=shown[str(line["topic_id"])]["title"]
                    if str(line["topic_id"]) in shown
                    else labels["removed"],
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
    )
    return with_sections(raw)


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


def zipped(files: dict[str, bytes]) -> bytes:
    """Every file of a report in one zip, for one download."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(files.items()):
            archive.writestr(name, content)
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
