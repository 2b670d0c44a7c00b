"""How long a large workshop takes to export in every format (issues 11 and 23): 500 topics,
5,000 dots in 20 rounds, 200 board cards. Builds the workshop through the services on a fresh
SQLite file, then times the report model, each format the old way (in the server's own process,
one after another) and the new way (the export workers, `services/exports.py`), and the console's
"export everything" from start to the zip. A ticker thread stands in for the live room: how late
its 5 ms naps wake while the server renders, which is what a phone's message waits. Prints; does
not pass or fail.

    .venv/bin/python -m benchmarks.export --topics 500 --votes 5000 --rounds 20 --cards 200
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator

from workshop import create_app
from workshop.cli import upgrade_database
from workshop.domain.actors import Actor
from workshop.domain.catalog import catalogue
from workshop.domain.errors import DomainError
from workshop.exporters import renderers
from workshop.exporters.raster import svg_to_png
from workshop.extensions import get_db
from workshop.i18n import board_labels_in
from workshop.services import (
    accounts,
    board,
    exports,
    participants,
    reports,
    topics,
    voting,
    workshops,
)


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


class Ticker:
    """A thread that naps 5 ms at a time and notes how late it wakes: a stand-in for the live
    room's threads, which wait for the GIL while the server's own process renders."""

    def __init__(self) -> None:
        self.late: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            before = time.perf_counter()
            time.sleep(0.005)
            self.late.append(time.perf_counter() - before - 0.005)

    @contextlib.contextmanager
    def running(self) -> Iterator[Ticker]:
        self._thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            self._thread.join()

    def summary(self) -> str:
        if not self.late:
            return "no ticks"
        ms = sorted(x * 1000 for x in self.late)
        p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
        median = statistics.median(ms)
        return f"room thread late p50 {median:.0f} / p99 {p99:.0f} / max {ms[-1]:.0f} ms"


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    out = fn()
    return time.perf_counter() - started, out


def everything(jobs: exports.ExportJobs, wid: int, report: object) -> tuple[float, int]:
    """The console's "export everything": start, poll as the console does, then the zip."""
    started = time.perf_counter()
    job = jobs.start(wid, report)  # type: ignore[arg-type]
    while job.state == "running":
        time.sleep(0.05)
    if job.state != "done":
        raise SystemExit(f"export failed: {job.error}")
    archive = jobs.archive(job)
    return time.perf_counter() - started, len(archive)


def pieces(report: object, processes: int) -> None:
    """Each piece's processor time, measured in this process one after another (less
    sensitive to a busy machine than the wall clock), and what the longest-first order would
    take on `processes` otherwise idle cores."""
    targets = exports.renderer_targets()
    costs = []
    for piece in exports.pieces_for(report, sorted(targets), targets):  # type: ignore[arg-type]
        # As if each piece had a worker of its own: no picture drawn by an earlier one.
        svg_to_png.cache_clear()
        started = time.process_time()
        exports.render_piece(report, piece)  # type: ignore[arg-type]
        costs.append((time.process_time() - started, piece))
    workers = [0.0] * processes
    for cost, _piece in costs:  # the order the workers take them in
        workers[workers.index(min(workers))] += cost
    longest = sorted(costs, key=lambda c: -c[0])[:4]
    print(
        f"pieces: {len(costs)}, {sum(c for c, _p in costs):.2f} CPU s in all; longest "
        + ", ".join(f"{p.document or p.fmt}.{p.fmt} {c:.2f}" for c, p in longest)
        + f"; on {processes} idle cores the last piece ends after {max(workers):.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--topics", type=int, default=500)
    parser.add_argument("--votes", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--people", type=int, default=120)
    parser.add_argument("--processes", type=int, default=2, help="export workers")
    parser.add_argument("--nice", type=int, default=10, help="the workers' niceness")
    parser.add_argument("--skip-old", action="store_true", help="only the workers")
    parser.add_argument("--pieces-only", action="store_true", help="only the processor times")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="workshop-export-bench-")
    os.environ["WORKSHOP_INSTANCE_PATH"] = folder
    url = f"sqlite:///{folder}/bench.sqlite3"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "benchmark-" * 5})
    upgrade_database(url)
    settings = exports.Settings(processes=args.processes, idle_seconds=3600, nice=args.nice)
    with app.app_context():
        took, wid = timed(lambda: build(args))
        print(
            f"built: {args.topics} topics, {args.votes} dots in {args.rounds} rounds, "
            f"{args.cards} cards in {took:.1f} s; {os.cpu_count()} CPUs, "
            f"load {os.getloadavg()[0]:.1f}"
        )
        took, report = timed(
            lambda: reports.build_report(get_db(), wid, board_words=board_labels_in)
        )
        print(f"report model: {took:.2f} s")
        pieces(report, args.processes)
        if args.pieces_only:
            return
        svg_to_png.cache_clear()  # the old way starts as cold as the workers do
        names = sorted(renderers())
        old: dict[str, float] = {}
        if not args.skip_old:
            with Ticker().running() as ticker:
                for name in names:
                    old[name], files = timed(lambda name=name: reports.render(report, [name]))
            print(
                f"old way, in the server's process: {sum(old.values()):.2f} s; {ticker.summary()}"
            )
        # Cold: the workers start (spawn, imports) inside the first export.
        exports.POOL.stop()
        cold, size = everything(exports.ExportJobs(settings), wid, report)
        print(
            f"export everything, workers cold: {cold:.2f} s ({size / 1024:.0f} KiB zip; "
            f"{args.processes} workers at nice {args.nice})"
        )
        new: dict[str, float] = {}
        with Ticker().running() as ticker:
            for name in names:
                new[name], files = timed(
                    lambda name=name: exports.ExportJobs(settings).render(wid, report, [name])
                )
                sizes = sum(len(body) for body in files.values())  # type: ignore[union-attr]
                was = f"{old[name]:6.2f} s" if name in old else "      -"
                print(
                    f"  {name:5} old {was}  workers {new[name]:6.2f} s  "
                    f"{len(files):3} file(s) {sizes / 1024:8.0f} KiB"  # type: ignore[arg-type]
                )
        print(f"each format on its own through the workers: {ticker.summary()}")
        with Ticker().running() as ticker:
            warm, size = everything(exports.ExportJobs(settings), wid, report)
        print(f"export everything, workers warm: {warm:.2f} s; {ticker.summary()}")
        jobs = exports.ExportJobs(settings)
        everything(jobs, wid, report)
        again, _size = everything(jobs, wid, report)
        print(f"export everything again, workshop unchanged: {again:.3f} s (the kept export)")
        for single in ("report.pdf", "feedback-sv.pdf", "report.docx"):
            took, _files = timed(
                lambda single=single: exports.ExportJobs(settings).render(
                    wid, report, [single.rpartition(".")[2]], single
                )
            )
            print(f"one file, {single}: {took:.2f} s")
    exports.POOL.stop()


if __name__ == "__main__":
    main()
