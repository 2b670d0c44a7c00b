"""Typed SQLAlchemy 2.x models. The data inventory in docs/privacy.md lists every column."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Services import it from here with the rows; web takes it from the clock, outside the store.
from ..clock import utcnow as utcnow
from ..domain.workshops import PHONE_PARTS


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
    # What the dots go on: "topics" or "themes" (domain/voting.py SCOPES).
    scope: Mapped[str] = mapped_column(sa.String(10), default="topics")
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


# --- the double diamond's Define and Develop: themes and ideas (migration 0005) -------------


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


# --- Deliver: action cards, decisions, participation (migration 0006) ------------------------


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


class CatalogRole(Base):
    """A role of one workshop's catalogue that differs from the project's default (renamed,
    hidden) or is the workshop's own; `data` is the whole role (domain.catalog.Role)."""

    __tablename__ = "catalog_roles"
    __table_args__ = (sa.UniqueConstraint("workshop_id", "role_id"), NEVER_REUSE_IDS)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(sa.ForeignKey("workshops.id", ondelete="CASCADE"))
    role_id: Mapped[str] = mapped_column(sa.String(40))
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)


class CatalogOrganisation(Base):
    """An organisation a workshop added to its catalogue (domain.catalog.Organisation)."""

    __tablename__ = "catalog_organisations"
    __table_args__ = (sa.UniqueConstraint("workshop_id", "org_id"), NEVER_REUSE_IDS)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(sa.ForeignKey("workshops.id", ondelete="CASCADE"))
    org_id: Mapped[str] = mapped_column(sa.String(40))
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)


# --- the Open Space agenda (migration 0008) -------------------------------------------------


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
    # The line as written for other readers, by reading mode (migration 0015).
    versions: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


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


class HeldInput(Base):
    """A participant's input waiting for review (migration 0011): the command as they sent it,
    run as theirs when the facilitator lets it through, deleted either way. The author is kept
    so the input can run as theirs; a photo's file waits under the instance folder."""

    __tablename__ = "held_inputs"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    command: Mapped[str] = mapped_column(sa.String(40))
    kind: Mapped[str] = mapped_column(sa.String(20))
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    # What it would show (domain/review.Reviewed.words): for the console and its author's phone.
    words: Mapped[dict[str, str]] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


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


class OpeningCircle(Base):
    """A workshop's own wording of the opening circle (migration 0010); no row: the defaults
    of domain/opening.py."""

    __tablename__ = "opening_circles"
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    texts: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)


class RoomMode(Base):
    """The coordinator's switches for the day (migration 0010): topic posting closed, the room
    quiet for the closing circle. No row: posting open, room not quiet."""

    __tablename__ = "room_modes"
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    )
    posting_closed: Mapped[bool] = mapped_column(default=False)
    quiet: Mapped[bool] = mapped_column(default=False)


class TeamMember(Base):
    """Someone who helps run a workshop besides its owner, and in which role (migration 0014,
    domain/team.py). The owner has no row: `workshops.owner_id` says who that is."""

    __tablename__ = "team_members"
    __table_args__ = (sa.UniqueConstraint("workshop_id", "user_id"), NEVER_REUSE_IDS)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(sa.String(20))
    added_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class TeamInvitation(Base):
    """A one-time link the owner made to join the team in a role (migration 0014). Only the
    token's SHA-256 is kept, as for logins; used or expired, it opens nothing."""

    __tablename__ = "team_invitations"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    role: Mapped[str] = mapped_column(sa.String(20))
    created_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    used_by: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))


class TeamChange(Base):
    """The team's history (migration 0014): who joined, changed role, left, or was handed the
    workshop, by whom and when. Kept across a hand-over; deleted with the workshop."""

    __tablename__ = "team_changes"
    __table_args__ = (NEVER_REUSE_IDS,)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # joined, role_changed, removed, handed_over
    kind: Mapped[str] = mapped_column(sa.String(20))
    by_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    role: Mapped[str] = mapped_column(sa.String(20), default="")
