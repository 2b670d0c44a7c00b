"""Integration tests: real `workshop serve` processes and real python-socketio clients.

Helpers live in tests/integration/helpers.py (the benchmarks import them too).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.helpers import NO_QUOTA, start_server
from tests.support.live import LiveServer


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
