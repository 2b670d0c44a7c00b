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
    TeamActed,
    TeamPresent,
    WorkshopDeleted,
)
from ..extensions import get_db, socketio
from ..services import accounts, history, runner, sync, team
from ..services.runner import Outcome
from . import connections

log = logging.getLogger(__name__)
NAMESPACE = "/"

# Events of one workshop travel together as one `events` message, but only when they have to:
# a calm room is sent each event at once. Events wait, and then leave together, only while
# there is a reason: a message to the room is still on its way out (its sockets' writers have
# not taken it yet), or more commands on the workshop are queued behind the lock (a burst:
# sending 200 sockets a message per vote would take the time the votes need). A calm room of 50
# sees each vote within milliseconds; a burst of 1000 votes reaches a room of 500 as a few
# messages. No fixed delay: how long events wait follows the fan-out's and the commands' own
# pace, bounded by BROADCAST_COALESCE_MAX_SECONDS (a stuck phone's writer or an endless stream
# of commands cannot hold the room back longer than that).
_pending: dict[int, list[dict[str, Any]]] = {}
_pending_since: dict[int, float] = {}
_sending: set[int] = set()
_pending_lock = threading.Lock()
# While waiting for a room's writers, look again this often (cheap: one queue length per socket).
_DRAIN_POLL_SECONDS = 0.002


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


def member_room(workshop_id: int, user_id: int) -> str:
    """One team member's consoles of one workshop (to end them when they leave the team)."""
    return f"w:{workshop_id}:u:{user_id}"


def login_room(login_hash: str) -> str:
    """All sockets opened with one facilitator login."""
    return f"login:{login_hash}"


def send(message: Message, to: str) -> None:
    """Emit a typed server message to one room or socket."""
    socketio.emit(message.name, message.body(), to=to)


def publish(outcome: Outcome) -> None:
    """Send a committed command's events to its rooms and fresh private state to those touched."""
    bound = current_app.config["BROADCAST_COALESCE_MAX_SECONDS"]
    if bound <= 0:
        for event in outcome.events:
            _emit_events(event["workshop_id"], [event])
    else:
        to_start = []
        with _pending_lock:
            for event in outcome.events:
                workshop_id = event["workshop_id"]
                if workshop_id not in _pending:
                    _pending_since[workshop_id] = time.monotonic()
                _pending.setdefault(workshop_id, []).append(event)
                if workshop_id not in _sending:
                    _sending.add(workshop_id)
                    to_start.append(workshop_id)
        for workshop_id in to_start:
            _start_sending(workshop_id, bound)
    for (workshop_id, participant_id), me in sorted(outcome.private.items()):
        socketio.emit("me", me, to=participant_room(workshop_id, participant_id))
    for workshop_id, participant_id, notice in outcome.notices:
        send(notice, to=participant_room(workshop_id, participant_id))
    if outcome.by.startswith("u:") and outcome.events and not outcome.replayed:
        _team_acted(outcome)


def _team_acted(outcome: Outcome) -> None:
    """The console's history: a team member's command, by name, to the workshop's consoles.
    Its own message, not a field of the events: the events reach phones and walls too, and
    a participant never learns which member of the team did what."""
    by_workshop: dict[int, list[dict[str, Any]]] = {}
    for event in outcome.events:
        by_workshop.setdefault(event["workshop_id"], []).append(event)
    for workshop_id, events in by_workshop.items():
        entries = history.acted(get_db(), outcome.by, events)
        send(TeamActed(workshop_id=workshop_id, entries=entries), to=staff_room(workshop_id))


def _emit_events(workshop_id: int, batch: list[dict[str, Any]]) -> None:
    public = [public_wire(event) for event in batch]
    if public == batch:
        socketio.emit("events", batch, to=workshop_room(workshop_id))
    else:
        socketio.emit("events", batch, to=staff_room(workshop_id))
        socketio.emit("events", public, to=public_room(workshop_id))


def _start_sending(workshop_id: int, bound: float) -> None:
    """Become the workshop's sender: in a calm room send from this thread at once (a thread
    started first would cost the room its start-up), then leave the waiting to a thread."""
    if runner.queued(workshop_id):
        socketio.start_background_task(_send_while_pending, workshop_id, bound)
        return
    try:
        _emit_events(workshop_id, _take_pending(workshop_id))
    finally:
        socketio.start_background_task(_send_while_pending, workshop_id, bound, True)


def _send_while_pending(workshop_id: int, bound: float, just_sent: bool = False) -> None:
    """The one sender of a workshop while it has events to send: wait while commands on the
    workshop still queue, send what is pending, wait until the room's writers have taken it,
    and go on until nothing is left (`just_sent`: the first message left already)."""
    if just_sent:
        try:
            _wait_until_sent(workshop_room(workshop_id), bound)
        except Exception:
            log.exception("waiting for a broadcast to workshop %s failed", workshop_id)
    while True:
        with _pending_lock:
            if workshop_id not in _pending:
                _sending.discard(workshop_id)
                return
            oldest = _pending_since[workshop_id]
        # While commands queue, events wait up to twice the bound: a burst's own writes need
        # the time a fan-out to every socket would take from them.
        while runner.queued(workshop_id) and time.monotonic() - oldest < 2 * bound:
            socketio.sleep(_DRAIN_POLL_SECONDS)
        try:
            _emit_events(workshop_id, _take_pending(workshop_id))
            _wait_until_sent(workshop_room(workshop_id), bound)
        except Exception:
            # Never leave the workshop marked as sending: its next events would wait for ever.
            log.exception("broadcast to workshop %s failed", workshop_id)


def _take_pending(workshop_id: int) -> list[dict[str, Any]]:
    """The workshop's events waiting to be sent, in seq order, no longer waiting."""
    with _pending_lock:
        batch = _pending.pop(workshop_id, [])
        _pending_since.pop(workshop_id, None)
    return sorted(batch, key=lambda event: event["seq"])


def _wait_until_sent(room: str, bound: float) -> None:
    """Wait until every websocket of this process in `room` has handed its queued messages to
    the network, or `bound` seconds passed.

    Long-polling sockets are skipped: their queue empties only when the phone next polls.
    With several processes the message reaches the others through the message queue, so only
    this process's own sockets are waited for.
    """
    deadline = time.monotonic() + bound
    engine = socketio.server.eio
    for _sid, eio_sid in socketio.server.manager.get_participants(NAMESPACE, room):
        sock = engine.sockets.get(eio_sid)
        if sock is None or not sock.upgraded:
            continue
        while sock.queue.qsize() and not sock.closed:
            if time.monotonic() >= deadline:
                return
            socketio.sleep(_DRAIN_POLL_SECONDS)


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


def team_presence(workshop_id: int) -> None:
    """Tell a workshop's consoles who of its team is connected, and on which part."""
    manager = socketio.server.manager
    sids = {sid for sid, _eio in manager.get_participants(NAMESPACE, staff_room(workshop_id))}
    people = team.present(get_db(), workshop_id, connections.consoles_of(workshop_id, sids))
    send(TeamPresent(workshop_id=workshop_id, present=people), to=staff_room(workshop_id))


def member_removed(member: tuple[int, int]) -> None:
    """End the consoles of someone taken off a workshop's team (workshop id, user id) at once,
    as a logout does; their other workshops' consoles stay."""
    workshop_id, user_id = member
    send(SessionEnded(), to=member_room(workshop_id, user_id))
    _end_room(member_room(workshop_id, user_id))


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
