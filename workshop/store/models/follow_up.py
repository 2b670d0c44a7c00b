"""An action's dated history: each change of status and each note (migration 0018,
domain/follow_up.py)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import NEVER_REUSE_IDS, Base, UtcDateTime, utcnow


class ActionUpdate(Base):
    """One line of an action card's history: from `on` (a Swedish calendar date, ISO) the
    status was `status`; `reason` says why it was dropped, `note` what happened. No author:
    who wrote it is the workshop's team, as for the card itself."""

    __tablename__ = "action_updates"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    action_id: Mapped[int] = mapped_column(
        sa.ForeignKey("action_cards.id", ondelete="CASCADE"), index=True
    )
    on: Mapped[str] = mapped_column(sa.String(10))
    status: Mapped[str] = mapped_column(sa.String(10))
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    note: Mapped[str] = mapped_column(sa.Text, default="")
    # The line the card was written with (not news for the feedback page, not a follow-up).
    written: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
