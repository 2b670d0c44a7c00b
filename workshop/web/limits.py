"""Guessing join codes is rate-limited per address; correct joins are not, since a whole school
class shares one address."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

from flask import current_app


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

    def allowed(self, address: str) -> bool:
        """False once the address failed too often within the last minute."""
        limit = current_app.config["JOIN_FAILURES_PER_MIN"]
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
