"""One thread sends every socket's Engine.IO ping, instead of one sleeping thread per socket.

python-engineio (threading mode) starts a thread for each ping it schedules: the thread sleeps
the ping interval, sends one ping and ends, and the next pong starts another. So every open
phone keeps a fourth thread that does nothing but sleep (py-spy on a server holding 1,200
phones: 806 threads in `Socket._send_ping`). A thread costs about 16 KB of resident memory, and
when a whole room disconnects at once thousands of threads wake and fight for the GIL while a
newcomer's page waits (benchmarks/README.md, capacity). Here one daemon thread keeps a heap of
due times and sends the pings; `Socket.schedule_ping` is replaced by one that puts the socket on
that heap. Only the threading-mode `engineio.socket.Socket` is changed, which is why
pyproject.toml pins python-engineio's major version; tests/integration/test_capacity.py fails
when sockets stop being pinged or the sleeping threads come back.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import threading
import time
import weakref
from typing import Any

from engineio import packet
from engineio import socket as engineio_socket


class Pinger:
    """Sends each scheduled socket one ping when its interval is over."""

    def __init__(self) -> None:
        self._due: list[tuple[float, int, weakref.ref[Any]]] = []
        self._order = itertools.count()
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def schedule(self, sock: Any) -> None:
        """Ping `sock` once its server's ping interval from now is over."""
        when = time.monotonic() + sock.server.ping_interval
        with self._wake:
            heapq.heappush(self._due, (when, next(self._order), weakref.ref(sock)))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="pinger", daemon=True)
                self._thread.start()
            elif self._due[0][0] == when:
                self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                now = time.monotonic()
                while not self._due or self._due[0][0] > now:
                    self._wake.wait(self._due[0][0] - now if self._due else None)
                    now = time.monotonic()
                ready = []
                while self._due and self._due[0][0] <= now:
                    ready.append(heapq.heappop(self._due)[2])
            for ref in ready:
                _ping(ref())


def _ping(sock: Any) -> None:
    """What engineio's `Socket._send_ping` does after its sleep."""
    if sock is None or sock.closing or sock.closed:
        return
    sock.last_ping = time.time()
    # A socket closing between the check and the send: nothing to ping any more.
    with contextlib.suppress(Exception):
        sock.send(packet.Packet(packet.PING))


PINGER = Pinger()


def _schedule_ping(self: Any) -> None:
    # engineio's own rule: only schedule a new ping if the previous ping wait cycle completed.
    if self.last_ping:
        self.last_ping = None
        PINGER.schedule(self)


def install() -> None:
    """Route the threading-mode sockets' pings through the one pinger (idempotent)."""
    engineio_socket.Socket.schedule_ping = _schedule_ping
