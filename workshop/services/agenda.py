"""The Open Space agenda: slots and spaces (facilitator), sessions (conveners and facilitator),
"I'm going" and "I'm here" (participants), and a plain read for the reports."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from pydantic import Field
from sqlalchemy.orm import Session

from ..domain import agenda as rules_of
from ..domain.agenda import Counts, SessionInfo, SlotInfo, SpaceInfo
from ..domain.errors import DomainError
from ..domain.topics import is_shown
from ..store.db import Database
from ..store.models import (
    AgendaGoing,
    AgendaHere,
    AgendaSession,
    AgendaSlot,
    AgendaSpace,
    AgendaTimer,
    SessionNotes,
    Topic,
)
from . import notes, photos, reads
from .reads import SliceView
from .runner import FACILITATOR, PARTICIPANT, PEOPLE, Context, workshop_command
from .wire import MAX_ID, Command


def _id(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError("bad_request", field=key)
    return value


def _row(session: Session, model: type, workshop_id: int, row_id: int) -> Any:
    row = session.get(model, row_id)
    if row is None or row.workshop_id != workshop_id:
        raise DomainError("not_found")
    return row


def _slot_info(row: AgendaSlot) -> SlotInfo:
    return SlotInfo(id=row.id, starts=row.starts, ends=row.ends)


def _space_info(row: AgendaSpace) -> SpaceInfo:
    return SpaceInfo(id=row.id, name=row.name, capacity=row.capacity)


def _session_info(row: AgendaSession, convener: int | None) -> SessionInfo:
    return SessionInfo(
        id=row.id,
        topic_id=row.topic_id,
        slot_id=row.slot_id,
        space_id=row.space_id,
        convener=convener,
        also_topic_ids=list(row.also_topic_ids or []),
    )


def _sessions(session: Session, workshop_id: int) -> list[SessionInfo]:
    """Every session of the workshop, with its convener (the topic's author)."""
    rows = session.execute(
        sa.select(AgendaSession, Topic.author_id)
        .join(Topic, Topic.id == AgendaSession.topic_id)
        .where(AgendaSession.workshop_id == workshop_id)
        .order_by(AgendaSession.id)
    ).all()
    return [_session_info(row, author) for row, author in rows]


def _counts(session: Session, session_ids: list[int]) -> dict[str, Counts]:
    """Going and here per session, zeros included (so a reducer can drop them)."""
    if not session_ids:
        return {}
    going = Counter(
        session.scalars(
            sa.select(AgendaGoing.session_id).where(AgendaGoing.session_id.in_(session_ids))
        )
    )
    here = Counter(
        session.scalars(
            sa.select(AgendaHere.session_id).where(AgendaHere.session_id.in_(session_ids))
        )
    )
    return {str(sid): Counts(going=going[sid], here=here[sid]) for sid in session_ids}


# --- slots and spaces (facilitator) ----------------------------------------------------------


# Times and names are checked by the domain (clearer `bad_time`, `too_long`, `bad_capacity`).
class SlotSave(Command):
    slot_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    starts: str = Field(max_length=10)
    ends: str = Field(max_length=10)


@workshop_command(wire="slot.save", payload=SlotSave, roles=FACILITATOR, permission="run")
def save_slot(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Add a time slot, or change one's times (`slot_id`)."""
    starts, ends = rules_of.clean_slot(data.get("starts"), data.get("ends"))
    rows = ctx.session.scalars(
        sa.select(AgendaSlot).where(AgendaSlot.workshop_id == ctx.workshop.id)
    ).all()
    slot_id = data.get("slot_id")
    if slot_id is None:
        rules_of.check_room_for("slot", len(rows))
        row = AgendaSlot(workshop_id=ctx.workshop.id, starts=starts, ends=ends)
        ctx.session.add(row)
    else:
        row = _row(ctx.session, AgendaSlot, ctx.workshop.id, _id(data, "slot_id"))
    others = [_slot_info(r) for r in rows if r is not row]
    rules_of.check_slot_overlap(starts, ends, others)
    row.starts, row.ends = starts, ends
    ctx.session.flush()
    info = _slot_info(row)
    ctx.append(rules_of.SlotSaved(slot=info))
    return {"slot": dataclasses.asdict(info)}


class SlotRef(Command):
    slot_id: int = Field(ge=1, le=MAX_ID)


@workshop_command(wire="slot.remove", payload=SlotRef, roles=FACILITATOR, permission="run")
def remove_slot(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Remove a slot that holds no session (sessions are moved first, never lost)."""
    row = _row(ctx.session, AgendaSlot, ctx.workshop.id, _id(data, "slot_id"))
    if ctx.session.scalar(sa.select(AgendaSession.id).where(AgendaSession.slot_id == row.id)):
        raise DomainError("not_empty")
    # Its countdown goes with it (said here, not left to the database's cascade).
    ctx.session.execute(sa.delete(AgendaTimer).where(AgendaTimer.slot_id == row.id))
    ctx.session.delete(row)
    ctx.append(rules_of.SlotRemoved(slot_id=row.id))
    return {"slot_id": row.id}


class SpaceSave(Command):
    space_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    name: str
    capacity: int | None = Field(default=None, ge=-MAX_ID, le=MAX_ID)


@workshop_command(wire="space.save", payload=SpaceSave, roles=FACILITATOR, permission="run")
def save_space(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Add a space, or change one's name or capacity (`space_id`)."""
    name, capacity = rules_of.clean_space(data.get("name"), data.get("capacity"))
    if data.get("space_id") is None:
        count = ctx.session.scalar(
            sa.select(sa.func.count(AgendaSpace.id)).where(
                AgendaSpace.workshop_id == ctx.workshop.id
            )
        )
        rules_of.check_room_for("space", count or 0)
        row = AgendaSpace(workshop_id=ctx.workshop.id)
        ctx.session.add(row)
    else:
        row = _row(ctx.session, AgendaSpace, ctx.workshop.id, _id(data, "space_id"))
    row.name, row.capacity = name, capacity
    ctx.session.flush()
    info = _space_info(row)
    ctx.append(rules_of.SpaceSaved(space=info))
    return {"space": dataclasses.asdict(info)}


class SpaceRef(Command):
    space_id: int = Field(ge=1, le=MAX_ID)


@workshop_command(wire="space.remove", payload=SpaceRef, roles=FACILITATOR, permission="run")
def remove_space(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Remove a space that holds no session."""
    row = _row(ctx.session, AgendaSpace, ctx.workshop.id, _id(data, "space_id"))
    if ctx.session.scalar(sa.select(AgendaSession.id).where(AgendaSession.space_id == row.id)):
        raise DomainError("not_empty")
    ctx.session.delete(row)
    ctx.append(rules_of.SpaceRemoved(space_id=row.id))
    return {"space_id": row.id}


# --- sessions ----------------------------------------------------------------------------------


def _cell(ctx: Context, data: dict[str, Any]) -> tuple[int, int]:
    slot = _row(ctx.session, AgendaSlot, ctx.workshop.id, _id(data, "slot_id"))
    space = _row(ctx.session, AgendaSpace, ctx.workshop.id, _id(data, "space_id"))
    return slot.id, space.id


class SessionPlace(Command):
    topic_id: int = Field(ge=1, le=MAX_ID)
    slot_id: int = Field(ge=1, le=MAX_ID)
    space_id: int = Field(ge=1, le=MAX_ID)


@workshop_command(
    wire="session.place", payload=SessionPlace, roles=PEOPLE, permission="run", open_only=True
)
def place_session(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """A convener puts their own topic in a free cell; the facilitator may place any topic."""
    topic = reads.topic_in(ctx.session, ctx.workshop.id, data.get("topic_id"))
    rules_of.may_convene(ctx.actor, topic.author_id)
    if not is_shown(topic.hidden, topic.pending):
        raise DomainError("topic_hidden")
    if ctx.session.scalar(sa.select(AgendaSession.id).where(AgendaSession.topic_id == topic.id)):
        raise DomainError("already_placed")
    slot_id, space_id = _cell(ctx, data)
    sessions = _sessions(ctx.session, ctx.workshop.id)
    rules_of.check_cell(sessions, slot_id, space_id)
    rules_of.check_convener_free(ctx.actor, sessions, topic.author_id, slot_id)
    row = AgendaSession(
        workshop_id=ctx.workshop.id,
        topic_id=topic.id,
        slot_id=slot_id,
        space_id=space_id,
        also_topic_ids=[],
    )
    ctx.session.add(row)
    ctx.session.flush()
    info = _session_info(row, topic.author_id)
    ctx.append(rules_of.SessionPlaced(session=info))
    return {"session": dataclasses.asdict(info.public())}


def _own_session(ctx: Context, session_id: int) -> tuple[AgendaSession, int | None]:
    row = _row(ctx.session, AgendaSession, ctx.workshop.id, session_id)
    author = ctx.session.scalar(sa.select(Topic.author_id).where(Topic.id == row.topic_id))
    rules_of.may_convene(ctx.actor, author)
    return row, author


class SessionMove(Command):
    session_id: int = Field(ge=1, le=MAX_ID)
    slot_id: int = Field(ge=1, le=MAX_ID)
    space_id: int = Field(ge=1, le=MAX_ID)


@workshop_command(
    wire="session.move", payload=SessionMove, roles=PEOPLE, permission="run", open_only=True
)
def move_session(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Move a session to a free cell (its convener or the facilitator); people, votes and notes
    stay with it because they point at the session and its topic, not at the cell."""
    row, author = _own_session(ctx, _id(data, "session_id"))
    slot_id, space_id = _cell(ctx, data)
    sessions = _sessions(ctx.session, ctx.workshop.id)
    rules_of.check_cell(sessions, slot_id, space_id, moving=row.id)
    rules_of.check_convener_free(ctx.actor, sessions, author, slot_id, moving=row.id)
    if (row.slot_id, row.space_id) != (slot_id, space_id):
        row.slot_id, row.space_id = slot_id, space_id
        ctx.session.flush()
        ctx.append(rules_of.SessionMoved(session=_session_info(row, author)))
    return {"session": dataclasses.asdict(_session_info(row, None))}


class SessionRef(Command):
    session_id: int = Field(ge=1, le=MAX_ID)


@workshop_command(wire="session.remove", payload=SessionRef, roles=PEOPLE, permission="run")
def remove_session(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Take a session off the agenda (its convener or the facilitator); the topic stays."""
    row, _author = _own_session(ctx, _id(data, "session_id"))
    _forget_people(ctx, row.id)
    ctx.session.execute(sa.delete(SessionNotes).where(SessionNotes.session_id == row.id))
    ctx.session.delete(row)
    ctx.append(rules_of.SessionRemoved(session_id=row.id))
    return {"session_id": row.id}


def _forget_people(ctx: Context, session_id: int) -> None:
    """Those going to or in a session that leaves get their own state again."""
    for pid in ctx.session.scalars(
        sa.select(AgendaGoing.participant_id).where(AgendaGoing.session_id == session_id)
    ):
        ctx.refresh(pid)
    for pid in ctx.session.scalars(
        sa.select(AgendaHere.participant_id).where(AgendaHere.session_id == session_id)
    ):
        ctx.refresh(pid)


class SessionMerge(Command):
    source_id: int = Field(ge=1, le=MAX_ID)
    target_id: int = Field(ge=1, le=MAX_ID)


@workshop_command(wire="session.merge", payload=SessionMerge, roles=FACILITATOR, permission="run")
def merge_sessions(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Merge two sessions on one subject: the source's people join the target; the source's
    topic (and its votes) stays, named on the target."""
    source = _row(ctx.session, AgendaSession, ctx.workshop.id, _id(data, "source_id"))
    target = _row(ctx.session, AgendaSession, ctx.workshop.id, _id(data, "target_id"))
    rules_of.check_merge(source.id, target.id)
    pair = (source.id, target.id)
    going: dict[int, set[int]] = defaultdict(set)
    for sid, pid in ctx.session.execute(
        sa.select(AgendaGoing.session_id, AgendaGoing.participant_id).where(
            AgendaGoing.session_id.in_(pair)
        )
    ):
        going[sid].add(pid)
    here = dict(
        ctx.session.execute(
            sa.select(AgendaHere.participant_id, AgendaHere.session_id).where(
                AgendaHere.session_id.in_(pair)
            )
        ).all()
    )
    going_now, here_now = rules_of.merged_people(going, here, source.id, target.id)
    merged_notes = notes.merge_into(ctx.session, source.id, target.id)
    _forget_people(ctx, source.id)
    ctx.session.execute(sa.delete(AgendaGoing).where(AgendaGoing.session_id.in_(pair)))
    ctx.session.execute(sa.delete(AgendaHere).where(AgendaHere.session_id.in_(pair)))
    target.also_topic_ids = [
        *(target.also_topic_ids or []),
        source.topic_id,
        *(source.also_topic_ids or []),
    ]
    ctx.session.delete(source)
    ctx.session.flush()
    ctx.session.add_all(AgendaGoing(session_id=target.id, participant_id=p) for p in going_now)
    ctx.session.add_all(AgendaHere(session_id=target.id, participant_id=p) for p in here_now)
    ctx.session.flush()
    author = ctx.session.scalar(sa.select(Topic.author_id).where(Topic.id == target.topic_id))
    info = _session_info(target, author)
    ctx.append(
        rules_of.SessionMerged(
            source_id=source.id,
            target=info,
            counts=_counts(ctx.session, [target.id]),
            notes=merged_notes,
        )
    )
    photos.follow_merge(ctx, source.id, target.id)
    return {"session": dataclasses.asdict(info.public())}


def forget_topics(ctx: Context, topic_ids: list[int]) -> None:
    """Deleted topics leave the agenda too (the database would drop their sessions silently)."""
    rows = ctx.session.scalars(
        sa.select(AgendaSession).where(AgendaSession.topic_id.in_(topic_ids))
    ).all()
    for row in rows:
        _forget_people(ctx, row.id)
        ctx.session.execute(sa.delete(SessionNotes).where(SessionNotes.session_id == row.id))
        ctx.session.delete(row)
        ctx.append(rules_of.SessionRemoved(session_id=row.id))
    ctx.session.flush()


# --- attendance (participants) -------------------------------------------------------------


class SessionGoing(Command):
    session_id: int = Field(ge=1, le=MAX_ID)
    going: bool


@workshop_command(wire="session.going", payload=SessionGoing, roles=PARTICIPANT)
def set_going(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """ "I'm going" on a session, or taking it back (`going` false): the personal schedule."""
    going = data.get("going")
    if not isinstance(going, bool):
        raise DomainError("bad_request", field="going")
    row = _row(ctx.session, AgendaSession, ctx.workshop.id, _id(data, "session_id"))
    key = {"session_id": row.id, "participant_id": ctx.actor.id}
    existing = ctx.session.get(AgendaGoing, key)
    if going and existing is None:
        ctx.session.add(AgendaGoing(**key))
    elif not going and existing is not None:
        ctx.session.delete(existing)
    else:
        return {"session_id": row.id}
    ctx.session.flush()
    ctx.append(rules_of.AttendanceCounted(counts=_counts(ctx.session, [row.id])))
    ctx.refresh(ctx.actor.id)
    return {"session_id": row.id}


class SessionHere(Command):
    session_id: int | None = Field(default=None, ge=1, le=MAX_ID)


@workshop_command(wire="session.here", payload=SessionHere, roles=PARTICIPANT)
def set_here(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """ "I'm here" in one session (leaving the one before), or nowhere (`session_id` null)."""
    target_id = data.get("session_id")
    if target_id is not None:
        target_id = _row(ctx.session, AgendaSession, ctx.workshop.id, _id(data, "session_id")).id
    existing = ctx.session.get(AgendaHere, ctx.actor.id)
    before = existing.session_id if existing is not None else None
    if before == target_id:
        return {"session_id": target_id}
    if existing is not None:
        ctx.session.delete(existing)
        ctx.session.flush()
    if target_id is not None:
        ctx.session.add(AgendaHere(participant_id=ctx.actor.id, session_id=target_id))
    ctx.session.flush()
    touched = [sid for sid in (before, target_id) if sid is not None]
    ctx.append(rules_of.AttendanceCounted(counts=_counts(ctx.session, touched)))
    ctx.refresh(ctx.actor.id)
    return {"session_id": target_id}


# --- reads -------------------------------------------------------------------------------------


def read_slice(session: Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """The agenda part of a snapshot; phones and the wall get sessions without conveners."""
    slots = session.scalars(
        sa.select(AgendaSlot).where(AgendaSlot.workshop_id == workshop_id).order_by(AgendaSlot.id)
    ).all()
    spaces = session.scalars(
        sa.select(AgendaSpace)
        .where(AgendaSpace.workshop_id == workshop_id)
        .order_by(AgendaSpace.id)
    ).all()
    sessions = _sessions(session, workshop_id)
    counts = _counts(session, [s.id for s in sessions])
    return {
        "agenda": {
            "slots": {str(r.id): dataclasses.asdict(_slot_info(r)) for r in slots},
            "spaces": {str(r.id): dataclasses.asdict(_space_info(r)) for r in spaces},
            "sessions": {
                str(s.id): dataclasses.asdict(s if view.staff else s.public()) for s in sessions
            },
            "counts": {
                sid: dataclasses.asdict(c) for sid, c in counts.items() if c.going or c.here
            },
        }
    }


@dataclass(frozen=True)
class AgendaLine:
    """One session for a report: when, where, what, how many (never who)."""

    starts: str
    ends: str
    space: str
    capacity: int | None
    title: str
    also: list[str]
    going: int
    here: int
    # The session's notes: field name -> text (title, convener, discussion, recommendations,
    # next_steps; only those written), and who took part by group/organisation type.
    notes: dict[str, str]
    took_part: dict[str, int]


def agenda_for_report(db: Database, workshop_id: int) -> list[AgendaLine]:
    """The agenda in slot then space order with each session's notes (the breakout reports),
    for the Discover section of the reports; a session whose topic is hidden or waits for review
    is left out, like the topic itself."""
    with db.read() as session:
        sessions = _sessions(session, workshop_id)
        counts = _counts(session, [s.id for s in sessions])
        slots = {
            r.id: _slot_info(r)
            for r in session.scalars(
                sa.select(AgendaSlot).where(AgendaSlot.workshop_id == workshop_id)
            )
        }
        spaces = {
            r.id: _space_info(r)
            for r in session.scalars(
                sa.select(AgendaSpace).where(AgendaSpace.workshop_id == workshop_id)
            )
        }
        topic_ids = {s.topic_id for s in sessions} | {t for s in sessions for t in s.also_topic_ids}
        # Plain values read inside the session: the rows are gone once it closes.
        topics = {
            t.id: (t.title, is_shown(t.hidden, t.pending))
            for t in session.scalars(sa.select(Topic).where(Topic.id.in_(topic_ids or {0})))
        }
        written = {
            r.session_id: (
                {k: v["text"] for k, v in (r.fields or {}).items() if v.get("text")},
                dict(r.counts or {}),
            )
            for r in session.scalars(
                sa.select(SessionNotes).where(SessionNotes.workshop_id == workshop_id)
            )
        }
    lines = []
    order = sorted(sessions, key=lambda s: (slots[s.slot_id].starts, s.space_id))
    for s in order:
        title, shown = topics.get(s.topic_id, ("", False))
        if not shown:
            continue
        also = [topics[t][0] for t in s.also_topic_ids if t in topics and topics[t][1]]
        count = counts.get(str(s.id), Counts())
        lines.append(
            AgendaLine(
                starts=slots[s.slot_id].starts,
                ends=slots[s.slot_id].ends,
                space=spaces[s.space_id].name,
                capacity=spaces[s.space_id].capacity,
                title=title,
                also=also,
                going=count.going,
                here=count.here,
                notes=written.get(s.id, ({}, {}))[0],
                took_part=written.get(s.id, ({}, {}))[1],
            )
        )
    return lines


def clashes_now(db: Database, workshop_id: int) -> list[rules_of.Clash]:
    """The agenda's clashes as the console shows them (for tests and the API)."""
    with db.read() as session:
        sessions = _sessions(session, workshop_id)
        spaces = {
            r.id: _space_info(r)
            for r in session.scalars(
                sa.select(AgendaSpace).where(AgendaSpace.workshop_id == workshop_id)
            )
        }
        counts = {int(k): v for k, v in _counts(session, [s.id for s in sessions]).items()}
    return rules_of.clashes(sessions, spaces, counts)
