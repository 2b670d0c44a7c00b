"""Integration tests: real `workshop serve` processes and real python-socketio clients.

Helpers live in tests/integration/helpers.py (the benchmarks import them too).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.helpers import NO_QUOTA, start_server
from tests.support.live import LiveServer, fresh_postgres_url, postgres_available


@pytest.fixture(params=["sqlite", "postgres"])
def kind(request: pytest.FixtureRequest) -> str:
    """The database under test; PostgreSQL is skipped with the reason when unreachable."""
    return request.param


@pytest.fixture
def live(kind: str) -> Iterator[LiveServer]:
    """A server without quotas on the parametrised database."""
    server, cleanup = start_server(kind, NO_QUOTA)
    try:
        yield server
    finally:
        cleanup()


@pytest.fixture
def pg_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """An app in this process on a fresh PostgreSQL database (skipped when unreachable)."""
    reason = postgres_available()
    if reason:
        pytest.skip(reason)
    from workshop import create_app
    from workshop.cli import upgrade_database

    url, drop = fresh_postgres_url()
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": url,
            "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
            "BROADCAST_COALESCE_MAX_SECONDS": 0,
            "HEAD_INTERVAL_SECONDS": 0,
        }
    )
    upgrade_database(url)
    try:
        yield app
    finally:
        app.extensions["workshop_db"].dispose()
        drop()
