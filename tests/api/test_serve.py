"""`workshop serve` builds the app in gunicorn's master, which then forks the worker.

A fork copies every lock but only the forking thread. CI once waited 300 s for a new server's
first write (a facilitator's login): the hourly retention purge, started in the master before the
fork, was inside a write at that moment, and the worker inherited the writer lock (and SQLite's
own lock state) held, with no thread left to release them.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from click.testing import CliRunner

from workshop import cli
from workshop.serve import server


def test_nothing_runs_beside_the_master_when_gunicorn_forks_and_the_purge_runs_in_the_worker(
    app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: dict[str, Any] = {}

    def fake_gunicorn(app: Any, **options: Any) -> None:
        started["threads"] = [t.name for t in threading.enumerate() if t.is_alive()]
        started.update(options)

    monkeypatch.setenv("WORKSHOP_DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setattr(server, "run_gunicorn", fake_gunicorn)
    before = set(threading.enumerate())
    # With the demo workshop: creating it must not leave a thread running either.
    result = CliRunner().invoke(cli.main, ["serve", "--port", "5123"])
    assert result.exit_code == 0, result.output
    new_threads = [t.name for t in threading.enumerate() if t not in before and t.is_alive()]
    assert new_threads == [], f"threads running in the master at the fork: {new_threads}"

    # In the worker (gunicorn's post_worker_init) the purge starts, and runs once at once.
    purges = threading.Event()
    monkeypatch.setattr(
        "workshop.services.workshops.purge_expired", lambda db, days: purges.set() or []
    )
    stop = started["in_worker"]()
    try:
        assert purges.wait(10), "the purge did not run when the worker started"
    finally:
        stop.set()
