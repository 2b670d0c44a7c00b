"""Consultations: saved templates and the feedback page's lines (migration 0009)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import NEVER_REUSE_IDS, Base, UtcDateTime, utcnow


class WorkshopTemplate(Base):
    """A workshop a facilitator saved to start others from: its settings and notice, no people,
    no topics (migration 0009)."""

    __tablename__ = "workshop_templates"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(160))
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class FeedbackItem(Base):
    """A line of the feedback page: you said, we did, why not, when (migration 0009)."""

    __tablename__ = "feedback_items"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    # The topic whose words "you said" quotes, if any (the words are copied: the topic may go).
    topic_id: Mapped[int | None] = mapped_column(sa.ForeignKey("topics.id", ondelete="SET NULL"))
    said: Mapped[str] = mapped_column(sa.Text)
    did: Mapped[str] = mapped_column(sa.Text, default="")
    why_not: Mapped[str] = mapped_column(sa.Text, default="")
    when: Mapped[str] = mapped_column(sa.String(240), default="")
    outcome: Mapped[str] = mapped_column(sa.String(10), default="open")
    published: Mapped[bool] = mapped_column(default=False)
    # The line as written for other readers, by reading mode (migration 0015).
    versions: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
