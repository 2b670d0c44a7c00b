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
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

log = logging.getLogger(__name__)

SOCKETIO_PATH = "/socket.io"
REFUSAL = b"Too many open connections from this address; try again in a minute.\n"
RETRY_AFTER_SECONDS = 60
LOG_EVERY_SECONDS = 60.0

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class SocketCap:
    """WSGI middleware: at most `limit` Socket.IO requests in flight per remote address."""

    def __init__(self, app: WSGIApp, limit: int, path: str = SOCKETIO_PATH) -> None:
        self.app = app
        self.limit = limit
        self.path = path.rstrip("/")
        self._lock = threading.Lock()
        self._open: Counter[str] = Counter()
        self.refused = 0
        self._logged_at = float("-inf")

    def open_count(self, address: str) -> int:
        """How many Socket.IO requests `address` has in flight now."""
        with self._lock:
            return self._open[address]

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        path = environ.get("PATH_INFO") or ""
        if self.limit <= 0 or not (path == self.path or path.startswith(self.path + "/")):
            return self.app(environ, start_response)
        address = environ.get("REMOTE_ADDR") or "?"
        with self._lock:
            admitted = self._open[address] < self.limit
            if admitted:
                self._open[address] += 1
            else:
                self.refused += 1
        if not admitted:
            return self._refuse(start_response)
        try:
            # A websocket runs inside this call until it closes; a polling request returns
            # its body, which is released when the server closes the iterable.
            result = self.app(environ, start_response)
        except BaseException:
            self._release(address)
            raise
        return _Releasing(result, lambda: self._release(address))

    def _release(self, address: str) -> None:
        with self._lock:
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
        start_response(
            "429 Too Many Requests",
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(REFUSAL))),
                ("Retry-After", str(RETRY_AFTER_SECONDS)),
            ],
        )
        return [REFUSAL]


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
    app.wsgi_app = SocketCap(app.wsgi_app, app.config["MAX_SOCKETS_PER_ADDRESS"])
