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

import functools
import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType, ModuleType
from typing import Any

import sqlalchemy as sa

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
    RoomMode,
    TeamMember,
    Workshop,
    utcnow,
)
from . import reads

# The answer type and the committing live in group_commit.py; the services' commands and the
# adapters import them from here, beside the decorator.
from .group_commit import Outcome as Outcome
from .group_commit import check_op_id as check_op_id
from .group_commit import committed as committed
from .group_commit import queued as queued
from .group_commit import replay_record as replay_record
from .group_commit import run as run
from .wire import Command

PEOPLE: frozenset[Role] = frozenset({"facilitator", "participant"})
FACILITATOR: frozenset[Role] = frozenset({"facilitator"})
PARTICIPANT: frozenset[Role] = frozenset({"participant"})


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


@functools.cache
def feature_modules() -> Mapping[str, ModuleType]:
    """Every module of this package, imported, by name: a new feature's module is found (its
    commands, its slice of the snapshot, its withheld words) without being listed anywhere.
    Read once per process: a sync asks on every replay."""
    package = importlib.import_module(__package__)
    return MappingProxyType(
        {
            module.name: importlib.import_module(f"{__package__}.{module.name}")
            for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name)
        }
    )


def declared_commands() -> dict[str, Declared]:
    """Every command on the wire, by name, from every feature module."""
    feature_modules()
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
