"""The command runner: one unit of work per command, op_id replay, the workshop lock, the guards.

Every workshop command is written as `@workshop_command(roles=...)` over a function of
(context, data): the skeleton (check the role, lock the workshop, require it open, replay a known
op_id, commit, read the private state of those touched) is written once, here.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from ..domain.actors import Actor, Role
from ..domain.consultation import check_window
from ..domain.errors import DomainError
from ..domain.events import Event as DomainEvent
from ..domain.messages import Message
from ..domain.workshops import require_open
from ..store.db import Database, UnitOfWork
from ..store.models import ProcessedCommand, Workshop, utcnow
from . import reads

PEOPLE: frozenset[Role] = frozenset({"facilitator", "participant"})
FACILITATOR: frozenset[Role] = frozenset({"facilitator"})
PARTICIPANT: frozenset[Role] = frozenset({"participant"})


@dataclass
class Outcome:
    """What a command returns to its entry point: the ack body and what to publish.

    `events` are the wire events as the console sees them (the publisher sends phones and the
    wall their public form); `private` holds each touched participant's fresh `me` body, read
    after the commit.
    """

    result: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    private: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    notices: list[tuple[int, int, Message]] = field(default_factory=list)
    replayed: bool = False


def check_op_id(op_id: object) -> str | None:
    """A client-made op_id: 1 to 64 printable characters, or none."""
    if op_id is None:
        return None
    if not isinstance(op_id, str) or not (1 <= len(op_id) <= 64) or not op_id.isprintable():
        raise DomainError("bad_request", field="op_id")
    return op_id


def committed(db: Database, uow: UnitOfWork, result: dict[str, Any]) -> Outcome:
    """The outcome of a committed unit of work, with the private state of those it touched."""
    private = {}
    if uow.private:
        with db.read() as session:
            for workshop_id, participant_id in sorted(uow.private):
                try:
                    me = reads.me_state(session, workshop_id, participant_id)
                except DomainError:
                    continue  # the participant is gone
                private[(workshop_id, participant_id)] = me.body()
    return Outcome(result=result, events=uow.events, private=private, notices=uow.notices)


def run(
    db: Database,
    actor: Actor,
    op_id: object,
    command: Callable[[UnitOfWork], dict[str, Any]],
    *,
    secret_answer: bool = False,
) -> Outcome:
    """Run `command` in one unit of work; a known op_id is answered, not run again.

    The stored answer keeps only ids (`replay_record`), and nothing at all for a `secret_answer`
    (a vote's answer says where someone put a dot).
    """
    op = check_op_id(op_id)
    for attempt in range(2):
        try:
            with db.unit_of_work() as uow:
                previous = None
                if op is not None:
                    previous = uow.session.scalar(
                        sa.select(ProcessedCommand.result).where(
                            ProcessedCommand.workshop_id == actor.workshop_id,
                            ProcessedCommand.actor == actor.key,
                            ProcessedCommand.op_id == op,
                        )
                    )
                if previous is None:
                    result = command(uow)
                    if op is not None:
                        uow.session.add(
                            ProcessedCommand(
                                workshop_id=actor.workshop_id,
                                actor=actor.key,
                                op_id=op,
                                result={} if secret_answer else replay_record(result),
                            )
                        )
                    uow.commit()
        except IntegrityError:
            # Two copies of one op_id raced (PostgreSQL); the second now finds the first.
            if attempt or op is None:
                raise
            continue
        if previous is None:
            return committed(db, uow, result)
        # A replay changes nothing; the participant gets their current state with the answer.
        if actor.role == "participant" and actor.id is not None:
            uow.refresh_participant(actor.workshop_id, actor.id)
        return dataclasses.replace(committed(db, uow, previous), replayed=True)
    raise AssertionError("unreachable")


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


def workshop_command(
    *,
    roles: frozenset[Role],
    open_only: bool = False,
    secret_answer: bool = False,
    in_window: bool = False,
) -> Callable[
    [Callable[[Context, dict[str, Any]], dict[str, Any]]],
    Callable[[Database, Actor, object, dict[str, Any]], Outcome],
]:
    """Make `body(context, data)` a command: role check, workshop lock, open check, op_id.

    `in_window`: a participant may do it only inside the workshop's window for taking part
    (a consultation from home); the facilitator may always.
    """

    def decorate(
        body: Callable[[Context, dict[str, Any]], dict[str, Any]],
    ) -> Callable[[Database, Actor, object, dict[str, Any]], Outcome]:
        @functools.wraps(body)
        def command(db: Database, actor: Actor, op_id: object, data: dict[str, Any]) -> Outcome:
            require_role(actor, roles)

            def unit(uow: UnitOfWork) -> dict[str, Any]:
                workshop = reads.lock_workshop(uow, actor.workshop_id)
                if open_only:
                    require_open(workshop.status)
                if in_window and actor.role == "participant":
                    check_window(utcnow(), workshop.opens_at, workshop.closes_at)
                return body(Context(uow, actor, workshop), data)

            return run(db, actor, op_id, unit, secret_answer=secret_answer)

        command.roles = roles  # type: ignore[attr-defined]
        return command

    return decorate
