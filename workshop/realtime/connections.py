"""Who is behind each socket in this process (rooms and socket state vanish on disconnect).

This map answers "who sent this event"; it is never asked which sockets to end: that is asked of
the Socket.IO server's own rooms (broadcast.py), so a socket the map lost cannot survive a logout.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ..domain.actors import Actor


@dataclass
class Connection:
    """A socket's actor, its language and, for facilitators, the login session it rides on."""

    actor: Actor
    lang: str
    login_token: str | None = None
    # A console's part of the day (the rail's key) and when it said so, for the team's list.
    part: str = ""
    part_at: float = 0.0


_lock = threading.Lock()
_by_sid: dict[str, Connection] = {}


def remember(sid: str, connection: Connection) -> None:
    """Record the socket after a successful connect."""
    with _lock:
        _by_sid[sid] = connection


def forget(sid: str) -> None:
    """Drop the socket on disconnect."""
    with _lock:
        _by_sid.pop(sid, None)


def get(sid: str) -> Connection | None:
    """The connection for a socket id in this process."""
    with _lock:
        return _by_sid.get(sid)


def set_part(sid: str, part: str, at: float) -> None:
    """Remember which part of the day this console shows."""
    with _lock:
        connection = _by_sid.get(sid)
        if connection is not None:
            connection.part, connection.part_at = part, at


def consoles_of(workshop_id: int, sids: set[str]) -> dict[int, str]:
    """Each facilitator with a console of this workshop among these sockets (the Socket.IO
    server's own staff room: see the module's docstring), and the part their console that
    spoke last shows."""
    with _lock:
        mine = [
            c
            for sid, c in _by_sid.items()
            if sid in sids
            and c.actor.is_facilitator
            and c.actor.workshop_id == workshop_id
            and c.actor.id
        ]
    latest: dict[int, Connection] = {}
    for connection in mine:
        user_id = connection.actor.id
        assert user_id is not None
        if user_id not in latest or connection.part_at >= latest[user_id].part_at:
            latest[user_id] = connection
    return {user_id: c.part for user_id, c in latest.items()}


def login_tokens() -> list[str]:
    """The facilitator logins this process has consoles for (to end the expired ones)."""
    with _lock:
        return sorted({c.login_token for c in _by_sid.values() if c.login_token})


def workshop_ids() -> list[int]:
    """The workshops this process has screens for."""
    with _lock:
        return sorted({c.actor.workshop_id for c in _by_sid.values()})


def all_sids() -> list[str]:
    """Every socket of this process (to warn them before a restart)."""
    with _lock:
        return list(_by_sid)
