"""Carrying themes forward: a workshop of a process starts from an earlier one's themes, and
each carried theme keeps where it came from ("från Open Space 27 januari").

The reference case stalled where the young people's and the parents' perspectives were to be
added to the professionals' map: each workshop was an island. Carrying the professionals'
themes into the youth consultation lets the young people prioritise the same themes (and the
voices be set side by side, domain/voices.py), while everyone can see whose themes they were.

A theme is carried once: carrying again from the same workshop adds only what is new there, and
a theme whose title the workshop already has (the same theme, domain/voices.py) is not doubled.
Only from an earlier step of the process: a plan grows forward.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Set
from dataclasses import dataclass

from .errors import DomainError
from .themes import THEMES_MAX
from .voices import theme_key


@dataclass(frozen=True)
class SourceTheme:
    """A theme of the earlier workshop, as it stands."""

    id: int
    title: str
    statement: str
    initiator: str


@dataclass(frozen=True)
class Provenance:
    """Where a carried theme came from: the workshop's title and day as they were when it was
    carried (kept in words: the earlier workshop may be deleted later), and its theme's id."""

    workshop_id: int
    workshop_title: str
    held_on: str
    theme_id: int


def check_earlier(source_position: int, target_position: int) -> None:
    """Only an earlier step's themes are carried into a later one."""
    if source_position >= target_position:
        raise DomainError("bad_request", field="from_step")


def to_carry(
    themes: Iterable[SourceTheme], *, carried: Set[int], titles_here: Iterable[str], now: int
) -> list[SourceTheme]:
    """The source's themes not carried before and not already in the workshop by title, in
    their order; refused whole (`too_many_themes`) if they would not all fit."""
    here = {theme_key(title) for title in titles_here}
    out = []
    for theme in themes:
        key = theme_key(theme.title)
        if theme.id in carried or key in here:
            continue
        here.add(key)
        out.append(theme)
    if out and now + len(out) > THEMES_MAX:
        raise DomainError("too_many_themes", max=THEMES_MAX)
    return out


def day_of(held_on: str) -> dt.date:
    """The source workshop's day as a date (the provenance's words name it)."""
    return dt.date.fromisoformat(held_on)
