"""How a client event becomes a service call: quota, payload shape, one service, publish, ack.

Each command is exposed with `expose(declared)`, from its service's declaration (its wire name,
payload class, roles and quota category on `@workshop_command`); the service checks its roles
itself, once; this adapter checks who is behind the socket (the facilitator's login, on every
event), the sender's quota and the payload's shape, then publishes the committed events and
answers `{ok: true, ...}` or `{ok: false, error: {code, message}}`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app, g, request
from flask_socketio import disconnect
from pydantic import BaseModel, ValidationError

from .. import limits
from ..domain.actors import Actor
from ..domain.errors import DomainError
from ..extensions import get_db, socketio
from ..i18n import error_body
from ..services import accounts, faults
from ..services.runner import Declared, Outcome
from . import broadcast, connections
from .quota import quota

log = logging.getLogger(__name__)

ALL_ROLES = frozenset({"facilitator", "participant", "wall"})


@dataclass(frozen=True)
class CommandSpec:
    """An exposed event: who may send it (the service's roles), its payload and quota category."""

    name: str
    roles: frozenset[str]
    payload: type[BaseModel]
    category: str


COMMANDS: dict[str, CommandSpec] = {}

# Socket.IO starts a thread per incoming event. Under a burst (200 phones x 8 votes) thousands
# would be runnable at once and fight over the GIL; commands wait here instead, asleep and cheap.
# Those let through on one workshop sleep in its line until their group has run (runner.py).
_command_slots: threading.BoundedSemaphore | None = None
_slots_lock = threading.Lock()


def _slots() -> threading.BoundedSemaphore:
    global _command_slots
    with _slots_lock:
        if _command_slots is None:
            _command_slots = threading.BoundedSemaphore(current_app.config["COMMAND_CONCURRENCY"])
        return _command_slots


def _quota_limit(category: str) -> int:
    config = current_app.config
    return {
        "topics": config["QUOTA_TOPICS_PER_MIN"],
        "votes": config["QUOTA_VOTES_PER_MIN"],
        "drag": config["QUOTA_DRAG_PER_MIN"],
    }.get(category, config["QUOTA_OTHER_PER_MIN"])


def _quota_key(actor: Actor, sid: str) -> str:
    # People are counted per person (all their sockets together); walls share no identity, so
    # each wall socket is counted alone and one cannot use up the allowance of the others.
    if actor.role == "wall":
        return f"{actor.workshop_id}:wall:{sid}"
    return f"{actor.workshop_id}:{actor.key}"


def _sender(spec: CommandSpec) -> Actor:
    """Who is behind this socket, still logged in and within their quota."""
    connection = connections.get(request.sid)
    if connection is None:
        raise DomainError("not_joined")
    g.socket_lang = connection.lang
    actor = connection.actor
    if actor.is_facilitator:
        # A logout elsewhere ends this socket's privileges at its very next event.
        if accounts.user_for_login(get_db(), connection.login_token) != actor.id:
            disconnect()
            raise DomainError("forbidden")
        return actor
    key = _quota_key(actor, request.sid)
    if not quota.allow(key, spec.category, _quota_limit(spec.category)):
        broadcast.warn(request.sid, error_body(DomainError("rate_limited")))
        if quota.should_disconnect(key):
            log.warning("disconnecting a flooding socket in workshop %s", actor.workshop_id)
            disconnect()
        raise DomainError("rate_limited")
    return actor


def on(
    name: str, *, payload: type[BaseModel], roles: frozenset[str], category: str = "other"
) -> Callable[[Callable[[Actor, Any], Any]], Callable[..., dict[str, Any]]]:
    """Register a Socket.IO event whose handler gets (actor, validated payload)."""
    spec = CommandSpec(name, roles, payload, category)
    COMMANDS[name] = spec

    def decorator(fn: Callable[[Actor, Any], Any]) -> Callable[..., dict[str, Any]]:
        def handler(data: Any = None, *_extra: Any) -> dict[str, Any]:
            with _slots():
                return _answer(spec, fn, data)

        handler.__name__ = handler.__qualname__ = f"on_{name.replace('.', '_')}"
        handler.__doc__ = fn.__doc__
        socketio.on_event(name, handler)
        return handler

    return decorator


def expose(declared: Declared) -> None:
    """Expose a service command as the client event it declares; the payload's fields are its
    data, the declared roles and quota category are checked as for every event."""
    service = declared.service

    def call(actor: Actor, data: Any) -> Outcome:
        return service(get_db(), actor, data.op_id, data.model_dump(exclude_none=True))

    call.__doc__ = service.__doc__
    on(declared.wire, payload=declared.payload, roles=declared.roles, category=declared.category)(
        call
    )


def text_bytes(data: Any) -> int:
    """The UTF-8 bytes of every string in a command's payload (not its op_id)."""
    if isinstance(data, str):
        return len(data.encode("utf-8", "replace"))
    if isinstance(data, dict):
        return sum(text_bytes(v) for k, v in data.items() if k != "op_id")
    if isinstance(data, list):
        return sum(text_bytes(v) for v in data)
    return 0


def _within_text_volume(actor: Actor, data: dict[str, Any]) -> None:
    """Text per person and per address and minute: one phone rewriting 4,000 characters of
    notes thousands of times a minute wrote 20-33 MB a minute to the log (second review, M5).
    Counted before the payload is checked, like the quotas; the facilitator is not counted."""
    if actor.is_facilitator:
        return
    amount = text_bytes(data)
    if not amount:
        return
    config = current_app.config
    person = f"person:{_quota_key(actor, request.sid)}"
    address = f"address:{request.remote_addr or '?'}"
    if limits.text_volume.take(person, config["TEXT_BYTES_PER_MIN"], amount=amount):
        if limits.text_volume.take(
            address, config["TEXT_BYTES_PER_MIN_PER_ADDRESS"], amount=amount
        ):
            return
        limits.text_volume.give_back(person, amount)
    broadcast.warn(request.sid, error_body(DomainError("rate_limited")))
    raise DomainError("rate_limited")


def _answer(spec: CommandSpec, fn: Callable[[Actor, Any], Any], data: Any) -> dict[str, Any]:
    try:
        actor = _sender(spec)
        if not isinstance(data, dict):
            raise DomainError("bad_request")
        _within_text_volume(actor, data)
        result = fn(actor, spec.payload.model_validate(data))
        if not isinstance(result, Outcome):
            return {"ok": True, **result}
        broadcast.publish(result)
        body = {"ok": True, **result.result}
        if result.replayed:
            body["replayed"] = True
        return body
    except DomainError as error:
        return error_body(error)
    except ValidationError as error:
        fields = [str(e["loc"][0]) for e in error.errors() if e.get("loc")]
        return error_body(DomainError("bad_request", field=",".join(fields[:3])))
    except faults.DATABASE_TROUBLE as error:
        log.exception("database unavailable or busy during %s", spec.name)
        return error_body(faults.refusal(error))
    except Exception:
        log.exception("unexpected error during %s", spec.name)
        return error_body(DomainError("unavailable"))
