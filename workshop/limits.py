"""Counters that slow guessers down without locking a whole class out (no Flask in here).

The web pages and the Socket.IO handlers both use them, so they live outside either adapter;
the adapters read the limits from the app's config and pass them in. Everything is kept in the
process's memory for at most an hour and holds no more than an address or a hashed email.

- `join_failures`: wrong join codes per address and minute. A valid code is looked up first and
  always gets in; only a failed look-up is counted, and only failed look-ups are refused once the
  address is over its limit.
- `joins`: successful joins per address and minute, so one client cannot mint an endless row of
  fresh identities (each a fresh dot budget). Generous: a class shares one address.
- `login_failures`: wrong passwords, counted per account and per address, apart from join codes.
  After a few free failures each one makes the account (or address) wait, doubling, capped.
- `photo_uploads`: photo uploads per person and per address and minute, counted before the
  upload's body is read.
- `text_volume`: bytes of text per person and per address and minute in participants' commands,
  so one phone cannot fill the disk by rewriting its notes thousands of times a minute.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass

WINDOW_SECONDS = 60.0
# Login failures are forgotten after this long without a new one (or at a correct login).
FORGET_SECONDS = 3600.0


class SlidingWindow:
    """How many things happened per key within the last minute."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock  # tests may swap it for a fake one
        self._lock = threading.Lock()
        self._times: dict[str, deque[float]] = {}
        self._swept = clock()

    def _trim(self, key: str, now: float) -> deque[float]:
        times = self._times.get(key)
        if times is None:
            times = self._times[key] = deque()
        while times and now - times[0] >= WINDOW_SECONDS:
            times.popleft()
        return times

    def _sweep(self, now: float) -> None:
        """Once a minute, drop keys whose window is empty, so a long-running process does not
        grow with every address it ever saw."""
        if now - self._swept < WINDOW_SECONDS:
            return
        self._swept = now
        for key in [k for k, v in self._times.items() if not v or now - v[-1] >= WINDOW_SECONDS]:
            del self._times[key]

    def take(self, key: str, limit: int) -> bool:
        """Count one if fewer than `limit` happened within the last minute; False otherwise
        (then nothing is counted, so a refused flood does not prolong its own wait)."""
        with self._lock:
            now = self.clock()
            self._sweep(now)
            times = self._trim(key, now)
            if len(times) >= limit:
                return False
            times.append(now)
            return True

    def give_back(self, key: str) -> None:
        """Undo the latest `take` (the thing it allowed did not happen after all)."""
        with self._lock:
            times = self._times.get(key)
            if times:
                times.pop()

    def reset(self) -> None:
        """Forget everything (tests)."""
        with self._lock:
            self._times.clear()


class Volume:
    """How many bytes each key sent within the last minute."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock  # tests may swap it for a fake one
        self._lock = threading.Lock()
        self._sent: dict[str, deque[tuple[float, int]]] = {}
        self._totals: dict[str, int] = {}
        self._swept = clock()

    def take(self, key: str, amount: int, limit: int) -> bool:
        """Count `amount` bytes if the key stays within `limit` this minute; False otherwise
        (then nothing is counted)."""
        with self._lock:
            now = self.clock()
            if now - self._swept >= WINDOW_SECONDS:
                self._swept = now
                for stale in [k for k, v in self._sent.items() if not v]:
                    del self._sent[stale], self._totals[stale]
            sent = self._sent.setdefault(key, deque())
            total = self._totals.get(key, 0)
            while sent and now - sent[0][0] >= WINDOW_SECONDS:
                total -= sent.popleft()[1]
            if total + amount > limit:
                self._totals[key] = total
                return False
            sent.append((now, amount))
            self._totals[key] = total + amount
            return True

    def give_back(self, key: str, amount: int) -> None:
        """Undo the latest `take` of `amount` (what it allowed did not happen after all)."""
        with self._lock:
            sent = self._sent.get(key)
            if sent and sent[-1][1] == amount:
                sent.pop()
                self._totals[key] -= amount

    def reset(self) -> None:
        """Forget everything (tests)."""
        with self._lock:
            self._sent.clear()
            self._totals.clear()


@dataclass
class _Failures:
    count: int
    last: float


class Backoff:
    """Failures per key; past `free` of them each failure makes the key wait, doubling, capped.

    The wait after failure n (n > free) is 2 ** (n - free) seconds, at most `max_wait`: with
    free=5, the 6th wrong password costs 2 s, the 7th 4 s, the 10th 32 s, the 14th and later the
    cap. A try refused during a wait is not checked and does not count. A try that may go ahead
    is counted as a failure at once and forgiven when it succeeds, so a burst of parallel tries
    cannot all slip through before the first of them is counted.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock  # tests may swap it for a fake one
        self._lock = threading.Lock()
        self._failures: dict[str, _Failures] = {}
        self._swept = clock()

    def _current(self, key: str, now: float) -> _Failures | None:
        entry = self._failures.get(key)
        if entry is not None and now - entry.last >= FORGET_SECONDS:
            del self._failures[key]
            return None
        return entry

    def _wait(self, key: str, free: int, max_wait: float, now: float) -> int:
        entry = self._current(key, now)
        if entry is None or entry.count <= free:
            return 0
        delay = min(float(max_wait), 2.0 ** min(entry.count - free, 32))
        return max(0, math.ceil(entry.last + delay - now))

    def attempt(self, free: Mapping[str, int], max_wait: float) -> int:
        """One try for every key in `free` (key: its free failures), all or none.

        Returns the whole seconds to wait when any key must still wait (nothing is counted);
        otherwise counts the try as a failure of every key and returns 0.
        """
        with self._lock:
            now = self.clock()
            wait = max(self._wait(key, n, max_wait, now) for key, n in free.items())
            if wait:
                return wait
            for key in free:
                entry = self._current(key, now)
                if entry is None:
                    self._failures[key] = _Failures(1, now)
                else:
                    entry.count += 1
                    entry.last = now
            if now - self._swept >= WINDOW_SECONDS:  # forget the quiet ones now and then
                self._swept = now
                quiet = [k for k, v in self._failures.items() if now - v.last >= FORGET_SECONDS]
                for stale in quiet:
                    del self._failures[stale]
            return 0

    def forgive(self, key: str) -> None:
        """Take back one counted try of `key`: it was not a failure."""
        with self._lock:
            entry = self._failures.get(key)
            if entry is not None:
                entry.count -= 1
                if entry.count <= 0:
                    del self._failures[key]

    def clear(self, key: str) -> None:
        """Forget `key`'s failures (a correct password)."""
        with self._lock:
            self._failures.pop(key, None)

    def reset(self) -> None:
        """Forget everything (tests)."""
        with self._lock:
            self._failures.clear()


def account_key(email: object) -> str:
    """The key of a login account: its email, lowercased and hashed (no address book in memory)."""
    text = email.strip().lower() if isinstance(email, str) else ""
    return "account:" + hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()


def address_key(address: str) -> str:
    """The key of a client address in `login_failures`."""
    return "address:" + address


join_failures = SlidingWindow()
joins = SlidingWindow()
login_failures = Backoff()
# Photo uploads, keyed by person ("person:<actor key>") and by address ("address:<ip>").
photo_uploads = SlidingWindow()
# Bytes of text in participants' commands, keyed the same way.
text_volume = Volume()


def reset() -> None:
    """Forget every counter (tests)."""
    join_failures.reset()
    joins.reset()
    login_failures.reset()
    photo_uploads.reset()
    text_volume.reset()
