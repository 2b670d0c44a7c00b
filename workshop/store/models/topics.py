"""The topics participants post."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import NEVER_REUSE_IDS, Base, UtcDateTime, utcnow


class Topic(Base):
    """A topic on the marketplace."""

    __tablename__ = "topics"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(240))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    hidden: Mapped[bool] = mapped_column(default=False)
    # Posted while the workshop reviews new topics, and not approved yet.
    pending: Mapped[bool] = mapped_column(default=False)
    merged_into_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("topics.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
