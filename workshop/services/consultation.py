"""Consultations: the templates a workshop starts from (files in the project and ones saved by
facilitators), the notice and window a coordinator edits, and the counts of where people took
part (plain reads for the console and the report)."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field

from ..domain import consultation as rules_of
from ..domain import workshops as workshop_rules
from ..domain.actors import Actor
from ..domain.errors import DomainError
from ..domain.workshops import PHONE_PARTS
from ..store.db import Database
from ..store.models import Participant, Workshop, WorkshopTemplate
from . import agenda, reads
from .runner import FACILITATOR, Context, Outcome, workshop_command
from .wire import Command

Mode = Literal["sv", "sv_easy", "en"]
TextField = Literal["purpose", "use", "hear_back", "contact", "voluntary", "anonymity"]
SAVED_PREFIX = "saved-"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class TemplateSettings(_Strict):
    """What a template sets on a new workshop."""

    theme: dict[Literal["sv", "en"], str] = Field(default_factory=dict)
    dot_budget: int = Field(default=5, ge=1, le=50)
    max_per_topic: int = Field(default=3, ge=1, le=50)
    review_topics: bool = False
    ask_nickname: bool = True
    ask_organisation: bool = True
    ask_age_band: bool = False
    phone_parts: list[str] = Field(default_factory=lambda: list(PHONE_PARTS), max_length=10)


class TemplateSlot(_Strict):
    """A time slot of a template's day, "HH:MM" local wall-clock times."""

    starts: str
    ends: str


class TemplateDay(_Strict):
    """The order of the day a template starts with: the coordinator edits it in the console."""

    slots: list[TemplateSlot] = Field(default_factory=list, max_length=12)
    spaces: dict[Literal["sv", "en"], list[str]] = Field(default_factory=dict)


class TemplateFile(_Strict):
    """A template as stored: a versioned file in workshop/templates_data/ or a saved row."""

    id: str = Field(pattern=r"^[a-z0-9-]{1,40}$")
    version: int = Field(ge=1)
    name: dict[Literal["sv", "en"], str]
    settings: TemplateSettings
    texts: dict[Mode, dict[TextField, str]] = Field(default_factory=dict)
    day: TemplateDay | None = None


@functools.cache
def built_in() -> dict[str, TemplateFile]:
    """The templates shipped with the project, by id; a broken file fails loudly at start."""
    folder = resources.files("workshop") / "templates_data"
    found = {}
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.name.endswith(".json"):
            template = TemplateFile.model_validate_json(item.read_text(encoding="utf-8"))
            found[template.id] = template
    return found


def list_templates(db: Database, owner_id: int, language: str) -> list[dict[str, str]]:
    """What the create form offers: the built-in templates, then the facilitator's own."""
    out = [{"id": t.id, "name": t.name.get(language) or t.name["en"]} for t in built_in().values()]
    with db.read() as session:
        rows = session.execute(
            sa.select(WorkshopTemplate.id, WorkshopTemplate.name)
            .where(WorkshopTemplate.owner_id == owner_id)
            .order_by(WorkshopTemplate.id)
        ).all()
    out += [{"id": f"{SAVED_PREFIX}{row.id}", "name": row.name} for row in rows]
    return out


def template_fields(db: Database, owner_id: int, template_id: str, language: str) -> dict[str, Any]:
    """The workshop fields a template sets (empty for no template); another facilitator's
    saved template is not found."""
    if not template_id:
        return {}
    template = built_in().get(template_id)
    if template is None and template_id.startswith(SAVED_PREFIX):
        template = _saved(db, owner_id, template_id.removeprefix(SAVED_PREFIX))
    if template is None:
        raise DomainError("not_found")
    return rules_of.template_settings(template.model_dump(), language)


def set_up_day(db: Database, actor: Actor, template_id: str, language: str) -> list[Outcome]:
    """Give a new workshop its template's order of the day (an Open Space day: three slots and
    six spaces), as the facilitator would add them one by one; nothing for other templates."""
    template = built_in().get(template_id)
    if template is None or template.day is None:
        return []
    day = template.day
    spaces = day.spaces.get(language) or next(iter(day.spaces.values()), [])  # type: ignore[arg-type]
    outcomes = [agenda.save_slot(db, actor, None, slot.model_dump()) for slot in day.slots]
    outcomes += [agenda.save_space(db, actor, None, {"name": name}) for name in spaces]
    return outcomes


def _saved(db: Database, owner_id: int, raw_id: str) -> TemplateFile | None:
    if not raw_id.isdigit() or len(raw_id) > 12:
        return None
    with db.read() as session:
        row = session.get(WorkshopTemplate, int(raw_id))
        if row is None or row.owner_id != owner_id:
            return None
        return TemplateFile.model_validate(row.data)


