"""The floor: a bare python-socketio server doing the app's vote fan-out, and nothing else.

No database, no checks, no batching: every `vote.add` bumps a counter and is sent at once to
everyone in the room as the same `events` message the app sends. It runs on the same stack as
the app (threading mode, simple-websocket, gunicorn's gthread worker, the same ping settings),
so the difference between the two is what the app itself costs.

    gunicorn -k gthread --threads 2000 -b 127.0.0.1:8001 benchmarks.floor_server:app

FLOOR_ASYNC_MODE=gevent with `gunicorn -k gevent` runs the same floor on greenlets instead
(benchmarks/scale.py --floor-model gevent): what the server model alone changes.
"""

from __future__ import annotations

import json
import os
import threading
from typing import Any

import socketio

ROOM = "room"
ASYNC_MODE = os.environ.get("FLOOR_ASYNC_MODE", "threading")
sio = socketio.Server(
    async_mode=ASYNC_MODE, ping_interval=10, ping_timeout=30, cors_allowed_origins=None
)
_lock = threading.Lock()
_totals: dict[int, int] = {}
_dots = 0


@sio.on("connect")
def _connect(sid: str, environ: dict[str, Any], auth: Any = None) -> None:
    sio.enter_room(sid, ROOM)


@sio.on("vote.add")
def _vote(sid: str, data: dict[str, Any]) -> dict[str, Any]:
    global _dots
    topic_id = int(data["topic_id"])
    with _lock:
        _dots += 1
        total = _totals[topic_id] = _totals.get(topic_id, 0) + 1
        event = {
            "seq": _dots,
            "type": "vote.cast",
            "payload": {"topic_id": topic_id, "total": total, "dots": _dots},
        }
    sio.emit("events", [event], to=ROOM)
    return {"ok": True, "topic_id": topic_id, "total": total}


def _tally(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    with _lock:
        body = json.dumps({str(k): v for k, v in _totals.items()}).encode()
    start_response("200 OK", [("Content-Type", "application/json")])
    return [body]


def _reset(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    global _dots
    with _lock:
        _totals.clear()
        _dots = 0
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def _routes(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    path = environ.get("PATH_INFO", "")
    if path == "/tally":
        return _tally(environ, start_response)
    if path == "/reset":
        return _reset(environ, start_response)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"floor"]


app = socketio.WSGIApp(sio, _routes)
