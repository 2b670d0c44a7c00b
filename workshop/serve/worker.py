"""The gunicorn worker: gthread, except that the event loop reads each request before a thread.

gunicorn's gthread worker gives a connection to a thread as soon as its first bytes arrive, and
the thread then waits for the rest of the headers with no time limit (the worker's `timeout`
has to be 0 for websockets). A device that sends half a request and stops holds a thread for
ever: 255 such connections from one address made /healthz time out on a server with 250
threads (security review, issue 8). Here the event loop collects the request's bytes without
blocking, the headers and a body of announced length (up to 256 KB) alike, and hands the
connection to a thread only once they are all in. A connection that has not sent them within
`header_timeout` seconds (idle kept-alive connections included) is closed; a chunked request
body, which no client of this app sends, is refused with 411. Half-open requests cost a file
descriptor, never a thread; so that one address cannot take every connection slot either, it
may have at most `half_open_per_address` connections waiting like that.

A connection that ends after its answer is closed the same way: gunicorn shuts its writing half
and then waits up to 2 s for the client to close its own (RFC 9112, 9.6), blocking the event
loop, so every client that kept its end open stopped all the others for 2 s (twenty of them held
/healthz for 40 s). Here the loop waits for that close without blocking.

It leans on the internals of gunicorn's gthread worker (27.x), which is why pyproject.toml pins
gunicorn's major version; tests/integration/test_slow_clients.py fails if they change.
"""

from __future__ import annotations

import contextlib
import errno
import re
import selectors
import socket
import time
from collections import Counter
from functools import partial
from typing import Any

from gunicorn.workers.gthread import STOP_KEEPALIVE_LINGER, TConn, ThreadWorker

# A browser's request headers are a few kilobytes; gunicorn itself refuses fields over 8 KB.
MAX_HEADER_BYTES = 64 * 1024
# Bodies up to this size are read here too (the app refuses bigger ones, config.py
# MAX_CONTENT_LENGTH, before reading them), so a body sent byte by byte holds no thread either.
MAX_BODY_BYTES = 256 * 1024
# How long, and for how many bytes, a closing connection waits for the client's own close
# (gunicorn's util.close_graceful waits as long, but blocking).
LINGER_SECONDS = 2.0
LINGER_MAX_BYTES = 64 * 1024
TOO_LARGE = b"HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n"
# No client of this app streams a request body; a chunked one could trickle without an end.
LENGTH_REQUIRED = b"HTTP/1.1 411 Length Required\r\nConnection: close\r\n\r\n"
_CONTENT_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*([0-9]{1,12})[ \t]*\r?$", re.I | re.M)
_TRANSFER_ENCODING = re.compile(rb"^transfer-encoding[ \t]*:", re.I | re.M)


def end_of_headers(data: bytes | bytearray, start: int = 0) -> int:
    """Where the body begins (after the blank line that ends the headers), or -1."""
    found = [
        (i, len(mark)) for mark in (b"\r\n\r\n", b"\n\n") if (i := data.find(mark, start)) >= 0
    ]
    if not found:
        return -1
    index, length = min(found)
    return index + length


def body_length(headers: bytes | bytearray) -> int | None:
    """How many body bytes follow these headers: 0 when none is announced, or when the announced
    length is too big or malformed (the app or gunicorn's parser refuses those without reading
    them); None for a chunked body."""
    if _TRANSFER_ENCODING.search(headers):
        return None
    lengths = _CONTENT_LENGTH.findall(headers)
    if len(lengths) != 1 or int(lengths[0]) > MAX_BODY_BYTES:
        return 0
    return int(lengths[0])


