"""The team that runs a workshop: members, invitations and the history of changes
(migration 0014)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import NEVER_REUSE_IDS, Base, UtcDateTime, utcnow


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


class ReportName(Base):
    """A member of a workshop's team (the owner too) who agreed to be named in its report
    (migration 0017). No row: counted only ("2 moderators"). Set by the member alone."""

    __tablename__ = "report_names"
    __table_args__ = (sa.UniqueConstraint("workshop_id", "user_id"), NEVER_REUSE_IDS)
    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        sa.ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    agreed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
