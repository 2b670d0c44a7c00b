"""Quick questions: the coordinator asks, closes and hides a word; a participant answers once
(and may change it while the question is open). The rules are domain/questions.py's."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from pydantic import Field
from sqlalchemy.orm import Session

from ..domain import questions as rules_of
from ..domain import workshops as workshop_rules
from ..domain.errors import DomainError
from ..domain.review import Reviewed
from ..exporters.model import AnswerLine, QuestionReport
from ..store.db import Database
from ..store.models import QuestionAnswer, QuickQuestion, utcnow
from . import reads
from .reads import SliceView
from .runner import FACILITATOR, PARTICIPANT, Context, workshop_command
from .wire import MAX_ID, Command, Plain


def info(row: QuickQuestion) -> rules_of.QuestionInfo:
    """A question row as the domain and the wire know it."""
    return rules_of.QuestionInfo(
        id=row.id,
        number=row.number,
        kind=row.kind,
        prompt=row.prompt,
        options=list(row.options or []),
        sealed=row.sealed,
        status=row.status,
    )


def _counts(session: Session, question_id: int) -> dict[str, int]:
    rows = session.execute(
        sa.select(QuestionAnswer.answer, sa.func.count(QuestionAnswer.id))
        .where(QuestionAnswer.question_id == question_id)
        .group_by(QuestionAnswer.answer)
    ).all()
    return dict(sorted((answer, n) for answer, n in rows))


def _latest(session: Session, workshop_id: int) -> QuickQuestion | None:
    return session.scalar(
        sa.select(QuickQuestion)
        .where(QuickQuestion.workshop_id == workshop_id)
        .order_by(QuickQuestion.number.desc())
        .limit(1)
    )


def _question(ctx: Context, question_id: object) -> QuickQuestion:
    row = ctx.session.get(QuickQuestion, question_id) if isinstance(question_id, int) else None
    if row is None or row.workshop_id != ctx.workshop.id:
        raise DomainError("not_found")
    return row


def _counted(row: QuickQuestion, counts: dict[str, int]) -> dict[str, Any]:
    question = info(row)
    return {
        "question_id": row.id,
        "kind": row.kind,
        "respondents": sum(counts.values()),
        "counts": counts,
        "hidden": sorted(row.hidden_words or []),
        "sealed": question.counts_hidden,
    }


# Kind and prompt are checked by the domain, which answers with the clearer `bad_options`,
# `empty` or `too_long`.
class QuestionAsk(Command):
    kind: str = Field(max_length=10)
    prompt: str | None = None
    options: list[str] | None = Field(default=None, max_length=20)
    sealed: bool | None = None


@workshop_command(
    wire="question.ask", payload=QuestionAsk, roles=FACILITATOR, permission="run", open_only=True
)
def ask_question(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Ask the room a quick question: a word, a 1–5 scale or a single choice."""
    asked = rules_of.clean_question({k: v for k, v in data.items() if v is not None})
    latest = _latest(ctx.session, ctx.workshop.id)
    total = ctx.session.scalar(
        sa.select(sa.func.count(QuickQuestion.id)).where(
            QuickQuestion.workshop_id == ctx.workshop.id
        )
    )
    rules_of.check_may_ask(open_now=bool(latest and latest.status == "open"), asked=total or 0)
    row = QuickQuestion(
        workshop_id=ctx.workshop.id,
        number=(latest.number + 1) if latest else 1,
        hidden_words=[],
        status="open",
        **asked,
    )
    ctx.session.add(row)
    ctx.session.flush()
    ctx.append(rules_of.QuestionAsked(info(row)))
    return {"question": rules_of.slice_entry(info(row), {}, [], staff=True)}


