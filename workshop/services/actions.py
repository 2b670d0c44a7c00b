"""Action cards (Deliver): add, edit and remove them from the console; the reads for reports.

Every edit and removal names the card's version the sender saw; under the workshop lock the
first one raises it and a second on the old version is refused with `action_changed`, while the
sender's screen already follows the first through the broadcast.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from pydantic import Field
from sqlalchemy.orm import Session

from ..domain import actions as rules_of
from ..domain.catalog import catalogue
from ..domain.errors import DomainError
from ..store.db import Database
from ..store.models import ActionCard, Decision, Theme, utcnow
from . import follow_up
from .reads import SliceView
from .runner import FACILITATOR, Context, workshop_command
from .wire import MAX_ID, Command, Payload


def action_info(card: ActionCard) -> rules_of.ActionInfo:
    """An action row as every screen sees it."""
    return rules_of.ActionInfo(
        id=card.id,
        what=card.what,
        who=rules_of.Who(role_id=card.role_id, role=card.role, organisation=card.organisation),
        first_step=card.first_step,
        due=card.due,
        follow_up=card.follow_up,
        theme_id=card.theme_id,
        status=card.status,
        version=card.version,
    )


def _wire(card: ActionCard) -> dict[str, Any]:
    return dataclasses.asdict(action_info(card))


def _fill(card: ActionCard, fields: dict[str, Any]) -> None:
    who: rules_of.Who = fields["who"]
    card.what, card.first_step = fields["what"], fields["first_step"]
    card.role_id, card.role, card.organisation = who.role_id, who.role, who.organisation
    card.due, card.follow_up = fields["due"], fields["follow_up"]
    card.theme_id, card.status = fields["theme_id"], fields["status"]


def _card(ctx: Context, action_id: object) -> ActionCard:
    if isinstance(action_id, bool) or not isinstance(action_id, int):
        raise DomainError("bad_request", field="action_id")
    card = ctx.session.get(ActionCard, action_id)
    if card is None or card.workshop_id != ctx.workshop.id:
        raise DomainError("not_found")
    return card


def _check_theme(ctx: Context, theme_id: int | None) -> None:
    """An action may answer a theme of this workshop, never another's or one that is gone."""
    if theme_id is None:
        return
    theme = ctx.session.get(Theme, theme_id)
    if theme is None or theme.workshop_id != ctx.workshop.id:
        raise DomainError("not_found", field="theme_id")


# Texts and dates are checked by the domain (too_long, invalid_date); these refuse wrong types.
class WhoPayload(Payload):
    role_id: str = Field(default="", max_length=40)
    role: str = ""
    organisation: str = ""


class ActionFields(Command):
    what: str
    who: WhoPayload | None = None
    first_step: str = ""
    due: str = Field(default="", max_length=40)
    follow_up: str = Field(default="", max_length=40)
    theme_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    status: str = Field(default="planned", max_length=10)


