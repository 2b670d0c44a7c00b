"""How many phones one server process holds, what each costs, and whether a newcomer still gets in.

Starts `workshop serve` (gunicorn, as in production), joins `--phones` participants over HTTP,
then holds one websocket per participant, connected to the Socket.IO namespace as the phone
page does (tests/support/phones.py: raw asyncio sockets, so the clients cost the server's CPU
little). While they are held it measures the gunicorn worker's resident memory and OS threads
per phone, and how long a newcomer waits for the join page and /healthz. Then `--over` more
phones try to connect past the limit, and a newcomer asks for the join page again. It prints
and writes JSON; it does not judge.

    .venv/bin/python -m benchmarks.capacity --phones 1500
    .venv/bin/python -m benchmarks.capacity --phones 1500 --threads 1700 --env MALLOC_ARENA_MAX=
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests

from tests.support.live import LiveServer, cookie_header, proc_status
from tests.support.phones import PhoneHolder


def _worker_pid(server: LiveServer) -> int:
    workers = [pid for pid in server.pids() if pid != server.process.pid]  # type: ignore[union-attr]
    return workers[0]


def _timed(url: str, samples: int, timeout: float = 10.0) -> dict[str, Any]:
    """Fresh newcomers (no cookie) asking for `url`: seconds each took, and the statuses."""
    seconds: list[float] = []
    statuses: list[str] = []
    for _ in range(samples):
        started = time.monotonic()
        try:
            response = requests.get(url, timeout=timeout)
            statuses.append(str(response.status_code))
        except requests.RequestException as error:
            statuses.append(error.__class__.__name__)
        seconds.append(time.monotonic() - started)
    return {
        "statuses": sorted(set(statuses)),
        "median_ms": round(1000 * statistics.median(seconds)),
        "max_ms": round(1000 * max(seconds)),
    }


def _join_many(server: LiveServer, code: str, count: int, workers: int = 8) -> list[str]:
    """`count` participants joined over HTTP; the Cookie header of each."""

    def one(_: int) -> str:
        return cookie_header(server.join(code))

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(one, range(count)))


def _after_close(server: LiveServer, code: str, pid: int, started: float) -> dict[str, Any]:
    """Every phone left at once (a room's Wi-Fi going): how long a newcomer then waits."""
    samples = []
    while time.monotonic() - started < 60:
        asked = time.monotonic()
        try:
            status = str(requests.get(f"{server.base}/j/{code}", timeout=10).status_code)
        except requests.RequestException as error:
            status = error.__class__.__name__
        took = time.monotonic() - asked
        samples.append((round(asked - started, 1), status, round(1000 * took)))
        if status == "200" and took < 0.5 and proc_status(pid)["Threads"] < 2000:
            break
        time.sleep(0.5)
    return {
        "join_page_samples": samples,  # (seconds after closing, status, ms)
        "served_quickly_after_s": samples[-1][0],
        **proc_status(pid),
    }


def _summary(outcomes: list[Any]) -> dict[str, Any]:
    kinds: dict[str, int] = {}
    for outcome in outcomes:
        key = outcome.status + (f" {outcome.code}" if outcome.code else "")
        kinds[key] = kinds.get(key, 0) + 1
    times = [o.seconds for o in outcomes] or [0.0]
    return {
        "outcomes": kinds,
        "median_ms": round(1000 * statistics.median(times)),
        "max_ms": round(1000 * max(times)),
    }


def run(phones: int, over: int, threads: int | None, env: dict[str, str]) -> dict[str, Any]:
    """One run; the figures as a dict."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    server_env = {
        # Every phone here comes from 127.0.0.1: the per-address cap would measure itself.
        "WORKSHOP_MAX_SOCKETS_PER_ADDRESS": "0",
        **env,
    }
    server = LiveServer(env=server_env, threads=threads)
    result: dict[str, Any] = {"phones": phones, "threads": threads or "default", "env": env}
    holder: PhoneHolder | None = None
    try:
        server.start()
        server.add_facilitator()
        made = server.create_workshop(server.login())
        code, workshop_id = made["join_code"], made["id"]
        started = time.monotonic()
        cookies = _join_many(server, code, phones + over)
        result["join_seconds"] = round(time.monotonic() - started, 1)
        pid = _worker_pid(server)
        # Warm: the first sockets and pages load code and fill caches that every later one shares.
        warm = _join_many(server, code, 5)
        holder = PhoneHolder(server.port)
        auth = {"view": "phone", "workshop_id": workshop_id, "lang": "sv"}
        holder.open(warm, auth)
        _timed(f"{server.base}/j/{code}", 3)
        holder.close()
        time.sleep(2)
        before = proc_status(pid)
        result["before"] = before
        started = time.monotonic()
        outcomes = holder.open(cookies[:phones], auth)
        result["open_seconds"] = round(time.monotonic() - started, 1)
        result["held"] = _summary(outcomes)
        time.sleep(3)
        after = proc_status(pid)
        held = holder.open_count()
        result["after"] = after
        result["still_open"] = held
        if held:
            result["rss_kb_per_phone"] = round((after["VmRSS"] - before["VmRSS"]) / held, 1)
            result["threads_per_phone"] = round((after["Threads"] - before["Threads"]) / held, 2)
        result["newcomer_join_page"] = _timed(f"{server.base}/j/{code}", 10)
        result["newcomer_healthz"] = _timed(f"{server.base}/healthz", 10)
        if over:
            extra = holder.open(cookies[phones:], auth)
            result["past_limit"] = _summary(extra)
            result["past_limit_join_page"] = _timed(f"{server.base}/j/{code}", 5)
            result["past_limit_healthz"] = _timed(f"{server.base}/healthz", 5)
        started = time.monotonic()
        holder.close()
        result["after_close"] = _after_close(server, code, pid, started)
    finally:
        if holder is not None:
            holder.stop()
        server.cleanup()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    return result


def main() -> None:
    """Parse the options, run, print and write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--phones", type=int, default=1500, help="sockets held")
    parser.add_argument("--over", type=int, default=50, help="phones that try past the limit")
    parser.add_argument("--threads", type=int, default=None, help="default: serve's own")
    parser.add_argument(
        "--env", action="append", default=[], help="NAME=VALUE for the server (repeatable)"
    )
    parser.add_argument("--out", default="capacity.json")
    args = parser.parse_args()
    env = dict(item.split("=", 1) for item in args.env)
    result = run(args.phones, args.over, args.threads, env)
    print(json.dumps(result, indent=2))
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
