"""Session notes: anyone in the room writes a field; a stale write keeps both texts."""

from __future__ import annotations

import copy
from typing import Any

import sqlalchemy as sa
from pydantic import Field
from sqlalchemy.orm import Session

from ..domain import notes as rules_of
from ..domain.errors import DomainError
from ..domain.review import Reviewed
from ..store.models import AgendaSession, SessionNotes
from .reads import SliceView
from .runner import PEOPLE, Context, workshop_command
from .wire import MAX_ID, Command


def _notes(ctx: Context, data: dict[str, Any]) -> SessionNotes:
    session_id = data.get("session_id")
    if isinstance(session_id, bool) or not isinstance(session_id, int):
        raise DomainError("bad_request", field="session_id")
    session = ctx.session.get(AgendaSession, session_id)
    if session is None or session.workshop_id != ctx.workshop.id:
        raise DomainError("not_found")
    row = ctx.session.get(SessionNotes, session.id)
    if row is None:
        row = SessionNotes(session_id=session.id, workshop_id=ctx.workshop.id, fields={}, counts={})
        ctx.session.add(row)
    return row


class NotesWrite(Command):
    session_id: int = Field(ge=1, le=MAX_ID)
    field: str = Field(max_length=40)
    text: str
    version: int = Field(ge=0, le=MAX_ID)


@workshop_command(
    wire="notes.write",
    payload=NotesWrite,
    roles=PEOPLE,
    permission="notes",
    open_only=True,
    takes_input="notes",
    reviewed=Reviewed("notes", ("text",)),
)
def write_notes(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Save one field of a session's notes, from the version the writer started at."""
    name, text = rules_of.clean_field(data.get("field"), data.get("text"))
    base = data.get("version")
    if isinstance(base, bool) or not isinstance(base, int) or base < 0:
        raise DomainError("bad_request", field="version")
    row = _notes(ctx, data)
    fields = copy.deepcopy(row.fields or {})
    now = fields.get(name, {"text": "", "version": 0})
    written = rules_of.write(now["text"], now["version"], text, base, rules_of.FIELDS[name])
    if (written.text, written.version) != (now["text"], now["version"]):
        fields[name] = {"text": written.text, "version": written.version}
        row.fields = fields  # a new dict, so the JSON column is saved
        ctx.session.flush()
        ctx.append(
            rules_of.NotesWritten(
                session_id=row.session_id,
                field=name,
                text=written.text,
                version=written.version,
                conflict=written.conflict,
            )
        )
    return {
        "session_id": row.session_id,
        "field": name,
        "version": written.version,
        "conflict": written.conflict,
    }


class NotesCount(Command):
    session_id: int = Field(ge=1, le=MAX_ID)
    counts: dict[str, int] = Field(max_length=10)


@workshop_command(
    wire="notes.count",
    payload=NotesCount,
    roles=PEOPLE,
    permission="notes",
    open_only=True,
    takes_input="notes",
)
def count_notes(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Set how many took part, by group and organisation type (the keys given; others stay)."""
    counts = rules_of.clean_counts(data.get("counts"))
    row = _notes(ctx, data)
    merged = {**(row.counts or {}), **counts}
    merged = {k: v for k, v in merged.items() if v}
    if merged != (row.counts or {}):
        row.counts = merged
        ctx.session.flush()
        ctx.append(rules_of.NotesCounted(session_id=row.session_id, counts=merged))
    return {"session_id": row.session_id}


def merge_into(session: Session, source_id: int, target_id: int) -> dict[str, Any] | None:
    """Two sessions merged: the target's notes take the source's words and counts. Returns the
    target's notes as the state holds them, or None when neither had notes."""
    source = session.get(SessionNotes, source_id)
    target = session.get(SessionNotes, target_id)
    if source is None and target is None:
        return None
    if target is None:
        target = SessionNotes(
            session_id=target_id, workshop_id=source.workshop_id, fields={}, counts={}
        )
        session.add(target)
    if source is not None:
        fields = rules_of.merged_notes(
            {k: (v["text"], v["version"]) for k, v in (target.fields or {}).items()},
            {k: (v["text"], v["version"]) for k, v in (source.fields or {}).items()},
        )
        target.fields = {k: {"text": t, "version": v} for k, (t, v) in fields.items()}
        counts = dict(target.counts or {})
        for key, value in (source.counts or {}).items():
            counts[key] = counts.get(key, 0) + value
        target.counts = counts
        session.delete(source)
    session.flush()
    return {"fields": target.fields, "counts": target.counts}


def read_slice(session: Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """Every session's notes, for a snapshot (everyone may read them during the day)."""
    rows = session.scalars(
        sa.select(SessionNotes).where(SessionNotes.workshop_id == workshop_id)
    ).all()
    return {
        "notes": {
            str(r.session_id): {"fields": dict(r.fields or {}), "counts": dict(r.counts or {})}
            for r in rows
            if r.fields or r.counts
        }
    }
