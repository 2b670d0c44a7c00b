"""What one vote command costs inside the server process: no sockets, no threads, no clients.

The vote's transaction is the serial part of a burst (commands on one workshop run one group
at a time) and what a calm room waits for before a vote is sent, so it is measured alone here,
where a change to its SQL shows without the noise of a thousand sockets:

    .venv/bin/python -m benchmarks.vote_cost                  # SQLite, 50 voters, 600 votes
    .venv/bin/python -m benchmarks.vote_cost --pause 0.2      # a pause before each (a calm room)
    .venv/bin/python -m benchmarks.vote_cost --profile 30     # and cProfile's top 30 lines

It migrates a fresh SQLite file with Alembic, opens a round, and has `--voters` participants
vote in turn through `services.voting.add_vote` (the command a phone's `vote.add` runs), then
prints the time per command: p50, p90, p99, and the statements it sent.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tests.integration.helpers import percentiles
from workshop import create_app
from workshop.cli import upgrade_database
from workshop.domain.actors import Actor
from workshop.extensions import get_db
from workshop.services import accounts, participants, topics, voting, workshops


def run(voters: int, votes: int, pause: float, profile_lines: int) -> dict[str, Any]:
    """Cast `votes` votes, one at a time; the figures as a dict."""
    folder = Path(tempfile.mkdtemp(prefix="vote-cost-"))
    url = f"sqlite:///{folder / 'cost.sqlite3'}"
    upgrade_database(url)
    app = create_app(
        {"DATABASE_URL": url, "SECRET_KEY": "x" * 48, "WORKSHOP_INSTANCE_PATH": str(folder)}
    )
    with app.app_context():
        db = get_db()
        owner = accounts.create_facilitator(db, "cost@example.se", "a long enough password")
        workshop = workshops.create_workshop(db, owner, {"title": "Kostnad", "theme": "Röster"})
        fac = Actor("facilitator", workshop["id"], owner)
        topic_ids = [
            topics.post_topic(db, fac, None, {"title": f"Ämne {i}"}).result["topic"]["id"]
            for i in range(10)
        ]
        voting.open_round(db, fac, None, {"budget": 50, "max_per_topic": 50, "sealed": False})
        people = [
            Actor(
                "participant",
                workshop["id"],
                participants.join(db, workshop["id"], {})[1].result["participant_id"],
            )
            for _ in range(voters)
        ]
        statements = 0

        def count(*_args: Any) -> None:
            nonlocal statements
            statements += 1

        sa.event.listen(db.engine, "before_cursor_execute", count)
        seconds = []
        profiler = cProfile.Profile() if profile_lines else None
        for k in range(votes):
            person = people[k % voters]
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            voting.add_vote(db, person, f"cost-{k}", {"topic_id": topic_ids[k % len(topic_ids)]})
            if profiler:
                profiler.disable()
            seconds.append(time.perf_counter() - started)
            if pause:
                time.sleep(pause)
        sa.event.remove(db.engine, "before_cursor_execute", count)
        db.dispose()
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(profile_lines)
    spread = percentiles(seconds[votes // 10 :])  # the first tenth warms caches
    return {
        "votes": votes,
        "pause_s": pause,
        **{f"{name}_ms": round(ms, 2) for name, ms in spread.items()},
        "statements_per_vote": round(statements / votes, 1),
    }


def main(argv: list[str] | None = None) -> None:
    """Parse the options, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=50)
    parser.add_argument("--votes", type=int, default=600)
    parser.add_argument("--pause", type=float, default=0.0, help="seconds between votes")
    parser.add_argument("--profile", type=int, default=0, help="print cProfile's top N lines")
    args = parser.parse_args(argv)
    print(run(args.voters, args.votes, args.pause, args.profile))


if __name__ == "__main__":
    main()
