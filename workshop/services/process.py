"""A process: create one, add, remove and reorder its workshops, and read its page.

A process belongs to one facilitator and is changed by her alone, in her own unit of work
under a lock on the process's row (two tabs adding a step at once still number them 1..n). It
holds no workshop state of its own: each step points at a workshop, and the page reads that
workshop's counts per group, themes, priorities and actions through the same reads its own
report uses, so the process page and the workshop's report cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..domain import carry as carry_rules
from ..domain import follow_up as follow_up_rules
from ..domain import process as rules_of
from ..domain import rules
from ..domain import voices as voices_rules
from ..domain.actors import Actor
from ..domain.errors import DomainError
from ..domain.topics import is_shown
from ..store.db import Database, UnitOfWork
from ..store.models import (
    ActionCard,
    Participation,
    Process,
    ProcessStep,
    ReportDetails,
    Theme,
    Topic,
    VotingRound,
    Workshop,
)
from . import actions, carry, follow_up, reads, voices
from .group_commit import Outcome
from .runner import team_role_of

# The priorities a step lists: the top of its last closed round, as the room saw it announced.
TOP_PRIORITIES = 3


def _id(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= rules.ID_MAX:
        raise DomainError("not_found", field=field)
    return value


def _owned(session: Session, user_id: int, process_id: object, uow: UnitOfWork | None) -> Process:
    """The process if it is this facilitator's (locked when changing it); anyone else's is
    `not_found`, as a workshop outside one's team is: ids are not secrets, processes are."""
    stmt = sa.select(Process).where(Process.id == _id(process_id, "process_id"))
    if uow is not None:
        stmt = uow.lock_for_update(stmt)
    process = session.scalar(stmt)
    if process is None or process.owner_id != user_id:
        raise DomainError("not_found")
    return process


def _steps(session: Session, process_id: int) -> list[ProcessStep]:
    return list(
        session.scalars(
            sa.select(ProcessStep)
            .where(ProcessStep.process_id == process_id)
            .order_by(ProcessStep.position, ProcessStep.id)
        )
    )


def _plain(step: ProcessStep) -> rules_of.Step:
    return rules_of.Step(step.id, step.workshop_id, step.position, step.phase)


def _step(steps: list[ProcessStep], step_id: object) -> ProcessStep:
    wanted = _id(step_id, "step_id")
    found = next((step for step in steps if step.id == wanted), None)
    if found is None:
        raise DomainError("not_found")
    return found


