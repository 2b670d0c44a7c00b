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
- `snapshots`: snapshots answered to `sync` per socket and per address and minute, so screens
  asking for the whole room in a loop cannot keep the CPU busy building it.

All but `login_failures` are one `SlidingWindow`: counts are a weight of one, text its bytes.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

WINDOW_SECONDS = 60.0
# Login failures are forgotten after this long without a new one (or at a correct login).
FORGET_SECONDS = 3600.0


@dataclass
class _Used:
    """What one key used within the window: (time, amount) oldest first, and their sum."""

    entries: deque[tuple[float, int]] = field(default_factory=deque)
    total: int = 0


class SlidingWindow:
    """How much each key used within the last minute: things counted one by one
    (`take(key, limit)`: joins, photos, snapshots) or weighed (`take(key, limit, amount)`: bytes
    of text). One window for every limit, with one sweep."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock  # tests may swap it for a fake one
        self._lock = threading.Lock()
        self._used: dict[str, _Used] = {}
        self._swept: float | None = None  # the first take sweeps (and starts on any clock)

    def _current(self, key: str, now: float) -> _Used | None:
        """The key's use within the last minute (older entries dropped), or None."""
        used = self._used.get(key)
        if used is not None:
            while used.entries and now - used.entries[0][0] >= WINDOW_SECONDS:
                used.total -= used.entries.popleft()[1]
        return used

    def _sweep(self, now: float) -> None:
        """Once a minute, forget every key with nothing left within the last minute, so a
        long-running process does not grow with every address it ever saw (a key that stopped
        sending is not kept until it sends again)."""
        if self._swept is not None and 0 <= now - self._swept < WINDOW_SECONDS:
            return
        self._swept = now
        stale = [
            key
            for key, used in self._used.items()
            if not used.entries or now - used.entries[-1][0] >= WINDOW_SECONDS
        ]
        for key in stale:
            del self._used[key]

    def take(self, key: str, limit: int, *, amount: int = 1) -> bool:
        """Count `amount` (one thing, or so many bytes) if the key stays within `limit` this
        minute; False otherwise (then nothing is counted, so a refused flood does not prolong
        its own wait)."""
        with self._lock:
            now = self.clock()
            self._sweep(now)
            used = self._current(key, now)
            if (used.total if used else 0) + amount > limit:
                return False
            if used is None:
                used = self._used[key] = _Used()
            used.entries.append((now, amount))
            used.total += amount
            return True

    def give_back(self, key: str, amount: int = 1) -> None:
        """Undo the latest `take` of `amount` (what it allowed did not happen after all)."""
        with self._lock:
            used = self._used.get(key)
            if used is None:
                return
            for i in range(len(used.entries) - 1, -1, -1):
                if used.entries[i][1] == amount:
                    del used.entries[i]
                    used.total -= amount
                    return

    def __contains__(self, key: object) -> bool:
        """Whether the key is still held in memory (tests)."""
        with self._lock:
            return key in self._used

    def __len__(self) -> int:
        """How many keys are held in memory."""
        with self._lock:
            return len(self._used)

    def reset(self) -> None:
        """Forget everything (tests)."""
        with self._lock:
            self._used.clear()


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
# Bytes of text in participants' commands, keyed the same way (a weighted take).
text_volume = SlidingWindow()
# Snapshots answered to `sync`, keyed by socket ("socket:<sid>") and by address.
snapshots = SlidingWindow()


def reset() -> None:
    """Forget every counter (tests)."""
    join_failures.reset()
    joins.reset()
    login_failures.reset()
    photo_uploads.reset()
    text_volume.reset()
    snapshots.reset()
