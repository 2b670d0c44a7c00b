"""The one module that emits: always to a room, only after commit (STYLE.md rule 5).

A workshop has three rooms: everyone (`w:ID`), the console (`w:ID:staff`) and the phones and
walls (`w:ID:public`). An event whose public form differs from the console's (a hidden topic's
words) goes to each of the two with its own form; otherwise once to everyone.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any

from flask import Flask, current_app

from ..domain.events import public_wire
from ..domain.messages import (
    BoardDragging,
    Head,
    Message,
    ServerRestarting,
    SessionEnded,
    WorkshopDeleted,
)
from ..extensions import socketio
from ..services import accounts, sync
from ..services.runner import Outcome
from ..store.db import get_db
from . import connections

log = logging.getLogger(__name__)
NAMESPACE = "/"

# Events of one workshop travel together as one `events` message. Fanning a message out to 200
# sockets costs tens of milliseconds in one process, so a workshop gets at most one broadcast
# per BURST_SPACING: calm rooms see an event after the short window, a burst of 1000 votes
# reaches 200 phones as a few dozen messages instead of 200 000.
BURST_SPACING = 0.25
_pending: dict[int, list[dict[str, Any]]] = {}
_last_flush: dict[int, float] = {}
_pending_lock = threading.Lock()


def workshop_room(workshop_id: int) -> str:
    """Everyone connected to a workshop: phones, console, wall."""
    return f"w:{workshop_id}"


def staff_room(workshop_id: int) -> str:
    """The facilitator's consoles of a workshop."""
    return f"w:{workshop_id}:staff"


def public_room(workshop_id: int) -> str:
    """The phones and walls of a workshop."""
    return f"w:{workshop_id}:public"


def board_room(workshop_id: int) -> str:
    """The board screens of a workshop (they alone receive positions while cards are dragged)."""
    return f"w:{workshop_id}:board"


def participant_room(workshop_id: int, participant_id: int) -> str:
    """All sockets of one participant (a phone and a tablet, or two tabs)."""
    return f"w:{workshop_id}:p:{participant_id}"


def login_room(login_hash: str) -> str:
    """All sockets opened with one facilitator login."""
    return f"login:{login_hash}"


def send(message: Message, to: str) -> None:
    """Emit a typed server message to one room or socket."""
    socketio.emit(message.name, message.body(), to=to)


def publish(outcome: Outcome) -> None:
    """Send a committed command's events to its rooms and fresh private state to those touched."""
    window = current_app.config["BROADCAST_BATCH_SECONDS"]
    if window <= 0:
        for event in outcome.events:
            _emit_events(event["workshop_id"], [event])
    else:
        to_schedule = []
        with _pending_lock:
            for event in outcome.events:
                batch = _pending.setdefault(event["workshop_id"], [])
                if not batch:
                    to_schedule.append(event["workshop_id"])
                batch.append(event)
        now = time.monotonic()
        for workshop_id in to_schedule:
            delay = max(window, _last_flush.get(workshop_id, 0.0) + BURST_SPACING - now)
            socketio.start_background_task(_flush_later, workshop_id, delay)
    for (workshop_id, participant_id), me in sorted(outcome.private.items()):
        socketio.emit("me", me, to=participant_room(workshop_id, participant_id))
    for workshop_id, participant_id, notice in outcome.notices:
        send(notice, to=participant_room(workshop_id, participant_id))


def _emit_events(workshop_id: int, batch: list[dict[str, Any]]) -> None:
    public = [public_wire(event) for event in batch]
    if public == batch:
        socketio.emit("events", batch, to=workshop_room(workshop_id))
    else:
        socketio.emit("events", batch, to=staff_room(workshop_id))
        socketio.emit("events", public, to=public_room(workshop_id))


def _flush_later(workshop_id: int, delay: float) -> None:
    socketio.sleep(delay)
    with _pending_lock:
        batch = _pending.pop(workshop_id, [])
        _last_flush[workshop_id] = time.monotonic()
    if batch:
        batch.sort(key=lambda event: event["seq"])
        _emit_events(workshop_id, batch)


