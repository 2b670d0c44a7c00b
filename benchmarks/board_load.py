"""Board load: a board of 200 cards, 20 editors dragging and dropping at once, a real server.

    .venv/bin/python -m benchmarks.board_load --cards 200 --editors 20 --moves 30
    .venv/bin/python -m benchmarks.board_load --db postgres --cards 200 --editors 20

Each editor is a professional's board screen (a real Socket.IO client that joined with
`auth.board: true`). It repeatedly picks a card, streams drag positions (`board.drag`, one every
80 ms, as the browser does) and drops it (`board.move`, naming the version its screen holds).
Half the picks go to a "hot" dozen cards, so editors often grab the same card: the later drop on
a stale version is refused with `card_changed` and that screen follows the winner.

Prints the time to place the cards, move and drag ack latencies, how many moves were stored and
how many lost a race, how many drag positions reached the other screens, and whether every
screen's board (its first snapshot plus every event it received) equals the server's at the end.
It measures and prints; the correctness of one race is asserted in tests/realtime/test_board.py.
"""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time
from typing import Any

from tests.integration.helpers import (
    NO_QUOTA,
    Client,
    close_all,
    last_seq,
    parallel,
    percentiles,
    query,
    start_server,
    wait_until,
)
from workshop.domain.catalog import catalogue
from workshop.domain.events import EVENT_TYPES

DRAG_EVERY = 0.08


def _skip(reason: str) -> None:
    sys.exit(f"cannot run: {reason}")


class Editor:
    """A board screen: its socket, the card versions it has seen, and what it measured."""

    def __init__(self, client: Client, seed: int) -> None:
        self.client = client
        self.rng = random.Random(seed)
        self.drags_seen = 0
        self.start = client.call("sync", {"since": 0})["snapshot"]
        self.move_ms: list[float] = []
        self.drag_ms: list[float] = []
        self.outcomes: dict[str, int] = {}
        client.sio.on("board.dragging", self._dragged)

    def _dragged(self, _body: Any) -> None:
        self.drags_seen += 1

    def versions(self) -> dict[int, int]:
        """Card versions as this screen knows them: the snapshot, then the events it received."""
        known = {int(k): c["version"] for k, c in self.start["board"]["cards"].items()}
        with self.client.lock:
            events = sorted(self.client.events, key=lambda e: e["seq"])
        for event in events:
            card = event["payload"].get("card")
            if card:
                known[card["id"]] = max(known.get(card["id"], 0), card["version"])
        return known

    def work(self, moves: int, drags: int, hot: list[int], cards: list[int]) -> None:
        for _ in range(moves):
            card = self.rng.choice(hot if self.rng.random() < 0.5 else cards)
            version = self.versions().get(card, 1)
            x, y = self.rng.randrange(0, 1790), self.rng.randrange(0, 1240)
            for k in range(drags):
                began = time.monotonic()
                ack = self.client.call("board.drag", {"card_id": card, "x": x - k, "y": y})
                self.drag_ms.append(time.monotonic() - began)
                assert ack["ok"], ack
                time.sleep(max(0.0, DRAG_EVERY - (time.monotonic() - began)))
            began = time.monotonic()
            ack = self.client.command("board.move", card_id=card, version=version, x=x, y=y)
            self.move_ms.append(time.monotonic() - began)
            outcome = "stored" if ack["ok"] else ack["error"]["code"]
            self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    def board(self) -> dict[str, Any]:
        """This screen's board: its first snapshot with every event it received applied."""
        state = {**self.start, "board": dict(self.start["board"])}
        state["board"]["cards"] = dict(state["board"]["cards"])
        state["board"]["links"] = dict(state["board"]["links"])
        with self.client.lock:
            events = sorted(
                {e["seq"]: e for e in self.client.events}.values(), key=lambda e: e["seq"]
            )
        for event in events:
            if event["seq"] > state["seq"]:
                # The domain's own reducer, applied in place (state.apply would copy 200 cards
                # per event): the same code every screen's state goes through.
                typed = EVENT_TYPES[event["type"]].from_payload(event["payload"])
                typed.reduce(state, include_hidden=False)
                state["seq"] = event["seq"]
        return state["board"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--moves", type=int, default=30, help="drops per editor")
    parser.add_argument("--drags", type=int, default=6, help="drag positions before each drop")
    args = parser.parse_args(argv)

    quotas = {**NO_QUOTA, "WORKSHOP_QUOTA_OTHER": "1000000", "WORKSHOP_QUOTA_DRAG": "1000000"}
    server, cleanup = start_server(args.db, quotas, skip=_skip)
    try:
        server.add_facilitator()
        session = server.login()
        info = server.create_workshop(session, title="Board load")
        console = Client(server, session, view="console", workshop_id=info["id"])
        roles = list(catalogue())
        began = time.monotonic()
        cards = [
            console.command("board.place", role_id=roles[i % len(roles)])["card"]["id"]
            for i in range(args.cards)
        ]
        placing = time.monotonic() - began
        sessions = parallel(
            lambda _: server.join(info["join_code"], group="professional"), range(args.editors)
        )
        editors = [
            Editor(Client(server, s, view="phone", workshop_id=info["id"], board=True), seed=n)
            for n, s in enumerate(sessions)
        ]
        hot = cards[:12]
        began = time.monotonic()
        threads = [
            threading.Thread(target=e.work, args=(args.moves, args.drags, hot, cards))
            for e in editors
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.monotonic() - began
        seq = last_seq(server, info["id"])
        caught_up = wait_until(lambda: all(e.client.max_seq() >= seq for e in editors), 60)
        fresh = console.call("sync", {"since": 0})["snapshot"]["board"]
        agree = sum(e.board() == fresh for e in editors)
        versions = query(
            server, "select sum(version - 1) from board_cards where workshop_id = :w", w=info["id"]
        )[0][0]
        close_all([console, *(e.client for e in editors)])
    finally:
        cleanup()

    outcomes: dict[str, int] = {}
    for editor in editors:
        for name, n in editor.outcomes.items():
            outcomes[name] = outcomes.get(name, 0) + n
    drops = sum(outcomes.values())
    drags_sent = drops * args.drags
    drags_seen = sum(e.drags_seen for e in editors)
    move_ms = percentiles([t for e in editors for t in e.move_ms])
    drag_ms = percentiles([t for e in editors for t in e.drag_ms])
    print(f"database              {args.db}")
    print(f"cards placed          {args.cards} in {placing:.1f} s ({args.cards / placing:.0f}/s)")
    print(
        f"editors               {args.editors}, {args.moves} drops each, "
        f"{args.drags} drags per drop"
    )
    print(
        f"ran for               {seconds:.1f} s ({drops / seconds:.1f} drops/s, "
        f"{drags_sent / seconds:.0f} drags/s)"
    )
    print("drops                 " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print(f"versions in database  {versions} moves stored (acks said {outcomes.get('stored', 0)})")
    print("move ack ms           " + ", ".join(f"{k} {v:.0f}" for k, v in move_ms.items()))
    print("drag ack ms           " + ", ".join(f"{k} {v:.0f}" for k, v in drag_ms.items()))
    print(
        f"drag relays           {drags_seen} received of {drags_sent * (args.editors - 1)} "
        f"expected ({drags_sent} sent x {args.editors - 1} other screens)"
    )
    print(f"screens = server      {agree} of {args.editors} (all caught up: {caught_up})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
