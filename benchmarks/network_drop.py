"""Network drop benchmark (QUALITY.md, Faults): a quarter of the phones lose the network.

    .venv/bin/python -m benchmarks.network_drop --db sqlite --phones 40 --drop 5 30 120

For each drop length the dropped phones' sockets are cut without a close frame (as when Wi-Fi
goes) while the others vote; then each dropped phone reconnects with its cookie, asks
`sync {since: <the seq it held>}` and sends the vote it queued while offline, twice with the
same op_id (the first ack "lost"), as the real phone's offline queue does.
Prints how long each took to converge to the server's state and how many acknowledged votes
are missing from the database (must be 0).
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
import uuid
from typing import Any

from tests.integration.helpers import (
    NO_QUOTA,
    Client,
    Mirror,
    canonical,
    close_all,
    parallel,
    percentiles,
    room,
    scalar,
    server_state,
    start_server,
)


def _skip(reason: str) -> None:
    sys.exit(f"cannot run: {reason}")


def one_drop(server: Any, seconds: float, n: int) -> dict[str, Any]:
    r = room(server, topics=10, dot_budget=5, max_per_topic=3)
    assert r["console"].command("round.open", sealed=False, budget=5, max_per_topic=3)["ok"]
    sessions = parallel(lambda _: server.join(r["code"]), range(n))
    connect = lambda s: Client(server, s, view="phone", workshop_id=r["id"])  # noqa: E731
    mirrors = parallel(lambda s: Mirror(connect(s)), sessions)
    dropped, staying = mirrors[: n // 4], mirrors[n // 4 :]
    parallel(lambda m: m.client.drop(), dropped)

    acked: list[str] = []
    replayed: list[bool] = []
    lock = threading.Lock()
    began = time.monotonic()
    k = 0
    while time.monotonic() - began < seconds:
        for i, mirror in enumerate(staying):
            op_id = uuid.uuid4().hex
            topic = r["topics"][(i + k) % len(r["topics"])]
            body = mirror.client.call("vote.add", {"op_id": op_id, "topic_id": topic})
            if body["ok"]:
                acked.append(op_id)
        k += 1
        if k >= 5:  # every budget spent: wait out the rest of the drop
            time.sleep(max(0.0, seconds - (time.monotonic() - began)))

    def come_back(pair: tuple[Mirror, Any]) -> float:
        mirror, session = pair
        start = time.monotonic()
        held = mirror.state["seq"]
        mirror.client = connect(session)
        mirror.resync(held)
        mirror.catch_up()
        return time.monotonic() - start

    # Nothing changes while they come back, so every one of them must match the server.
    took = parallel(come_back, list(zip(dropped, sessions[: n // 4], strict=True)))
    truth = canonical(server_state(server, r["code"]))
    converged = sum(canonical(m.state) == truth for m in dropped)

    def send_queued(mirror: Mirror) -> None:
        # The vote tapped while offline leaves the queue; its first ack is "lost", it is retried.
        queued = {"op_id": uuid.uuid4().hex, "topic_id": r["topics"][0]}
        first, again = (mirror.client.call("vote.add", queued) for _ in range(2))
        with lock:
            if first["ok"]:
                acked.append(queued["op_id"])
            replayed.append(bool(again.get("replayed")))

    parallel(send_queued, dropped)
    stored = scalar(
        server,
        "select count(*) from votes where round_id ="
        " (select max(id) from voting_rounds where workshop_id = :w)",
        w=r["id"],
    )
    close_all([m.client for m in mirrors] + [r["wall"], r["console"]])
    return {
        "dropped": len(dropped),
        "converged": converged,
        "acked": len(acked),
        "missing": len(acked) - stored,
        "replays_answered": sum(replayed),
        "catch_up": percentiles(took),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--phones", type=int, default=40)
    parser.add_argument("--drop", type=float, nargs="+", default=[5, 30, 120])
    args = parser.parse_args(argv)
    for seconds in args.drop:
        # A fresh server each time: the dropped sockets of one run must not weigh on the next.
        server, cleanup = start_server(args.db, NO_QUOTA, skip=_skip)
        try:
            f = one_drop(server, seconds, args.phones)
            print(
                f"[{args.db}] drop {seconds:.0f} s for {f['dropped']} of {args.phones} phones: "
                f"{f['converged']}/{f['dropped']} converged, catch-up ms "
                + ", ".join(f"{k} {v:.0f}" for k, v in f["catch_up"].items())
                + f"; {f['acked']} votes acked, {f['missing']} missing, "
                f"{f['replays_answered']}/{f['dropped']} retried commands answered, not repeated"
            )
        finally:
            cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
