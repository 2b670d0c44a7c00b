"""The command runner: one unit of work per command, op_id replay, the workshop lock, the guards.

Every workshop command is written as `@workshop_command(roles=..., permission=...)` over a
function of (context, data): the skeleton (check the role, lock the workshop, check the sending
facilitator's team role against the command's permission, require it open, replay a known op_id,
commit, read the private state of those touched) is written once, here.

A command clients send over the socket is declared there too, once: its wire name, payload class
and quota category (`wire=`, `payload=`, `category=`). The socket handlers, the OpenAPI document's
command schemas and the registry test are derived from `declared_commands()`, never listed by hand.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import pkgutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from ..domain import team as team_rules
from ..domain.actors import Actor, Role
from ..domain.errors import DomainError
from ..domain.events import EVENT_TYPES, Subject, typed, with_payload
from ..domain.events import Event as DomainEvent
from ..domain.messages import Message
from ..domain.participant_input import check_input
from ..domain.review import HeldInput as HeldInfo
from ..domain.review import InputHeld, Reviewed, check_room, waits_for_review
from ..domain.workshops import require_open
from ..store.db import Database, UnitOfWork, iso
from ..store.models import (
    Event,
    HeldInput,
    ProcessedCommand,
    RoomMode,
    TeamMember,
    Workshop,
    utcnow,
)
from . import reads
from .wire import Command

PEOPLE: frozenset[Role] = frozenset({"facilitator", "participant"})
FACILITATOR: frozenset[Role] = frozenset({"facilitator"})
PARTICIPANT: frozenset[Role] = frozenset({"participant"})


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


# --- group commit ------------------------------------------------------------------------------
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


@dataclass
class Context:
    """What a command body works with: its unit of work, who sends it, the locked workshop."""

    uow: UnitOfWork
    actor: Actor
    workshop: Workshop

    @property
    def session(self) -> sa.orm.Session:
        """The unit of work's session."""
        return self.uow.session

    def append(self, event: DomainEvent) -> None:
        """Log an event of this workshop, by this actor, in this transaction."""
        self.uow.append(self.workshop.id, event, self.actor.key)

    def forget_words(self, subjects: set[Subject]) -> None:
        """Scrub these subjects' words from the workshop's log, for good (a deleted topic or
        idea, a feedback line, a settled input): no later sync or export reads them again."""
        if not subjects:
            return
        about = {kind.split(".")[0] for kind, _ in subjects}
        kinds = tuple(name for name, cls in EVENT_TYPES.items() if cls.words_about in about)
        rows = self.session.scalars(
            sa.select(Event).where(Event.workshop_id == self.workshop.id, Event.type.in_(kinds))
        ).all()
        for row in rows:
            logged = {"type": row.type, "payload": row.payload}
            event = typed(logged)
            mentioned = subjects.intersection(event.words())
            if mentioned:
                row.payload = with_payload(logged, event.without_words(mentioned, withdrawn=False))[
                    "payload"
                ]

    def tell(self, participant_id: int, message: Message) -> None:
        """Send this participant a private message after the commit."""
        self.uow.notices.append((self.workshop.id, participant_id, message))

    def refresh(self, participant_id: int | None) -> None:
        """Send this participant their private state after the commit."""
        if participant_id is not None:
            self.uow.refresh_participant(self.workshop.id, participant_id)


def require_role(actor: Actor, roles: frozenset[Role]) -> None:
    """The one role check of a command."""
    if actor.role not in roles:
        raise DomainError("forbidden")


def team_role_of(session: sa.orm.Session, workshop: Workshop, user_id: int | None) -> str | None:
    """A facilitator's role in this workshop's team, or None when they are not in it."""
    if user_id is None:
        return None
    if workshop.owner_id == user_id:
        return "owner"
    return session.scalar(
        sa.select(TeamMember.role).where(
            TeamMember.workshop_id == workshop.id, TeamMember.user_id == user_id
        )
    )