class HeaderTimeoutWorker(ThreadWorker):  # type: ignore[misc]
    """gthread with a header read timeout and a cap of half-open connections per address."""

    header_timeout: float = 10.0
    half_open_per_address: int = 500  # 0: no cap

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Connections whose headers are not complete yet, in deadline order (a dict keeps the
        # order of insertion and removes in O(1)).
        self.reading: dict[TConn, None] = {}
        self.reading_per_address: Counter[str] = Counter()
        # Connections whose answer is sent, waiting for the client's close, in deadline order.
        self.closing: dict[TConn, None] = {}
        self._lingering = False
        self._no_accept_until = 0.0
        # TLS and HTTP/2 prior knowledge read bytes before the HTTP/1 parser exists; the app
        # uses neither (TLS ends at the reverse proxy), so they keep gthread's own path.
        self.guarded = not self.cfg.is_ssl and self.cfg.http2_cleartext not in (
            "prior-knowledge",
            "both",
        )

    def set_accept_enabled(self, enabled: bool) -> None:
        if enabled and time.monotonic() < self._no_accept_until:
            return
        super().set_accept_enabled(enabled)

    # --- new and kept-alive connections wait in the event loop ----------------------------

    def accept(self, listener: Any) -> None:
        if not self.guarded:
            super().accept(listener)
            return
        try:
            client_sock, client_addr = listener.accept()
        except OSError as error:
            if error.errno in (errno.EMFILE, errno.ENFILE):
                # Out of file descriptors: pause accepting for a second rather than let the
                # worker die (gthread would re-raise) and drop every open socket with it.
                self.log.warning("out of file descriptors: not accepting for a second")
                self.set_accept_enabled(False)
                self._no_accept_until = time.monotonic() + 1.0
                return
            if error.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        conn = TConn(self.cfg, client_sock, client_addr, listener.getsockname())
        if self.half_open_per_address and (
            self.reading_per_address[_address(conn)] >= self.half_open_per_address
        ):
            self.nr_conns -= 1
            conn.close()
            return
        self._await_headers(conn, b"")

    def on_client_socket_readable(self, conn: TConn, client: Any) -> None:
        if not self.guarded:
            super().on_client_socket_readable(conn, client)
            return
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._await_headers(conn, b"")

    def finish_request(self, conn: TConn, fs: Any) -> None:
        if self.guarded and (fs.cancelled() or (fs.exception() is None and fs.result() is False)):
            self._close_after_answer(conn)
            return
        # A kept-alive connection may have sent part of its next request already; gthread would
        # hand it straight back to a thread, which would then wait for the rest.
        if (
            self.guarded
            and self.alive
            and not fs.cancelled()
            and fs.exception() is None
            and fs.result() is True
            and conn.parser is not None
        ):
            ahead = conn.parser.unreader.take_buffered()
            if ahead:
                conn.sock.setblocking(False)
                self._await_headers(conn, ahead)
                return
        super().finish_request(conn, fs)

    def _await_headers(self, conn: TConn, received: bytes) -> None:
        conn.header_bytes = bytearray(received)
        conn.scanned = 0  # how far the buffer was searched for the end of the headers
        conn.request_end = None  # known once the headers are in: where the body ends
        conn.timeout = time.monotonic() + self.header_timeout
        self.reading[conn] = None
        self.reading_per_address[_address(conn)] += 1
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_bytes, conn))
        if received and self._complete(conn):
            return
        self._on_bytes(conn, conn.sock)  # the bytes may be there already

    def _on_bytes(self, conn: TConn, _sock: Any) -> None:
        try:
            data = conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._drop(conn)
            return
        conn.header_bytes += data
        self._complete(conn)

    def _complete(self, conn: TConn) -> bool:
        """Hand the request to a thread once its headers (and body) are in, or refuse it; True
        when the connection left the event loop's hands."""
        buffer = conn.header_bytes
        if conn.request_end is None:
            end = end_of_headers(buffer, max(0, conn.scanned - 3))
            conn.scanned = len(buffer)
            if end < 0:
                if len(buffer) > MAX_HEADER_BYTES:
                    self._refuse(conn, TOO_LARGE)
                    return True
                return False
            length = body_length(buffer[:end])
            if length is None:
                self._refuse(conn, LENGTH_REQUIRED)
                return True
            conn.request_end = end + length
        if len(buffer) < conn.request_end:
            return False
        self._stop_reading(conn)
        conn.header_bytes = None
        conn.pending_bytes = bytes(buffer)
        conn.data_ready = True
        self.enqueue_req(conn)
        return True

    def _refuse(self, conn: TConn, answer: bytes) -> None:
        with contextlib.suppress(OSError):
            conn.sock.send(answer)
        self._drop(conn)

    def _stop_reading(self, conn: TConn) -> None:
        del self.reading[conn]
        address = _address(conn)
        self.reading_per_address[address] -= 1
        if self.reading_per_address[address] <= 0:
            del self.reading_per_address[address]
        with contextlib.suppress(OSError, KeyError, ValueError):
            self.poller.unregister(conn.sock)

    def _drop(self, conn: TConn) -> None:
        self._stop_reading(conn)
        self.nr_conns -= 1
        conn.close()

    # --- a connection that ends after its answer ---------------------------------------------

    def _close_after_answer(self, conn: TConn) -> None:
        conn.drained = 0
        try:
            conn.sock.setblocking(False)
            conn.sock.shutdown(socket.SHUT_WR)
            # Most clients have closed their end already (a websocket that ended, a browser done
            # with the page): then the socket closes now, without a turn in the poller.
            if not self._drained(conn):
                last_bytes = partial(self._on_last_bytes, conn)
                self.poller.register(conn.sock, selectors.EVENT_READ, last_bytes)
                conn.timeout = time.monotonic() + LINGER_SECONDS
                self.closing[conn] = None
                return
        except (OSError, ValueError):  # the client is gone already, or the thread closed it
            pass
        self.nr_conns -= 1
        conn.close()

    def _on_last_bytes(self, conn: TConn, _sock: Any) -> None:
        if self._drained(conn):
            self._closed(conn)

    def _drained(self, conn: TConn) -> bool:
        """Read what the closing client still sends; True once it closed (or sent too much)."""
        try:
            data = conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return False
        except OSError:
            return True
        conn.drained += len(data)
        return not data or conn.drained >= LINGER_MAX_BYTES

    def _closed(self, conn: TConn) -> None:
        del self.closing[conn]
        with contextlib.suppress(OSError, KeyError, ValueError):
            self.poller.unregister(conn.sock)
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self) -> None:
        """Also close the connections whose headers did not arrive in time, and the closing ones
        whose client did not close its end in time (runs every second)."""
        super().murder_pending()
        now = time.monotonic()
        if not self.alive and not self._lingering:
            # Stopping: like gthread's kept-alive connections, a short linger at most.
            self._lingering = True
            for conn in self.reading:
                conn.timeout = min(conn.timeout, now + STOP_KEEPALIVE_LINGER)
        while self.reading:
            conn = next(iter(self.reading))
            if conn.timeout > now:
                break
            self._drop(conn)
        while self.closing:
            conn = next(iter(self.closing))
            if conn.timeout > now:
                break
            self._closed(conn)

    # --- in the thread: the parser starts with the bytes the loop read ----------------------

    def handle(self, conn: TConn) -> Any:
        received = getattr(conn, "pending_bytes", None)
        if received:
            conn.pending_bytes = None
            conn.sock.setblocking(True)
            conn.init()
            conn.parser.unreader.unread(received)
        return super().handle(conn)


def _address(conn: TConn) -> str:
    client = conn.client
    return str(client[0]) if isinstance(client, tuple) else str(client)


def guarded_worker(header_timeout: float, half_open_per_address: int) -> type[HeaderTimeoutWorker]:
    """The worker class with this installation's limits (gunicorn takes a class)."""
    return type(
        "HeaderTimeoutWorker",
        (HeaderTimeoutWorker,),
        {"header_timeout": header_timeout, "half_open_per_address": half_open_per_address},
    )
