"""Commands queued on one workshop run as a group in one transaction (services/group_commit.py).

Each test holds the database's writer lock while its threads queue, so the group really forms:
the first command waits for the lock alone, every later one queues behind it and runs in the
next group. What must hold is what holds for commands one by one: the budget, the gapless seq,
the op_id replay, and a refused or failing command undoing only itself.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import sqlalchemy as sa

from tests.support.refusals import refused
from tests.support.rooms import Room, build_room
from workshop.domain.errors import DomainError
from workshop.services import group_commit, reads, runner, topics, voting
from workshop.store.models import Event, ProcessedCommand, Vote


@pytest.fixture
def room(app: Any, db: Any) -> Room:
    made = build_room(app, db, people=4, topics_titled=[f"T{i}" for i in range(3)])
    voting.open_round(db, made.fac, None, {"budget": 3, "max_per_topic": 3, "sealed": False})
    return made


def queued_together(
    app: Any, db: Any, wid: int, calls: list[Callable[[], Any]]
) -> list[tuple[str, Any]]:
    """Run `calls` from threads while the writer lock is held until all of them are queued."""

    def one(call: Callable[[], Any]) -> tuple[str, Any]:
        with app.app_context():
            try:
                return "ok", call()
            except DomainError as error:
                return error.code, None
            except Exception as error:  # noqa: BLE001 - the test looks at what it was
                return type(error).__name__, None

    db._sqlite_writer.acquire()
    try:
        pool = ThreadPoolExecutor(len(calls))
        futures = [pool.submit(one, call) for call in calls]
        deadline = time.monotonic() + 10
        while runner.queued(wid) < len(calls) and time.monotonic() < deadline:
            time.sleep(0.005)
        assert runner.queued(wid) == len(calls)
    finally:
        db._sqlite_writer.release()
    results = [future.result(timeout=30) for future in futures]
    pool.shutdown()
    return results


def test_a_group_keeps_the_budget_and_refuses_only_the_votes_over_it(
    app: Any, db: Any, room: Room
) -> None:
    wid, people, topic_ids = room.wid, room.people, room.topics
    calls = [
        (
            lambda person=person, k=k: voting.add_vote(
                db, person, f"op-{person.id}-{k}", {"topic_id": topic_ids[k % 3]}
            )
        )
        for person in people
        for k in range(5)
    ]
    results = queued_together(app, db, wid, calls)
    codes = Counter(code for code, _ in results)
    assert codes == {"ok": 12, "over_budget": 8}
    with db.read() as session:
        per_person = Counter(session.scalars(sa.select(Vote.participant_id)).all())
        seqs = session.scalars(
            sa.select(Event.seq).where(Event.workshop_id == wid).order_by(Event.seq)
        ).all()
        stored_ops = session.scalar(sa.select(sa.func.count(ProcessedCommand.id)))
    assert set(per_person.values()) == {3}
    # Gapless: the refused votes' savepoints took their seq numbers back with them.
    assert list(seqs) == list(range(1, len(seqs) + 1))
    cast = [outcome for code, outcome in results if code == "ok"]
    assert sorted(e["seq"] for o in cast for e in o.events) == list(seqs[-12:])
    # Every stored vote has its op_id; a refused command leaves none (it may be sent again).
    assert stored_ops == 12
    # Each phone gets its state once per group: the last of its commands carries it.
    carried = Counter(key for _, o in results if o is not None for key in o.private)
    assert all(n <= 2 for n in carried.values())
    assert {key[1] for key in carried} == {p.id for p in people}


def test_the_same_op_id_twice_in_one_group_is_run_once_and_replayed(
    app: Any, db: Any, room: Room
) -> None:
    wid, person, topic = room.wid, room.people[0], room.topics[0]
    calls = [lambda: voting.add_vote(db, person, "twice", {"topic_id": topic})] * 3
    results = queued_together(app, db, wid, calls)
    assert [code for code, _ in results] == ["ok", "ok", "ok"]
    assert sorted(outcome.replayed for _, outcome in results) == [False, True, True]
    with db.read() as session:
        assert session.scalar(sa.select(sa.func.count(Vote.id))) == 1


def test_a_command_that_fails_undoes_only_itself(
    app: Any, db: Any, room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    wid, people, topic = room.wid, room.people, room.topics[0]
    broken = people[1].id
    real = voting.reads.my_votes

    def my_votes(session: Any, round_id: int, participant_id: int) -> Any:
        if participant_id == broken:
            # Fails after this command has already written its vote and its event.
            raise RuntimeError("a bug in one command")
        return real(session, round_id, participant_id)

    monkeypatch.setattr(voting.reads, "my_votes", my_votes)
    calls = [
        (lambda person=person: voting.add_vote(db, person, f"op-{person.id}", {"topic_id": topic}))
        for person in people
    ]
    results = queued_together(app, db, wid, calls)
    codes = [code for code, _ in results]
    assert codes.count("ok") == 3 and codes.count("RuntimeError") == 1
    with db.read() as session:
        voters = set(session.scalars(sa.select(Vote.participant_id)).all())
        seqs = session.scalars(sa.select(Event.seq).where(Event.workshop_id == wid)).all()
    assert voters == {p.id for p in people} - {broken}
    assert sorted(seqs) == list(range(1, len(seqs) + 1))


def test_without_the_workshop_lock_commands_do_not_wait_in_line(
    app: Any, db: Any, room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The detector of the budget (tests/integration) switches the lock off to prove it can see
    an overspend: the line must not serialise the commands behind its back."""
    monkeypatch.setattr(db, "row_locks", False)
    seen = []
    real = group_commit._wait_in_line
    monkeypatch.setattr(
        group_commit, "_wait_in_line", lambda *args: seen.append(args) or real(*args)
    )
    voting.add_vote(db, room.people[0], None, {"topic_id": room.topics[0]})
    assert seen == [] and runner.queued(room.wid) == 0


def test_the_private_states_of_a_group_are_read_together_each_their_own(
    app: Any, db: Any, room: Room
) -> None:
    """One read for everyone a group touched: each gets their own dots, topics and agenda, and
    a participant named with the wrong workshop is left out, not given someone else's state."""
    wid, people, topic_ids = room.wid, room.people, room.topics
    a, b = people[0], people[1]
    voting.add_vote(db, a, None, {"topic_id": topic_ids[0]})
    voting.add_vote(db, a, None, {"topic_id": topic_ids[0]})
    voting.add_vote(db, b, None, {"topic_id": topic_ids[2]})
    own = topics.post_topic(db, b, None, {"title": "B:s eget"}).result["topic"]["id"]
    with db.read() as session:
        both = reads.me_states(session, {(wid, a.id), (wid, b.id), (wid + 1, people[2].id)})
        one_by_one = {key: reads.me_state(session, *key) for key in [(wid, a.id), (wid, b.id)]}
    assert set(both) == {(wid, a.id), (wid, b.id)}
    assert both == one_by_one
    assert both[(wid, a.id)].votes == {str(topic_ids[0]): 2} and both[(wid, a.id)].dots_left == 1
    assert both[(wid, b.id)].votes == {str(topic_ids[2]): 1} and both[(wid, b.id)].topic_ids == [
        own
    ]
    assert both[(wid, a.id)].topic_ids == []
    with db.read() as session, refused("not_joined"):
        reads.me_state(session, wid + 1, a.id)
