"""200 phones post 3 topics each within 10 s and every screen ends with the same state.

QUALITY.md, Load and concurrency: 600 stored, no duplicate, and the canonical hash (topics
id -> title, tally) of every client's locally applied state equals the server's fresh snapshot.
Every screen behaves like the browser client: when its connection drops it reconnects, sends its
unanswered commands again with the same op_ids and asks `sync {since}`. Five phones lose the
network halfway on purpose, so that path is always taken.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from typing import Any

import pytest

from tests.integration.helpers import (
    Mirror,
    canonical,
    close_all,
    last_seq,
    parallel,
    phones,
    query,
    room,
    server_state,
    wait_until,
)
from tests.support.live import LiveServer

pytestmark = [pytest.mark.integration, pytest.mark.slow]

PARTICIPANTS = 200
TOPICS_EACH = 3
WINDOW = 10.0
DROPPED = 5


@pytest.fixture(params=["sqlite"])
def kind(request: pytest.FixtureRequest) -> str:
    """One database: convergence is the broadcast's and the screens' business, and the 600
    posts cost 40 s on each database; the locking under concurrency is tested on both in
    test_vote_concurrency.py."""
    return request.param


def test_200_phones_post_600_topics_and_every_screen_converges(live: LiveServer, kind: str) -> None:
    # Every screen reconnects and resyncs by itself when its connection drops, as the browser
    # client does; the figure counts the reconnections, and every screen must still end equal.
    r = room(live, topics=0, reconnection=True)
    crowd = phones(live, r["code"], r["id"], PARTICIPANTS, reconnection=True)
    # Each screen starts like a real one: sync {since: 0}, then applies what arrives.
    mirrors = parallel(Mirror, crowd)
    mirrors.append(Mirror(r["wall"]))
    console = Mirror(r["console"], include_hidden=True)

    rng = random.Random(7)
    schedule = sorted(
        (rng.uniform(0, WINDOW), i, k) for i in range(PARTICIPANTS) for k in range(TOPICS_EACH)
    )
    acks: list[dict[str, Any]] = []
    lock = threading.Lock()

    def on_ack(body: dict[str, Any]) -> None:
        with lock:
            acks.append(body)

    def post_on_schedule() -> None:
        began = time.monotonic()
        for n, (at, i, k) in enumerate(schedule):
            if n == len(schedule) // 2:
                # Halfway, a few phones lose the network (no close frame): they must come back,
                # send their unanswered posts again and end equal to everyone else.
                for phone in crowd[:DROPPED]:
                    threading.Thread(target=phone.drop, daemon=True).start()
            time.sleep(max(0.0, at - (time.monotonic() - began)))
            payload = {"op_id": f"post-{i}-{k}", "title": f"Ämne {i}.{k}"}
            crowd[i].send("topic.post", payload, on_ack)

    began = time.monotonic()
    post_on_schedule()
    sent = time.monotonic() - began
    assert wait_until(lambda: len(acks) == len(schedule), timeout=240), f"{len(acks)} acks"
    seconds = time.monotonic() - began
    codes = Counter("ok" if a["ok"] else a["error"]["code"] for a in acks)

    rows = query(live, "select title from topics where workshop_id = :w", w=r["id"])
    titles = Counter(title for (title,) in rows)
    seq = last_seq(live, r["id"])
    screens = [*mirrors, console]
    caught_up = wait_until(
        lambda: all(m.client.max_seq() >= seq or m.reconnected() for m in screens),
        timeout=120,
        interval=0.2,
    )
    truth = canonical(server_state(live, r["code"]))
    hashes = Counter(canonical(m.catch_up()) for m in mirrors)
    console_hash = canonical({**console.catch_up(), "topics": _visible(console.state)})
    reconnections = sum(m.client.connects - 1 for m in screens)
    print(
        f"\n[{kind}] {PARTICIPANTS} phones posted {len(schedule)} topics over {sent:.1f} s, "
        f"all acked after {seconds:.1f} s {dict(codes)}: stored {len(rows)}, "
        f"distinct {len(titles)}, screens caught up: {caught_up}, "
        f"{hashes[truth]} of {len(mirrors)} screens match the server hash, "
        f"{reconnections} reconnections"
    )
    close_all(m.client for m in screens)
    assert all(phone.connects >= 2 for phone in crowd[:DROPPED]), "a dropped phone stayed away"
    assert codes == {"ok": PARTICIPANTS * TOPICS_EACH}
    assert len(rows) == PARTICIPANTS * TOPICS_EACH == 600
    assert max(titles.values()) == 1, "a topic was stored twice"
    assert hashes == {truth: len(mirrors)}
    assert console_hash == truth


def _visible(state: dict[str, Any]) -> dict[str, Any]:
    return {tid: t for tid, t in state["topics"].items() if not t["hidden"]}
