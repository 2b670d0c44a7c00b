"""Vote load benchmark: N phones each fire V votes (at once, or spread) at a real server process.

    .venv/bin/python -m benchmarks.vote_load --db sqlite --phones 200 --votes 8
    .venv/bin/python -m benchmarks.vote_load --db postgres --phones 200 --votes 8
    .venv/bin/python -m benchmarks.vote_load --db sqlite --phones 50 --votes 5 --spread 60

Prints throughput, ack latency percentiles and how long the wall lagged behind the last ack.
The correctness side (1000 stored, 600 refused, wall tally == database tally) is asserted by
tests/integration/test_vote_concurrency.py; this script measures and prints, it does not judge.
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid

from tests.integration.helpers import (
    NO_QUOTA,
    burst,
    close_all,
    db_tally,
    last_seq,
    percentiles,
    phones,
    room,
    scalar,
    start_server,
    tally_from_events,
    wait_until,
)


def _skip(reason: str) -> None:
    sys.exit(f"cannot run: {reason}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--votes", type=int, default=8, help="votes each phone fires at once")
    parser.add_argument("--budget", type=int, default=5)
    parser.add_argument("--topics", type=int, default=20)
    parser.add_argument(
        "--spread", type=float, default=0.0, help="send over this many seconds (0: all at once)"
    )
    args = parser.parse_args(argv)

    server, cleanup = start_server(args.db, NO_QUOTA, skip=_skip)
    try:
        r = room(server, topics=args.topics, dot_budget=args.budget, max_per_topic=3)
        assert r["console"].command(
            "round.open", sealed=False, budget=args.budget, max_per_topic=3
        )["ok"]
        began = time.monotonic()
        crowd = phones(server, r["code"], r["id"], args.phones)
        joined = time.monotonic() - began
        plan = [
            (
                phone,
                "vote.add",
                {"op_id": uuid.uuid4().hex, "topic_id": r["topics"][(i + k) % args.topics]},
            )
            for i, phone in enumerate(crowd)
            for k in range(args.votes)
        ]
        began = time.monotonic()
        results = burst(plan, timeout=600, spread=args.spread)
        seconds = time.monotonic() - began
        seq = last_seq(server, r["id"])
        wait_until(lambda: r["wall"].max_seq() >= seq, timeout=120)
        wall_lag = time.monotonic() - began - seconds
        latency = percentiles([took for *_, took in results])
        accepted = sum(ack["ok"] for _, _, ack, _ in results)
        stored = scalar(server, "select count(*) from votes")
        agree = tally_from_events(r["wall"].events) == db_tally(server, r["id"])
        close_all([*crowd, r["wall"], r["console"]])
    finally:
        cleanup()

    print(f"database            {args.db}")
    print(f"phones joined       {args.phones} in {joined:.1f} s")
    print(f"commands            {len(plan)} ({args.votes} per phone, budget {args.budget})")
    print(
        f"sent over           {args.spread:.0f} s"
        if args.spread
        else "sent                all at once"
    )
    print(f"all acked after     {seconds:.1f} s ({len(plan) / seconds:.0f} commands/s)")
    print(f"accepted / stored   {accepted} / {stored}; refused {len(plan) - accepted}")
    print("ack latency ms      " + ", ".join(f"{k} {v:.0f}" for k, v in latency.items()))
    print(
        f"wall caught up      {wall_lag:.2f} s after the last ack; tally equals database: {agree}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