# --- the head beacon ------------------------------------------------------------------------
# A broadcast can be lost after its commit: with several processes it travels through Redis, and
# while Redis is down python-socketio logs and drops it. A screen only notices a missing event
# when a later one arrives, so in a quiet room it would stay behind. Every few seconds each
# process therefore tells its screens the latest seq of their workshop; a screen that is behind
# asks `sync` for what it missed. The same round ends consoles whose login has expired.
_beacon_pid: int | None = None
_beacon_lock = threading.Lock()


def start_head_beacon(app: Flask) -> None:
    """Start this process's beacon once, lazily from the first connect.

    gunicorn builds the app and then forks; a thread started before the fork would not exist in
    the worker, so the first socket of each process starts it.
    """
    global _beacon_pid
    interval = app.config["HEAD_INTERVAL_SECONDS"]
    if interval <= 0:
        return
    with _beacon_lock:
        if _beacon_pid == os.getpid():
            return
        _beacon_pid = os.getpid()
    socketio.start_background_task(_beacon_loop, app, interval)


def _beacon_loop(app: Flask, interval: float) -> None:
    while True:
        socketio.sleep(interval)
        try:
            with app.app_context():
                announce_heads()
                end_expired_logins()
        except Exception:
            # The database may be down too: the next round tries again.
            log.exception("head beacon failed; trying again in %s s", interval)


def announce_heads() -> None:
    """Tell every screen of this process the latest seq of its workshop."""
    for workshop_id, seq in sync.head_seqs(get_db(), connections.workshop_ids()).items():
        send(Head(workshop_id=workshop_id, seq=seq), to=workshop_room(workshop_id))


def end_expired_logins() -> None:
    """A console left open past its login's lifetime is ended, not only refused at its next
    event: until then it would keep receiving the room's events."""
    db = get_db()
    for login_token in connections.login_tokens():
        if accounts.user_for_login(db, login_token) is None:
            login_ended(accounts.hash_token(login_token))


# --- ending sockets -----------------------------------------------------------------------
# Who is in a room is asked of the Socket.IO server itself, never of a map kept beside it: a
# socket the map lost (or never knew) would otherwise survive the logout or the deletion.


def _end_room(room: str) -> None:
    """Disconnect every socket of this process in the room, then empty the room everywhere."""
    manager = socketio.server.manager
    for sid, _eio_sid in list(manager.get_participants(NAMESPACE, room)):
        socketio.server.disconnect(sid, namespace=NAMESPACE)
    # Sockets held by other processes (scaled out through Redis) leave the room too.
    socketio.close_room(room, namespace=NAMESPACE)


def workshop_deleted(workshop_id: int) -> None:
    """Tell a deleted workshop's screens, then end their sockets and empty its rooms."""
    send(WorkshopDeleted(workshop_id=workshop_id), to=workshop_room(workshop_id))
    for room in (staff_room(workshop_id), public_room(workshop_id), workshop_room(workshop_id)):
        _end_room(room)


def login_ended(login_hash: str) -> None:
    """Tell a logged-out (or expired) facilitator's sockets, then end them."""
    send(SessionEnded(), to=login_room(login_hash))
    _end_room(login_room(login_hash))


def dragging(body: dict[str, Any], *, skip_sid: str) -> None:
    """A card being dragged, to the other board screens: at once, unbatched, never logged."""
    message = BoardDragging(**body)
    socketio.emit(
        message.name, message.body(), to=board_room(body["workshop_id"]), skip_sid=skip_sid
    )


def warn(sid: str, body: dict[str, Any]) -> None:
    """A private warning to one socket (rate limits)."""
    socketio.emit("warning", body, to=sid)


def server_restarting(sids: list[str]) -> None:
    """Tell this process's clients that the server goes down, then drop their transports.

    Closing at the Engine.IO level (not a Socket.IO disconnect) makes clients reconnect by
    themselves, and frees the threads that hold websockets so the process exits quickly.
    """
    for sid in sids:
        send(ServerRestarting(), to=sid)
    socketio.server.eio.disconnect()
