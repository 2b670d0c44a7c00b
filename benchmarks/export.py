"""How long a large workshop takes to export in every format (issue 11): 500 topics, 5,000 dots
in 20 rounds, 200 board cards. Builds the workshop through the services on a fresh SQLite file,
then times the report model and each renderer. Prints; does not pass or fail.

    .venv/bin/python -m benchmarks.export --topics 500 --votes 5000 --rounds 20 --cards 200
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import tempfile
import time

from workshop import create_app
from workshop.cli import upgrade_database
from workshop.domain.actors import Actor
from workshop.domain.catalog import catalogue
from workshop.domain.errors import DomainError
from workshop.exporters import renderers
from workshop.i18n import board_labels_in
from workshop.services import accounts, board, participants, reports, topics, voting, workshops
from workshop.store.db import get_db


def build(args: argparse.Namespace) -> int:
    db = get_db()
    owner = accounts.create_facilitator(db, "bench@example.se", "benchmark-password")
    wid = workshops.create_workshop(db, owner, {"title": "Stor workshop", "theme": "Hur?"})["id"]
    fac = Actor("facilitator", wid, owner)
    people = [
        Actor(
            "participant",
            wid,
            participants.join(db, wid, {"group": "parent"})[1].result["participant_id"],
        )
        for _ in range(args.people)
    ]
    ids = [
        topics.post_topic(
            db,
            fac,
            None,
            {"title": f"Ämne {i}: samverkan kring barnet", "description": "Beskrivning " * 8},
        ).result["topic"]["id"]
        for i in range(args.topics)
    ]
    rng = random.Random(3)
    per_round = args.votes // args.rounds
    for _ in range(args.rounds):
        voting.open_round(db, fac, None, {"budget": 50, "max_per_topic": 50, "sealed": False})
        for n in range(per_round):
            with contextlib.suppress(DomainError):
                voting.add_vote(db, people[n % len(people)], None, {"topic_id": rng.choice(ids)})
        voting.close_round(db, fac, None, {})
    roles = list(catalogue())
    for n in range(args.cards):
        board.place_card(db, fac, None, {"role_id": roles[n % len(roles)]})
    return wid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--topics", type=int, default=500)
    parser.add_argument("--votes", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--people", type=int, default=120)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="workshop-export-bench-")
    os.environ["WORKSHOP_INSTANCE_PATH"] = folder
    url = f"sqlite:///{folder}/bench.sqlite3"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "benchmark-" * 5})
    upgrade_database(url)
    with app.app_context():
        started = time.perf_counter()
        wid = build(args)
        print(
            f"built: {args.topics} topics, {args.votes} dots in {args.rounds} rounds, "
            f"{args.cards} cards in {time.perf_counter() - started:.1f} s"
        )
        started = time.perf_counter()
        report = reports.build_report(get_db(), wid, board_words=board_labels_in)
        print(f"report model: {time.perf_counter() - started:.2f} s")
        total = 0.0
        for name in sorted(renderers()):
            started = time.perf_counter()
            files = reports.render(report, [name])
            took = time.perf_counter() - started
            total += took
            size = sum(len(body) for body in files.values())
            print(f"  {name:5} {took:6.2f} s  {len(files):3} file(s)  {size / 1024:8.0f} KiB")
        print(f"every format: {total:.2f} s")


if __name__ == "__main__":
    main()
