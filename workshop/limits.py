"""Guessing join codes is rate-limited per address; correct joins are not, since a whole school
class shares one address.

The web pages and the Socket.IO handlers both use these counters, so they live outside either
adapter and know nothing of Flask: the adapters read the limits from the app's config.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque


class FailureLimiter:
    """Counts failed code look-ups per address over a minute."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def _trim(self, address: str, now: float) -> deque[float]:
        failures = self._failures[address]
        while failures and now - failures[0] > 60:
            failures.popleft()
        return failures

    def allowed(self, address: str, limit: int) -> bool:
        """False once the address failed `limit` times within the last minute."""
        with self._lock:
            return len(self._trim(address, time.monotonic())) < limit

    def record(self, address: str) -> None:
        """Count one failed look-up."""
        with self._lock:
            self._trim(address, time.monotonic()).append(time.monotonic())

    def reset(self) -> None:
        """Forget everything (tests)."""
        with self._lock:
            self._failures.clear()


join_failures = FailureLimiter()


def reset() -> None:
    """Forget every counter (tests)."""
    join_failures.reset()
