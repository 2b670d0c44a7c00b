"""Log lines anybody could cause by the hundred: kept short and rate-limited.

Malformed Socket.IO and Engine.IO packets: one short, rate-limited log line, no traceback.

Anybody can send a socket a broken packet. python-engineio logs each one it cannot decode with
a full traceback ("message handler error" on the `engineio.server` logger), and a broken
Engine.IO frame on a websocket escapes to gunicorn, which logs "Error handling request" with
another (security review, issue 8). A client sending a few hundred would bury the log. This
filter recognises those records by their traceback (it passes through the packet decoders) and
lets at most one short line through per minute, with how many there were and their exception
types. The client's bytes are never logged: exception messages quote them. Every other record,
tracebacks of real bugs included, passes that filter unchanged.

A real bug that user input can reach (a request path or a command that fails the same way each
time) would still write one traceback per request: a phone with the join code sending it in a
loop writes about a gigabyte an hour (security review, issue 20). `RepeatedTracebacks` writes the
first traceback of each kind of failure (exception type and the line that raised it) whole, then
holds its repeats for a minute and writes one line saying how many there were.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from types import TracebackType
from typing import Any

# Where a malformed packet fails: the decoders of both protocols (json errors raise from there).
DECODERS = (
    ("engineio", "packet.py"),
    ("engineio", "payload.py"),
    ("socketio", "packet.py"),
)
# Where a packet that decodes but is no valid Socket.IO message fails: in python-socketio's own
# handling of it (an event that is not a list, an empty one, an unknown packet type, binary
# attachments never sent), before any handler of ours runs. Raised deeper, it is our bug.
HANDLING = (
    ("socketio", "server.py", "_handle_eio_message"),
    ("socketio", "server.py", "_handle_event"),
)
LOGGERS = ("engineio.server", "socketio.server", "gunicorn.error")
WINDOW_SECONDS = 60.0


def _where(tb: TracebackType) -> tuple[str, ...]:
    parts = tb.tb_frame.f_code.co_filename.replace("\\", "/").rsplit("/", 2)
    return (*parts[-2:], tb.tb_frame.f_code.co_name) if len(parts) == 3 else ()


def _from_a_decoder(tb: TracebackType | None) -> bool:
    innermost = None
    while tb is not None:
        if _where(tb)[:2] in DECODERS:
            return True
        innermost = tb
        tb = tb.tb_next
    return innermost is not None and _where(innermost) in HANDLING


class MalformedPacketFilter(logging.Filter):
    """Shortens and rate-limits the records of packets that could not be decoded."""

    def __init__(self, window: float = WINDOW_SECONDS) -> None:
        super().__init__()
        self.window = window
        self._lock = threading.Lock()
        self._last_line = float("-inf")
        self._held: Counter[str] = Counter()  # since the last line written
        self.total = 0

    def filter(self, record: logging.LogRecord) -> bool:
        exc_info: Any = record.exc_info
        if not exc_info or not _from_a_decoder(exc_info[2]):
            return True
        kind = exc_info[0].__name__ if exc_info[0] else "error"
        now = time.monotonic()
        with self._lock:
            self.total += 1
            self._held[kind] += 1
            if now - self._last_line < self.window:
                return False
            self._last_line = now
            held, self._held = self._held, Counter()
        count = sum(held.values())
        kinds = ", ".join(f"{name} x{n}" for name, n in sorted(held.items()))
        record.msg = (
            "ignored %d malformed Socket.IO/Engine.IO packet(s) (%s); "
            "such lines are written at most every %d s"
        )
        record.args = (count, kinds, int(self.window))
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        record.levelno = logging.WARNING
        record.levelname = logging.getLevelName(logging.WARNING)
        return True

    def reset(self) -> None:
        """Start a fresh window (tests)."""
        with self._lock:
            self._last_line = float("-inf")
            self._held.clear()
            self.total = 0


malformed_packets = MalformedPacketFilter()

# Where a request's or a command's unexpected failure is logged, with its traceback.
FAILURE_LOGGERS = (
    "workshop.web.errors",
    "workshop.realtime.commands",
    "workshop.services.exports",
)


def _failure_kind(exc_info: Any) -> str:
    """The exception type and the innermost line of ours or a library's that raised it."""
    kind, _, tb = exc_info
    where = ""
    while tb is not None:
        code = tb.tb_frame.f_code
        where = f"{code.co_filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return f"{kind.__name__ if kind else 'error'} at {where}"


class RepeatedTracebacks(logging.Filter):
    """The first traceback of each kind of failure whole; its repeats counted, one line a minute."""

    def __init__(self, window: float = WINDOW_SECONDS) -> None:
        super().__init__()
        self.window = window
        self._lock = threading.Lock()
        # kind -> (when its last traceback or summary was written, repeats held since)
        self._seen: dict[str, tuple[float, int]] = {}
        self.held_total = 0

    def filter(self, record: logging.LogRecord) -> bool:
        exc_info: Any = record.exc_info
        if not exc_info or exc_info[0] is None:
            return True
        kind = _failure_kind(exc_info)
        now = time.monotonic()
        with self._lock:
            last, held = self._seen.get(kind, (float("-inf"), 0))
            if now - last < self.window:
                self._seen[kind] = (last, held + 1)
                self.held_total += 1
                return False
            self._seen[kind] = (now, 0)
            if len(self._seen) > 1000:  # many kinds: forget the ones quiet for a window
                self._seen = {
                    k: v for k, v in self._seen.items() if now - v[0] < self.window or k == kind
                }
        if held:
            record.msg = f"{record.msg} (and {held} more like it since its last traceback)"
        return True

    def reset(self) -> None:
        """Start a fresh window (tests)."""
        with self._lock:
            self._seen.clear()
            self.held_total = 0


repeated_tracebacks = RepeatedTracebacks()


def init_app(app: Any = None) -> None:
    """Attach the filters to the loggers they watch (once per process)."""
    for names, log_filter in (
        (LOGGERS, malformed_packets),
        (FAILURE_LOGGERS, repeated_tracebacks),
    ):
        for name in names:
            logger = logging.getLogger(name)
            if log_filter not in logger.filters:
                logger.addFilter(log_filter)
