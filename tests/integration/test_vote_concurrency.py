"""The dot budget holds with hundreds of phones voting at once (QUALITY.md, Load and concurrency).

Real server processes (`workshop serve`, gunicorn gthread) and real python-socketio clients, on
SQLite and on PostgreSQL; the counts come from the server's database, not from the acks.
"""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

import pytest

from tests.integration.helpers import (
    NO_QUOTA,
    Client,
    Mirror,
    burst,
    close_all,
    db_tally,
    fire_at_once,
    last_seq,
    parallel,
    phones,
    room,
    scalar,
    start_server,
    wait_until,
)
from tests.support.live import LiveServer

pytestmark = [pytest.mark.integration, pytest.mark.slow]

PARTICIPANTS = 200
VOTES_EACH = 8
BUDGET = 5
CAP = 3
TOPICS = 20


@pytest.fixture(params=["sqlite"])
def kind(request: pytest.FixtureRequest) -> str:
    """The 200-phone burst on the embedded default only: the same rule under the same race is
    checked on both databases by the five-socket test below (200 runs on PostgreSQL), and the
    burst on PostgreSQL added a minute to CI and nothing that test does not show."""
    return request.param


def test_200_phones_voting_at_once_never_overspend(live: LiveServer, kind: str) -> None:
    """200 phones, budget 5, max 3 per topic, 20 topics; each fires 8 votes on 8 topics at once.

    Exactly 1000 stored, exactly 600 refused with `over_budget` (never `server_busy` or a
    "database is locked"), nobody over budget, and the wall's tally equals the database's.
    """
    # Every screen reconnects, resends and resyncs by itself if its connection drops (as the
    # browser client does): a test process starved by its neighbours must not fail the count.
    r = room(live, topics=TOPICS, reconnection=True, dot_budget=BUDGET, max_per_topic=CAP)
    assert r["console"].command("round.open", sealed=False, budget=BUDGET, max_per_topic=CAP)["ok"]
    wall = Mirror(r["wall"])
    crowd = phones(live, r["code"], r["id"], PARTICIPANTS, reconnection=True)
    plan = [
        (phone, "vote.add", {"op_id": uuid.uuid4().hex, "topic_id": r["topics"][(i + k) % TOPICS]})
        for i, phone in enumerate(crowd)
        for k in range(VOTES_EACH)
    ]
    began = time.monotonic()
    acks = [ack for _, _, ack, _ in burst(plan)]
    seconds = time.monotonic() - began
    accepted = [a for a in acks if a["ok"]]
    codes = sorted(a["error"]["code"] for a in acks if not a["ok"])

    stored = scalar(live, "select count(*) from votes")
    most = scalar(
        live, "select max(n) from (select count(*) as n from votes group by participant_id) x"
    )
    tally = db_tally(live, r["id"])
    seq = last_seq(live, r["id"])
    wait_until(lambda: wall.client.max_seq() >= seq or wall.reconnected(), timeout=60)
    wall_tally = {int(topic): n for topic, n in wall.catch_up()["tally"].items() if n}
    reconnections = sum(c.connects - 1 for c in [*crowd, wall.client])
    print(
        f"\n[{kind}] {PARTICIPANTS} phones x {VOTES_EACH} votes at once: {seconds:.1f} s, "
        f"stored {stored}, accepted {len(accepted)}, refused {len(codes)} {sorted(set(codes))}, "
        f"max per participant {most}, wall at seq {wall.state['seq']}/{seq}, "
        f"wall tally == db tally: {wall_tally == tally}, {reconnections} reconnections"
    )
    close_all([*crowd, wall.client, r["console"]])
    assert stored == len(accepted) == PARTICIPANTS * BUDGET == 1000
    assert len(codes) == PARTICIPANTS * (VOTES_EACH - BUDGET) == 600
    assert set(codes) == {"over_budget"}, "server_busy / database is locked reached a client"
    assert most == BUDGET
    assert wall_tally == tally


# --- one participant, five sockets, twenty-five votes at once ----------------------------

SOCKETS = 5
BURST = 25


