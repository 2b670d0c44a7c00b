"""Workshops: create, list, look up, change settings, close and reopen, delete, purge."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from pydantic import Field
from sqlalchemy.exc import IntegrityError

from ..domain import rules
from ..domain import workshops as rules_of
from ..domain.actors import Actor
from ..domain.errors import DomainError
from ..store import cascade
from ..store.db import Database, iso
from ..store.models import TeamMember, Topic, VotingRound, Workshop, utcnow
from . import accounts, photos, questions, reads
from .runner import (
    FACILITATOR,
    Context,
    feature_modules,
    require_permission,
    require_role,
    workshop_command,
)
from .voting import close_open_round
from .wire import MAX_ID, Command, Plain


def wire(w: Workshop) -> dict[str, Any]:
    """The public fields of a workshop as JSON."""
    return dataclasses.asdict(reads.workshop_info(w))


def create_workshop(db: Database, owner_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Create a workshop with a fresh, unique join code (a template's fields come in `data`)."""
    fields = rules_of.clean_fields(data)
    fields.update(rules_of.clean_consultation(data))
    fields["template"] = str(data.get("template") or "")[:40]
    for _ in range(20):
        try:
            with db.unit_of_work() as uow:
                workshop = Workshop(owner_id=owner_id, join_code=rules.new_join_code(), **fields)
                uow.session.add(workshop)
                uow.session.flush()
                uow.commit()
                return wire(workshop)
        except IntegrityError:
            continue  # the code was taken; about one in a billion
    raise DomainError("server_busy")


def list_workshops(db: Database, user_id: int) -> list[dict[str, Any]]:
    """A facilitator's workshops (their own and those whose team they are in), newest first,
    with their role in each and participant and topic counts."""
    with db.read() as session:
        member_of = dict(
            session.execute(
                sa.select(TeamMember.workshop_id, TeamMember.role).where(
                    TeamMember.user_id == user_id
                )
            ).all()
        )
        rows = session.scalars(
            sa.select(Workshop)
            .where(sa.or_(Workshop.owner_id == user_id, Workshop.id.in_(list(member_of))))
            .order_by(Workshop.id.desc())
        ).all()
        out = []
        for w in rows:
            item = wire(w)
            item["team_role"] = "owner" if w.owner_id == user_id else member_of[w.id]
            item["participants"] = reads.participant_counts(session, w.id).total
            item["topics"] = session.scalar(
                sa.select(sa.func.count(Topic.id)).where(
                    Topic.workshop_id == w.id, Topic.merged_into_id.is_(None)
                )
            )
            item["created_at"] = iso(w.created_at)
            out.append(item)
        return out


def get_workshop(db: Database, workshop_id: int) -> dict[str, Any] | None:
    """A workshop's public fields plus its owner, or None."""
    if not 1 <= workshop_id <= rules.ID_MAX:
        return None  # from a URL: SQLite and PostgreSQL would fail on the overflow, not say no
    with db.read() as session:
        w = session.get(Workshop, workshop_id)
        return None if w is None else {**wire(w), "owner_id": w.owner_id}


def workshop_by_code(db: Database, code: str) -> dict[str, Any] | None:
    """Look a workshop up by its join code (already normalised)."""
    with db.read() as session:
        w = session.scalar(sa.select(Workshop).where(Workshop.join_code == code))
        return None if w is None else {**wire(w), "owner_id": w.owner_id}


def newest_open_workshop(db: Database) -> dict[str, Any] | None:
    """The open workshop made last, or None: the one `workshop serve` shows how to join."""
    with db.read() as session:
        w = session.scalar(
            sa.select(Workshop).where(Workshop.status == "open").order_by(Workshop.id.desc())
        )
        return None if w is None else wire(w)


class WorkshopUpdate(Command):
    title: str
    theme: str = ""
    language: str = Field(max_length=5)
    dot_budget: int = Field(ge=-MAX_ID, le=MAX_ID)
    max_per_topic: int = Field(ge=-MAX_ID, le=MAX_ID)
    review_topics: bool | None = None


