"""What a report says of the day: when, where, who organised it (migration 0012)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class ReportDetails(Base):
    """What the coordinator says about the day for its report (migration 0012): when and where
    it was held, who organised it, the municipality's case number and officer. No row: the
    report says only what the app knows."""

    __tablename__ = "report_details"
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    held_on: Mapped[date | None] = mapped_column(sa.Date)
    place: Mapped[str] = mapped_column(sa.String(120), default="")
    organisation: Mapped[str] = mapped_column(sa.String(120), default="")
    case_number: Mapped[str] = mapped_column(sa.String(120), default="")
    officer: Mapped[str] = mapped_column(sa.String(120), default="")
