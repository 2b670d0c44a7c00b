"""A workshop, its participants, its event log, the commands already answered and its room mode."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.workshops import PHONE_PARTS
from .base import NEVER_REUSE_IDS, Base, UtcDateTime, utcnow


class Workshop(Base):
    """One workshop; `last_seq` numbers its events without gaps."""

    __tablename__ = "workshops"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    theme: Mapped[str] = mapped_column(sa.Text, default="")
    language: Mapped[str] = mapped_column(sa.String(5), default="sv")
    dot_budget: Mapped[int] = mapped_column(default=5)
    max_per_topic: Mapped[int] = mapped_column(default=3)
    join_code: Mapped[str] = mapped_column(sa.String(6), unique=True)
    status: Mapped[str] = mapped_column(sa.String(10), default="open")
    # New topics wait for the facilitator's review before phones and the wall see them.
    review_topics: Mapped[bool] = mapped_column(default=False)
    # What the wall shows: "auto", "marketplace", "round" (the current one) or "results" of
    # `wall_round_id`.
    wall_view: Mapped[str] = mapped_column(sa.String(20), default="auto")
    wall_round_id: Mapped[int | None] = mapped_column()
    # The double diamond's phase: discover, define, develop or deliver (domain/phases.py).
    phase: Mapped[str] = mapped_column(sa.String(10), default="discover")
    last_seq: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # A consultation (migration 0009): the template it was made from, what joining asks, the
    # notice in each language mode, the window for taking part from home and the room's session.
    template: Mapped[str] = mapped_column(sa.String(40), default="")
    ask_nickname: Mapped[bool] = mapped_column(default=True)
    ask_organisation: Mapped[bool] = mapped_column(default=True)
    ask_age_band: Mapped[bool] = mapped_column(default=False)
    texts: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    opens_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closes_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    room_starts_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    room_ends_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Which optional parts a participant's phone shows (migration 0013, domain/workshops.py).
    phone_parts: Mapped[list[str]] = mapped_column(sa.JSON, default=lambda: list(PHONE_PARTS))


class Participant(Base):
    """An anonymous participant bound to one workshop; the cookie holds the token, we its hash."""

    __tablename__ = "participants"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    nickname: Mapped[str] = mapped_column(sa.String(80), default="")
    group: Mapped[str] = mapped_column(sa.String(20), default="")
    organisation: Mapped[str] = mapped_column(sa.String(160), default="")
    # Optional, only where the workshop asks (migration 0009): "u13", "13-15", "16-17", "18plus".
    age_band: Mapped[str] = mapped_column(sa.String(10), default="")
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Event(Base):
    """The event log: written in the same transaction as the change it describes."""

    __tablename__ = "events"
    __table_args__ = (sa.UniqueConstraint("workshop_id", "seq"), NEVER_REUSE_IDS)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column()
    type: Mapped[str] = mapped_column(sa.String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    actor: Mapped[str] = mapped_column(sa.String(40), default="")  # "p:12" / "u:3": never sent
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ProcessedCommand(Base):
    """The first result of a command, by its client-made op_id, so a retry changes nothing."""

    __tablename__ = "processed_commands"
    __table_args__ = (sa.UniqueConstraint("workshop_id", "actor", "op_id"), NEVER_REUSE_IDS)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    actor: Mapped[str] = mapped_column(sa.String(40))
    op_id: Mapped[str] = mapped_column(sa.String(64))
    result: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class RoomMode(Base):
    """The coordinator's switches for the day (migration 0010): topic posting closed, the room
    quiet for the closing circle. No row: posting open, room not quiet."""

    __tablename__ = "room_modes"
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    posting_closed: Mapped[bool] = mapped_column(default=False)
    quiet: Mapped[bool] = mapped_column(default=False)