def require_permission(
    session: sa.orm.Session, workshop: Workshop, actor: Actor, permission: str | None
) -> None:
    """The one permission check of a facilitator's command, read in the command's own unit of
    work: a member removed or given another role a moment ago is refused from then on."""
    if not actor.is_facilitator:
        return
    if permission is None:  # refused at import: a facilitator's command always declares one
        raise DomainError("forbidden")
    team_rules.require(team_role_of(session, workshop, actor.id), permission)


def check_workshop_allows(
    session: sa.orm.Session,
    workshop: Workshop,
    actor: Actor,
    *,
    open_only: bool,
    takes_input: str | None,
) -> None:
    """The command skeleton's checks of the workshop itself (also asked before an upload's body
    is read, so that a refusal costs no bytes): open, and for a participant's input the one
    rule of `participant_input` (the window, the quiet room, closed posting)."""
    if open_only:
        require_open(workshop.status)
    if takes_input is None or actor.role != "participant":
        return
    mode = session.get(RoomMode, workshop.id)
    check_input(
        takes_input,
        role=actor.role,
        now=utcnow(),
        opens=workshop.opens_at,
        closes=workshop.closes_at,
        posting_closed=bool(mode and mode.posting_closed),
        quiet=bool(mode and mode.quiet),
    )


Body = Callable[[Context, dict[str, Any]], dict[str, Any]]
# The commands whose input may wait for review, by name: the body that runs, as its author's,
# when the facilitator lets a held input through (services/review.py), and where its words are.
REVIEWED_COMMANDS: dict[str, tuple[Body, Reviewed]] = {}


def _hold(
    ctx: Context, name: str, body: Body, data: dict[str, Any], reviewed: Reviewed
) -> dict[str, Any]:
    """Keep a participant's input for review instead of running it.

    The body runs first inside a savepoint that is then rolled back: every check it makes (the
    phase, the card's version, the lengths, the caps) answers the sender now, as it would have,
    and nothing of it stays. What it would show waits on the console only.
    """
    assert ctx.actor.id is not None
    waiting = ctx.session.scalar(
        sa.select(sa.func.count(HeldInput.id)).where(HeldInput.participant_id == ctx.actor.id)
    )
    check_room(waiting or 0)
    uow = ctx.uow
    kept = uow.events, uow.private, uow.notices
    uow.events, uow.private, uow.notices = [], set(), []
    trial = uow.session.begin_nested()
    try:
        body(ctx, data)
    finally:
        trial.rollback()
        uow.events, uow.private, uow.notices = kept
    row = HeldInput(
        workshop_id=ctx.workshop.id,
        participant_id=ctx.actor.id,
        command=name,
        kind=reviewed.kind,
        data=data,
        words=reviewed.words(data),
    )
    ctx.session.add(row)
    ctx.session.flush()
    ctx.append(InputHeld(held=HeldInfo(row.id, row.kind, row.words, iso(row.created_at))))
    # Their own phone lists what waits, in their own words.
    ctx.refresh(ctx.actor.id)
    return {"held": {"id": row.id, "kind": row.kind}}


Service = Callable[[Database, Actor, object, dict[str, Any]], Outcome]
# The quota a client's command counts against (realtime/quota.py); "other" is the default.
QUOTA_CATEGORIES = frozenset({"topics", "votes", "other"})


@dataclass(frozen=True)
class Declared:
    """A command clients send over the socket, as its service declares it."""

    wire: str
    service: Service
    payload: type[Command]
    roles: frozenset[Role]
    category: str
    permission: str | None = None


# wire name -> declaration; filled as the feature modules are imported (`declared_commands`).
DECLARED: dict[str, Declared] = {}


def declared_commands() -> dict[str, Declared]:
    """Every command on the wire, by name: each feature module of this package is imported, so
    a new module's commands are found without being listed anywhere."""
    package = importlib.import_module(__package__)
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{__package__}.{module.name}")
    return dict(sorted(DECLARED.items()))


