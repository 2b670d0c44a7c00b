"""Participation levels aimed for, anonymity mode and consent notes; the read for reports."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from pydantic import Field
from sqlalchemy.orm import Session

from ..catalogues import translations
from ..domain import participation as rules_of
from ..store.db import Database
from ..store.models import Participation
from .reads import SliceView
from .runner import FACILITATOR, Context, workshop_command
from .wire import Command


def _info(row: Participation | None) -> rules_of.ParticipationInfo:
    if row is None:
        return rules_of.ParticipationInfo()
    return rules_of.ParticipationInfo(
        shier=row.shier, trappa=row.trappa, anonymity=row.anonymity, consent_notes=row.consent_notes
    )


class ParticipationSet(Command):
    shier: str = Field(default="", max_length=2)
    trappa: str = Field(default="", max_length=20)
    anonymity: str = Field(default="", max_length=30)
    consent_notes: str = ""


@workshop_command(
    wire="participation.set", payload=ParticipationSet, roles=FACILITATOR, permission="run"
)
def set_participation(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Set the levels aimed for on both scales, the anonymity mode and the consent notes."""
    info = rules_of.clean_participation(data)
    row = ctx.session.get(Participation, ctx.workshop.id)
    if row is None:
        row = Participation(workshop_id=ctx.workshop.id)
        ctx.session.add(row)
    elif _info(row) == info:
        return {"participation": dataclasses.asdict(info)}
    row.shier, row.trappa = info.shier, info.trappa
    row.anonymity, row.consent_notes = info.anonymity, info.consent_notes
    ctx.session.flush()
    ctx.append(rules_of.ParticipationChanged(info))
    return {"participation": dataclasses.asdict(info)}


def read_slice(session: Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """The participation part of a snapshot; phones and the wall get it without the notes."""
    info = _info(session.get(Participation, workshop_id))
    return {
        "participation": dataclasses.asdict(info if view.staff else rules_of.public_slice(info))
    }


@dataclass(frozen=True)
class ChosenLevel:
    """A chosen level for a report: its key, name, meaning and promise in the report's language."""

    key: str
    name: str
    meaning: str
    promise: str


@dataclass(frozen=True)
class ParticipationEntry:
    """The participation part of a report; a scale with no level chosen is None."""

    shier: ChosenLevel | None
    trappa: ChosenLevel | None
    anonymity: ChosenLevel
    consent_notes: str


def _chosen(scale: tuple[rules_of.Level, ...], key: str, lang: str) -> ChosenLevel | None:
    found = rules_of.level(scale, key)
    if found is None:
        return None
    # A report is written in its workshop's language, whatever the request's.
    words = translations(lang).gettext
    return ChosenLevel(found.key, words(found.name), words(found.meaning), words(found.promise))


def participation_for_report(
    db: Database, workshop_id: int, lang: str = "sv"
) -> ParticipationEntry:
    """The levels, the anonymity mode and the consent notes as plain values for the report."""
    with db.read() as session:
        info = _info(session.get(Participation, workshop_id))
    anonymity = _chosen(rules_of.ANONYMITY, info.anonymity, lang)
    assert anonymity is not None  # the domain only stores known modes
    return ParticipationEntry(
        shier=_chosen(rules_of.SHIER, info.shier, lang),
        trappa=_chosen(rules_of.TRAPPA, info.trappa, lang),
        anonymity=anonymity,
        consent_notes=info.consent_notes,
    )
