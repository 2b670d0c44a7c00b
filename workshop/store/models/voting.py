"""Voting rounds and the dots in them."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import NEVER_REUSE_IDS, Base, UtcDateTime, utcnow


class VotingRound(Base):
    """A dot-voting round; at most one per workshop is open (checked under the workshop lock)."""

    __tablename__ = "voting_rounds"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column()
    purpose: Mapped[str] = mapped_column(sa.String(240), default="")
    budget: Mapped[int] = mapped_column()
    max_per_topic: Mapped[int] = mapped_column()
    status: Mapped[str] = mapped_column(sa.String(10), default="open")
    # Phones and the wall see turnout, not totals, until the round closes or is revealed.
    sealed: Mapped[bool] = mapped_column(default=True)
    # What the dots go on: "topics" or "themes" (domain/voting.py SCOPES).
    scope: Mapped[str] = mapped_column(sa.String(10), default="topics")
    # The ranking as it was announced at closing ([{rank, topic_id, total}]): kept as it was.
    results: Mapped[list[dict[str, int]] | None] = mapped_column(sa.JSON)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Vote(Base):
    """One dot. Who voted is kept only to enforce the budget and let people take dots back."""

    __tablename__ = "votes"
    __table_args__ = (
        sa.Index("ix_votes_round_participant", "round_id", "participant_id"),
        NEVER_REUSE_IDS,
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("voting_rounds.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participants.id", ondelete="CASCADE")
    )
    topic_id: Mapped[int] = mapped_column(
        sa.ForeignKey("topics.id", ondelete="CASCADE"), index=True
    )
