"""One socket's commands run in the order it sent them (docs/protocol.md, client -> server).

A phone that comes back online sends its outbox at once, without waiting for each answer. The
server handles a socket's events on the thread that reads it, one after the other
(workshop/realtime/__init__.py, `async_handlers=False`); with an event per thread, as before,
they raced each other to the workshop's line and were logged in any order.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import pytest

from tests.integration.helpers import (
    NO_QUOTA,
    close_all,
    fire_at_once,
    phones,
    query,
    room,
    start_server,
)
from tests.support.live import LiveServer

pytestmark = pytest.mark.integration

VOTES = 40


@pytest.fixture
def server() -> Iterator[LiveServer]:
    live, cleanup = start_server("sqlite", NO_QUOTA)
    try:
        yield live
    finally:
        cleanup()


def test_a_phones_commands_sent_without_waiting_are_logged_in_the_order_sent(
    server: LiveServer,
) -> None:
    r = room(server, topics=VOTES, dot_budget=VOTES, max_per_topic=1)
    assert r["console"].command("round.open", sealed=False, budget=VOTES, max_per_topic=1)["ok"]
    (phone,) = phones(server, r["code"], r["id"], 1)
    sent = [r["topics"][(7 * k) % VOTES] for k in range(VOTES)]  # not in id order
    for _attempt in range(5):  # five outboxes, each one socket's burst
        outbox = [("vote.add", {"op_id": uuid.uuid4().hex, "topic_id": topic}) for topic in sent]
        acks = fire_at_once(phone, outbox, timeout=60)
        assert all(ack["ok"] for ack in acks), acks
        logged = [
            json.loads(payload)["topic_id"] if isinstance(payload, str) else payload["topic_id"]
            for (payload,) in query(
                server,
                "select payload from events where workshop_id = :w and type = 'vote.cast'"
                " order by seq",
                w=r["id"],
            )
        ]
        assert logged[-VOTES:] == sent
        # The next outbox takes them back in the same order, so the budget is free again.
        outbox = [("vote.remove", {"op_id": uuid.uuid4().hex, "topic_id": t}) for t in sent]
        assert all(ack["ok"] for ack in fire_at_once(phone, outbox, timeout=60))
    close_all([phone, r["console"], r["wall"]])
