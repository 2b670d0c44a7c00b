"""Countdowns per time slot and short announcements to every screen, as events like any change.

A running timer is stored as the moment it ends, on the server's clock; a stopped one as the
seconds it had left. Screens compute what is left from the server's clock (they ask it with
`clock`), so a phone whose own clock is wrong, or that reconnects, shows the right time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Set
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from . import rules
from .errors import DomainError
from .events import Event, State, Subject, blank, empty_slice, event

ANNOUNCEMENT_MAX = 200
MINUTES_MAX = 600

empty_slice("timers", {})
empty_slice("announcement", None)


@dataclass(frozen=True)
class TimerInfo:
    """A slot's countdown: `ends_at` (ISO 8601 UTC) while running, `left` seconds when stopped."""

    slot_id: int
    running: bool
    ends_at: str | None
    left: int


def parse_iso(value: str) -> datetime:
    """An ISO 8601 UTC time as the wire writes it ("...Z")."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def iso(moment: datetime) -> str:
    """The wire's ISO 8601 UTC form, whole seconds."""
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def remaining(timer: TimerInfo, now: datetime) -> int:
    """Seconds left at `now` (never below zero)."""
    if not timer.running or timer.ends_at is None:
        return max(0, timer.left)
    return max(0, int((parse_iso(timer.ends_at) - now).total_seconds()))


def check_minutes(minutes: object) -> int:
    """Whole minutes, 1 to 600."""
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise DomainError("bad_request", field="minutes")
    if not 1 <= minutes <= MINUTES_MAX:
        raise DomainError("bad_minutes", max=MINUTES_MAX)
    return minutes


def started(slot_id: int, minutes: int, now: datetime) -> TimerInfo:
    """A countdown of `minutes` from now."""
    return TimerInfo(slot_id, True, iso(now + timedelta(minutes=minutes)), minutes * 60)


def stopped(timer: TimerInfo, now: datetime) -> TimerInfo:
    """Frozen with what it had left."""
    return TimerInfo(timer.slot_id, False, None, remaining(timer, now))


def extended(timer: TimerInfo, minutes: int, now: datetime) -> TimerInfo:
    """`minutes` more: later end while running, more seconds left when stopped; a countdown
    that already ran out starts again from now."""
    if not timer.running:
        return dataclasses.replace(timer, left=timer.left + minutes * 60)
    base = max(parse_iso(timer.ends_at or iso(now)), now)
    return dataclasses.replace(timer, ends_at=iso(base + timedelta(minutes=minutes)))


def clean_announcement(text: object) -> str:
    """One short line, required."""
    return rules.clean_line(text, field="text", max_length=ANNOUNCEMENT_MAX, required=True)


@dataclass(frozen=True)
class _TimerChange(Event):
    timer: TimerInfo

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["timers"][str(self.timer.slot_id)] = dataclasses.asdict(self.timer)


@event
@dataclass(frozen=True)
class TimerStarted(_TimerChange):
    """The facilitator started a slot's countdown (it ends at `timer.ends_at`, server time)."""

    type: ClassVar[str] = "timer.started"
    same_for_everyone: ClassVar[bool] = True


@event
@dataclass(frozen=True)
class TimerStopped(_TimerChange):
    """The facilitator stopped a slot's countdown; `timer.left` seconds were left."""

    type: ClassVar[str] = "timer.stopped"
    same_for_everyone: ClassVar[bool] = True


@event
@dataclass(frozen=True)
class TimerExtended(_TimerChange):
    """The facilitator gave a slot's countdown more minutes."""

    type: ClassVar[str] = "timer.extended"
    same_for_everyone: ClassVar[bool] = True


@event
@dataclass(frozen=True)
class AnnouncementSent(Event):
    """The facilitator sent a short announcement to every screen; the latest stays shown."""

    type: ClassVar[str] = "announcement.sent"
    same_for_everyone: ClassVar[bool] = True
    id: int
    text: str
    at: str

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["announcement"] = {"id": self.id, "text": self.text, "at": self.at}

    words_about: ClassVar[str] = "announcement"

    def words(self) -> tuple[Subject, ...]:
        # The latest announcement replaces the one before: a reconnecting screen needs one.
        return (("announcement", 0),)

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        return blank(self, "text") if subjects else self