@workshop_command(wire="question.close", payload=Plain, roles=FACILITATOR, permission="run")
def close_question(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Close the open question: its result reaches every screen."""
    row = close_open_question(ctx)
    if row is None:
        raise DomainError("question_closed")
    if ctx.workshop.wall_view == "auto":
        # The wall showed the open question by itself: it keeps it, now with its result (a
        # sealed question's answers arrive only now), until the coordinator chooses another view.
        ctx.workshop.wall_view, ctx.workshop.wall_round_id = "question", None
        ctx.append(workshop_rules.WorkshopUpdated(reads.workshop_info(ctx.workshop)))
    return {"question_id": row.id}


def close_open_question(ctx: Context) -> QuickQuestion | None:
    """Close the workshop's open question, if there is one (closing the workshop does too)."""
    row = _latest(ctx.session, ctx.workshop.id)
    if row is None or row.status != "open":
        return None
    row.status, row.closed_at = "closed", utcnow()
    ctx.session.flush()
    counts = _counts(ctx.session, row.id)
    ctx.append(
        rules_of.QuestionClosed(
            info(row), sum(counts.values()), counts, sorted(row.hidden_words or [])
        )
    )
    return row


class QuestionAnswerSend(Command):
    question_id: int = Field(ge=1, le=MAX_ID)
    # A word question takes `word`, a scale the number, a single choice the option's index.
    word: str | None = Field(default=None, max_length=400)
    value: int | None = Field(default=None, ge=-MAX_ID, le=MAX_ID)


@workshop_command(
    wire="question.answer",
    payload=QuestionAnswerSend,
    roles=PARTICIPANT,
    category="votes",
    open_only=True,
    secret_answer=True,
    # The window of a consultation applies; a quiet room does not stop it: the question is the
    # coordinator's own invitation, as a final round's dots are (domain/participant_input.py).
    takes_input="answer",
    reviewed=Reviewed("word", ("word",)),
)
def answer_question(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Answer the open question, or change one's answer: one answer per participant."""
    row = _question(ctx, data.get("question_id"))
    answer = rules_of.check_answer(info(row), word=data.get("word"), value=data.get("value"))
    mine = ctx.session.scalar(
        sa.select(QuestionAnswer).where(
            QuestionAnswer.question_id == row.id, QuestionAnswer.participant_id == ctx.actor.id
        )
    )
    if mine is None:
        ctx.session.add(
            QuestionAnswer(question_id=row.id, participant_id=ctx.actor.id, answer=answer)
        )
    elif mine.answer == answer:
        return {"question_id": row.id, "answer": answer}
    else:
        mine.answer = answer
    ctx.session.flush()
    ctx.append(rules_of.QuestionAnswered(**_counted(row, _counts(ctx.session, row.id))))
    ctx.refresh(ctx.actor.id)
    return {"question_id": row.id, "answer": answer}


class QuestionWordHide(Command):
    question_id: int = Field(ge=1, le=MAX_ID)
    word: str = Field(max_length=400)
    hidden: bool


@workshop_command(
    wire="question.hide_word", payload=QuestionWordHide, roles=FACILITATOR, permission="moderate"
)
def hide_word(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Take a word of a word question off phones and the wall, or show it again."""
    row = _question(ctx, data.get("question_id"))
    word = rules_of.normalise_word(data.get("word"))
    hidden = data.get("hidden")
    if not isinstance(hidden, bool):
        raise DomainError("bad_request", field="hidden")
    counts = _counts(ctx.session, row.id)
    rules_of.check_hide(info(row), word, counts)
    now = set(row.hidden_words or [])
    wanted = now | {word} if hidden else now - {word}
    if wanted != now:
        row.hidden_words = sorted(wanted)
        ctx.session.flush()
        ctx.append(rules_of.QuestionWordHidden(**_counted(row, counts)))
    return {"question_id": row.id, "word": word, "hidden": hidden}


def read_slice(session: Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """Every question with its counts: for phones and walls no sealed counts, no hidden word."""
    rows = session.scalars(
        sa.select(QuickQuestion)
        .where(QuickQuestion.workshop_id == workshop_id)
        .order_by(QuickQuestion.number)
    ).all()
    return {
        "questions": {
            str(row.id): rules_of.slice_entry(
                info(row),
                _counts(session, row.id),
                row.hidden_words or [],
                staff=view.staff,
            )
            for row in rows
        }
    }


def questions_for_report(db: Database, workshop_id: int) -> list[QuestionReport]:
    """Every question with its result; never a hidden word, nor who answered what; an open
    question's answers are not counted yet."""
    with db.read() as session:
        rows = session.scalars(
            sa.select(QuickQuestion)
            .where(QuickQuestion.workshop_id == workshop_id)
            .order_by(QuickQuestion.number)
        ).all()
        out = []
        for row in rows:
            counts = _counts(session, row.id)
            shown = rules_of.shown_counts(
                info(row), counts, set(row.hidden_words or []), staff=False
            )
            out.append(
                QuestionReport(
                    number=row.number,
                    kind=row.kind,
                    prompt=row.prompt,
                    status=row.status,
                    respondents=sum(counts.values()),
                    answers=[
                        AnswerLine(answer, n)
                        for answer, n in rules_of.ordered(row.kind, shown, row.options or [])
                    ]
                    if row.status == "closed"
                    else [],
                    median=rules_of.median(shown)
                    if row.kind == "scale" and row.status == "closed"
                    else None,
                )
            )
    return out
