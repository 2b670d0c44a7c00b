"""Countdowns per slot (start, stop, extend) and announcements, run by the facilitator."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from pydantic import Field
from sqlalchemy.orm import Session

from ..domain import timers as rules_of
from ..domain.errors import DomainError
from ..domain.timers import TimerInfo
from ..store.db import iso
from ..store.models import AgendaSlot, AgendaTimer, Announcement, utcnow
from .reads import SliceView
from .runner import FACILITATOR, Context, workshop_command
from .wire import MAX_ID, Command


def _now() -> datetime:
    """The server's clock (one place, so a test can move it)."""
    return utcnow()


def _info(row: AgendaTimer) -> TimerInfo:
    return TimerInfo(
        slot_id=row.slot_id, running=row.running, ends_at=iso(row.ends_at), left=row.left
    )


def _timer(ctx: Context, data: dict[str, Any]) -> AgendaTimer:
    slot_id = data.get("slot_id")
    if isinstance(slot_id, bool) or not isinstance(slot_id, int):
        raise DomainError("bad_request", field="slot_id")
    slot = ctx.session.get(AgendaSlot, slot_id)
    if slot is None or slot.workshop_id != ctx.workshop.id:
        raise DomainError("not_found")
    row = ctx.session.get(AgendaTimer, slot.id)
    if row is None:
        row = AgendaTimer(slot_id=slot.id, workshop_id=ctx.workshop.id, running=False, left=0)
        ctx.session.add(row)
    return row


def _store(row: AgendaTimer, info: TimerInfo) -> None:
    row.running, row.left = info.running, info.left
    row.ends_at = rules_of.parse_iso(info.ends_at) if info.ends_at else None


class TimerMinutes(Command):
    slot_id: int = Field(ge=1, le=MAX_ID)
    minutes: int = Field(ge=-MAX_ID, le=MAX_ID)


@workshop_command(wire="timer.start", payload=TimerMinutes, roles=FACILITATOR, permission="run")
def start_timer(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Start (or restart) a slot's countdown of `minutes`."""
    minutes = rules_of.check_minutes(data.get("minutes"))
    row = _timer(ctx, data)
    info = rules_of.started(row.slot_id, minutes, _now())
    _store(row, info)
    ctx.session.flush()
    ctx.append(rules_of.TimerStarted(timer=info))
    return {"timer": dataclasses.asdict(info)}


class TimerRef(Command):
    slot_id: int = Field(ge=1, le=MAX_ID)


@workshop_command(wire="timer.stop", payload=TimerRef, roles=FACILITATOR, permission="run")
def stop_timer(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Stop a slot's countdown where it is."""
    row = _timer(ctx, data)
    info = rules_of.stopped(_info(row), _now())
    _store(row, info)
    ctx.session.flush()
    ctx.append(rules_of.TimerStopped(timer=info))
    return {"timer": dataclasses.asdict(info)}


@workshop_command(wire="timer.extend", payload=TimerMinutes, roles=FACILITATOR, permission="run")
def extend_timer(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Give a slot's countdown `minutes` more."""
    minutes = rules_of.check_minutes(data.get("minutes"))
    row = _timer(ctx, data)
    info = rules_of.extended(_info(row), minutes, _now())
    _store(row, info)
    ctx.session.flush()
    ctx.append(rules_of.TimerExtended(timer=info))
    return {"timer": dataclasses.asdict(info)}


class AnnouncementSend(Command):
    text: str


@workshop_command(
    wire="announcement.send", payload=AnnouncementSend, roles=FACILITATOR, permission="moderate"
)
def send_announcement(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """A short announcement to every screen of the workshop."""
    text = rules_of.clean_announcement(data.get("text"))
    row = Announcement(workshop_id=ctx.workshop.id, text=text, at=_now())
    ctx.session.add(row)
    ctx.session.flush()
    ctx.append(rules_of.AnnouncementSent(id=row.id, text=text, at=iso(row.at) or ""))
    return {"announcement_id": row.id}


def server_now() -> str:
    """The server's clock for screens that count down (ISO 8601 UTC, milliseconds)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def read_slice(session: Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """The timers and the latest announcement, for a snapshot."""
    rows = session.scalars(
        sa.select(AgendaTimer).where(AgendaTimer.workshop_id == workshop_id)
    ).all()
    latest = session.scalar(
        sa.select(Announcement)
        .where(Announcement.workshop_id == workshop_id)
        .order_by(Announcement.id.desc())
        .limit(1)
    )
    return {
        "timers": {str(r.slot_id): dataclasses.asdict(_info(r)) for r in rows},
        "announcement": (
            {"id": latest.id, "text": latest.text, "at": iso(latest.at)} if latest else None
        ),
    }
