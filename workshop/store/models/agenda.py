"""The Open Space agenda: slots, spaces, sessions, who goes and who is here, timers,
announcements, notes and photos (migrations 0008, 0010)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import NEVER_REUSE_IDS, Base, UtcDateTime, utcnow


class AgendaSlot(Base):
    """A time slot of the day ("HH:MM" local times: the room shares one clock)."""

    __tablename__ = "agenda_slots"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    starts: Mapped[str] = mapped_column(sa.String(5))
    ends: Mapped[str] = mapped_column(sa.String(5))


class AgendaSpace(Base):
    """A room or corner where sessions take place."""

    __tablename__ = "agenda_spaces"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(120))
    capacity: Mapped[int | None] = mapped_column()


class AgendaSession(Base):
    """A topic in one cell of slots x spaces; the unique constraint keeps one session per cell
    even when two conveners claim the same cell at the same moment on several servers."""

    __tablename__ = "agenda_sessions"
    __table_args__ = (sa.UniqueConstraint("slot_id", "space_id"), NEVER_REUSE_IDS)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    topic_id: Mapped[int] = mapped_column(
        sa.ForeignKey("topics.id", ondelete="CASCADE"), unique=True
    )
    slot_id: Mapped[int] = mapped_column(sa.ForeignKey("agenda_slots.id", ondelete="CASCADE"))
    space_id: Mapped[int] = mapped_column(sa.ForeignKey("agenda_spaces.id", ondelete="CASCADE"))
    # Topics of sessions merged into this one, so their titles stay on the agenda.
    also_topic_ids: Mapped[list[int]] = mapped_column(sa.JSON, default=list)


class AgendaGoing(Base):
    """A participant plans to go to a session ("I'm going"); their own phone is told, the room
    only the counts."""

    __tablename__ = "agenda_going"
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("agenda_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class AgendaHere(Base):
    """Where a participant is now ("I'm here"): one session at a time, by the primary key."""

    __tablename__ = "agenda_here"
    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("agenda_sessions.id", ondelete="CASCADE"), index=True
    )


class AgendaTimer(Base):
    """A slot's countdown: when it ends (server time) while running, seconds left when stopped."""

    __tablename__ = "agenda_timers"
    slot_id: Mapped[int] = mapped_column(
        sa.ForeignKey("agenda_slots.id", ondelete="CASCADE"), primary_key=True
    )
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    running: Mapped[bool] = mapped_column(default=False)
    ends_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    left: Mapped[int] = mapped_column(default=0)


class Announcement(Base):
    """A short message the facilitator sent to every screen (the latest is shown after a
    reconnect; earlier ones stay for the day's record)."""

    __tablename__ = "announcements"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(sa.String(400))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class SessionNotes(Base):
    """A session's notes for the news wall: each text field with its own version (see
    domain/notes.py) and the counts of who took part. No author is stored: notes are the
    group's."""

    __tablename__ = "session_notes"
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("agenda_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    fields: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    counts: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)


class SessionPhoto(Base):
    """A photo of a session's flip chart (migration 0010). The picture is a file under the
    instance folder (services/photos.py), re-encoded without EXIF; only its name is kept here.
    `session_id` has no foreign key so a photo outlives a removed session until the workshop
    is deleted, as its notes' event history does."""

    __tablename__ = "session_photos"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int] = mapped_column(index=True)
    file_name: Mapped[str] = mapped_column(sa.String(64))
    width: Mapped[int] = mapped_column()
    height: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
