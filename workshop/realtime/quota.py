"""Per-participant quotas: a flooder is warned, then disconnected; others barely notice."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

WINDOW_SECONDS = 60.0
# Refusals within one window after which the socket is disconnected.
DISCONNECT_AFTER_REFUSALS = 20


class Quota:
    """Sliding-window counters per (actor, category), in this process's memory."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hits: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._refusals: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, key: str, category: str, limit: int, now: float | None = None) -> bool:
        """Count one use; False when `limit` uses happened within the last minute."""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits[(key, category)]
            while hits and now - hits[0] > WINDOW_SECONDS:
                hits.popleft()
            if len(hits) >= limit:
                refusals = self._refusals[key]
                refusals.append(now)
                while refusals and now - refusals[0] > WINDOW_SECONDS:
                    refusals.popleft()
                return False
            hits.append(now)
            return True

    def should_disconnect(self, key: str) -> bool:
        """True once a sender kept going after being refused many times."""
        with self._lock:
            return len(self._refusals.get(key, ())) >= DISCONNECT_AFTER_REFUSALS

    def reset(self) -> None:
        """Forget everything (tests)."""
        with self._lock:
            self._hits.clear()
            self._refusals.clear()


quota = Quota()