def save_as_template(db: Database, owner_id: int, workshop_id: int, name: object) -> str:
    """Keep a workshop's settings and notice (never its people or posts) as the facilitator's own
    template; returns the template's id for the create form."""
    clean_name = rules_of.clean_template_name(name)
    with db.unit_of_work() as uow:
        w = uow.session.get(Workshop, workshop_id)
        if w is None or w.owner_id != owner_id:
            raise DomainError("not_found")
        data = TemplateFile(
            id=f"{SAVED_PREFIX}{workshop_id}",
            version=1,
            name={"sv": clean_name, "en": clean_name},
            settings=TemplateSettings(
                theme={w.language: w.theme} if w.language in ("sv", "en") else {},
                dot_budget=w.dot_budget,
                max_per_topic=w.max_per_topic,
                review_topics=w.review_topics,
                ask_nickname=w.ask_nickname,
                ask_organisation=w.ask_organisation,
                ask_age_band=w.ask_age_band,
                phone_parts=list(w.phone_parts),
            ),
            texts=w.texts or {},
        )
        row = WorkshopTemplate(owner_id=owner_id, name=clean_name, data=data.model_dump())
        uow.session.add(row)
        uow.session.flush()
        uow.commit()
        return f"{SAVED_PREFIX}{row.id}"


# Times are Swedish local "YYYY-MM-DDTHH:MM" strings, checked by the domain; the notice is
# {mode: {field: text}}.
class ConsultationUpdate(Command):
    ask_nickname: bool = True
    ask_organisation: bool = True
    ask_age_band: bool = False
    texts: dict[str, dict[str, str]] = Field(default_factory=dict)
    phone_parts: list[str] | None = Field(default=None, max_length=10)
    opens_at: str | None = Field(default=None, max_length=40)
    closes_at: str | None = Field(default=None, max_length=40)
    room_starts_at: str | None = Field(default=None, max_length=40)
    room_ends_at: str | None = Field(default=None, max_length=40)


@workshop_command(
    wire="consultation.update", payload=ConsultationUpdate, roles=FACILITATOR, permission="run"
)
def update_consultation(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Change what joining asks, the notice in each language mode, the window for taking part
    from home and the room's session time; every screen updates. What `data` leaves out stays
    as it was (a mode's texts are replaced as a whole, other modes are kept)."""
    w = ctx.workshop
    current: dict[str, Any] = {
        "ask_nickname": w.ask_nickname,
        "ask_organisation": w.ask_organisation,
        "ask_age_band": w.ask_age_band,
        "phone_parts": list(w.phone_parts),
        "opens_at": rules_of.local_input(w.opens_at),
        "closes_at": rules_of.local_input(w.closes_at),
        "room_starts_at": rules_of.local_input(w.room_starts_at),
        "room_ends_at": rules_of.local_input(w.room_ends_at),
    }
    given = data.get("texts")
    texts = {**(w.texts or {}), **given} if isinstance(given, dict) else given or w.texts
    merged = {**current, **{k: v for k, v in data.items() if v is not None}, "texts": texts}
    for name, value in workshop_rules.clean_consultation(merged).items():
        setattr(ctx.workshop, name, value)
    ctx.append(workshop_rules.WorkshopUpdated(reads.workshop_info(ctx.workshop)))
    return {"workshop_id": ctx.workshop.id}


def consultation_settings(db: Database, workshop_id: int) -> dict[str, Any]:
    """The console's form: the settings with times in Swedish local time, and the counts."""
    with db.read() as session:
        w = session.get(Workshop, workshop_id)
        if w is None:
            raise DomainError("not_found")
        return {
            "ask_nickname": w.ask_nickname,
            "ask_organisation": w.ask_organisation,
            "ask_age_band": w.ask_age_band,
            "texts": w.texts or {},
            "phone_parts": list(w.phone_parts),
            "opens_at": rules_of.local_input(w.opens_at),
            "closes_at": rules_of.local_input(w.closes_at),
            "room_starts_at": rules_of.local_input(w.room_starts_at),
            "room_ends_at": rules_of.local_input(w.room_ends_at),
            "places": _places(session, w),
            "has_room_time": w.room_starts_at is not None and w.room_ends_at is not None,
            "unfilled": rules_of.unfilled(w.texts or {}),
        }


def places_for_report(db: Database, workshop_id: int) -> dict[str, int]:
    """How many took part in the room and from home (counts only), for the report."""
    with db.read() as session:
        w = session.get(Workshop, workshop_id)
        if w is None:
            raise DomainError("not_found")
        return _places(session, w)


def _places(session: sa.orm.Session, w: Workshop) -> dict[str, int]:
    joined = session.scalars(
        sa.select(Participant.joined_at).where(Participant.workshop_id == w.id)
    )
    return rules_of.count_places(joined, w.room_starts_at, w.room_ends_at)
