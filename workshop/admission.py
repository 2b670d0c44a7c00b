"""A cap on the Socket.IO requests one address holds at once (security review, issue 8).

In threading mode every open websocket, and every long-polling request while it waits, holds
one of the server's threads until it ends. Without a cap one device could open as many as there
are threads (280 websockets from one address were all accepted) and nobody else would get in.
This WSGI middleware counts the requests under /socket.io/ in flight per remote address and
answers the excess with 429 and Retry-After, before Engine.IO sees them; a count is released
when its request ends. The default (300) leaves room for a whole school class on one address.

Behind a reverse proxy every request comes from the proxy's address unless
WORKSHOP_TRUSTED_PROXIES says how many proxies to believe: werkzeug's ProxyFix sits outside this
middleware and gives it each client's own address. Without that, cap at the proxy (nginx
`limit_conn`) and turn this one off with WORKSHOP_MAX_SOCKETS_PER_ADDRESS=0 (docs/deploy.md).

The same middleware also caps the Socket.IO requests of the whole process (issue 14,
WORKSHOP_MAX_SOCKETS). Without it the websockets took every pool thread: with 600 threads the
599th phone hung, and from then on nobody could load the join page or /healthz, which queued
behind websockets that never end. The cap sits below the thread count, so a reserve of threads
always serves ordinary pages. Past it, a few new sockets at a time (OVERFLOW) are still let
through with a mark in the environ, so that the Socket.IO connect handler can refuse a phone with
a reason its script shows (`server_full`) and still let the coordinator's console and the wall
in; beyond those, or for a polling request, the answer is 503 with Retry-After at once. The join
page asks `is_full()` and shows the "full" page instead of a form whose socket would be refused.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

log = logging.getLogger(__name__)

SOCKETIO_PATH = "/socket.io"
REFUSAL = b"Too many open connections from this address; try again in a minute.\n"
RETRY_AFTER_SECONDS = 60
FULL = b"The server holds as many connections as it can; try again in a minute.\n"
FULL_RETRY_AFTER_SECONDS = 30
# The environ key set on a Socket.IO request let through past the total cap.
OVER_CAP = "workshop.over_socket_cap"
# Sockets past the total cap in flight at once: each holds a thread of the reserve, a phone's
# for one round trip (it is refused), a console's or wall's for its life.
OVERFLOW = 16
# Threads kept for ordinary requests besides the OVERFLOW ones, at the least.
RESERVE_MIN = 16
LOG_EVERY_SECONDS = 60.0

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def default_total(threads: int) -> int:
    """The process-wide socket cap for a pool of `threads`: the pool less a reserve for pages,
    /healthz and the console, a sixteenth of it and at least OVERFLOW + RESERVE_MIN (1700
    threads: 1594 sockets, 106 threads kept)."""
    return max(1, threads - max(OVERFLOW + RESERVE_MIN, threads // 16))


class SocketCap:
    """WSGI middleware: at most `limit` Socket.IO requests in flight per remote address, and at
    most `total` in the whole process (0: no cap), plus OVERFLOW let through to be refused."""

    def __init__(
        self, app: WSGIApp, limit: int, path: str = SOCKETIO_PATH, *, total: int = 0
    ) -> None:
        self.app = app
        self.limit = limit
        self.total = total
        self.path = path.rstrip("/")
        self._lock = threading.Lock()
        self._open: Counter[str] = Counter()
        self._in_flight = 0
        self._over = 0
        self.refused = 0
        self.refused_full = 0
        self._logged_at = float("-inf")
        self._full_logged_at = float("-inf")

    def open_count(self, address: str) -> int:
        """How many Socket.IO requests `address` has in flight now."""
        with self._lock:
            return self._open[address]

    def in_flight(self) -> int:
        """How many Socket.IO requests the process holds now (within the total cap)."""
        with self._lock:
            return self._in_flight

    def is_full(self) -> bool:
        """True when a new socket would be over the total cap (the join page shows "full")."""
        with self._lock:
            return 0 < self.total <= self._in_flight

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        path = environ.get("PATH_INFO") or ""
        if not (path == self.path or path.startswith(self.path + "/")):
            return self.app(environ, start_response)
        if self.limit <= 0 and self.total <= 0:
            return self.app(environ, start_response)
        address = environ.get("REMOTE_ADDR") or "?"
        # A new Engine.IO connection (no sid yet) over a websocket can be told why it is refused;
        # a polling request, or an upgrade of a polling session, cannot.
        query = environ.get("QUERY_STRING") or ""
        new_websocket = "transport=websocket" in query and "sid=" not in query
        refusal = None
        over = False
        with self._lock:
            if self.limit > 0 and self._open[address] >= self.limit:
                refusal = self._refuse
                self.refused += 1
            elif self.total <= 0 or self._in_flight < self.total:
                self._in_flight += 1
            elif new_websocket and self._over < OVERFLOW:
                self._over += 1
                over = True
            else:
                refusal = self._refuse_full
                self.refused_full += 1
            if refusal is None:
                self._open[address] += 1
        if refusal is not None:
            return refusal(start_response)
        if over:
            environ[OVER_CAP] = True
        release = partial(self._release, address, over)
        try:
            # A websocket runs inside this call until it closes; a polling request returns
            # its body, which is released when the server closes the iterable.
            result = self.app(environ, start_response)
        except BaseException:
            release()
            raise
        return _Releasing(result, release)

    def _release(self, address: str, over: bool) -> None:
        with self._lock:
            if over:
                self._over -= 1
            else:
                self._in_flight -= 1
            self._open[address] -= 1
            if self._open[address] <= 0:
                del self._open[address]

    def _refuse(self, start_response: Callable[..., Any]) -> list[bytes]:
        now = time.monotonic()
        if now - self._logged_at >= LOG_EVERY_SECONDS:
            # One line a minute at most: a flood must not flood the log. No address in it.
            self._logged_at = now
            log.warning(
                "refused Socket.IO requests over the per-address cap of %d (%d so far)",
                self.limit,
                self.refused,
            )
        return _answer(start_response, "429 Too Many Requests", REFUSAL, RETRY_AFTER_SECONDS)

    def _refuse_full(self, start_response: Callable[..., Any]) -> list[bytes]:
        now = time.monotonic()
        if now - self._full_logged_at >= LOG_EVERY_SECONDS:
            self._full_logged_at = now
            log.warning(
                "refused Socket.IO requests over the cap of %d for the process (%d so far)",
                self.total,
                self.refused_full,
            )
        return _answer(start_response, "503 Service Unavailable", FULL, FULL_RETRY_AFTER_SECONDS)


def _answer(
    start_response: Callable[..., Any], status: str, body: bytes, retry_after: int
) -> list[bytes]:
    start_response(
        status,
        [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Retry-After", str(retry_after)),
        ],
    )
    return [body]


class _Releasing:
    """The app's response, with a callback run once when the server closes it."""

    def __init__(self, result: Iterable[bytes], release: Callable[[], None]) -> None:
        self._result = result
        self._release: Callable[[], None] | None = release

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._result)

    def close(self) -> None:
        try:
            close = getattr(self._result, "close", None)
            if close is not None:
                close()
        finally:
            if self._release is not None:
                release, self._release = self._release, None
                release()


def init_app(app: Any) -> None:
    """Wrap the app (after Socket.IO installed its own middleware, so it sees every request)."""
    cap = SocketCap(
        app.wsgi_app, app.config["MAX_SOCKETS_PER_ADDRESS"], total=app.config["MAX_SOCKETS"] or 0
    )
    app.wsgi_app = cap
    app.extensions["workshop_admission"] = cap


def of(app: Any) -> SocketCap:
    """The app's socket cap (`workshop serve` sets its total from the thread count)."""
    return app.extensions["workshop_admission"]  # type: ignore[no-any-return]
