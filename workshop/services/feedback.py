"""The feedback page's items: the facilitator adds, edits, publishes and removes them; phones, the
wall and the participants' feedback page see the published ones; the report reads them plainly."""

from __future__ import annotations

import dataclasses
from typing import Any

import sqlalchemy as sa
from pydantic import Field
from sqlalchemy.orm import Session

from ..domain import feedback as rules_of
from ..domain import rules
from ..domain import topics as topic_rules
from ..domain.errors import DomainError
from ..domain.events import Subject
from ..store.db import Database, iso
from ..store.models import FeedbackItem, utcnow
from . import reads
from .reads import SliceView
from .runner import FACILITATOR, Context, workshop_command
from .wire import MAX_ID, Command


def item_info(row: FeedbackItem) -> rules_of.FeedbackItem:
    """A feedback row as the screens see it."""
    return rules_of.FeedbackItem(
        id=row.id,
        said=row.said,
        did=row.did,
        why_not=row.why_not,
        when=row.when,
        outcome=row.outcome,
        published=row.published,
        topic_id=row.topic_id,
        updated_at=iso(row.updated_at),
        versions=row.versions or {},
    )


def _fields(ctx: Context, data: dict[str, Any], kept_topic: int | None = None) -> dict[str, Any]:
    """The cleaned fields; "you said" from a shown topic's words when only a topic is named
    (a topic the line already quotes is not checked again: its words were copied then)."""
    topic_id = data.get("topic_id", kept_topic)
    if topic_id is not None and topic_id != kept_topic:
        topic = reads.topic_in(ctx.session, ctx.workshop.id, topic_id)
        rules_of.check_source(topic_rules.is_shown(topic.hidden, topic.pending))
        if not (data.get("said") or "").strip():
            data = {**data, "said": topic.title}
    return {**rules_of.clean_item(data), "topic_id": topic_id}


# The feedback page's lines (services/feedback.py); text limits are the domain's.
class FeedbackAdd(Command):
    said: str = ""
    did: str = ""
    why_not: str = ""
    when: str = ""
    outcome: str = Field(default="open", max_length=10)
    published: bool = False
    topic_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    # The line for English and easy-read readers; left out of an edit: kept as it was.
    versions: dict[str, dict[str, str]] | None = None


@workshop_command(wire="feedback.add", payload=FeedbackAdd, roles=FACILITATOR, permission="run")
def add_item(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Add a line to the feedback page (published at once or kept as a draft)."""
    fields = _fields(ctx, data)
    count = ctx.session.scalar(
        sa.select(sa.func.count(FeedbackItem.id)).where(FeedbackItem.workshop_id == ctx.workshop.id)
    )
    rules_of.check_room_for_item(count)
    row = FeedbackItem(workshop_id=ctx.workshop.id, **fields)
    ctx.session.add(row)
    ctx.session.flush()
    info = item_info(row)
    ctx.append(rules_of.FeedbackItemAdded(info))
    return {"item": dataclasses.asdict(info)}


def _item_in(ctx: Context, item_id: object) -> FeedbackItem:
    if isinstance(item_id, bool) or not isinstance(item_id, int):
        raise DomainError("bad_request", field="item_id")
    if not 1 <= item_id <= rules.ID_MAX:
        raise DomainError("not_found")  # from a URL: the database would fail on the overflow
    row = ctx.session.get(FeedbackItem, item_id)
    if row is None or row.workshop_id != ctx.workshop.id:
        raise DomainError("not_found")
    return row


class FeedbackEdit(FeedbackAdd):
    item_id: int = Field(ge=1, le=MAX_ID)


@workshop_command(wire="feedback.edit", payload=FeedbackEdit, roles=FACILITATOR, permission="run")
def edit_item(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Change, publish or unpublish a line of the feedback page."""
    row = _item_in(ctx, data.get("item_id"))
    fields = _fields(ctx, data, row.topic_id)
    if data.get("versions") is None:
        fields.pop("versions")
    for name, value in fields.items():
        setattr(row, name, value)
    row.updated_at = utcnow()
    ctx.session.flush()
    info = item_info(row)
    ctx.append(rules_of.FeedbackItemEdited(info))
    return {"item": dataclasses.asdict(info)}


class FeedbackRef(Command):
    item_id: int = Field(ge=1, le=MAX_ID)


@workshop_command(wire="feedback.remove", payload=FeedbackRef, roles=FACILITATOR, permission="run")
def remove_item(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Take a line off the feedback page for good."""
    row = _item_in(ctx, data.get("item_id"))
    ctx.session.delete(row)
    ctx.forget_words({("feedback", row.id)})
    ctx.append(rules_of.FeedbackItemRemoved(item_id=row.id))
    return {"item_id": row.id}


def _rows(session: Session, workshop_id: int, *, published_only: bool) -> list[FeedbackItem]:
    query = sa.select(FeedbackItem).where(FeedbackItem.workshop_id == workshop_id)
    if published_only:
        query = query.where(FeedbackItem.published)
    return list(session.scalars(query.order_by(FeedbackItem.id)))


def read_slice(session: Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """The feedback part of a snapshot: every line for the console, the published ones else."""
    rows = _rows(session, workshop_id, published_only=not view.staff)
    return {"feedback": {str(r.id): dataclasses.asdict(item_info(r)) for r in rows}}


def published_items(db: Database, workshop_id: int) -> list[dict[str, Any]]:
    """The published lines, oldest first, for the participants' feedback page."""
    with db.read() as session:
        rows = _rows(session, workshop_id, published_only=True)
        return [dataclasses.asdict(item_info(r)) for r in rows]


def all_items(db: Database, workshop_id: int) -> list[dict[str, Any]]:
    """Every line, drafts too, for the console's editor."""
    with db.read() as session:
        return [
            dataclasses.asdict(item_info(r))
            for r in _rows(session, workshop_id, published_only=False)
        ]


def feedback_for_report(db: Database, workshop_id: int) -> list[dict[str, Any]]:
    """The feedback page as the report shows it (Deliver): the published lines, oldest first,
    each `{said, did, why_not, when, outcome}` ("will", "done", "will_not", "open")."""
    return [
        {key: item[key] for key in ("said", "did", "why_not", "when", "outcome", "versions")}
        for item in published_items(db, workshop_id)
    ]


def withheld_words(session: Session, workshop_id: int, *, staff: bool) -> set[Subject]:
    """The feedback lines whose words a screen must not get again when it syncs: for phones
    and walls, those not published (any more)."""
    if staff:
        return set()
    drafts = sa.select(FeedbackItem.id).where(
        FeedbackItem.workshop_id == workshop_id, ~FeedbackItem.published
    )
    return {("feedback", item_id) for item_id in session.scalars(drafts)}
