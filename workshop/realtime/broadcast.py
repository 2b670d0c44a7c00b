"""The one module that emits: always to a room, only after commit (STYLE.md rule 5)."""

from __future__ import annotations

from typing import Any

from .. import get_db, services
from ..extensions import socketio


def workshop_room(workshop_id: int) -> str:
    """Everyone connected to a workshop: phones, console, wall."""
    return f"w:{workshop_id}"


def participant_room(workshop_id: int, participant_id: int) -> str:
    """All sockets of one participant (a phone and a tablet, or two tabs)."""
    return f"w:{workshop_id}:p:{participant_id}"


def login_room(login_hash: str) -> str:
    """All sockets opened with one facilitator login."""
    return f"login:{login_hash}"


def publish(outcome: services.Outcome) -> None:
    """Send a committed command's events to its room and fresh private state to those touched."""
    for event in outcome.events:
        socketio.emit("event", event, to=workshop_room(event["workshop_id"]))
    db = get_db()
    for workshop_id, participant_id in sorted(outcome.private):
        try:
            mine = services.me(db, workshop_id, participant_id)
        except services.DomainError:
            continue  # the participant is gone
        socketio.emit("me", mine, to=participant_room(workshop_id, participant_id))


def workshop_deleted(workshop_id: int) -> None:
    """Tell a deleted workshop's screens, then empty its room."""
    socketio.emit("workshop.deleted", {"workshop_id": workshop_id}, to=workshop_room(workshop_id))


def session_ended(login_hash: str) -> None:
    """Tell a logged-out facilitator's other tabs."""
    socketio.emit("session.ended", {}, to=login_room(login_hash))


def warn(sid: str, body: dict[str, Any]) -> None:
    """A private warning to one socket (rate limits)."""
    socketio.emit("warning", body, to=sid)


def server_restarting(sids: list[str]) -> None:
    """Tell this process's clients that the server goes down, then drop their transports.

    Closing at the Engine.IO level (not a Socket.IO disconnect) makes clients reconnect by
    themselves, and frees the threads that hold websockets so the process exits quickly.
    """
    for sid in sids:
        socketio.emit("server.restarting", {}, to=sid)
    socketio.server.eio.disconnect()


def end_sockets(sids: list[str]) -> None:
    """Disconnect sockets for good (logout, deleted workshop): clients do not reconnect."""
    for sid in sids:
        socketio.server.disconnect(sid, namespace="/")
