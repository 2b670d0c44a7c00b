"""Typed SQLAlchemy 2.x models. The data inventory in docs/privacy.md lists every column."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    """Now, in UTC, without microseconds noise in the wire format."""
    return datetime.now(UTC).replace(microsecond=0)


class Base(DeclarativeBase):
    """Declarative base with a naming convention so Alembic migrations are stable."""

    metadata = sa.MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


UtcDateTime = sa.DateTime(timezone=True)
# An id names a room, a session and a person: a deleted row's id must never come back (SQLite
# reuses the highest id without AUTOINCREMENT; PostgreSQL's sequences never go back).
NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


class User(Base):
    """A facilitator account."""

    __tablename__ = "users"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class LoginSession(Base):
    """One login of a facilitator; revoking it ends the privileges of every socket it opened."""

    __tablename__ = "login_sessions"
    id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)  # sha256 of the token
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ApiToken(Base):
    """A bearer token for the JSON API, stored only as a hash."""

    __tablename__ = "api_tokens"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    label: Mapped[str] = mapped_column(sa.String(80), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


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


class Topic(Base):
    """A topic on the marketplace."""

    __tablename__ = "topics"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(240))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    hidden: Mapped[bool] = mapped_column(default=False)
    # Posted while the workshop reviews new topics, and not approved yet.
    pending: Mapped[bool] = mapped_column(default=False)
    merged_into_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("topics.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class VotingRound(Base):
    """A dot-voting round; at most one per workshop is open (checked under the workshop lock)."""

    __tablename__ = "voting_rounds"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column()
    purpose: Mapped[str] = mapped_column(sa.String(240), default="")
    budget: Mapped[int] = mapped_column()
    max_per_topic: Mapped[int] = mapped_column()
    status: Mapped[str] = mapped_column(sa.String(10), default="open")
    # Phones and the wall see turnout, not totals, until the round closes or is revealed.
    sealed: Mapped[bool] = mapped_column(default=True)
    # The ranking as it was announced at closing ([{rank, topic_id, total}]): kept as it was.
    results: Mapped[list[dict[str, int]] | None] = mapped_column(sa.JSON)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Vote(Base):
    """One dot. Who voted is kept only to enforce the budget and let people take dots back."""

    __tablename__ = "votes"
    __table_args__ = (
        sa.Index("ix_votes_round_participant", "round_id", "participant_id"),
        NEVER_REUSE_IDS,
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("voting_rounds.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participants.id", ondelete="CASCADE")
    )
    topic_id: Mapped[int] = mapped_column(
        sa.ForeignKey("topics.id", ondelete="CASCADE"), index=True
    )


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
    role_id: Mapped[str] = mapped_column(sa.String(40))
    x: Mapped[int] = mapped_column()
    y: Mapped[int] = mapped_column()
    group: Mapped[str] = mapped_column(sa.String(20), default="")
    version: Mapped[int] = mapped_column(default=1)
    removed: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


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


class WorkshopTemplate(Base):
    """A workshop a facilitator saved to start others from: its settings and notice, no people,
    no topics (migration 0009)."""

    __tablename__ = "workshop_templates"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(160))
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class FeedbackItem(Base):
    """A line of the feedback page: you said, we did, why not, when (migration 0009)."""

    __tablename__ = "feedback_items"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    # The topic whose words "you said" quotes, if any (the words are copied: the topic may go).
    topic_id: Mapped[int | None] = mapped_column(sa.ForeignKey("topics.id", ondelete="SET NULL"))
    said: Mapped[str] = mapped_column(sa.Text)
    did: Mapped[str] = mapped_column(sa.Text, default="")
    why_not: Mapped[str] = mapped_column(sa.Text, default="")
    when: Mapped[str] = mapped_column(sa.String(240), default="")
    outcome: Mapped[str] = mapped_column(sa.String(10), default="open")
    published: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