def over_budget_runs(server: LiveServer, repeats: int, stop_at_first: bool = False) -> dict:
    """One participant on 5 sockets fires 25 votes at once (5 per socket) against budget 5.

    Each run opens a fresh round (the facilitator closes the last one), so the budget starts
    again; the spend of the run is counted in the database. Returns the figures.
    """
    r = room(server, topics=SOCKETS, dot_budget=BUDGET, max_per_topic=BUDGET)
    session = server.join(r["code"])
    sockets = [Client(server, session, view="phone", workshop_id=r["id"]) for _ in range(SOCKETS)]
    per_socket = BURST // SOCKETS
    spends: list[int] = []
    codes: set[str] = set()
    began = time.monotonic()
    for _ in range(repeats):
        assert r["console"].command(
            "round.open", sealed=False, budget=BUDGET, max_per_topic=BUDGET
        )["ok"]
        start = threading.Barrier(SOCKETS)

        def burst(index: int, start: threading.Barrier = start) -> list[dict[str, Any]]:
            payloads = [
                ("vote.add", {"op_id": uuid.uuid4().hex, "topic_id": r["topics"][k]})
                for k in range(per_socket)
            ]
            start.wait()
            return fire_at_once(sockets[index], payloads, timeout=60)

        acks = [a for batch in parallel(burst, range(SOCKETS), SOCKETS) for a in batch]
        codes |= {a["error"]["code"] for a in acks if not a["ok"]}
        spends.append(
            scalar(
                server,
                "select count(*) from votes where round_id ="
                " (select max(id) from voting_rounds where workshop_id = :w)",
                w=r["id"],
            )
        )
        assert sum(a["ok"] for a in acks) == spends[-1], "an acknowledged vote is missing"
        assert r["console"].command("round.close")["ok"]
        if stop_at_first and spends[-1] > BUDGET:
            break
    seconds = time.monotonic() - began
    close_all([*sockets, r["console"], r["wall"]])
    return {
        "runs": len(spends),
        "over": sum(spend > BUDGET for spend in spends),
        "max_spend": max(spends),
        "codes": codes,
        "seconds": seconds,
    }


# 200 repeats take about 30-40 s on a quiet 2-core machine (fresh round, 25 votes, round
# closed, spend counted in the database): the QUALITY.md figure, kept in full on PostgreSQL,
# where concurrent transactions really race. SQLite serialises every write (one writer lock,
# BEGIN IMMEDIATE), so there the same race cannot happen and 20 runs show the embedded default
# keeps the rule; 200 more would add minutes of CI and nothing else.
LOCK_REPEATS = 200
REPEATS = {"postgres": LOCK_REPEATS, "sqlite": 20}


@pytest.mark.parametrize("db_kind", ["sqlite", "postgres"])
def test_one_participant_on_five_sockets_never_overspends(db_kind: str) -> None:
    """200 runs (20 on SQLite) of 25 simultaneous votes from one participant on 5 sockets: 0
    over budget."""
    server, cleanup = start_server(db_kind, NO_QUOTA)
    try:
        figures = over_budget_runs(server, REPEATS[db_kind])
    finally:
        cleanup()
    print(
        f"\n[{db_kind}] {figures['over']} of {figures['runs']} runs over budget "
        f"(max spend {figures['max_spend']}, refusals {sorted(figures['codes'])}) "
        f"in {figures['seconds']:.1f} s"
    )
    assert figures["runs"] == REPEATS[db_kind]
    assert figures["over"] == 0
    assert figures["max_spend"] == BUDGET
    assert figures["codes"] <= {"over_budget"}


def test_without_the_lock_the_same_detector_catches_overspending() -> None:
    """The detector above can fail: PostgreSQL with the workshop-row lock switched off.

    WORKSHOP_UNSAFE_DISABLE_VOTE_LOCK=1 drops the `SELECT ... FOR UPDATE` on the workshop row, so
    concurrent READ COMMITTED transactions each count the participant's old votes and insert.
    The test passes when at least one run over budget is found (it stops at the first).

    Not on SQLite: there the writes are serialised by the process-wide writer lock in
    `Database.unit_of_work` plus BEGIN IMMEDIATE, which the flag does not (and cannot) turn off,
    so an unlocked SQLite run can never over-spend and there is no violation to catch.
    """
    server, cleanup = start_server(
        "postgres", {**NO_QUOTA, "WORKSHOP_UNSAFE_DISABLE_VOTE_LOCK": "1"}
    )
    try:
        figures = over_budget_runs(server, LOCK_REPEATS, stop_at_first=True)
    finally:
        cleanup()
    print(
        f"\n[postgres, lock OFF] first run over budget after {figures['runs']} run(s), "
        f"max spend {figures['max_spend']} (budget {BUDGET}), {figures['seconds']:.1f} s"
    )
    assert figures["over"] >= 1, "without the lock no over-spend was caught: detector is blind"
