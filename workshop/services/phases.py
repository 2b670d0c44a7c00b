"""Phases: the facilitator moves the workshop through the double diamond, forward and back."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from pydantic import Field

from ..domain import phases as rules_of
from ..store.models import Workshop
from .reads import SliceView
from .runner import FACILITATOR, Context, workshop_command
from .wire import Command


class PhaseChange(Command):
    phase: str = Field(max_length=10)


@workshop_command(wire="phase.change", payload=PhaseChange, roles=FACILITATOR, permission="run")
def change_phase(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Move to another phase; choosing the phase the room is in changes nothing."""
    phase = rules_of.check_phase(data.get("phase"))
    if ctx.workshop.phase != phase:
        ctx.workshop.phase = phase
        ctx.append(rules_of.PhaseChanged(phase))
    return {"phase": phase}


def current(session: sa.orm.Session, workshop_id: int) -> str:
    """The workshop's phase now."""
    phase = session.scalar(sa.select(Workshop.phase).where(Workshop.id == workshop_id))
    return phase or rules_of.FIRST


def read_slice(session: sa.orm.Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """The phase part of a snapshot."""
    return {"phase": current(session, workshop_id)}