@workshop_command(wire="action.add", payload=ActionFields, roles=FACILITATOR, permission="run")
def add_action(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Write a new action card: what, who (role, organisation), first step, due, follow-up."""
    count = ctx.session.scalar(
        sa.select(sa.func.count(ActionCard.id)).where(ActionCard.workshop_id == ctx.workshop.id)
    )
    rules_of.check_room_for_action(count or 0)
    fields = rules_of.clean_action(data, catalogue())
    _check_theme(ctx, fields["theme_id"])
    card = ActionCard(workshop_id=ctx.workshop.id, version=1)
    _fill(card, fields)
    ctx.session.add(card)
    ctx.session.flush()
    follow_up.on_written(ctx.session, card)
    ctx.append(rules_of.ActionAdded(action_info(card)))
    return {"action": _wire(card)}


class ActionEdit(ActionFields):
    action_id: int = Field(ge=1, le=MAX_ID)
    version: int = Field(ge=0, le=MAX_ID)


@workshop_command(wire="action.edit", payload=ActionEdit, roles=FACILITATOR, permission="run")
def edit_action(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Change an action card; `version` is the card's version the editor saw."""
    card = _card(ctx, data.get("action_id"))
    rules_of.check_version(card.version, data.get("version"))
    fields = rules_of.clean_action(data, catalogue())
    _check_theme(ctx, fields["theme_id"])
    before = _wire(card)
    _fill(card, fields)
    if {**_wire(card), "version": 0} == {**before, "version": 0}:
        return {"action": before}  # nothing changed: no event, the version stays
    follow_up.on_edited(ctx.session, card, before["status"])
    card.version += 1
    card.updated_at = utcnow()
    ctx.session.flush()
    ctx.append(rules_of.ActionEdited(action_info(card)))
    return {"action": _wire(card)}


class ActionRef(Command):
    action_id: int = Field(ge=1, le=MAX_ID)
    version: int = Field(ge=0, le=MAX_ID)


@workshop_command(wire="action.remove", payload=ActionRef, roles=FACILITATOR, permission="run")
def remove_action(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Take an action card away; decisions that named it keep their words, not the link."""
    card = _card(ctx, data.get("action_id"))
    rules_of.check_version(card.version, data.get("version"))
    ctx.session.execute(
        sa.update(Decision)
        .where(Decision.workshop_id == ctx.workshop.id, Decision.action_id == card.id)
        .values(action_id=None)
    )
    follow_up.forget(ctx.session, card.id)
    ctx.session.delete(card)
    ctx.session.flush()
    ctx.append(rules_of.ActionRemoved(action_id=card.id))
    return {"action_id": card.id}


# --- reads ---------------------------------------------------------------------------------


def _cards(session: Session, workshop_id: int) -> list[ActionCard]:
    return list(
        session.scalars(
            sa.select(ActionCard)
            .where(ActionCard.workshop_id == workshop_id)
            .order_by(ActionCard.id)
        )
    )


def read_slice(session: Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """The actions part of a snapshot, every screen alike (no names are in a card)."""
    return {"actions": {str(card.id): _wire(card) for card in _cards(session, workshop_id)}}


def action_ids(session: Session, workshop_id: int) -> set[int]:
    """The ids of this workshop's action cards (a decision may name one of them)."""
    return set(
        session.scalars(sa.select(ActionCard.id).where(ActionCard.workshop_id == workshop_id))
    )


def who_text(role_id: str, role: str, organisation: str, lang: str) -> tuple[str, str]:
    """The role (a catalogue title in `lang`, or the free text) and the organisation."""
    found = catalogue().get(role_id) if role_id else None
    return (found.title(lang) if found else role), organisation


def role_titles(role_id: str) -> dict[str, str]:
    """A catalogue role's title in every language the catalogue has (empty for free text), so
    a feedback sheet in another language than the workshop's names the role in its own."""
    found = catalogue().get(role_id) if role_id else None
    return {lang: found.title(lang) for lang in ("sv", "en")} if found else {}


@dataclass(frozen=True)
class ActionEntry:
    """An action card for a report: the role spelled out in the report's language."""

    id: int
    what: str
    role: str
    organisation: str
    first_step: str
    due: str
    follow_up: str
    theme_id: int | None
    status: str
    role_titles: dict[str, str]


def actions_for_report(db: Database, workshop_id: int, lang: str = "sv") -> list[ActionEntry]:
    """Every action card of a workshop, oldest first, as plain values for the report builder."""
    with db.read() as session:
        return [_entry(card, lang) for card in _cards(session, workshop_id)]


def _entry(card: ActionCard, lang: str) -> ActionEntry:
    role, organisation = who_text(card.role_id, card.role, card.organisation, lang)
    return ActionEntry(
        id=card.id,
        what=card.what,
        role=role,
        role_titles=role_titles(card.role_id),
        organisation=organisation,
        first_step=card.first_step,
        due=card.due,
        follow_up=card.follow_up,
        theme_id=card.theme_id,
        status=card.status,
    )
