"""Who is behind each socket in this process (rooms and socket state vanish on disconnect)."""

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


def sids_for_login(login_token: str) -> list[str]:
    """Sockets opened with one facilitator login (to end them at logout)."""
    with _lock:
        return [sid for sid, c in _by_sid.items() if c.login_token == login_token]


def sids_for_workshop(workshop_id: int) -> list[str]:
    """Sockets in one workshop (to end them when it is deleted)."""
    with _lock:
        return [sid for sid, c in _by_sid.items() if c.actor.workshop_id == workshop_id]


def workshop_ids() -> list[int]:
    """The workshops this process has screens for."""
    with _lock:
        return sorted({c.actor.workshop_id for c in _by_sid.values()})


def all_sids() -> list[str]:
    """Every socket of this process (to warn them before a restart)."""
    with _lock:
        return list(_by_sid)
