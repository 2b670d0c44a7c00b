"""How a command's work is committed, and what it answers.

Commands on one workshop are serial (the workshop lock keeps the dot budget exact), so under a
burst they queue: the first to arrive leads a group that runs in one transaction, each command
in its own savepoint, and commits once (`run`). A command's answer is an `Outcome`; a known
op_id is answered from the stored record (`replay_record`), not run again. The command
skeleton (roles, permissions, the workshop's guards) is runner.py's; this is only the committing.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from ..domain.actors import Actor
from ..domain.errors import DomainError
from ..domain.messages import Message
from ..store.db import Database, UnitOfWork
from ..store.models import ProcessedCommand, utcnow
from . import reads


@dataclass
class Outcome:
    """What a command returns to its entry point: the ack body and what to publish.

    `events` are the wire events as the console sees them (the publisher sends phones and the
    wall their public form); `private` holds each touched participant's fresh `me` body, read
    after the commit when first asked for: the publisher sends the room its events first, so
    every other screen does not wait for the sender's private state to be read.
    """

    result: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    notices: list[tuple[int, int, Message]] = field(default_factory=list)
    replayed: bool = False
    # Who sent the command ("u:3", "p:12"): the console's history names a team member's
    # actions; never sent to a screen with the events.
    by: str = ""
    read_private: Callable[[], dict[tuple[int, int], dict[str, Any]]] | None = field(
        default=None, repr=False
    )
    _private: dict[tuple[int, int], dict[str, Any]] | None = field(default=None, repr=False)

    @property
    def private(self) -> dict[tuple[int, int], dict[str, Any]]:
        """(workshop_id, participant_id) -> that participant's `me` body."""
        if self._private is None:
            self._private = self.read_private() if self.read_private is not None else {}
        return self._private


def check_op_id(op_id: object) -> str | None:
    """A client-made op_id: 1 to 64 printable characters, or none."""
    if op_id is None:
        return None
    if not isinstance(op_id, str) or not (1 <= len(op_id) <= 64) or not op_id.isprintable():
        raise DomainError("bad_request", field="op_id")
    return op_id


def committed(db: Database, uow: UnitOfWork, result: dict[str, Any]) -> Outcome:
    """The outcome of a committed unit of work, with the private state of those it touched."""
    keys = set(uow.private)
    return Outcome(
        result=result,
        events=uow.events,
        notices=uow.notices,
        read_private=lambda: _private_states(db, keys),
    )


# Commands on one workshop are serial (the workshop lock keeps the dot budget exact), so under a
# burst they queue. Instead of one transaction each, the first command to arrive leads: it takes
# every command waiting on that workshop (up to GROUP_MAX) and runs them in one transaction, each
# in its own savepoint so that a refused or failing one is undone alone, then commits once and
# reads the private state of each participant touched once for the whole group. The others sleep
# until their result is in; whoever is first in line next leads the next group. A command that
# arrives alone runs alone, without a savepoint, exactly as before.
GROUP_MAX = 64


@dataclass(eq=False)
class _Ticket:
    """One command waiting in its workshop's line, and what became of it."""

    actor: Actor
    op: str | None
    command: Callable[[UnitOfWork], dict[str, Any]]
    secret_answer: bool
    wake: threading.Event = field(default_factory=threading.Event)
    lead: bool = False
    finished: bool = False
    previous: dict[str, Any] | None = None
    result: dict[str, Any] | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    private: set[tuple[int, int]] = field(default_factory=set)
    notices: list[tuple[int, int, Message]] = field(default_factory=list)
    shared: _GroupPrivate | None = None
    error: BaseException | None = None


_lines: dict[tuple[int, int], list[_Ticket]] = {}
_lines_lock = threading.Lock()


def queued(workshop_id: int) -> int:
    """How many commands on this workshop are running or waiting in this process."""
    with _lines_lock:
        return sum(len(line) for (_db, wid), line in _lines.items() if wid == workshop_id)


def run(
    db: Database,
    actor: Actor,
    op_id: object,
    command: Callable[[UnitOfWork], dict[str, Any]],
    *,
    secret_answer: bool = False,
) -> Outcome:
    """Run `command` in a unit of work shared with the commands queued on the same workshop;
    a known op_id is answered, not run again.

    The stored answer keeps only ids (`replay_record`), and nothing at all for a `secret_answer`
    (a vote's answer says where someone put a dot).
    """
    ticket = _Ticket(actor, check_op_id(op_id), command, secret_answer)
    if db.row_locks:
        _wait_in_line(db, ticket)
    else:
        # The line is a lock of its own: with the workshop lock switched off (the detector test
        # of the budget, tests/integration) commands must really run side by side.
        try:
            _run_group(db, [ticket])
        except Exception as error:
            ticket.error = error
    if ticket.error is not None:
        raise ticket.error
    return Outcome(
        result=ticket.previous if ticket.previous is not None else ticket.result or {},
        events=ticket.events,
        notices=ticket.notices,
        replayed=ticket.previous is not None,
        by=actor.key,
        read_private=lambda: (
            ticket.shared.read(ticket.private)
            if ticket.shared is not None
            else _private_states(db, ticket.private)
        ),
    )


def _wait_in_line(db: Database, ticket: _Ticket) -> None:
    """Queue behind the workshop's other commands; lead a group when first in line."""
    line_key = (id(db), ticket.actor.workshop_id)
    with _lines_lock:
        line = _lines.setdefault(line_key, [])
        line.append(ticket)
        ticket.lead = len(line) == 1
    while not ticket.finished:
        if not ticket.lead:
            ticket.wake.wait()
            ticket.wake.clear()
            continue
        _lead(db, line_key)


def _lead(db: Database, line_key: tuple[int, int]) -> None:
    """Run the group at the head of the line, then hand the lead to whoever is first next."""
    with _lines_lock:
        group = _lines[line_key][:GROUP_MAX]
    try:
        _run_group(db, group)
    except BaseException as error:  # the database went away: every command of the group fails
        for ticket in group:
            if ticket.error is None:
                ticket.error = error
    finally:
        with _lines_lock:
            line = _lines[line_key]
            del line[: len(group)]
            if line:
                line[0].lead = True
                following: _Ticket | None = line[0]
            else:
                del _lines[line_key]
                following = None
        for ticket in group:
            ticket.finished = True
            ticket.wake.set()
        if following is not None:
            following.wake.set()


def _run_group(db: Database, group: list[_Ticket]) -> None:
    alone = len(group) == 1
    for attempt in range(2):
        try:
            with db.unit_of_work() as uow:
                if not alone:
                    _lock_before_the_savepoints(uow, group[0].actor.workshop_id)
                for ticket in group:
                    _run_one(uow, ticket, in_savepoint=not alone)
                uow.commit()
            break
        except IntegrityError:
            # Two copies of one op_id raced (PostgreSQL, another process); alone, the retry
            # finds the first copy's answer. In a group each command already retried itself.
            if attempt or not alone or group[0].op is None:
                raise
            group[0].error = None
    # The private states of everyone the group touched are read once, together, after the
    # commit, by the first of the group's threads to publish (while the next group writes); each
    # participant's goes out with the last of their commands in the group.
    last_toucher = {key: t for t in group if t.error is None for key in sorted(t.private)}
    shared = _GroupPrivate(db, set(last_toucher))
    for ticket in group:
        ticket.private = {key for key, t in last_toucher.items() if t is ticket}
        ticket.shared = shared


def _lock_before_the_savepoints(uow: UnitOfWork, workshop_id: int) -> None:
    """Lock the group's workshop in the transaction itself. PostgreSQL lets go of a row lock
    taken inside a savepoint that is rolled back: locked by a first command that is then refused,
    the rest of the group ran unlocked, and another process's group could commit in between (a
    vote's total counted before it, its seq after it): test_group_commit_postgres.py."""
    with contextlib.suppress(DomainError):  # the workshop is gone: each command says so itself
        reads.lock_workshop(uow, workshop_id)


# Every command with an op_id asks for and stores its answer: built once (reads.py says why).
_PREVIOUS_ANSWER = sa.select(ProcessedCommand.result).where(
    ProcessedCommand.workshop_id == sa.bindparam("workshop_id"),
    ProcessedCommand.actor == sa.bindparam("actor"),
    ProcessedCommand.op_id == sa.bindparam("op_id"),
)
_REMEMBER_ANSWER = sa.insert(ProcessedCommand.__table__)


def _run_one(uow: UnitOfWork, ticket: _Ticket, *, in_savepoint: bool) -> None:
    """One command of a group: what it logs and whom it touches are kept apart per command."""
    uow.events, uow.private, uow.notices = [], set(), []
    for attempt in range(2):
        savepoint = uow.session.begin_nested() if in_savepoint else None
        try:
            ticket.previous = None
            if ticket.op is not None:
                ticket.previous = uow.session.scalar(
                    _PREVIOUS_ANSWER,
                    {
                        "workshop_id": ticket.actor.workshop_id,
                        "actor": ticket.actor.key,
                        "op_id": ticket.op,
                    },
                )
            if ticket.previous is None:
                ticket.result = ticket.command(uow)
                if ticket.op is not None:
                    uow.session.execute(
                        _REMEMBER_ANSWER,
                        {
                            "workshop_id": ticket.actor.workshop_id,
                            "actor": ticket.actor.key,
                            "op_id": ticket.op,
                            "result": {} if ticket.secret_answer else replay_record(ticket.result),
                            "at": utcnow(),
                        },
                    )
            elif ticket.actor.role == "participant" and ticket.actor.id is not None:
                # A replay changes nothing; the participant gets their current state with it.
                uow.refresh_participant(ticket.actor.workshop_id, ticket.actor.id)
            if savepoint is not None:
                savepoint.commit()
            break
        except Exception as error:
            if savepoint is None:
                ticket.error = error
                raise
            savepoint.rollback()
            uow.events, uow.private, uow.notices = [], set(), []
            if isinstance(error, IntegrityError) and attempt == 0 and ticket.op is not None:
                continue  # the other copy of this op_id is in now: answer with its result
            ticket.error = error
            return
    ticket.events, ticket.private, ticket.notices = uow.events, uow.private, uow.notices


def _private_states(
    db: Database, keys: set[tuple[int, int]]
) -> dict[tuple[int, int], dict[str, Any]]:
    """Each participant's `me` body, read in one snapshot for all of them (gone ones left out)."""
    if not keys:
        return {}
    with db.read() as session:
        return {key: me.body() for key, me in reads.me_states(session, set(keys)).items()}


class _GroupPrivate:
    """The private states of everyone a group touched, read once, by the first of the group's
    threads to publish; the others take theirs from it."""

    def __init__(self, db: Database, keys: set[tuple[int, int]]) -> None:
        self._db = db
        self._keys = keys
        self._lock = threading.Lock()
        self._states: dict[tuple[int, int], dict[str, Any]] | None = None

    def read(self, keys: set[tuple[int, int]]) -> dict[tuple[int, int], dict[str, Any]]:
        if not keys:
            return {}
        with self._lock:
            if self._states is None:
                self._states = _private_states(self._db, self._keys)
        return {key: self._states[key] for key in sorted(keys) if key in self._states}


def replay_record(result: dict[str, Any]) -> dict[str, Any]:
    """What a retried command gets back: the ids its first answer named, nothing else.

    A replay only has to tell the client that its command went through (and which topic it made);
    the private `me` that comes with it has the current numbers. Keeping words or totals here
    would keep a deleted topic's text, or a participant's vote history, alive in this table.
    """
    return {key: kept for key, value in result.items() if (kept := _ids(key, value)) is not None}


def _ids(key: str, value: Any) -> Any:
    if isinstance(value, dict):
        inner = {k: kept for k, v in value.items() if (kept := _ids(k, v)) is not None}
        return inner or None
    if key == "id" or key.endswith("_id"):
        return value
    return None
