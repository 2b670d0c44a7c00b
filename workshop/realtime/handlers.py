"""Every Socket.IO event the server accepts, in one module (docs/protocol.md lists them).

Each handler is thin: the `command` decorator checks the connection's role, the facilitator's
login and the sender's quota, validates the payload, calls one service, publishes the committed
events and answers with an ack `{ok: true, ...}` or `{ok: false, error: {code, message}}`.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app, g, request, session
from flask_socketio import ConnectionRefusedError, disconnect, join_room
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import OperationalError

from .. import get_db, services
from ..domain import rules
from ..domain.actors import Actor
from ..domain.errors import DomainError
from ..extensions import socketio
from ..i18n import error_body
from ..limits import join_failures
from . import broadcast, connections, payloads
from .quota import quota

log = logging.getLogger(__name__)

ALL_ROLES = frozenset({"facilitator", "participant", "wall"})
PEOPLE = frozenset({"facilitator", "participant"})
FACILITATOR = frozenset({"facilitator"})
PARTICIPANT = frozenset({"participant"})


@dataclass(frozen=True)
class CommandSpec:
    """How an event is guarded: who may send it, its payload model and its quota category."""

    name: str
    roles: frozenset[str]
    payload: type[BaseModel]
    category: str


COMMANDS: dict[str, CommandSpec] = {}

# Socket.IO starts a thread per incoming event. Under a burst (200 phones x 8 votes) thousands
# would be runnable at once and fight over the GIL; commands wait here instead, asleep and cheap.
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
    }.get(category, config["QUOTA_OTHER_PER_MIN"])


def _guard(spec: CommandSpec, connection: Connection | None) -> Actor:
    if connection is None:
        raise DomainError("not_joined")
    actor = connection.actor
    if actor.role not in spec.roles:
        raise DomainError("forbidden")
    if actor.is_facilitator:
        # A logout elsewhere ends this socket's privileges at its very next event.
        if services.user_for_login(get_db(), connection.login_token) != actor.id:
            disconnect()
            raise DomainError("forbidden")
        return actor
    key = f"{actor.workshop_id}:{actor.key}"
    if not quota.allow(key, spec.category, _quota_limit(spec.category)):
        broadcast.warn(request.sid, error_body(DomainError("rate_limited")))
        if quota.should_disconnect(key):
            log.warning("disconnecting a flooding socket in workshop %s", actor.workshop_id)
            disconnect()
        raise DomainError("rate_limited")
    return actor


Connection = connections.Connection


def command(
    name: str, *, roles: frozenset[str], payload: type[BaseModel], category: str = "other"
) -> Callable[[Callable[[Actor, Any], Any]], Callable[..., dict[str, Any]]]:
    """Register a guarded Socket.IO event; the wrapped function gets (actor, payload)."""
    spec = CommandSpec(name, roles, payload, category)
    COMMANDS[name] = spec

    def decorator(fn: Callable[[Actor, Any], Any]) -> Callable[..., dict[str, Any]]:
        @functools.wraps(fn)
        def handler(data: Any = None, *_extra: Any) -> dict[str, Any]:
            with _slots():
                return _run(spec, fn, data)

        socketio.on_event(name, handler)
        return handler

    return decorator


def _run(spec: CommandSpec, fn: Callable[[Actor, Any], Any], data: Any) -> dict[str, Any]:
    """Guard, validate, call the service, publish after commit, and build the ack."""
    connection = connections.get(request.sid)
    if connection is not None:
        g.socket_lang = connection.lang
    try:
        actor = _guard(spec, connection)
        if not isinstance(data, dict):
            raise DomainError("bad_request")
        result = fn(actor, spec.payload.model_validate(data))
        if not isinstance(result, services.Outcome):
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
    except OperationalError as error:
        log.exception("database unavailable or busy during %s", spec.name)
        # SQLite's "database is locked" after busy_timeout is load, worth trying again soon; a
        # refused or dropped connection means the database is not there at all.
        busy = "locked" in str(error.orig)
        return error_body(DomainError("server_busy" if busy else "unavailable"))
    except Exception:
        log.exception("unexpected error during %s", spec.name)
        return error_body(DomainError("unavailable"))


# --- connecting --------------------------------------------------------------------------


@socketio.on("connect")
def on_connect(auth: Any = None) -> None:
    """Phone, console or wall connects; the role comes from the cookie, never from the client."""
    try:
        hello = payloads.ConnectAuth.model_validate(auth if isinstance(auth, dict) else {})
    except ValidationError as error:
        raise ConnectionRefusedError({"code": "bad_request"}) from error
    db = get_db()
    lang = hello.lang if hello.lang in current_app.config["LANGUAGES"] else None
    login_token = None
    if hello.view == "wall":
        workshop = _workshop_for_wall(hello.join_code)
        actor = Actor("wall", workshop["id"])
    else:
        if hello.workshop_id is None:
            raise ConnectionRefusedError({"code": "bad_request"})
        workshop = services.get_workshop(db, hello.workshop_id)
        if workshop is None:
            raise ConnectionRefusedError({"code": "not_found"})
        if hello.view == "console":
            login_token = session.get("login")
            user_id = services.user_for_login(db, login_token)
            if user_id is None or user_id != workshop["owner_id"]:
                raise ConnectionRefusedError({"code": "forbidden"})
            actor = Actor("facilitator", workshop["id"], user_id)
            join_room(broadcast.login_room(services.hash_token(login_token)))
        else:
            token = (session.get("participants") or {}).get(str(workshop["id"]))
            participant_id = services.participant_for_token(db, workshop["id"], token)
            if participant_id is None:
                raise ConnectionRefusedError({"code": "not_joined"})
            actor = Actor("participant", workshop["id"], participant_id)
            join_room(broadcast.participant_room(workshop["id"], participant_id))
    join_room(broadcast.workshop_room(workshop["id"]))
    broadcast.start_head_beacon(current_app._get_current_object())
    connections.remember(
        request.sid,
        connections.Connection(
            actor=actor, lang=lang or workshop["language"], login_token=login_token
        ),
    )


def _workshop_for_wall(raw_code: str | None) -> dict[str, Any]:
    """The wall's workshop; a valid code always connects, failed look-ups are rate-limited."""
    try:
        code = rules.normalise_join_code(raw_code or "")
        workshop = services.workshop_by_code(get_db(), code)
    except DomainError:
        workshop = None
    if workshop is None:
        address = request.remote_addr or "?"
        if not join_failures.take(address, current_app.config["JOIN_FAILURES_PER_MIN"]):
            raise ConnectionRefusedError({"code": "rate_limited"})
        raise ConnectionRefusedError({"code": "invalid_code"})
    return workshop


@socketio.on("disconnect")
def on_disconnect(*_reason: Any) -> None:
    """Forget the socket; Socket.IO leaves its rooms by itself."""
    connections.forget(request.sid)


# --- every role --------------------------------------------------------------------------


@command("sync", roles=ALL_ROLES, payload=payloads.Sync)
def sync(actor: Actor, data: payloads.Sync) -> dict[str, Any]:
    """Sent by every screen after (re)connecting: the events after `since`, or a snapshot."""
    db = get_db()
    body = services.events_since(
        db, actor.workshop_id, data.since, include_hidden=actor.is_facilitator
    )
    body["role"] = actor.role
    if actor.role == "participant":
        body["me"] = services.me(db, actor.workshop_id, actor.id)
    return body


# --- participants and facilitators -------------------------------------------------------


@command("topic.post", roles=PEOPLE, payload=payloads.TopicPost, category="topics")
def topic_post(actor: Actor, data: payloads.TopicPost) -> services.Outcome:
    """A phone (or the console) posts a topic on the marketplace."""
    return services.post_topic(get_db(), actor, data.op_id, data.model_dump())


@command("topic.edit", roles=PEOPLE, payload=payloads.TopicEdit, category="topics")
def topic_edit(actor: Actor, data: payloads.TopicEdit) -> services.Outcome:
    """The author fixes their topic; the facilitator may fix any."""
    return services.edit_topic(get_db(), actor, data.op_id, data.model_dump())


