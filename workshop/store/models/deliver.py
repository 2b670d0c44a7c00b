"""Deliver: action cards, decisions and the participation aimed for (migration 0006)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import NEVER_REUSE_IDS, Base, UtcDateTime, utcnow


class ActionCard(Base):
    """An action card: what, who (a role and an organisation, never a name), first step, due
    and follow-up dates, the theme it answers and its status. `version` rises with each edit.

    `theme_id` names a theme without a foreign key: themes are another module's table, and a
    workshop's themes and actions are deleted together with it.
    """

    __tablename__ = "action_cards"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    what: Mapped[str] = mapped_column(sa.Text)
    role_id: Mapped[str] = mapped_column(sa.String(40), default="")
    role: Mapped[str] = mapped_column(sa.String(80), default="")
    organisation: Mapped[str] = mapped_column(sa.String(80), default="")
    first_step: Mapped[str] = mapped_column(sa.Text, default="")
    due: Mapped[str] = mapped_column(sa.String(10), default="")
    follow_up: Mapped[str] = mapped_column(sa.String(10), default="")
    theme_id: Mapped[int | None] = mapped_column(sa.Integer)
    status: Mapped[str] = mapped_column(sa.String(10), default="planned")
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Decision(Base):
    """A decision recorded by the facilitator: its words, who decided (role, organisation),
    when, and the action card it led to (cleared when that card goes)."""

    __tablename__ = "decisions"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(sa.Text)
    role_id: Mapped[str] = mapped_column(sa.String(40), default="")
    role: Mapped[str] = mapped_column(sa.String(80), default="")
    organisation: Mapped[str] = mapped_column(sa.String(80), default="")
    decided_on: Mapped[str] = mapped_column(sa.String(10), default="")
    action_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("action_cards.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Participation(Base):
    """A workshop's participation levels aimed for (Shier, the delaktighetstrappa), anonymity
    mode and consent notes. One row per workshop, made when first set."""

    __tablename__ = "participation"
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    shier: Mapped[str] = mapped_column(sa.String(2), default="")
    trappa: Mapped[str] = mapped_column(sa.String(20), default="")
    anonymity: Mapped[str] = mapped_column(sa.String(30), default="anonymous")
    consent_notes: Mapped[str] = mapped_column(sa.Text, default="")
