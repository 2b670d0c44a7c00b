"""The app against the bare Socket.IO floor, interleaved: votes to every screen, and a burst.

    .venv/bin/python -m benchmarks.scale                       # 50, 200, 500, 1000 phones + burst
    .venv/bin/python -m benchmarks.scale --phones 50 200 --no-burst --seconds 10
    .venv/bin/python -m benchmarks.scale --db postgres --processes 2   # scale-out: see below

For each room size the floor (benchmarks/floor_server.py: python-socketio alone, no database)
and the app (`workshop serve`, SQLite unless --db postgres) run one after the other with the same
clients: N phones joined, and for the app a console and a wall as well. Votes come from random
phones at --rate per second for --seconds; the latency of one vote at one screen is the arrival
of its `vote.cast` there minus the moment its sender emitted it, for every screen but the
sender's. The burst: --burst-phones phones each send --burst-votes votes in the same instant;
measured are the time until every one is answered and the time until every screen's tally
equals the server's.

The clients are tests/support/eio.py on one asyncio loop. A row where the client process used more
than 85 % of a core during the measurement is flagged: it then measured itself as well.
Writes results.json, results.md and latency.png to --out (benchmarks/results/scale by default).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from tests.integration.helpers import NO_QUOTA, db_tally, parallel
from tests.support.eio import Client, connect_many
from tests.support.live import (
    LiveServer,
    children_of,
    cookie_header,
    fresh_postgres_url,
    postgres_available,
    proc_status,
)

CLIENT_CPU_FLAG = 0.85
TOPICS = 20
TICKS = os.sysconf("SC_CLK_TCK")


# --- measuring --------------------------------------------------------------------------------


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its threads so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


# --- the two servers ----------------------------------------------------------------------------


@dataclass
class Room:
    """What a run needs of a server: how to make each screen, the topics, and the truth."""

    base: str
    phone_factories: list[Callable[[], Client]]
    screen_factories: list[Callable[[], Client]]
    topics: list[int]
    tally: Callable[[], dict[int, int]]
    worker_pids: list[int]


class Floor:
    def __init__(self, threads: int, model: str = "threading") -> None:
        self.threads = threads
        self.model = model
        self.name = "floor" if model == "threading" else f"floor-{model}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-k",
                "gthread" if self.model == "threading" else self.model,
                "--threads",
                str(self.threads),
                "--worker-connections",
                str(self.threads + 1000),
                "--timeout",
                "0",
                "--log-level",
                "warning",
                "-b",
                f"127.0.0.1:{self.port}",
                "benchmarks.floor_server:app",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "FLOOR_ASYNC_MODE": self.model},
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.base}/", timeout=1).ok:
                    return
            time.sleep(0.1)
        raise RuntimeError("the floor server did not start")

    def worker_pids(self) -> list[int]:
        return children_of(self.process.pid) if self.process else []

    def room(self, phones: int, budget: int) -> Room:
        requests.get(f"{self.base}/reset", timeout=5)

        def make() -> Client:
            return Client(self.base, auth={})

        def tally() -> dict[int, int]:
            return {
                int(k): v for k, v in requests.get(f"{self.base}/tally", timeout=10).json().items()
            }

        return Room(
            base=self.base,
            phone_factories=[make] * phones,
            # The app's room has a console and a wall; the floor gets two plain screens.
            screen_factories=[make, make],
            topics=list(range(1, TOPICS + 1)),
            tally=tally,
            worker_pids=self.worker_pids(),
        )

    async def prepare(self, room: Room, screens: list[Client], budget: int) -> None:
        return None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=15)
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()


class App:
    name = "app"

    def __init__(self, threads: int, db: str, env: dict[str, str], processes: int = 1) -> None:
        self.threads = threads
        self.db = db
        self.env = env
        self.processes = processes
        self.servers: list[LiveServer] = []
        self.drop: Callable[[], None] | None = None

    def start(self) -> None:
        url = None
        if self.db == "postgres":
            reason = postgres_available()
            if reason:
                sys.exit(f"cannot run on PostgreSQL: {reason}")
            url, self.drop = fresh_postgres_url()
        env = {
            **NO_QUOTA,
            # Every benchmark phone comes from 127.0.0.1.
            "WORKSHOP_MAX_SOCKETS_PER_ADDRESS": "0",
            **self.env,
        }
        if self.processes > 1:
            # Scaled out as docs/deploy.md describes: one database, Redis between the processes.
            env["WORKSHOP_MESSAGE_QUEUE"] = env.get(
                "WORKSHOP_MESSAGE_QUEUE", "redis://127.0.0.1:6379/0"
            )
            env["WORKSHOP_MESSAGE_QUEUE_CHANNEL"] = f"bench-{uuid.uuid4().hex[:8]}"
        for _ in range(self.processes):
            server = LiveServer(database_url=url, env=env, threads=self.threads)
            self.servers.append(server)
            server.start()
        self.servers[0].add_facilitator()

    def worker_pids(self) -> list[int]:
        return [pid for server in self.servers for pid in server.pids()[1:]]

    def room(self, phones: int, budget: int) -> Room:
        first = self.servers[0]
        session = first.login()
        info = first.create_workshop(session)
        self.workshop_id = info["id"]
        # Phones are spread over the processes, as a load balancer with sticky sessions would.
        joined = parallel(
            lambda i: (i, self.servers[i % len(self.servers)].join(info["join_code"])),
            range(phones),
            workers=16,
        )

        def phone(i: int, cookie: str) -> Callable[[], Client]:
            return lambda: Client(
                self.servers[i % len(self.servers)].base,
                headers={"Cookie": cookie},
                auth={"view": "phone", "workshop_id": info["id"]},
            )

        console_cookie = cookie_header(session)
        last = self.servers[-1]
        return Room(
            base=first.base,
            phone_factories=[phone(i, cookie_header(s)) for i, s in joined],
            screen_factories=[
                lambda: Client(
                    first.base,
                    headers={"Cookie": console_cookie},
                    auth={"view": "console", "workshop_id": info["id"]},
                ),
                # The wall on the other process: it sees the console's events through Redis.
                lambda: Client(last.base, auth={"view": "wall", "join_code": info["join_code"]}),
            ],
            topics=[],
            tally=lambda: db_tally(first, info["id"]),
            worker_pids=self.worker_pids(),
        )

    async def prepare(self, room: Room, screens: list[Client], budget: int) -> None:
        """Topics and an open, unsealed round, made from the console as a coordinator would."""
        console = screens[0]
        for i in range(TOPICS):
            ack = await console.call(
                "topic.post", {"op_id": uuid.uuid4().hex, "title": f"Ämne {i}"}
            )
            room.topics.append(ack["topic"]["id"])
        ack = await console.call(
            "round.open",
            {"op_id": uuid.uuid4().hex, "sealed": False, "budget": budget, "max_per_topic": budget},
        )
        assert ack["ok"], ack

    def stop(self) -> None:
        for server in self.servers:
            server.cleanup()
        if self.drop is not None:
            self.drop()


# --- one run ------------------------------------------------------------------------------------


@dataclass
class Arrivals:
    """What one screen received: (topic_id, total) of every vote.cast, with its arrival time."""

    seen: dict[tuple[int, int], float] = field(default_factory=dict)
    tally: dict[int, int] = field(default_factory=dict)

    def on_event(self, name: str, args: list[Any], arrived: float) -> None:
        if name != "events" or not args:
            return
        for event in args[0]:
            if event.get("type") != "vote.cast":
                continue
            payload = event["payload"]
            topic, total = payload["topic_id"], payload["total"]
            self.seen.setdefault((topic, total), arrived)
            if total is not None and total > self.tally.get(topic, 0):
                self.tally[topic] = total


def _attach(clients: list[Client]) -> list[Arrivals]:
    logs = []
    for client in clients:
        log = Arrivals()
        client.on_event = log.on_event
        logs.append(log)
    return logs


async def latency_run(
    phones: list[Client],
    screens: list[Client],
    topics: list[int],
    rate: float,
    seconds: float,
    rng: random.Random,
) -> dict[str, Any]:
    clients = phones + screens
    logs = _attach(clients)
    sent: dict[tuple[int, int], tuple[float, int]] = {}
    failures = 0

    async def vote(sender: int, topic: int) -> None:
        nonlocal failures
        emitted = time.monotonic()
        try:
            ack = await phones[sender].call(
                "vote.add", {"op_id": uuid.uuid4().hex, "topic_id": topic}, timeout=60
            )
        except (TimeoutError, ConnectionError):
            failures += 1
            return
        if ack.get("ok"):
            sent[(ack["topic_id"], ack["total"])] = (emitted, sender)
        else:
            failures += 1

    count = int(rate * seconds)
    began = time.monotonic()
    tasks = []
    for k in range(count):
        await asyncio.sleep(max(0.0, began + k / rate - time.monotonic()))
        tasks.append(asyncio.create_task(vote(rng.randrange(len(phones)), rng.choice(topics))))
    await asyncio.gather(*tasks)
    # Every screen but the sender's should see every vote: wait for them (or give up).
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if all(len(log.seen) >= len(sent) for log in logs):
            break
        await asyncio.sleep(0.05)
    latencies: list[float] = []
    last_screen: list[float] = []
    missing = 0
    for key, (emitted, sender) in sent.items():
        worst = 0.0
        for index, log in enumerate(logs):
            if index == sender:
                continue
            arrived = log.seen.get(key)
            if arrived is None:
                missing += 1
                continue
            took = (arrived - emitted) * 1000
            latencies.append(took)
            worst = max(worst, took)
        last_screen.append(worst)
    return {
        "votes": count,
        "answered": len(sent),
        "failed": failures,
        "deliveries": len(latencies),
        "missing": missing,
        "p50_ms": round(pct(latencies, 50), 1),
        "p90_ms": round(pct(latencies, 90), 1),
        "p99_ms": round(pct(latencies, 99), 1),
        "max_ms": round(max(latencies, default=float("nan")), 1),
        "last_screen_p99_ms": round(pct(last_screen, 99), 1),
        "last_screen_mean_ms": round(statistics.fmean(last_screen), 1) if last_screen else None,
    }


async def burst_run(
    phones: list[Client],
    screens: list[Client],
    topics: list[int],
    votes_each: int,
    tally: Callable[[], dict[int, int]],
) -> dict[str, Any]:
    logs = _attach(phones + screens)
    answers: list[dict[str, Any]] = []
    answered_at: list[float] = []

    async def vote(phone: Client, topic: int) -> None:
        try:
            ack = await phone.call("vote.add", {"op_id": uuid.uuid4().hex, "topic_id": topic})
        except (TimeoutError, ConnectionError) as error:
            ack = {"ok": False, "error": {"code": type(error).__name__}}
        answers.append(ack)
        answered_at.append(time.monotonic())

    began = time.monotonic()
    await asyncio.gather(
        *(
            vote(phone, topics[(i * votes_each + k) % len(topics)])
            for i, phone in enumerate(phones)
            for k in range(votes_each)
        )
    )
    all_answered = max(answered_at) - began
    truth = await asyncio.to_thread(tally)
    deadline = time.monotonic() + 30
    equal_after = None
    while time.monotonic() < deadline:
        if all(log.tally == truth for log in logs):
            equal_after = time.monotonic() - began - all_answered
            break
        await asyncio.sleep(0.02)
    codes: dict[str, int] = {}
    for ack in answers:
        code = "stored" if ack.get("ok") else ack.get("error", {}).get("code", "?")
        codes[code] = codes.get(code, 0) + 1
    return {
        "commands": len(answers),
        "answers": codes,
        "all_answered_s": round(all_answered, 2),
        "commands_per_s": round(len(answers) / all_answered, 1),
        "screens_equal_after_s": None if equal_after is None else round(equal_after, 2),
        "screens_unequal": sum(log.tally != truth for log in logs),
    }


async def measure(
    target: Floor | App, phones: int, args: argparse.Namespace, burst: bool
) -> dict[str, Any]:
    # Latency rounds: the largest budget a round allows (a phone rarely votes twice in them).
    budget = args.burst_votes if burst else 50
    room = await asyncio.to_thread(target.room, phones, budget)
    screens = await connect_many(room.screen_factories)
    await target.prepare(room, screens, budget)
    before_connect = {pid: proc_status(pid)["VmRSS"] for pid in room.worker_pids}
    crowd = await connect_many(room.phone_factories)
    await asyncio.sleep(1.0)  # let the handshakes settle before the clock starts
    row: dict[str, Any] = {
        "target": target.name,
        "phones": phones,
        "server_rss_kb_per_phone": round(
            sum(proc_status(p)["VmRSS"] - before_connect[p] for p in room.worker_pids) / phones, 1
        )
        if room.worker_pids
        else None,
        "server_threads": sum(proc_status(p)["Threads"] for p in room.worker_pids),
    }
    print(f"# {target.name}: server worker pids {room.worker_pids}", file=sys.stderr, flush=True)
    profiler = _start_profiler(args.profile, target.name, phones, burst, room.worker_pids)
    server_cpu = sum(process_cpu_seconds(p) for p in room.worker_pids)
    client_cpu = own_cpu_seconds()
    began = time.monotonic()
    if burst:
        row["kind"] = "burst"
        row.update(await burst_run(crowd, screens, room.topics, args.burst_votes, room.tally))
    else:
        row["kind"] = "latency"
        row.update(
            await latency_run(
                crowd, screens, room.topics, args.rate, args.seconds, random.Random(phones)
            )
        )
    wall = time.monotonic() - began
    row["server_cpu_pct"] = round(
        100 * (sum(process_cpu_seconds(p) for p in room.worker_pids) - server_cpu) / wall, 1
    )
    row["client_cpu_pct"] = round(100 * (own_cpu_seconds() - client_cpu) / wall, 1)
    row["client_bound"] = row["client_cpu_pct"] > 100 * CLIENT_CPU_FLAG
    if profiler is not None:
        profiler.send_signal(2)  # py-spy writes its file on SIGINT
        await asyncio.to_thread(profiler.wait, 30)
    await asyncio.gather(*(c.close() for c in crowd + screens), return_exceptions=True)
    return row


def settle(targets: list[Floor | App], idle_pct: float = 5.0, limit: float = 180.0) -> float:
    """Wait until every server uses under `idle_pct` % CPU over a second; returns the wait."""
    began = time.monotonic()
    while time.monotonic() - began < limit:
        pids = [pid for target in targets for pid in target.worker_pids()]
        before = {pid: process_cpu_seconds(pid) for pid in pids}
        time.sleep(1.0)
        busy = sum(process_cpu_seconds(pid) - before[pid] for pid in pids)
        if busy * 100 < idle_pct:
            break
    return time.monotonic() - began


def _start_profiler(
    folder: Path | None, name: str, phones: int, burst: bool, pids: list[int]
) -> subprocess.Popen[bytes] | None:
    """py-spy sampling the server while it is measured (collapsed stacks, one file a run)."""
    if folder is None or not pids:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{name}-{phones}{'-burst' if burst else ''}.txt"
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "py-spy"),
            "record",
            "--pid",
            str(pids[0]),
            "--format",
            "raw",
            "--rate",
            "100",
            "--nonblocking",
            "--gil",  # only the thread holding the GIL: where the server's Python time goes
            "--output",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def run_all(args: argparse.Namespace) -> list[dict[str, Any]]:
    rows = []
    plan = [(n, False) for n in args.phones]
    if not args.no_burst:
        plan.append((args.burst_phones, True))
    targets: list[Floor | App] = []
    if "floor" in args.targets:
        targets.append(Floor(args.threads))
    if "floor-gevent" in args.targets:
        targets.append(Floor(args.threads, "gevent"))
    if "app" in args.targets:
        env = dict(item.split("=", 1) for item in args.env)
        targets.append(App(args.threads, args.db, env, args.processes))
    for target in targets:
        await asyncio.to_thread(target.start)
    try:
        for phones, burst in plan:
            for target in targets:  # interleaved: the floor, then the app, at every size
                # A server may still be writing out the last run's backlog (the floor after a
                # burst sends for minutes): measure nobody while another still works.
                await asyncio.to_thread(settle, targets)
                row = await measure(target, phones, args, burst)
                print(json.dumps(row), flush=True)
                rows.append(row)
    finally:
        for target in targets:
            await asyncio.to_thread(target.stop)
    return rows


# --- writing it down ---------------------------------------------------------------------------


def markdown(rows: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    by = {(r["target"], r["phones"], r["kind"]): r for r in rows}
    lines = [
        f"Measured {meta['date']} on {meta['machine']}; database {meta['db']}, "
        f"{meta.get('processes', 1)} app process(es) (server CPU summed over them); "
        f"votes from random phones at {meta['rate']}/s for {meta['seconds']} s.",
        "",
        "| phones | app p50 / p99 ms | floor p50 / p99 ms | p99 ratio | app last screen p99 ms "
        "| app server CPU | floor server CPU | app KB per phone | missing (app/floor) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for n in sorted({r["phones"] for r in rows if r["kind"] == "latency"}):
        app, floor = by.get(("app", n, "latency")), by.get(("floor", n, "latency"))
        flag = " (client-bound)" if any(r and r["client_bound"] for r in (app, floor)) else ""

        def pair(r: dict[str, Any] | None) -> str:
            return f"{r['p50_ms']:.0f} / {r['p99_ms']:.0f}" if r else "-"

        ratio = f"{app['p99_ms'] / floor['p99_ms']:.2f}x" if app and floor else "-"
        lines.append(
            f"| {n}{flag} | {pair(app)} | {pair(floor)} | {ratio} | "
            f"{app['last_screen_p99_ms']:.0f} | {app['server_cpu_pct']:.0f} % | "
            f"{floor['server_cpu_pct']:.0f} % | {app['server_rss_kb_per_phone']} | "
            f"{app['missing']} / {floor['missing']} |"
            if app and floor
            else f"| {n} | {pair(app)} | {pair(floor)} | - | - | - | - | - | - |"
        )
    lines += [
        "",
        "| target | phones | p50 / p90 / p99 / max ms | last screen p99 | server CPU | client CPU "
        "| KB per phone | threads | missing |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        if r["kind"] != "latency":
            continue
        flag = " (client-bound)" if r["client_bound"] else ""
        lines.append(
            f"| {r['target']}{flag} | {r['phones']} | {r['p50_ms']:.0f} / {r['p90_ms']:.0f} / "
            f"{r['p99_ms']:.0f} / {r['max_ms']:.0f} | {r['last_screen_p99_ms']:.0f} | "
            f"{r['server_cpu_pct']:.0f} % | {r['client_cpu_pct']:.0f} % | "
            f"{r['server_rss_kb_per_phone']} | {r['server_threads']} | {r['missing']} |"
        )
    bursts = [r for r in rows if r["kind"] == "burst"]
    if bursts:
        lines += [
            "",
            "| burst | target | all answered after | commands/s | answers | screens equal after "
            "| server CPU | client CPU |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for r in bursts:
            answers = ", ".join(f"{k} {v}" for k, v in sorted(r["answers"].items()))
            equal = (
                f"{r['screens_equal_after_s']} s"
                if r["screens_equal_after_s"] is not None
                else f"never ({r['screens_unequal']} screens differ)"
            )
            flag = " (client-bound)" if r["client_bound"] else ""
            lines.append(
                f"| {r['phones']} x {r['commands'] // r['phones']} | {r['target']}{flag} | "
                f"{r['all_answered_s']} s | {r['commands_per_s']} | {answers} | {equal} | "
                f"{r['server_cpu_pct']:.0f} % | {r['client_cpu_pct']:.0f} % |"
            )
    return "\n".join(lines) + "\n"


def plot_svg(rows: list[dict[str, Any]]) -> str:
    """Latency (p50 and p99) against phones, app and floor, on a log-scaled phone axis."""
    import math

    width, height, left, bottom, top, right = 900, 520, 80, 60, 40, 200
    series = {}
    for target in ("app", "floor", "floor-gevent"):
        for q in ("p50_ms", "p99_ms"):
            points = sorted(
                (r["phones"], r[q])
                for r in rows
                if r["kind"] == "latency" and r["target"] == target
            )
            if points:
                series[f"{target} {q[:3]}"] = points
    if not series:
        return ""
    xs = sorted({x for points in series.values() for x, _ in points})
    highest = max(y for points in series.values() for _, y in points) or 1
    step = next((n for n in (5, 10, 20, 50, 100, 200, 500, 1000, 2000) if highest / n <= 5), 5000)
    y_max = math.ceil(highest / step) * step
    lx0, lx1 = math.log(min(xs)), math.log(max(xs)) if len(xs) > 1 else math.log(min(xs)) + 1

    def px(x: float) -> float:
        return left + (math.log(x) - lx0) / ((lx1 - lx0) or 1) * (width - left - right)

    def py(y: float) -> float:
        return height - bottom - y / y_max * (height - bottom - top)

    colours = {
        "app p50": "#1f5fa8",
        "app p99": "#1f5fa8",
        "floor p50": "#b5651d",
        "floor p99": "#b5651d",
        "floor-gevent p50": "#2e7d32",
        "floor-gevent p99": "#2e7d32",
    }
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        'font-family="DejaVu Sans, sans-serif" font-size="14">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="24" font-size="16">Vote to every screen: latency against phones '
        "in one room</text>",
    ]
    for tick in range(round(y_max / step) + 1):
        y = step * tick
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{py(y):.1f}" y2="{py(y):.1f}" '
            'stroke="#ddd"/>'
            f'<text x="{left - 8}" y="{py(y) + 5:.1f}" text-anchor="end">{y:.0f}</text>'
        )
    for x in xs:
        out.append(
            f'<text x="{px(x):.1f}" y="{height - bottom + 22}" text-anchor="middle">{x}</text>'
        )
    out.append(
        f'<text x="{(left + width - right) / 2}" y="{height - 12}" text-anchor="middle">'
        "phones (log scale)</text>"
        f'<text x="20" y="{(top + height - bottom) / 2}" transform="rotate(-90 20 '
        f'{(top + height - bottom) / 2})" text-anchor="middle">milliseconds</text>'
    )
    for index, (name, points) in enumerate(series.items()):
        dash = ' stroke-dasharray="6 4"' if name.endswith("p50") else ""
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in points)
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{colours[name]}" '
            f'stroke-width="3"{dash}/>'
        )
        for x, y in points:
            out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="4" fill="{colours[name]}"/>')
        ly = top + 20 + index * 24
        out.append(
            f'<line x1="{width - right + 20}" x2="{width - right + 50}" y1="{ly}" y2="{ly}" '
            f'stroke="{colours[name]}" stroke-width="3"{dash}/>'
            f'<text x="{width - right + 58}" y="{ly + 5}">{name}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def machine() -> str:
    model = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} vCPU {model}, load before the run {os.getloadavg()[0]:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, nargs="*", default=[50, 200, 500, 1000])
    parser.add_argument("--rate", type=float, default=5.0, help="votes per second in the room")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--burst-phones", type=int, default=500)
    parser.add_argument("--burst-votes", type=int, default=5)
    parser.add_argument("--no-burst", action="store_true")
    parser.add_argument(
        "--targets",
        nargs="+",
        default=["floor", "app"],
        help="floor, app, floor-gevent (the floor on gevent: needs `pip install gevent`)",
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--threads", type=int, default=2500)
    parser.add_argument(
        "--processes", type=int, default=1, help="app processes behind Redis (needs --db postgres)"
    )
    parser.add_argument(
        "--env", nargs="*", default=[], help="extra KEY=VALUE settings for the app's server"
    )
    parser.add_argument(
        "--profile", type=Path, default=None, help="sample the servers with py-spy into this folder"
    )
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/scale"))
    args = parser.parse_args(argv)
    if args.processes > 1 and args.db != "postgres":
        parser.error("--processes above 1 needs --db postgres (SQLite is one process's database)")

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
        "db": args.db,
        "processes": args.processes,
        "rate": args.rate,
        "seconds": args.seconds,
        "env": args.env,
    }
    rows = asyncio.run(run_all(args))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2))
    table = markdown(rows, meta)
    (args.out / "results.md").write_text(table)
    svg = plot_svg(rows)
    if svg:
        from workshop.exporters.raster import svg_to_png

        (args.out / "latency.png").write_bytes(svg_to_png(svg, 900))
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
