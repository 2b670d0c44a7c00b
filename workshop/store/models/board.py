"""The board: cards, links, the families' answers and the undo log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import NEVER_REUSE_IDS, Base, UtcDateTime, utcnow


class Board(Base):
    """A workshop's board: locked or not. One row per workshop, made when first needed."""

    __tablename__ = "boards"
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    locked: Mapped[bool] = mapped_column(default=False)


class BoardCard(Base):
    """A role card on the board. `version` rises with every change; a removed card is kept
    (`removed`) so its placer can undo the removal."""

    __tablename__ = "board_cards"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    role_id: Mapped[str] = mapped_column(sa.String(40))  # "" on a free-text card or a note
    x: Mapped[int] = mapped_column()
    y: Mapped[int] = mapped_column()
    group: Mapped[str] = mapped_column(sa.String(20), default="")
    version: Mapped[int] = mapped_column(default=1)
    removed: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # "role" (a catalogue role), "text" (a person named in free text) or "note" (sticky text).
    kind: Mapped[str] = mapped_column(sa.String(10), default="role", server_default="role")
    text: Mapped[str] = mapped_column(sa.String(400), default="", server_default="")


class BoardLink(Base):
    """A link between two cards of one board (kept when removed, for undo)."""

    __tablename__ = "board_links"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    source_id: Mapped[int] = mapped_column(sa.ForeignKey("board_cards.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(sa.ForeignKey("board_cards.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(20))
    removed: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class BoardAnswer(Base):
    """One participant's answer: the roles met in the last year and those they had to retell
    their story to. Who answered is kept only so a second answer replaces the first; every
    screen sees the aggregates alone."""

    __tablename__ = "board_answers"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participants.id", ondelete="CASCADE"), unique=True
    )
    roles_met: Mapped[list[str]] = mapped_column(sa.JSON)
    retold: Mapped[list[str]] = mapped_column(sa.JSON)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class BoardUndo(Base):
    """One step someone can take back on the board: what they changed and how to go back."""

    __tablename__ = "board_undo"
    __table_args__ = (
        sa.Index("ix_board_undo_workshop_actor", "workshop_id", "actor"),
        NEVER_REUSE_IDS,
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(sa.ForeignKey("workshops.id", ondelete="CASCADE"))
    actor: Mapped[str] = mapped_column(sa.String(40))  # "p:12" / "u:3": never sent
    step: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
