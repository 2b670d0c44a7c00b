"""Consultations with young people and parents: the notice read before joining, the window for
taking part from home, the optional age band, and what a template may set.

Everything here is decided from values handed in (including `now`), so the rules are tested with
a moved clock and no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from . import rules
from .errors import DomainError

# Times are typed and shown in Swedish local time; the database and the wire keep UTC.
LOCAL_TZ = ZoneInfo("Europe/Stockholm")

# The notice a participant reads before joining, in this order.
TEXT_FIELDS = ("purpose", "use", "hear_back", "contact", "voluntary", "anonymity")
# Swedish, easy-read Swedish (lättläst) and English.
TEXT_MODES = ("sv", "sv_easy", "en")
TEXT_MAX = 600
# Besides the notice, a mode may carry the workshop's own title and question as written for
# that reader ("How do we give families one way in?" for an English-speaking parent); a reader
# without one reads the original.
VERSION_FIELDS = {"title": rules.WORKSHOP_TITLE_MAX, "theme": rules.THEME_MAX}

# Optional, never pre-selected; under 13 a guardian takes part too (IMY, BRIEF.md).
AGE_BANDS = ("u13", "13-15", "16-17", "18plus")

# What a template may set on a new workshop besides its texts.
TEMPLATE_FLAGS = (
    "review_topics",
    "ask_nickname",
    "ask_organisation",
    "ask_age_band",
    "phone_parts",
)
TEMPLATE_NAME_MAX = 80


def clean_texts(data: object) -> dict[str, dict[str, str]]:
    """The notice (and the title and question, VERSION_FIELDS) in each mode after the rules;
    unknown modes or fields are refused."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DomainError("bad_request", field="texts")
    out: dict[str, dict[str, str]] = {}
    for mode, fields in data.items():
        if mode not in TEXT_MODES or not isinstance(fields, dict):
            raise DomainError("bad_request", field="texts")
        unknown = set(fields) - set(TEXT_FIELDS) - set(VERSION_FIELDS)
        if unknown:
            raise DomainError("bad_request", field="texts")
        cleaned = {
            name: rules.clean_text(
                fields.get(name), field=name, max_length=TEXT_MAX, required=False
            )
            for name in TEXT_FIELDS
        }
        # A version is kept only where written: without one the reader gets the original.
        title = rules.clean_line(
            fields.get("title"), field="title", max_length=VERSION_FIELDS["title"], required=False
        )
        theme = rules.clean_text(
            fields.get("theme"), field="theme", max_length=VERSION_FIELDS["theme"], required=False
        )
        cleaned.update({name: text for name, text in (("title", title), ("theme", theme)) if text})
        if any(cleaned.values()):
            out[mode] = cleaned
    return out


# A template's notice carries parts the coordinator must write ("[datum]", "[namn]", "[telefon
# eller mejl]"). A parent must never read "Du får svar senast [datum]", so nobody can join while
# one is left; brackets with more than a few words in them are a person's own text, not ours.
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,40}\]")


def unfilled(texts: dict[str, dict[str, str]]) -> list[tuple[str, str, str]]:
    """Each part still to write: (mode, field, "[datum]"), in the order the console shows them."""
    return [
        (mode, field, found)
        for mode in TEXT_MODES
        for field in TEXT_FIELDS
        for found in PLACEHOLDER.findall((texts.get(mode) or {}).get(field, ""))
    ]


def check_notice_finished(texts: dict[str, dict[str, str]]) -> None:
    """Joining waits until the notice has no part left to write."""
    if unfilled(texts):
        raise DomainError("notice_unfinished")


def notice_in(texts: dict[str, dict[str, str]], mode: str, fallback: str) -> dict[str, str]:
    """The notice in the chosen mode, else in the workshop's language, else any written one
    (a mode that holds only a title is no notice)."""
    for candidate in (mode, fallback, *TEXT_MODES):
        notice = {
            field: text
            for field, text in (texts.get(candidate) or {}).items()
            if field in TEXT_FIELDS and text
        }
        if notice:
            return notice
    return {}