def _declare(
    wire: str,
    service: Service,
    payload: type[Command] | None,
    roles: frozenset[Role],
    category: str,
    permission: str | None,
) -> None:
    """Refuse, at import, a declaration the socket could not serve as declared."""
    if not isinstance(payload, type) or not issubclass(payload, Command):
        raise TypeError(f"{wire}: declare its payload, a class built on services.wire.Command")
    if category not in QUOTA_CATEGORIES:
        raise ValueError(f"{wire}: quota category {category!r} is not one of {QUOTA_CATEGORIES}")
    known = DECLARED.get(wire)
    if known is not None and (known.service.__module__, known.service.__qualname__) != (
        service.__module__,
        service.__qualname__,
    ):
        raise ValueError(
            f"{wire}: declared twice ({known.service.__module__}, {service.__module__})"
        )
    DECLARED[wire] = Declared(wire, service, payload, roles, category, permission)


def workshop_command(
    *,
    roles: frozenset[Role],
    permission: str | None = None,
    open_only: bool = False,
    secret_answer: bool = False,
    takes_input: str | None = None,
    reviewed: Reviewed | None = None,
    wire: str | None = None,
    payload: type[Command] | None = None,
    category: str = "other",
    after: Callable[[Database, Actor, Outcome], None] | None = None,
) -> Callable[[Body], Service]:
    """Make `body(context, data)` a command: role check, workshop lock, permission, open check,
    op_id.

    `permission`: what a facilitator's team role must grant to send it (domain/team.py
    PERMISSIONS); required of every command a facilitator may send, refused at import without.

    `takes_input`: the kind of participant input the command takes (domain/participant_input
    KINDS); a participant may then do it only inside the workshop's window for taking part and
    while the room's switches allow that kind; the facilitator may always.
    `reviewed`: the input carries words or a picture; where the workshop reviews before
    showing, a participant's waits for the facilitator (domain/review.py) instead of running.
    `wire`, `payload`, `category`: the socket event that sends this command, the strict shape
    of its data (a `wire.Command`) and the quota it counts against.
    `after`: what to do once the command is committed, outside its unit of work (a removed
    photo's file is deleted only when nothing can roll the removal back).
    """

    def decorate(body: Body) -> Service:
        name = f"{body.__module__.rsplit('.', 1)[-1]}.{body.__name__}"
        if "facilitator" in roles and permission not in team_rules.PERMISSIONS:
            raise TypeError(
                f"{name}: a facilitator's command declares its permission, one of "
                f"{sorted(team_rules.PERMISSIONS)} (domain/team.py), not {permission!r}"
            )
        if reviewed is not None:
            REVIEWED_COMMANDS[name] = (body, reviewed)

        @functools.wraps(body)
        def command(db: Database, actor: Actor, op_id: object, data: dict[str, Any]) -> Outcome:
            require_role(actor, roles)

            def unit(uow: UnitOfWork) -> dict[str, Any]:
                workshop = reads.lock_workshop(uow, actor.workshop_id)
                require_permission(uow.session, workshop, actor, permission)
                check_workshop_allows(
                    uow.session, workshop, actor, open_only=open_only, takes_input=takes_input
                )
                ctx = Context(uow, actor, workshop)
                if reviewed is not None and waits_for_review(
                    role=actor.role,
                    reviewing=workshop.review_topics,
                    has_words=bool(reviewed.words(data)),
                ):
                    return _hold(ctx, name, body, data, reviewed)
                return body(ctx, data)

            outcome = run(db, actor, op_id, unit, secret_answer=secret_answer)
            if after is not None:
                after(db, actor, outcome)
            return outcome

        command.roles = roles  # type: ignore[attr-defined]
        command.permission = permission  # type: ignore[attr-defined]
        command.takes_input = takes_input  # type: ignore[attr-defined]
        command.reviewed = reviewed  # type: ignore[attr-defined]
        if wire is not None:
            _declare(wire, command, payload, roles, category, permission)
        elif payload is not None:
            raise TypeError(f"{name}: a payload without a wire name is never checked")
        return command

    return decorate
