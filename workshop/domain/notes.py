"""Session notes for the news wall: several people write, nobody's words are lost.

Each text field has its own version. A write names the version it started from; if someone else
saved that field in between, the field keeps both texts (theirs first, then this one) and the
writer is told, instead of the later save silently replacing the earlier one. Different fields
never conflict, so two people can write the discussion and the next steps at once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Set
from dataclasses import dataclass, field
from typing import ClassVar

from . import rules
from .errors import DomainError
from .events import Event, State, Subject, empty_slice, event

FIELDS: dict[str, int] = {
    "title": 120,
    "convener": 80,
    "discussion": 4000,
    "recommendations": 4000,
    "next_steps": 4000,
}
# Who took part, counted by group and organisation type (never names).
COUNT_KEYS = ("young", "parent", "kommun", "region", "stat", "civil", "other")
COUNT_MAX = 10_000
# Between two versions kept after a conflict: plain words any screen and export can show.
BOTH_KEPT = "\n\n— — —\n\n"

empty_slice("notes", {})


@dataclass(frozen=True)
class Written:
    """The outcome of a write: the field's text and version now, and whether both were kept."""

    text: str
    version: int
    conflict: bool


def clean_field(name: object, text: object) -> tuple[str, str]:
    """A known field and its text within the field's limit (one line for title and convener)."""
    if not isinstance(name, str) or name not in FIELDS:
        raise DomainError("bad_request", field="field")
    limit = FIELDS[name]
    if name in ("title", "convener"):
        return name, rules.clean_line(text, field=name, max_length=limit, required=False)
    return name, rules.clean_text(text, field=name, max_length=limit, required=False)


def write(current: str, version: int, incoming: str, base_version: int, limit: int) -> Written:
    """Save `incoming` over a field at `version`, from a writer who started at `base_version`."""
    if base_version == version:
        return Written(incoming, version + 1, conflict=False)
    if incoming == current or not incoming or incoming in current:
        # Nothing of this writer's would be lost: their text is already there.
        return Written(current, version, conflict=False)
    if not current:
        return Written(incoming, version + 1, conflict=False)
    both = f"{current}{BOTH_KEPT}{incoming}"
    if len(both) > limit:
        raise DomainError("notes_too_long", max=limit)
    return Written(both, version + 1, conflict=True)


def clean_counts(counts: object) -> dict[str, int]:
    """Counts per group: known keys, whole numbers from 0 to 10 000."""
    if not isinstance(counts, dict):
        raise DomainError("bad_request", field="counts")
    out = {}
    for key, value in counts.items():
        if key not in COUNT_KEYS:
            raise DomainError("bad_request", field="counts")
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= COUNT_MAX:
            raise DomainError("bad_request", field=key)
        out[key] = value
    return out


def merged_notes(
    target: dict[str, tuple[str, int]], source: dict[str, tuple[str, int]]
) -> dict[str, tuple[str, int]]:
    """Two sessions merged: each field keeps the target's text and then the source's."""
    out = dict(target)
    for name, (text, _version) in source.items():
        if not text:
            continue
        mine, version = out.get(name, ("", 0))
        joined = f"{mine}{BOTH_KEPT}{text}" if mine and text not in mine else (mine or text)
        out[name] = (joined[: FIELDS[name] * 2], version + 1)
    return out


def _slot(state: State, session_id: int) -> dict:
    return state["notes"].setdefault(str(session_id), {"fields": {}, "counts": {}})


@event
@dataclass(frozen=True)
class NotesWritten(Event):
    """Someone saved a field of a session's notes (`conflict`: two people saved it at once and
    both texts are kept in `text`)."""

    type: ClassVar[str] = "notes.written"
    session_id: int
    field: str
    text: str
    version: int
    conflict: bool = False

    same_for_everyone: ClassVar[bool] = True

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _slot(state, self.session_id)["fields"][self.field] = {
            "text": self.text,
            "version": self.version,
        }

    words_about: ClassVar[str] = "notes"

    def words(self) -> tuple[Subject, ...]:
        # Each save carries the whole field: a reconnecting phone needs only the last one.
        return ((f"notes.{self.field}", self.session_id),)

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        if (f"notes.{self.field}", self.session_id) not in subjects:
            return self
        return dataclasses.replace(self, text="")


@event
@dataclass(frozen=True)
class NotesCounted(Event):
    """Someone set how many took part in a session, by group and organisation type."""

    type: ClassVar[str] = "notes.counted"
    same_for_everyone: ClassVar[bool] = True
    session_id: int
    counts: dict[str, int] = field(default_factory=dict)

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _slot(state, self.session_id)["counts"] = dict(self.counts)
