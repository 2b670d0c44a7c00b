"""Where a carried theme came from (migration 0018, domain/carry.py)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import NEVER_REUSE_IDS, Base


class CarriedTheme(Base):
    """A theme carried into this workshop from an earlier one: the source workshop's title and
    day in words (it may be deleted later), and its ids without foreign keys for that reason."""

    __tablename__ = "carried_themes"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    theme_id: Mapped[int] = mapped_column(
        sa.ForeignKey("themes.id", ondelete="CASCADE"), unique=True
    )
    source_workshop_id: Mapped[int] = mapped_column()
    source_theme_id: Mapped[int] = mapped_column()
    source_title: Mapped[str] = mapped_column(sa.String(200))
    source_held_on: Mapped[str] = mapped_column(sa.String(10))