@command("topic.delete", roles=PEOPLE, payload=payloads.TopicRef)
def topic_delete(actor: Actor, data: payloads.TopicRef) -> services.Outcome:
    """The author deletes their topic; the facilitator may delete any."""
    return services.delete_topic(get_db(), actor, data.op_id, data.model_dump())


# --- participants ------------------------------------------------------------------------


@command("vote.add", roles=PARTICIPANT, payload=payloads.TopicRef, category="votes")
def vote_add(actor: Actor, data: payloads.TopicRef) -> services.Outcome:
    """A phone spends one dot on a topic."""
    lock = not current_app.config["UNSAFE_DISABLE_VOTE_LOCK"]
    return services.add_vote(get_db(), actor, data.op_id, data.model_dump(), lock=lock)


@command("vote.remove", roles=PARTICIPANT, payload=payloads.TopicRef, category="votes")
def vote_remove(actor: Actor, data: payloads.TopicRef) -> services.Outcome:
    """A phone takes one dot back."""
    return services.remove_vote(get_db(), actor, data.op_id, data.model_dump())


@command("profile.update", roles=PARTICIPANT, payload=payloads.ProfileUpdate)
def profile_update(actor: Actor, data: payloads.ProfileUpdate) -> services.Outcome:
    """A participant changes their nickname or group."""
    return services.update_profile(get_db(), actor, data.op_id, data.model_dump())


# --- facilitators ------------------------------------------------------------------------


@command("topic.hide", roles=FACILITATOR, payload=payloads.TopicHide)
def topic_hide(actor: Actor, data: payloads.TopicHide) -> services.Outcome:
    """The console hides a topic from phones and wall, or shows it again."""
    return services.set_topic_hidden(get_db(), actor, data.op_id, data.model_dump())


@command("topic.merge", roles=FACILITATOR, payload=payloads.TopicMerge)
def topic_merge(actor: Actor, data: payloads.TopicMerge) -> services.Outcome:
    """The console merges a duplicate into another topic."""
    return services.merge_topics(get_db(), actor, data.op_id, data.model_dump())


@command("round.open", roles=FACILITATOR, payload=payloads.RoundOpen)
def round_open(actor: Actor, data: payloads.RoundOpen) -> services.Outcome:
    """The console opens a voting round."""
    body = {k: v for k, v in data.model_dump().items() if v is not None}
    return services.open_round(get_db(), actor, data.op_id, body)


@command("round.close", roles=FACILITATOR, payload=payloads.Plain)
def round_close(actor: Actor, data: payloads.Plain) -> services.Outcome:
    """The console closes the open voting round."""
    return services.close_round(get_db(), actor, data.op_id, {})


@command("workshop.update", roles=FACILITATOR, payload=payloads.WorkshopUpdate)
def workshop_update(actor: Actor, data: payloads.WorkshopUpdate) -> services.Outcome:
    """The console changes title, theme, language or default budget."""
    return services.update_workshop(get_db(), actor, data.op_id, data.model_dump())


@command("workshop.close", roles=FACILITATOR, payload=payloads.Plain)
def workshop_close(actor: Actor, data: payloads.Plain) -> services.Outcome:
    """The console closes the workshop: no more joins, topics or votes."""
    return services.set_workshop_open(get_db(), actor, data.op_id, False)


@command("workshop.reopen", roles=FACILITATOR, payload=payloads.Plain)
def workshop_reopen(actor: Actor, data: payloads.Plain) -> services.Outcome:
    """The console opens a closed workshop again."""
    return services.set_workshop_open(get_db(), actor, data.op_id, True)
