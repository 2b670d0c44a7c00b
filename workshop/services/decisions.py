"""Decisions (Deliver): record, correct and remove them from the console; the reads for reports."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from pydantic import Field
from sqlalchemy.orm import Session

from ..domain import decisions as rules_of
from ..domain.actions import Who
from ..domain.catalog import catalogue
from ..domain.errors import DomainError
from ..store.db import Database
from ..store.models import Decision
from .actions import WhoPayload, action_ids, actions_for_report, who_text
from .reads import SliceView
from .runner import FACILITATOR, Context, workshop_command
from .wire import MAX_ID, Command


def decision_info(row: Decision) -> rules_of.DecisionInfo:
    """A decision row as every screen sees it."""
    return rules_of.DecisionInfo(
        id=row.id,
        text=row.text,
        who=Who(role_id=row.role_id, role=row.role, organisation=row.organisation),
        decided_on=row.decided_on,
        action_id=row.action_id,
    )


def _wire(row: Decision) -> dict[str, Any]:
    return dataclasses.asdict(decision_info(row))


def _fill(row: Decision, fields: dict[str, Any]) -> None:
    who: Who = fields["who"]
    row.text, row.decided_on, row.action_id = (
        fields["text"],
        fields["decided_on"],
        fields["action_id"],
    )
    row.role_id, row.role, row.organisation = who.role_id, who.role, who.organisation


def _decision(ctx: Context, decision_id: object) -> Decision:
    if isinstance(decision_id, bool) or not isinstance(decision_id, int):
        raise DomainError("bad_request", field="decision_id")
    row = ctx.session.get(Decision, decision_id)
    if row is None or row.workshop_id != ctx.workshop.id:
        raise DomainError("not_found")
    return row


def _clean(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    return rules_of.clean_decision(data, catalogue(), action_ids(ctx.session, ctx.workshop.id))


class DecisionFields(Command):
    text: str
    who: WhoPayload | None = None
    decided_on: str = Field(default="", max_length=40)
    action_id: int | None = Field(default=None, ge=1, le=MAX_ID)


@workshop_command(
    wire="decision.record", payload=DecisionFields, roles=FACILITATOR, permission="run"
)
def record_decision(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Record a decision: its words, who decided, when, and optionally the action it led to."""
    count = ctx.session.scalar(
        sa.select(sa.func.count(Decision.id)).where(Decision.workshop_id == ctx.workshop.id)
    )
    rules_of.check_room_for_decision(count or 0)
    row = Decision(workshop_id=ctx.workshop.id)
    _fill(row, _clean(ctx, data))
    ctx.session.add(row)
    ctx.session.flush()
    ctx.append(rules_of.DecisionRecorded(decision_info(row)))
    return {"decision": _wire(row)}


class DecisionEdit(DecisionFields):
    decision_id: int = Field(ge=1, le=MAX_ID)


@workshop_command(wire="decision.edit", payload=DecisionEdit, roles=FACILITATOR, permission="run")
def edit_decision(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Correct a recorded decision (the whole decision is sent again)."""
    row = _decision(ctx, data.get("decision_id"))
    before = _wire(row)
    _fill(row, _clean(ctx, data))
    if _wire(row) == before:
        return {"decision": before}
    ctx.session.flush()
    ctx.append(rules_of.DecisionEdited(decision_info(row)))
    return {"decision": _wire(row)}


class DecisionRef(Command):
    decision_id: int = Field(ge=1, le=MAX_ID)


@workshop_command(wire="decision.remove", payload=DecisionRef, roles=FACILITATOR, permission="run")
def remove_decision(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Take a decision away."""
    row = _decision(ctx, data.get("decision_id"))
    ctx.session.delete(row)
    ctx.session.flush()
    ctx.append(rules_of.DecisionRemoved(decision_id=row.id))
    return {"decision_id": row.id}


# --- reads ---------------------------------------------------------------------------------


def _rows(session: Session, workshop_id: int) -> list[Decision]:
    return list(
        session.scalars(
            sa.select(Decision).where(Decision.workshop_id == workshop_id).order_by(Decision.id)
        )
    )


def read_slice(session: Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """The decisions part of a snapshot, every screen alike."""
    return {"decisions": {str(row.id): _wire(row) for row in _rows(session, workshop_id)}}


@dataclass(frozen=True)
class DecisionEntry:
    """A decision for a report: who decided spelled out in the report's language."""

    id: int
    text: str
    role: str
    organisation: str
    decided_on: str
    action_id: int | None


def decisions_for_report(db: Database, workshop_id: int, lang: str = "sv") -> list[DecisionEntry]:
    """Every decision of a workshop, oldest first, as plain values for the report builder."""
    with db.read() as session:
        return [_entry(row, lang) for row in _rows(session, workshop_id)]


def _entry(row: Decision, lang: str) -> DecisionEntry:
    role, organisation = who_text(row.role_id, row.role, row.organisation, lang)
    return DecisionEntry(
        id=row.id,
        text=row.text,
        role=role,
        organisation=organisation,
        decided_on=row.decided_on,
        action_id=row.action_id,
    )


def actions_view(db: Database, workshop_id: int, lang: str) -> dict[str, Any]:
    """The JSON API's view: action cards and decisions, who spelled out in `lang`."""
    return {
        "actions": [dataclasses.asdict(a) for a in actions_for_report(db, workshop_id, lang)],
        "decisions": [dataclasses.asdict(d) for d in decisions_for_report(db, workshop_id, lang)],
    }
