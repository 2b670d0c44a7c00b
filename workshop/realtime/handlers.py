"""Every Socket.IO event the server accepts (docs/protocol.md lists them).

Connecting decides who is behind a socket (from the cookie, never from the client); `sync` is the
screens' read (`team.history` the console's short history), `clock`, `team.here` and
`board.drag` are never logged; every other event is a service command,
declared once on its service (`@workshop_command(wire=..., payload=..., category=...)`) and
exposed from that declaration as it is (see commands.py).
"""

from __future__ import annotations

import time
from typing import Any

from flask import current_app, request, session
from flask_socketio import ConnectionRefusedError, join_room
from pydantic import ValidationError

from .. import admission
from ..domain import rules
from ..domain.actors import Actor
from ..domain.errors import DomainError
from ..extensions import Database, get_db, socketio
from ..limits import join_failures, snapshots
from ..services import accounts, board, history, participants, sync, team, timers, workshops
from ..services.runner import PEOPLE, declared_commands
from . import broadcast, connections, payloads
from .commands import ALL_ROLES, expose, on


def refuse(code: str) -> ConnectionRefusedError:
    """A refused connection; the client reads the stable code from `connect_error.data.code`."""
    return ConnectionRefusedError(code, {"code": code})


# --- connecting --------------------------------------------------------------------------


@socketio.on("connect")
def on_connect(auth: Any = None) -> None:
    """Phone, console or wall connects; the role comes from the cookie, never from the client."""
    if connections.get(request.sid) is not None:
        return  # a client's own event named "connect" on a live socket: not a connection
    try:
        hello = payloads.ConnectAuth.model_validate(auth if isinstance(auth, dict) else {})
    except ValidationError as error:
        raise refuse("bad_request") from error
    db = get_db()
    lang = hello.lang if hello.lang in current_app.config["LANGUAGES"] else None
    login_token = None
    if hello.view == "wall":
        workshop = _workshop_for_wall(hello.join_code)
        actor = Actor("wall", workshop["id"])
    else:
        if hello.workshop_id is None:
            raise refuse("bad_request")
        workshop = workshops.get_workshop(db, hello.workshop_id)
        if workshop is None:
            raise refuse("not_found")
        if hello.view == "console":
            login_token = session.get("login")
            user_id = accounts.user_for_login(db, login_token)
            # Anyone in the workshop's team opens its console; what each may send is their
            # role's (checked by every command, services/runner.py).
            if user_id is None or team.role_in(db, workshop["id"], user_id) is None:
                raise refuse("forbidden")
            actor = Actor("facilitator", workshop["id"], user_id)
            join_room(broadcast.login_room(accounts.hash_token(login_token)))
            join_room(broadcast.member_room(workshop["id"], user_id))
        else:
            token = (session.get("participants") or {}).get(str(workshop["id"]))
            participant_id = participants.participant_for_token(db, workshop["id"], token)
            if participant_id is None:
                raise refuse("not_joined")
            if request.environ.get(admission.OVER_CAP):
                # Past the process's socket cap (workshop/admission.py): the phone says the
                # room is full and tries again later; the console and the wall still get in.
                raise refuse("server_full")
            actor = Actor("participant", workshop["id"], participant_id)
            join_room(broadcast.participant_room(workshop["id"], participant_id))
    join_room(broadcast.workshop_room(workshop["id"]))
    if hello.board and actor.role != "wall":
        join_room(broadcast.board_room(workshop["id"]))
    if actor.is_facilitator:
        join_room(broadcast.staff_room(workshop["id"]))
    else:
        join_room(broadcast.public_room(workshop["id"]))
    broadcast.start_head_beacon(current_app._get_current_object())
    connections.remember(
        request.sid,
        connections.Connection(
            actor=actor, lang=lang or workshop["language"], login_token=login_token
        ),
    )
    if actor.is_facilitator:
        broadcast.team_presence(workshop["id"])


def _workshop_for_wall(raw_code: str | None) -> dict[str, Any]:
    """The wall's workshop; a valid code always connects, failed look-ups are rate-limited."""
    try:
        code = rules.normalise_join_code(raw_code or "")
        workshop = workshops.workshop_by_code(get_db(), code)
    except DomainError:
        workshop = None
    if workshop is None:
        address = request.remote_addr or "?"
        if not join_failures.take(address, current_app.config["JOIN_FAILURES_PER_MIN"]):
            raise refuse("rate_limited")
        raise refuse("invalid_code")
    return workshop


@socketio.on("disconnect")
def on_disconnect(*_reason: Any) -> None:
    """Forget the socket; Socket.IO leaves its rooms by itself."""
    if socketio.server.manager.is_connected(request.sid, broadcast.NAMESPACE):
        return  # a client's own event named "disconnect": the socket is still there
    gone = connections.get(request.sid)
    connections.forget(request.sid)
    if gone is not None and gone.actor.is_facilitator:
        broadcast.team_presence(gone.actor.workshop_id)


# --- the one read --------------------------------------------------------------------------


@on("sync", payload=payloads.Sync, roles=ALL_ROLES)
def on_sync(actor: Actor, data: payloads.Sync) -> dict[str, Any]:
    """Sent by every screen after (re)connecting: the events after `since`, or a snapshot.

    A snapshot builds the whole room, so phones and walls get a few a minute per socket and a
    bounded number per address (`rate_limited` past them, nothing built); replaying a small gap
    is cheap and counted only by the quota of every event (issue 20).
    """
    db = get_db()
    counted = _snapshot_due(db, actor.workshop_id, data.since)
    if counted:
        _take_snapshot(actor)
    body = sync.events_since(db, actor.workshop_id, data.since, include_hidden=actor.is_facilitator)
    if "snapshot" in body and not counted:
        _take_snapshot(actor)  # the room moved past a replay's reach between the two reads
    body["role"] = actor.role
    if actor.role == "participant":
        body["me"] = participants.me(db, actor.workshop_id, actor.id)
    return body


def _snapshot_due(db: Database, workshop_id: int, since: int) -> bool:
    """Whether `sync.events_since` will answer `since` with a snapshot (its own rule: nothing
    yet, too far behind, or ahead of the room), from one cheap read of the latest seq."""
    if since == 0:
        return True
    last_seq = sync.head_seqs(db, [workshop_id]).get(workshop_id)
    if last_seq is None:
        return False  # no such workshop: events_since says not_found
    return sync.needs_snapshot(since, last_seq)


def _take_snapshot(actor: Actor) -> None:
    """Count one snapshot for this socket and its address, or refuse it with `rate_limited`.

    Per socket, not per person: a wall has no identity, and a phone that reconnects gets a new
    socket (its address still counts). The console is not counted, as in the quotas.
    """
    if actor.is_facilitator:
        return
    config = current_app.config
    socket = f"socket:{request.sid}"
    if snapshots.take(socket, config["SNAPSHOTS_PER_MIN"]):
        address = f"address:{request.remote_addr or '?'}"
        if snapshots.take(address, config["SNAPSHOTS_PER_MIN_PER_ADDRESS"]):
            return
        snapshots.give_back(socket)
    raise DomainError("rate_limited")


# --- the commands: every one the services declare -----------------------------------------

for _declared in declared_commands().values():
    expose(_declared)


@on("clock", payload=payloads.Clock, roles=ALL_ROLES, category="clock")
def on_clock(actor: Actor, data: payloads.Clock) -> dict[str, Any]:
    """Sent by screens that show a countdown: the server's time, so what is left is counted on
    the server's clock, not the phone's."""
    return {"now": timers.server_now()}


@on("team.here", payload=payloads.TeamHere, roles=frozenset({"facilitator"}))
def on_team_here(actor: Actor, data: payloads.TeamHere) -> dict[str, Any]:
    """A console says which part of the day it shows; the workshop's consoles are told who of
    the team is where. Never stored, never numbered."""
    if not actor.is_facilitator:  # the adapter leaves the role to the handler (commands.py)
        raise DomainError("forbidden")
    connections.set_part(request.sid, data.part, time.monotonic())
    broadcast.team_presence(actor.workshop_id)
    return {}


@on("team.history", payload=payloads.TeamHistory, roles=frozenset({"facilitator"}))
def on_team_history(actor: Actor, _data: payloads.TeamHistory) -> dict[str, Any]:
    """A console asks for the team's latest actions (its short history), after each
    (re)connect; what happens next arrives as `team.acted`."""
    if not actor.is_facilitator:  # the adapter leaves the role to the handler (commands.py)
        raise DomainError("forbidden")
    return {"entries": history.recent(get_db(), actor.workshop_id)}


@on("board.drag", payload=payloads.BoardDrag, roles=PEOPLE, category="drag")
def on_board_drag(actor: Actor, data: payloads.BoardDrag) -> dict[str, Any]:
    """Sent by a board screen while a card is dragged (about 12 a second at most): relayed to
    the other board screens of the workshop, never stored, never numbered. The drop that
    follows is `board.move`, one logged event."""
    body = board.drag_position(get_db(), actor, data.model_dump())
    broadcast.dragging(body, skip_sid=request.sid)
    return {}
