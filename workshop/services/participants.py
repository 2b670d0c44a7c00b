"""Participants: joining with an anonymous token, the optional profile, the private state."""

from __future__ import annotations

import dataclasses
from typing import Any

import sqlalchemy as sa
from pydantic import Field

from ..domain import participants as rules_of
from ..domain.consultation import check_notice_finished
from ..domain.errors import DomainError
from ..domain.workshops import require_open
from ..store.db import Database
from ..store.models import Participant, Workshop
from . import reads
from .accounts import hash_token, new_token
from .reads import SliceView
from .runner import PARTICIPANT, Context, Outcome, committed, workshop_command
from .wire import Command


def join(db: Database, workshop_id: int, data: dict[str, Any]) -> tuple[str, Outcome]:
    """Join an open workshop; returns the participant's new secret token and the outcome."""
    token = new_token()
    with db.unit_of_work() as uow:
        workshop = reads.lock_workshop(uow, workshop_id)
        require_open(workshop.status)
        check_notice_finished(workshop.texts or {})
        profile = rules_of.clean_profile(data, **asks(workshop))
        participant = Participant(workshop_id=workshop.id, token_hash=hash_token(token), **profile)
        uow.session.add(participant)
        uow.session.flush()
        counts = reads.participant_counts(uow.session, workshop.id)
        uow.append(workshop.id, rules_of.ParticipantJoined(counts), f"p:{participant.id}")
        uow.commit()
    return token, committed(db, uow, {"participant_id": participant.id})


def participant_for_token(db: Database, workshop_id: int, token: object) -> int | None:
    """The participant a cookie token belongs to, in this workshop only."""
    if not isinstance(token, str) or not token:
        return None
    with db.read() as session:
        return session.scalar(
            sa.select(Participant.id).where(
                Participant.token_hash == hash_token(token),
                Participant.workshop_id == workshop_id,
            )
        )


class ProfileUpdate(Command):
    nickname: str = ""
    group: str = Field(default="", max_length=20)
    organisation: str = ""


@workshop_command(wire="profile.update", payload=ProfileUpdate, roles=PARTICIPANT)
def update_profile(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """A participant changes nickname or group."""
    profile = rules_of.clean_profile({"age_band": _age_band(ctx), **data}, **asks(ctx.workshop))
    participant = ctx.session.get(Participant, ctx.actor.id)
    if participant is None or participant.workshop_id != ctx.workshop.id:
        raise DomainError("not_joined")
    changed_group = participant.group != profile["group"]
    for name, value in profile.items():
        setattr(participant, name, value)
    ctx.session.flush()
    if changed_group:
        counts = reads.participant_counts(ctx.session, ctx.workshop.id)
        ctx.append(rules_of.ParticipantUpdated(counts))
    ctx.refresh(participant.id)
    return {"profile": profile}


def asks(workshop: Workshop) -> dict[str, bool]:
    """What this workshop's join page asks for; nothing else is kept."""
    return {
        "ask_nickname": workshop.ask_nickname,
        "ask_organisation": workshop.ask_organisation,
        "ask_age_band": workshop.ask_age_band,
    }


def _age_band(ctx: Context) -> str:
    # The phone's profile panel does not ask for the age band again: keep the one given.
    participant = ctx.session.get(Participant, ctx.actor.id)
    return participant.age_band if participant is not None else ""


def me(db: Database, workshop_id: int, participant_id: int) -> dict[str, Any]:
    """A participant's private state: their profile, own topics, and dots in the latest round."""
    with db.read() as session:
        return reads.me_state(session, workshop_id, participant_id).body()


def read_slice(session: sa.orm.Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """The participants part of a snapshot: counts per group only."""
    return {"participants": dataclasses.asdict(reads.participant_counts(session, workshop_id))}
