"""A phone's websocket is read by the thread that serves it, not by a second thread of its own.

In threading mode each open websocket held three threads: gunicorn's pool thread running
engineio's handler (which only waits for simple-websocket to hand it the next message),
simple-websocket's reader thread (which reads the socket and hands the messages over) and
engineio's writer. The first two take turns and never work at once, so the pool thread now reads
the socket itself: one thread (about 16 KB of resident memory) fewer for every phone, and one
thread wake fewer for every message a phone sends (benchmarks/README.md, capacity). What is
read, and how wsproto answers pings and close frames, is simple-websocket's own code
(`_handle_events`); only who calls it changes. A close from the server's side (engineio's
writer ending the socket) shuts the socket's reading half, so the reading thread wakes at once
instead of waiting for the phone's answer.

Only the threading-mode websocket of python-engineio is changed, which is why pyproject.toml pins
python-engineio's and simple-websocket's major versions; tests/integration/test_capacity.py
counts the threads per phone and fails when the reader threads come back.
"""

from __future__ import annotations

import contextlib
import select
import socket
from typing import Any

import simple_websocket
from engineio.async_drivers._websocket_wsgi import SimpleWebSocketWSGI
from wsproto.utilities import LocalProtocolError


class _NotStarted:
    """Given to simple-websocket as its thread class: the reader it would start is not started,
    because `InlineServer.receive` reads in the caller's thread."""

    def __init__(self, target: Any = None, **_: Any) -> None:
        self.name = "websocket-reader (inline)"

    def start(self) -> None:
        pass


class InlineServer(simple_websocket.Server):  # type: ignore[misc]
    """simple-websocket's server whose `receive` reads the socket in the calling thread."""

    def __init__(self, environ: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(environ, thread_class=_NotStarted, **kwargs)

    def receive(self, timeout: float | None = None) -> Any:
        """The next message; None after `timeout` seconds without one (None: wait for ever)."""
        while self.connected and not self.input_buffer:
            if timeout is not None and not select.select([self.sock], [], [], timeout)[0]:
                return None
            try:
                data = self.sock.recv(self.receive_bytes)
                if not data:
                    raise OSError("closed by the other side")
                self.ws.receive_data(data)
                self.connected = self._handle_events()
            except (OSError, LocalProtocolError):
                self.connected = False
        if self.input_buffer:
            return self.input_buffer.pop(0)
        # What simple-websocket's reader thread did when it ended.
        with contextlib.suppress(OSError):
            self.sock.close()
        raise simple_websocket.ConnectionClosed(self.close_reason, self.close_message)

    def close(self, reason: int | None = None, message: str | None = None) -> None:
        """Send the close frame, then wake the thread blocked reading this socket."""
        try:
            super().close(reason, message)
        finally:
            with contextlib.suppress(OSError):
                self.sock.shutdown(socket.SHUT_RD)


class InlineWebSocketWSGI(SimpleWebSocketWSGI):  # type: ignore[misc]
    """engineio's threading-mode websocket wrapper, on `InlineServer`."""

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        self.ws = InlineServer(environ, **self.server_args)
        ret = self.app(self)
        if self.ws.mode == "gunicorn":
            raise StopIteration()
        if self.ws.mode == "werkzeug":
            raise ConnectionError()
        return ret


def install(engineio_server: Any) -> None:
    """Serve this engineio server's websockets with one thread fewer each (idempotent)."""
    engineio_server._async = {**engineio_server._async, "websocket": InlineWebSocketWSGI}