def create_process(db: Database, user_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """A new, empty process named `data["name"]`, owned by this facilitator."""
    name = rules_of.clean_name(data.get("name"))
    with db.unit_of_work() as uow:
        process = Process(owner_id=user_id, name=name)
        uow.session.add(process)
        uow.session.flush()
        uow.commit()
        return {"id": process.id, "name": process.name}


def rename_process(db: Database, user_id: int, process_id: object, data: dict[str, Any]) -> None:
    """Give the process another name."""
    name = rules_of.clean_name(data.get("name"))
    with db.unit_of_work() as uow:
        _owned(uow.session, user_id, process_id, uow).name = name
        uow.commit()


def delete_process(db: Database, user_id: int, process_id: object) -> None:
    """Delete the process and its steps; every workshop in it stays as it was."""
    with db.unit_of_work() as uow:
        process = _owned(uow.session, user_id, process_id, uow)
        uow.session.execute(sa.delete(ProcessStep).where(ProcessStep.process_id == process.id))
        uow.session.delete(process)
        uow.commit()


def add_step(db: Database, user_id: int, process_id: object, data: dict[str, Any]) -> int:
    """Put one of the facilitator's own workshops last in the process, marked with the phase
    it serves; the new step's id."""
    phase = rules_of.clean_phase(data.get("phase"))
    workshop_id = _id(data.get("workshop_id"), "workshop_id")
    with db.unit_of_work() as uow:
        process = _owned(uow.session, user_id, process_id, uow)
        workshop = uow.session.get(Workshop, workshop_id)
        # Her own workshops only: a co-facilitator's seat in somebody else's day is not hers to
        # file into a process (and a process's page shows what its workshops produced).
        if workshop is None or workshop.owner_id != user_id:
            raise DomainError("not_found", field="workshop_id")
        steps = _steps(uow.session, process.id)
        rules_of.check_can_add([_plain(step) for step in steps], workshop_id)
        last = max((step.position for step in steps), default=0)
        step = ProcessStep(
            process_id=process.id, workshop_id=workshop_id, position=last + 1, phase=phase
        )
        uow.session.add(step)
        uow.session.flush()
        uow.commit()
        return step.id


def _renumber(steps: list[ProcessStep], places: dict[int, int]) -> None:
    for step in steps:
        step.position = places.get(step.id, step.position)


def remove_step(db: Database, user_id: int, process_id: object, step_id: object) -> None:
    """Take a workshop out of the process (the workshop itself stays); the rest close up."""
    with db.unit_of_work() as uow:
        process = _owned(uow.session, user_id, process_id, uow)
        steps = _steps(uow.session, process.id)
        gone = _step(steps, step_id)
        uow.session.delete(gone)
        rest = [step for step in steps if step.id != gone.id]
        _renumber(rest, rules_of.renumbered([_plain(step) for step in rest]))
        uow.commit()


def move_step(
    db: Database, user_id: int, process_id: object, step_id: object, direction: object
) -> None:
    """Move a step one place earlier ("up") or later ("down")."""
    with db.unit_of_work() as uow:
        process = _owned(uow.session, user_id, process_id, uow)
        steps = _steps(uow.session, process.id)
        places = rules_of.moved(
            [_plain(step) for step in steps], _id(step_id, "step_id"), direction
        )
        _renumber(steps, places)
        uow.commit()


def set_phase(
    db: Database, user_id: int, process_id: object, step_id: object, phase: object
) -> None:
    """Mark a step with the double-diamond phase it serves in the process."""
    checked = rules_of.clean_phase(phase)
    with db.unit_of_work() as uow:
        process = _owned(uow.session, user_id, process_id, uow)
        _step(_steps(uow.session, process.id), step_id).phase = checked
        uow.commit()


def carry_themes(
    db: Database, user_id: int, process_id: object, step_id: object, from_step: object
) -> Outcome:
    """Start a step's workshop from an earlier step's themes, each saying where it came from
    (services/carry.py); its outcome (`themes`: those carried, none when all were there), to
    be published to the workshop's screens."""
    with db.read() as session:
        process = _owned(session, user_id, process_id, None)
        steps = _steps(session, process.id)
        target, source = _step(steps, step_id), _step(steps, from_step)
        carry_rules.check_earlier(source.position, target.position)
        for step in (target, source):
            workshop = session.get(Workshop, step.workshop_id)
            if workshop is None or workshop.owner_id != user_id:
                raise DomainError("not_found", field="workshop_id")
        origin = session.get(Workshop, source.workshop_id)
        assert origin is not None
        data = {
            "source_workshop_id": origin.id,
            "source_title": origin.title,
            "source_held_on": held_on(session, origin).isoformat(),
        }
        target_id = target.workshop_id
    return carry.carry_themes(db, Actor("facilitator", target_id, user_id), None, data)


def workshop_leaving(session: Session, workshop_id: int) -> None:
    """A workshop being deleted leaves every process it was a step of (the rest close up)."""
    process_ids = list(
        session.scalars(
            sa.select(ProcessStep.process_id).where(ProcessStep.workshop_id == workshop_id)
        )
    )
    session.execute(sa.delete(ProcessStep).where(ProcessStep.workshop_id == workshop_id))
    for process_id in process_ids:
        rest = _steps(session, process_id)
        _renumber(rest, rules_of.renumbered([_plain(step) for step in rest]))


# --- reads ---------------------------------------------------------------------------------


def processes_of(db: Database, user_id: int) -> list[dict[str, Any]]:
    """A facilitator's processes, newest first, each with how many workshops it holds."""
    with db.read() as session:
        rows = session.execute(
            sa.select(Process.id, Process.name, sa.func.count(ProcessStep.id))
            .outerjoin(ProcessStep, ProcessStep.process_id == Process.id)
            .where(Process.owner_id == user_id)
            .group_by(Process.id, Process.name)
            .order_by(Process.id.desc())
        ).all()
        return [{"id": pid, "name": name, "steps": n} for pid, name, n in rows]


@dataclass(frozen=True)
class Priority:
    """One line of a step's top priorities: a topic's or a theme's title and its dots."""

    rank: int
    title: str
    total: int


@dataclass(frozen=True)
class ThemeLine:
    """A theme a step produced, and where it came from when it was carried forward."""

    title: str
    source: carry_rules.Provenance | None = None


@dataclass(frozen=True)
class StepView:
    """A step as the process page shows it: the workshop, who took part (counts per group)
    and what it produced. `open` is False for a workshop the owner no longer has a role in
    (handed over since): then only its place and phase are shown."""

    id: int
    position: int
    phase: str
    workshop_id: int
    open: bool
    title: str = ""
    join_code: str = ""
    held_on: str = ""
    status: str = ""
    shier: str = ""
    trappa: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    themes: list[ThemeLine] = field(default_factory=list)
    priorities: list[Priority] = field(default_factory=list)
    actions: list[actions.ActionEntry] = field(default_factory=list)


@dataclass(frozen=True)
class ProcessView:
    """The process page: its steps in order, the counts per group over all of them, every
    action with its history, and the dates still to follow up."""

    id: int
    name: str
    steps: list[StepView]
    totals: dict[str, int]
    followed: list[follow_up.Followed] = field(default_factory=list)
    due: list[follow_up_rules.FollowUpDate] = field(default_factory=list)
    today: str = ""
    voices: voices_rules.Voices | None = None

    @property
    def total(self) -> int:
        """Participations over every step (a person at two workshops counts twice)."""
        return sum(self.totals.values())


def held_on(session: Session, workshop: Workshop) -> dt.date:
    """The day a workshop was held: the report's date when it was given, else the day it was
    made (what "från Open Space 27 januari" names)."""
    details = session.get(ReportDetails, workshop.id)
    if details is not None and details.held_on is not None:
        return details.held_on
    return workshop.created_at.date()


def _priorities(session: Session, workshop_id: int) -> list[Priority]:
    """The top of the workshop's last closed round as it was announced; hidden or waiting
    topics, and themes deleted since, are left out like the report leaves them out."""
    last = session.scalar(
        sa.select(VotingRound)
        .where(VotingRound.workshop_id == workshop_id, VotingRound.status == "closed")
        .order_by(VotingRound.number.desc())
        .limit(1)
    )
    if last is None or not last.results:
        return []
    lines = sorted(last.results, key=lambda line: (line["rank"], -line["total"]))
    if last.scope == "themes":
        ids = [line["theme_id"] for line in lines]
        titles = dict(
            session.execute(
                sa.select(Theme.id, Theme.title).where(
                    Theme.id.in_(ids), Theme.workshop_id == workshop_id
                )
            ).all()
        )
        key = "theme_id"
    else:
        ids = [line["topic_id"] for line in lines]
        titles = {
            topic.id: topic.title
            for topic in session.scalars(
                sa.select(Topic).where(Topic.id.in_(ids), Topic.workshop_id == workshop_id)
            )
            if is_shown(topic.hidden, topic.pending)
        }
        key = "topic_id"
    shown = [
        Priority(line["rank"], titles[line[key]], line["total"])
        for line in lines
        if line[key] in titles and line["total"] > 0
    ]
    return shown[:TOP_PRIORITIES]


def _step_view(
    session: Session, db: Database, user_id: int, step: ProcessStep, lang: str
) -> StepView:
    workshop = session.get(Workshop, step.workshop_id)
    if workshop is None or team_role_of(session, workshop, user_id) is None:
        return StepView(step.id, step.position, step.phase, step.workshop_id, open=False)
    counts = reads.participant_counts(session, workshop.id)
    levels = session.get(Participation, workshop.id)
    carried = carry.provenance(session, workshop.id)
    themes = [
        ThemeLine(theme.title, carried.get(theme.id))
        for theme in session.scalars(
            sa.select(Theme).where(Theme.workshop_id == workshop.id).order_by(Theme.id)
        )
    ]
    return StepView(
        id=step.id,
        position=step.position,
        phase=step.phase,
        workshop_id=workshop.id,
        open=True,
        title=workshop.title,
        join_code=workshop.join_code,
        held_on=held_on(session, workshop).isoformat(),
        status=workshop.status,
        shier=levels.shier if levels else "",
        trappa=levels.trappa if levels else "",
        counts=rules_of.group_totals([counts.counts]),
        total=counts.total,
        themes=themes,
        priorities=_priorities(session, workshop.id),
        actions=actions.actions_for_report(db, workshop.id, lang),
    )


def process_view(db: Database, user_id: int, process_id: object, lang: str) -> ProcessView:
    """The process page's content: every step with its counts per group and what it
    produced, and the totals per group (the sums of the steps' own)."""
    with db.read() as session:
        process = _owned(session, user_id, process_id, None)
        steps = [
            _step_view(session, db, user_id, step, lang) for step in _steps(session, process.id)
        ]
        pid, name = process.id, process.name
    workshop_ids = [step.workshop_id for step in steps if step.open]
    items = follow_up.followed(db, workshop_ids)
    today = follow_up.today()
    return ProcessView(
        pid,
        name,
        steps,
        rules_of.group_totals(step.counts for step in steps if step.open),
        followed=items,
        due=follow_up.dates_due(items, today),
        today=today.isoformat(),
        voices=voices.voices_of(db, workshop_ids),
    )


def workshop_of_action(db: Database, user_id: int, process_id: object, action_id: object) -> int:
    """The workshop of an action card of this process (hers, and still hers to run), for a
    follow-up written on the process page; anything else is `not_found`."""
    wanted = _id(action_id, "action_id")
    with db.read() as session:
        process = _owned(session, user_id, process_id, None)
        card = session.get(ActionCard, wanted)
        in_process = card is not None and session.scalar(
            sa.select(ProcessStep.id).where(
                ProcessStep.process_id == process.id, ProcessStep.workshop_id == card.workshop_id
            )
        )
        if not in_process:
            raise DomainError("not_found")
        assert card is not None
        return card.workshop_id


def workshops_to_add(db: Database, user_id: int, process_id: object) -> list[dict[str, Any]]:
    """The facilitator's own workshops not yet in this process, newest first."""
    with db.read() as session:
        process = _owned(session, user_id, process_id, None)
        taken = sa.select(ProcessStep.workshop_id).where(ProcessStep.process_id == process.id)
        rows = session.execute(
            sa.select(Workshop.id, Workshop.title)
            .where(Workshop.owner_id == user_id, Workshop.id.not_in(taken))
            .order_by(Workshop.id.desc())
        ).all()
        return [{"id": wid, "title": title} for wid, title in rows]
