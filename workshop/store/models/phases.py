"""Define and Develop: themes, the topics under them, ideas and the dots on themes
(migration 0005)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import NEVER_REUSE_IDS, Base, UtcDateTime, utcnow


class Theme(Base):
    """A cluster of topics with its problem statement and initiator (a role, not a person)."""

    __tablename__ = "themes"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(240))
    statement: Mapped[str] = mapped_column(sa.Text, default="")
    initiator: Mapped[str] = mapped_column(sa.String(240), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ThemeTopic(Base):
    """A topic clustered into a theme: at most one theme per topic (unique), in the order they
    were put in (id). No foreign key to topics: a deleted topic's id stays in the theme's
    provenance without its words, as it does on every screen's state."""

    __tablename__ = "theme_topics"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(
        sa.ForeignKey("themes.id", ondelete="CASCADE"), index=True
    )
    topic_id: Mapped[int] = mapped_column(unique=True)


class Idea(Base):
    """An idea under a theme (Develop); `low_hanging`: it can start at once, within existing
    means. The author is kept only like a topic's, never sent."""

    __tablename__ = "ideas"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    theme_id: Mapped[int] = mapped_column(
        sa.ForeignKey("themes.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participants.id", ondelete="SET NULL")
    )
    text: Mapped[str] = mapped_column(sa.String(240))
    detail: Mapped[str] = mapped_column(sa.Text, default="")
    hidden: Mapped[bool] = mapped_column(default=False)
    low_hanging: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ThemeVote(Base):
    """One dot on a theme in a round on themes; like `votes`, who voted is kept only to enforce
    the budget and let people take dots back."""

    __tablename__ = "theme_votes"
    __table_args__ = (
        sa.Index("ix_theme_votes_round_participant", "round_id", "participant_id"),
        NEVER_REUSE_IDS,
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("voting_rounds.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participants.id", ondelete="CASCADE")
    )
    # A deleted theme's dots stay counted in their round's turnout, without the theme.
    theme_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("themes.id", ondelete="SET NULL"), index=True
    )
