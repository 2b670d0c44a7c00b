"""A group of commands keeps the workshop's row locked on PostgreSQL, even past a refused one.

PostgreSQL releases a row lock taken inside a savepoint when that savepoint is rolled back. The
group's first command took the workshop's lock inside its savepoint, so when it was refused
(a vote over the budget) the rest of the group ran without the lock, and another process's group
could commit in between: CI's two-process Redis test then saw both walls agree on a total the
database did not hold (a vote's total was counted before the other process's commit, and its seq
came after it).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa

from tests.conftest import make_facilitator, make_workshop
from workshop.domain.actors import Actor
from workshop.domain.errors import DomainError
from workshop.services import reads, runner
from workshop.store.db import UnitOfWork

pytestmark = pytest.mark.integration


def test_a_refused_command_leaves_the_rest_of_its_group_under_the_workshop_lock(
    pg_app: Any,
) -> None:
    db = pg_app.extensions["workshop_db"]
    owner = make_facilitator(pg_app)
    wid = make_workshop(pg_app, owner)["id"]
    facilitator = Actor("facilitator", wid, owner)
    leader_in, leader_may_end = threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def leader(uow: UnitOfWork) -> dict[str, Any]:
        reads.lock_workshop(uow, wid)
        leader_in.set()
        assert leader_may_end.wait(10)
        return {}

    def refused(uow: UnitOfWork) -> dict[str, Any]:
        reads.lock_workshop(uow, wid)
        raise DomainError("over_budget")

    def probe(uow: UnitOfWork) -> dict[str, Any]:
        reads.lock_workshop(uow, wid)
        # What another process's group would meet now: may it lock the workshop's row?
        with db.engine.connect() as other:
            try:
                other.execute(
                    sa.text("SELECT id FROM workshops WHERE id = :id FOR UPDATE NOWAIT"),
                    {"id": wid},
                )
                seen["other process got the lock"] = True
            except sa.exc.OperationalError:
                seen["other process got the lock"] = False
        return {}

    outcomes: dict[str, str] = {}

    def send(name: str, command: Callable[[UnitOfWork], dict[str, Any]]) -> threading.Thread:
        def one() -> None:
            try:
                runner.run(db, facilitator, None, command)
                outcomes[name] = "ok"
            except DomainError as error:
                outcomes[name] = error.code

        thread = threading.Thread(target=one)
        thread.start()
        return thread

    threads = [send("leader", leader)]
    assert leader_in.wait(10)
    # Both queue behind the leader, so they run as one group, each in a savepoint.
    threads += [send("refused", refused), send("probe", probe)]
    deadline = time.monotonic() + 10
    while runner.queued(wid) < 3 and time.monotonic() < deadline:
        time.sleep(0.005)
    assert runner.queued(wid) == 3
    leader_may_end.set()
    for thread in threads:
        thread.join(10)

    assert outcomes == {"leader": "ok", "refused": "over_budget", "probe": "ok"}
    assert seen == {"other process got the lock": False}