@workshop_command(
    wire="workshop.update", payload=WorkshopUpdate, roles=FACILITATOR, permission="run"
)
def update_workshop(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Change title, theme, language or default budget; every screen updates."""
    current = {"review_topics": ctx.workshop.review_topics}
    for name, value in rules_of.clean_fields({**current, **data}).items():
        setattr(ctx.workshop, name, value)
    ctx.append(rules_of.WorkshopUpdated(reads.workshop_info(ctx.workshop)))
    return {"workshop": wire(ctx.workshop)}


class WallShow(Command):
    view: str = Field(max_length=20)
    round_id: int | None = Field(default=None, ge=1, le=MAX_ID)


@workshop_command(wire="wall.show", payload=WallShow, roles=FACILITATOR, permission="run")
def show_on_wall(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Choose what the wall shows: the marketplace, the current round, or a past round's result."""
    round_ids = set(
        ctx.session.scalars(
            sa.select(VotingRound.id).where(
                VotingRound.workshop_id == ctx.workshop.id, VotingRound.status == "closed"
            )
        )
    )
    view, round_id = rules_of.check_wall_view(data.get("view"), data.get("round_id"), round_ids)
    ctx.workshop.wall_view, ctx.workshop.wall_round_id = view, round_id
    ctx.append(rules_of.WorkshopUpdated(reads.workshop_info(ctx.workshop)))
    return {"workshop": wire(ctx.workshop)}


@workshop_command(wire="workshop.close", payload=Plain, roles=FACILITATOR, permission="run")
def close_workshop(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Close a workshop: no joins, topics or votes; an open round closes too."""
    workshop = ctx.workshop
    if workshop.status == "open":
        close_open_round(ctx)
        questions.close_open_question(ctx)
        workshop.status, workshop.closed_at = "closed", utcnow()
        ctx.append(rules_of.WorkshopClosed(reads.workshop_info(workshop)))
    return {"workshop": wire(workshop)}


@workshop_command(wire="workshop.reopen", payload=Plain, roles=FACILITATOR, permission="run")
def reopen_workshop(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Open a closed workshop again."""
    workshop = ctx.workshop
    if workshop.status != "open":
        workshop.status, workshop.closed_at = "open", None
        ctx.append(rules_of.WorkshopReopened(reads.workshop_info(workshop)))
    return {"workshop": wire(workshop)}


def delete_workshop(db: Database, actor: Actor) -> None:
    """Delete a workshop and every row that belongs to it (participants, topics, votes, the
    board, log)."""
    require_role(actor, FACILITATOR)
    with db.unit_of_work() as uow:
        workshop = reads.lock_workshop(uow, actor.workshop_id)
        # Only the owner: a co-facilitator runs the day, never ends it for everyone.
        require_permission(uow.session, workshop, actor, "team")
        wid = workshop.id
        # What a feature does beyond deleting its rows (a process closes up its steps), then
        # every row that belongs to it, found from the tables' foreign keys (store/cascade.py).
        for leaving in workshop_leaving_hooks():
            leaving(uow.session, wid)
        cascade.delete_workshop_rows(uow.session, wid)
        uow.commit()
    photos.delete_files(db, wid)


def workshop_leaving_hooks() -> list[Any]:
    """Every feature's `workshop_leaving(session, workshop_id)`, found in the services package:
    what it must do before a workshop's rows go, besides deleting its own (they go by their
    foreign keys)."""
    return [
        module.workshop_leaving
        for module in feature_modules().values()
        if getattr(getattr(module, "workshop_leaving", None), "__module__", None) == module.__name__
    ]


def purge_expired(db: Database, retention_days: int) -> list[int]:
    """Delete every workshop closed more than `retention_days` ago, and ended logins; returns
    the workshops' ids."""
    cutoff = utcnow() - timedelta(days=retention_days)
    with db.read() as session:
        expired = session.execute(
            sa.select(Workshop.id, Workshop.owner_id).where(
                Workshop.status == "closed", Workshop.closed_at < cutoff
            )
        ).all()
    for workshop_id, owner_id in expired:
        delete_workshop(db, Actor("facilitator", workshop_id, owner_id))
    accounts.purge_ended_logins(db)
    return [workshop_id for workshop_id, _ in expired]
