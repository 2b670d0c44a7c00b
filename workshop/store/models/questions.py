"""Quick questions and their answers (migration 0016)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import NEVER_REUSE_IDS, Base, UtcDateTime, utcnow


class QuickQuestion(Base):
    """A quick question (domain/questions.py); at most one per workshop is open (checked under
    the workshop lock)."""

    __tablename__ = "quick_questions"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column()
    # "word", "scale" or "choice" (domain/questions.py KINDS).
    kind: Mapped[str] = mapped_column(sa.String(10))
    prompt: Mapped[str] = mapped_column(sa.String(320))
    options: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # Phones and the wall see how many answered, not the answers, until it closes.
    sealed: Mapped[bool] = mapped_column(default=True)
    status: Mapped[str] = mapped_column(sa.String(10), default="open")
    # The words the coordinator took off phones and the wall (normalised, as counted).
    hidden_words: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class QuestionAnswer(Base):
    """One participant's answer to a question. Who answered is kept only so that each answers
    once and may change it; nothing outside the answer's own row reads it."""

    __tablename__ = "question_answers"
    __table_args__ = (sa.UniqueConstraint("question_id", "participant_id"), NEVER_REUSE_IDS)
    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("quick_questions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    # The normalised word, the scale's number or the option's index, as text.
    answer: Mapped[str] = mapped_column(sa.String(120))
