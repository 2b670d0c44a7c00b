"""The opening circle's own words (migration 0010)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class OpeningCircle(Base):
    """A workshop's own wording of the opening circle (migration 0010); no row: the defaults
    of domain/opening.py."""

    __tablename__ = "opening_circles"
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    texts: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
