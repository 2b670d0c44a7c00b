"""Review before showing: the facilitator lets a held input through, as its author sent it, or
drops it (domain/review.py says what waits and why; runner.workshop_command holds it)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from pydantic import Field
from sqlalchemy.orm import Session

from ..domain import review as rules_of
from ..domain.actors import Actor
from ..domain.errors import DomainError
from ..store.db import Database, iso
from ..store.models import HeldInput

# Importing the features registers their reviewed commands (runner.REVIEWED_COMMANDS), so a
# held input can run wherever this module is used (the socket, the CLI, a test).
from . import (  # noqa: F401
    board,
    ideas,
    notes,
    photos,
    questions,  # noqa: F401
)
from .reads import SliceView
from .runner import FACILITATOR, REVIEWED_COMMANDS, Context, Outcome, workshop_command
from .wire import MAX_ID, Command


def _held(ctx: Context, held_id: object) -> HeldInput:
    if isinstance(held_id, bool) or not isinstance(held_id, int):
        raise DomainError("bad_request", field="held_id")
    row = ctx.session.get(HeldInput, held_id)
    if row is None or row.workshop_id != ctx.workshop.id:
        raise DomainError("not_found")
    return row


def _settle(ctx: Context, row: HeldInput, *, shown: bool) -> None:
    ctx.session.delete(row)
    # The held words leave the log too: an approved input's live on in its own events.
    ctx.forget_words({("held", row.id)})
    ctx.append(rules_of.InputSettled(held_id=row.id, shown=shown))


class HeldRef(Command):
    held_id: int = Field(ge=1, le=MAX_ID)


@workshop_command(
    wire="review.show", payload=HeldRef, roles=FACILITATOR, permission="moderate", open_only=True
)
def show_input(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Let a held input through: its command runs now as its author's, with every check of
    the moment (a theme deleted since, or a card someone moved, is refused and stays held)."""
    row = _held(ctx, data.get("held_id"))
    author = Actor("participant", ctx.workshop.id, row.participant_id)
    body, _shape = REVIEWED_COMMANDS[row.command]
    result = body(Context(ctx.uow, author, ctx.workshop), dict(row.data))
    ctx.refresh(row.participant_id)
    _settle(ctx, row, shown=True)
    return {"held_id": row.id, "kind": row.kind, "result": result}


def _forget_dropped_file(db: Database, actor: Actor, outcome: Outcome) -> None:
    name = outcome.result.pop("file_name", None)
    if name:
        photos.forget_file(db, actor.workshop_id, name)


@workshop_command(
    wire="review.drop",
    payload=HeldRef,
    roles=FACILITATOR,
    permission="moderate",
    after=_forget_dropped_file,
)
def drop_input(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Drop a held input: nobody else ever sees it; a held photo's file is deleted once the
    drop is committed."""
    row = _held(ctx, data.get("held_id"))
    file_name = row.data.get("file_name") if row.kind == "photo" else None
    ctx.refresh(row.participant_id)
    _settle(ctx, row, shown=False)
    return {"held_id": row.id, "kind": row.kind, "file_name": file_name}


def held_photo(db: Database, workshop_id: int, held_id: int) -> Path | None:
    """The file of a photo waiting for review (for the console's preview), or None."""
    with db.read() as session:
        row = session.get(HeldInput, held_id)
        if row is None or row.workshop_id != workshop_id or row.kind != "photo":
            return None
        name = row.data.get("file_name")
    return photos.file_of(db, workshop_id, name) if isinstance(name, str) else None


def read_slice(session: Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """What waits for review: its words for the console, nothing for anyone else."""
    if not view.staff:
        return {"held": {}}
    rows = session.scalars(
        sa.select(HeldInput).where(HeldInput.workshop_id == workshop_id).order_by(HeldInput.id)
    ).all()
    return {"held": {str(r.id): dataclasses.asdict(held_info(r)) for r in rows}}


def held_info(row: HeldInput) -> rules_of.HeldInput:
    """A held input as the console sees it."""
    return rules_of.HeldInput(row.id, row.kind, dict(row.words), iso(row.created_at))
