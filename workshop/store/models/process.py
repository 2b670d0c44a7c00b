"""A process: a facilitator's workshops in order, each a step of one double diamond
(migration 0018, domain/process.py)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import NEVER_REUSE_IDS, Base, UtcDateTime, utcnow


class Process(Base):
    """A named process owned by one facilitator; deleting it deletes none of its workshops."""

    __tablename__ = "processes"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ProcessStep(Base):
    """A workshop's place in a process and the double-diamond phase it serves there. A
    workshop appears once in a process (unique) and may be a step of several processes."""

    __tablename__ = "process_steps"
    __table_args__ = (sa.UniqueConstraint("process_id", "workshop_id"), NEVER_REUSE_IDS)
    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(
        sa.ForeignKey("processes.id", ondelete="CASCADE"), index=True
    )
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column()
    phase: Mapped[str] = mapped_column(sa.String(10), default="discover")
