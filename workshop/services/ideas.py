"""Ideas in Develop: post under a theme, hide and show, mark low-hanging fruit."""

from __future__ import annotations

import dataclasses
from typing import Any

import sqlalchemy as sa
from pydantic import Field

from ..domain import ideas as rules_of
from ..domain import phases as phase_rules
from ..domain.errors import DomainError
from ..domain.events import Subject
from ..domain.review import Reviewed
from ..store.db import iso
from ..store.models import Idea
from .reads import SliceView
from .runner import FACILITATOR, PEOPLE, Context, workshop_command
from .themes import ThemeRef, theme_in
from .wire import MAX_ID, Command


def idea_info(idea: Idea) -> rules_of.IdeaInfo:
    """An idea row without its author."""
    return rules_of.IdeaInfo(
        id=idea.id,
        theme_id=idea.theme_id,
        text=idea.text,
        detail=idea.detail,
        hidden=idea.hidden,
        low_hanging=idea.low_hanging,
        created_at=iso(idea.created_at),
    )


def idea_in(session: sa.orm.Session, workshop_id: int, idea_id: object) -> Idea:
    """An idea of this workshop, or not_found."""
    if isinstance(idea_id, bool) or not isinstance(idea_id, int):
        raise DomainError("bad_request", field="idea_id")
    idea = session.get(Idea, idea_id)
    if idea is None or idea.workshop_id != workshop_id:
        raise DomainError("not_found")
    return idea


class IdeaPost(ThemeRef):
    text: str
    detail: str | None = None


@workshop_command(
    wire="idea.post",
    payload=IdeaPost,
    category="topics",
    roles=PEOPLE,
    permission="run",
    open_only=True,
    takes_input="idea",
    reviewed=Reviewed("idea", ("text", "detail")),
)
def post_idea(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Post an idea under a theme; ideas belong to Develop."""
    phase_rules.require_phase(ctx.workshop.phase, "develop")
    text, detail = rules_of.clean_idea(data)
    theme = theme_in(ctx.session, ctx.workshop.id, data.get("theme_id"))
    posted = ctx.session.scalar(
        sa.select(sa.func.count(Idea.id)).where(Idea.workshop_id == ctx.workshop.id)
    )
    rules_of.check_room_for_idea(posted)
    author_id = ctx.actor.id if ctx.actor.role == "participant" else None
    idea = Idea(
        workshop_id=ctx.workshop.id,
        theme_id=theme.id,
        author_id=author_id,
        text=text,
        detail=detail,
    )
    ctx.session.add(idea)
    ctx.session.flush()
    info = idea_info(idea)
    ctx.append(rules_of.IdeaPosted(info))
    return {"idea": dataclasses.asdict(info)}


class IdeaHide(Command):
    idea_id: int = Field(ge=1, le=MAX_ID)
    hidden: bool


@workshop_command(wire="idea.hide", payload=IdeaHide, roles=FACILITATOR, permission="moderate")
def set_idea_hidden(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Hide an idea (its words leave phones and the wall) or show it again."""
    hidden = rules_of.check_flag(data.get("hidden"), "hidden")
    idea = idea_in(ctx.session, ctx.workshop.id, data.get("idea_id"))
    if idea.hidden != hidden:
        idea.hidden = hidden
        ctx.session.flush()
        info = idea_info(idea)
        if hidden:
            ctx.append(rules_of.IdeaHidden(idea_id=idea.id, idea=info))
        else:
            ctx.append(rules_of.IdeaShown(info))
    return {"idea": dataclasses.asdict(idea_info(idea))}


class IdeaMark(Command):
    idea_id: int = Field(ge=1, le=MAX_ID)
    low_hanging: bool


@workshop_command(wire="idea.mark", payload=IdeaMark, roles=FACILITATOR, permission="run")
def mark_idea(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Mark an idea as low-hanging fruit (can start at once, within existing means), or not."""
    low_hanging = rules_of.check_flag(data.get("low_hanging"), "low_hanging")
    idea = idea_in(ctx.session, ctx.workshop.id, data.get("idea_id"))
    if idea.low_hanging != low_hanging:
        idea.low_hanging = low_hanging
        ctx.session.flush()
        ctx.append(rules_of.IdeaMarked(idea_info(idea)))
    return {"idea": dataclasses.asdict(idea_info(idea))}


def read_slice(session: sa.orm.Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """The ideas part of a snapshot; without view.staff, hidden ideas are not there."""
    query = sa.select(Idea).where(Idea.workshop_id == workshop_id)
    if not view.staff:
        query = query.where(~Idea.hidden)
    rows = session.scalars(query.order_by(Idea.id)).all()
    return {"ideas": {str(i.id): dataclasses.asdict(idea_info(i)) for i in rows}}


def withheld_words(session: sa.orm.Session, workshop_id: int, *, staff: bool) -> set[Subject]:
    """The ideas whose words a screen must not get again when it syncs: hidden ones, for
    phones and walls."""
    if staff:
        return set()
    hidden = sa.select(Idea.id).where(Idea.workshop_id == workshop_id, Idea.hidden)
    return {("idea", idea_id) for idea_id in session.scalars(hidden)}
