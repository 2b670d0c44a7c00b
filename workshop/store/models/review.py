"""Inputs held for review before anyone sees them (migration 0011)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import NEVER_REUSE_IDS, Base, UtcDateTime, utcnow


class HeldInput(Base):
    """A participant's input waiting for review (migration 0011): the command as they sent it,
    run as theirs when the facilitator lets it through, deleted either way. The author is kept
    so the input can run as theirs; a photo's file waits under the instance folder."""

    __tablename__ = "held_inputs"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    command: Mapped[str] = mapped_column(sa.String(40))
    kind: Mapped[str] = mapped_column(sa.String(20))
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    # What it would show (domain/review.Reviewed.words): for the console and its author's phone.
    words: Mapped[dict[str, str]] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
