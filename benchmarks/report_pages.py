"""A small demonstration workshop exported in every format, and the PDF's pages as PNG to look
at (docs/screenshots/report-*.png come from here). Pages are drawn with PDFium (pypdfium2 from
PyPI): a wheel with the engine inside, so it needs no Debian package and no root, unlike
poppler's pdftoppm.

    .venv/bin/python -m benchmarks.report_pages --out /tmp/report-demo [--pages 2]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from workshop import create_app
from workshop.cli import upgrade_database
from workshop.domain.actors import Actor
from workshop.domain.catalog import catalogue
from workshop.domain.errors import DomainError
from workshop.extensions import get_db
from workshop.i18n import board_labels_in
from workshop.services import (
    accounts,
    actions,
    board,
    board_answers,
    decisions,
    feedback,
    ideas,
    participants,
    participation,
    phases,
    reports,
    themes,
    topics,
    voting,
    workshops,
)

TOPICS = [
    ("En väg in för hela familjen", "Ett ställe att ringa, som hjälper oss vidare."),
    ("Slippa berätta samma sak många gånger", "Vi berättar vår historia för varje ny person."),
    ("Tolk vid alla möten", ""),
    ("Kortare väntetider till BUP", "Ett år är lång tid när man är 14."),
    ("Skolan och socialtjänsten pratar med varandra", ""),
    ("Fritidsaktiviteter nära hemmet", "Gratis, på kvällar och helger."),
    ("En kontaktperson som finns kvar", ""),
    ("Information på lätt svenska", ""),
]


def build() -> int:
    """The demo workshop: eight topics, two rounds, twelve cards on the board with links."""
    db = get_db()
    owner = accounts.create_facilitator(db, "demo@example.se", "demonstration-password")
    wid = workshops.create_workshop(
        db,
        owner,
        {
            "title": "Barn och familjer: en väg in",
            "theme": "Hur kan vi göra det enklare för familjer att få rätt stöd?",
        },
    )["id"]
    fac = Actor("facilitator", wid, owner)
    groups = ["young"] * 9 + ["parent"] * 8 + ["professional"] * 7
    people = [
        Actor(
            "participant", wid, participants.join(db, wid, {"group": g})[1].result["participant_id"]
        )
        for g in groups
    ]
    ids = [
        topics.post_topic(db, people[i], None, {"title": t, "description": d}).result["topic"]["id"]
        for i, (t, d) in enumerate(TOPICS)
    ]
    rng = random.Random(11)
    # Some topics matter to more people than others, so the rankings are not all ties.
    weights = [9, 7, 6, 5, 3, 3, 2, 1]
    for budget, cap, purpose in ((3, 2, "Vad är viktigast?"), (2, 1, "Vad gör vi först?")):
        voting.open_round(
            db, fac, None, {"budget": budget, "max_per_topic": cap, "purpose": purpose}
        )
        for person in people:
            for topic in rng.choices(ids, weights=weights, k=budget):
                with contextlib.suppress(DomainError):
                    voting.add_vote(db, person, None, {"topic_id": topic})
        voting.close_round(db, fac, None, {})
        weights = weights[:4] + [0, 0, 0, 0]
    roles = list(catalogue())
    picks = [roles[i] for i in range(0, len(roles), max(1, len(roles) // 12))][:12]
    cards = [board.place_card(db, fac, None, {"role_id": r}).result["card"] for r in picks]
    for a, b, kind in (
        (0, 1, "works_with"),
        (2, 3, "refers_to"),
        (4, 5, "double_work"),
        (6, 7, "between_chairs"),
    ):
        board.add_link(
            db, fac, None, {"source_id": cards[a]["id"], "target_id": cards[b]["id"], "kind": kind}
        )
    for n, person in enumerate(people[:12]):
        board_answers.answer_roles_met(
            db, person, None, {"roles_met": picks[: 2 + n % 5], "retold": []}
        )
    _later_phases(fac, people, ids)
    return wid


def _later_phases(fac: Actor, people: list[Actor], ids: list[int]) -> None:
    """Define, Develop and Deliver: two themes from the topics, a round on them, ideas with a
    low-hanging fruit, an action, a decision, the participation levels and a feedback line."""
    db = get_db()
    phases.change_phase(db, fac, None, {"phase": "define"})
    made = []
    for title, statement, initiator, members in (
        (
            "En väg in",
            "Hur kan vi ge familjer ett ställe att börja, som hjälper dem vidare?",
            "Familjecentralen",
            (0, 1, 6),
        ),
        (
            "Snabbare stöd",
            "Hur kan vi korta väntan på stöd för barn och unga?",
            "Elevhälsan, Norrskolan",
            (3, 4),
        ),
    ):
        body = {"title": title, "statement": statement, "initiator": initiator}
        theme = themes.create_theme(db, fac, None, body).result["theme"]["id"]
        for k in members:
            themes.add_topic(db, fac, None, {"theme_id": theme, "topic_id": ids[k]})
        made.append(theme)
    voting.open_round(db, fac, None, {"scope": "themes", "budget": 2, "max_per_topic": 2})
    for n, person in enumerate(people):
        themes.add_dot(db, person, None, {"theme_id": made[0] if n % 3 else made[1]})
    voting.close_round(db, fac, None, {})
    phases.change_phase(db, fac, None, {"phase": "develop"})
    for n, (theme, text) in enumerate(
        (
            (made[0], "Ett telefonnummer till familjecentralen på skolans webbplats"),
            (made[0], "En kontaktperson som följer familjen"),
            (made[1], "Öppen mottagning hos skolkuratorn varje vecka"),
        )
    ):
        idea = ideas.post_idea(db, people[n], None, {"theme_id": theme, "text": text})
        if n != 1:
            mark = {"idea_id": idea.result["idea"]["id"], "low_hanging": True}
            ideas.mark_idea(db, fac, None, mark)
    phases.change_phase(db, fac, None, {"phase": "deliver"})
    card = {
        "what": "Telefonnumret till familjecentralen på alla skolors webbplatser",
        "who": {"role_id": "rektor", "organisation": "Grundskolan"},
        "first_step": "Fråga kommunikatören",
        "due": "2027-01-31",
        "follow_up": "2027-03-01",
        "theme_id": made[0],
    }
    action = actions.add_action(db, fac, None, card).result["action"]["id"]
    decision = {
        "text": "Familjecentralen blir en väg in under 2027",
        "who": {"role": "Ledningsgruppen"},
        "decided_on": "2026-11-27",
        "action_id": action,
    }
    decisions.record_decision(db, fac, None, decision)
    levels = {"shier": "3", "trappa": "dialog", "anonymity": "anonymous"}
    participation.set_participation(db, fac, None, levels)
    line = {
        "said": "Slippa berätta samma sak många gånger",
        "did": "Familjecentralen blir en väg in",
        "outcome": "will",
        "when": "Våren 2027",
        "published": True,
    }
    feedback.add_item(db, fac, None, line)


def pdf_pages(pdf: bytes, out: Path, stem: str, pages: int, scale: float = 1.4) -> list[Path]:
    """The first `pages` pages of a PDF as PNG files <stem>-1.png, <stem>-2.png, ..."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    written = []
    try:
        for index in range(min(pages, len(document))):
            target = out / f"{stem}-{index + 1}.png"
            document[index].render(scale=scale).to_pil().save(target)
            written.append(target)
    finally:
        document.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--pages", type=int, default=3)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="workshop-report-demo-")
    os.environ["WORKSHOP_INSTANCE_PATH"] = folder
    url = f"sqlite:///{folder}/demo.sqlite3"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "demonstration-" * 4})
    upgrade_database(url)
    with app.app_context():
        wid = build()
        report = reports.build_report(
            get_db(),
            wid,
            now=datetime(2026, 11, 27, 15, 0, tzinfo=UTC),
            board_words=board_labels_in,
        )
        files = reports.render(report, ["md", "html", "docx", "pdf", "csv", "json", "svg", "png"])
    reports.write(files, args.out)
    for name in ("report", "feedback-sv", "feedback-en"):
        for path in pdf_pages(files[f"{name}.pdf"], args.out, f"{name}-page", args.pages):
            print(path)


if __name__ == "__main__":
    main()
