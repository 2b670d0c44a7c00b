"""What parents and young people answered on their phones: which roles they met in the last year
and to whom they had to tell their story again, and the aggregates of all answers (the catalogue
in one language is in catalog.py).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..domain import board as rules_of
from ..domain.catalog import visible
from ..store.db import Database
from ..store.models import BoardAnswer, utcnow
from .catalog import roles_of
from .runner import PARTICIPANT, Context, workshop_command


@workshop_command(roles=PARTICIPANT, open_only=True, secret_answer=True, takes_input="answer")
def answer_roles_met(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """A participant says which roles they met in the last year, and to whom they had to tell
    their story again; a second answer replaces the first. Only the aggregates travel."""
    offered = visible(roles_of(ctx.session, ctx.workshop.id))
    met, retold = rules_of.clean_answer(data.get("roles_met"), data.get("retold", []), offered)
    answer = ctx.session.scalar(
        sa.select(BoardAnswer).where(BoardAnswer.participant_id == ctx.actor.id)
    )
    if answer is None:
        answer = BoardAnswer(workshop_id=ctx.workshop.id, participant_id=ctx.actor.id)
        ctx.session.add(answer)
    answer.roles_met, answer.retold, answer.updated_at = list(met), list(retold), utcnow()
    ctx.session.flush()
    ctx.append(rules_of.RolesMet(met_figures(ctx.session, ctx.workshop.id)))
    return {"titles": len(met), "retold": len(retold)}


def met_figures(session: Session, workshop_id: int) -> rules_of.MetFigures:
    """The aggregates of every answer in the workshop."""
    rows = session.execute(
        sa.select(BoardAnswer.roles_met, BoardAnswer.retold)
        .where(BoardAnswer.workshop_id == workshop_id)
        .order_by(BoardAnswer.id)
    ).all()
    roles = roles_of(session, workshop_id)
    # An answer naming a role the catalogue no longer has still counts, without that role.
    answers = [
        ([r for r in met if r in roles], [r for r in retold if r in roles]) for met, retold in rows
    ]
    return rules_of.figures(answers, {r.id: r.organisation_sv for r in roles.values()})


def my_answer(db: Database, workshop_id: int, participant_id: int) -> tuple[list[str], list[str]]:
    """A participant's own answer (roles met, retold to), to show it again on their phone."""
    with db.read() as session:
        row = session.execute(
            sa.select(BoardAnswer.roles_met, BoardAnswer.retold).where(
                BoardAnswer.workshop_id == workshop_id,
                BoardAnswer.participant_id == participant_id,
            )
        ).first()
    return (list(row[0]), list(row[1])) if row else ([], [])