def in_reading(
    texts: dict[str, dict[str, str]], mode: str, title: str, theme: str
) -> tuple[str, str]:
    """The title and the question as a reader of `mode` reads them: the version written for
    that mode where there is one, else the workshop's own."""
    own = texts.get(mode) or {}
    return own.get("title") or title, own.get("theme") or theme


def clean_age_band(value: object, *, asked: bool) -> str:
    """An age band only where the workshop asks for one, and only a known one (or none)."""
    if value in (None, ""):
        return ""
    if not asked or value not in AGE_BANDS:
        raise DomainError("bad_request", field="age_band")
    return str(value)


YEARS = (2000, 2100)


def parse_local(value: object, field: str) -> datetime | None:
    """A time typed in Swedish local time ("2026-12-01T18:00"), as UTC; empty is none."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise DomainError("bad_request", field=field)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise DomainError("bad_time", field=field) from None
    # A consultation runs in these years; year 1 or 9999 overflowed on the way to UTC (a 500).
    if not YEARS[0] <= moment.year <= YEARS[1]:
        raise DomainError("bad_time", field=field)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_TZ)
    return moment.astimezone(UTC)


def local_input(moment: datetime | None) -> str:
    """A UTC time as a datetime-local field shows it in Swedish local time."""
    if moment is None:
        return ""
    if moment.tzinfo is None:  # SQLite gives naive UTC back
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_TZ).strftime("%Y-%m-%dT%H:%M")


def local_text(moment: datetime) -> str:
    """A time as people in the room read it, the same in Swedish and English: 2026-12-04 20:00."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")


def check_span(starts: datetime | None, ends: datetime | None, field: str) -> None:
    """A span ends after it starts (either end may be left open)."""
    if starts is not None and ends is not None and ends <= starts:
        raise DomainError("bad_time", field=field)


def window_phase(now: datetime, opens: datetime | None, closes: datetime | None) -> str:
    """ "before", "open" or "after" the window for taking part (no window: always "open")."""
    now, opens, closes = _aware(now), _aware(opens), _aware(closes)
    if opens is not None and now < opens:
        return "before"
    if closes is not None and now >= closes:
        return "after"
    return "open"


def check_window(now: datetime, opens: datetime | None, closes: datetime | None) -> None:
    """Posting, voting and answering need the window open; refused with the time that applies."""
    phase = window_phase(now, opens, closes)
    if phase == "before" and opens is not None:
        raise DomainError("window_not_open", opens=local_text(opens))
    if phase == "after" and closes is not None:
        raise DomainError("window_closed", closes=local_text(closes))


def place_of(joined: datetime, room_starts: datetime | None, room_ends: datetime | None) -> str:
    """ "room" for someone who joined while the room's session ran, "home" for anyone else.

    We know no more than the time someone joined (no address, no location): a participant who
    joined during the session day counts as in the room. Without a session time nobody is
    counted as from home.
    """
    joined, room_starts, room_ends = _aware(joined), _aware(room_starts), _aware(room_ends)
    if room_starts is None or room_ends is None:
        return "room"
    return "room" if room_starts <= joined < room_ends else "home"


def count_places(
    joined: Iterable[datetime], room_starts: datetime | None, room_ends: datetime | None
) -> dict[str, int]:
    """How many took part in the room and from home: counts only."""
    out = {"room": 0, "home": 0}
    for moment in joined:
        out[place_of(moment, room_starts, room_ends)] += 1
    return out


def clean_template_name(value: object) -> str:
    """A saved template's name: one line, required."""
    return rules.clean_line(value, field="name", max_length=TEMPLATE_NAME_MAX, required=True)


def template_settings(template: dict[str, Any], language: str) -> dict[str, Any]:
    """The workshop fields a template sets, with its theme in the workshop's language."""
    settings = template.get("settings", {})
    themes = settings.get("theme", {})
    out: dict[str, Any] = {
        "template": template.get("id", ""),
        "theme": themes.get(language) or next(iter(themes.values()), ""),
        "texts": clean_texts(template.get("texts") or {}),
    }
    for name in ("dot_budget", "max_per_topic", *TEMPLATE_FLAGS):
        if name in settings:
            out[name] = settings[name]
    return out


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive UTC times; compare everything as aware UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment
