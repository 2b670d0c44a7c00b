"""Dates, numbers and ranges the way each language writes them (Swedish typography).

Swedish: "27 november 2026", thousands split by a narrow no-break space ("12 500"), an en
dash for ranges ("3–7"). English (British): "27 November 2026", "12,500", "3–7".
"""

from __future__ import annotations

from datetime import date

MONTHS = {
    "sv": [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
NARROW_NBSP = "\u202f"


def long_date(iso: str, language: str) -> str:
    """An ISO day (2026-11-27) as words: "27 november 2026" / "27 November 2026"."""
    day = date.fromisoformat(iso[:10])
    return f"{day.day} {MONTHS.get(language, MONTHS['sv'])[day.month - 1]} {day.year}"


def number(value: int, language: str) -> str:
    """A whole number with its thousands marked, so 12500 reads at a glance."""
    grouped = f"{value:,}"
    return grouped.replace(",", NARROW_NBSP) if language == "sv" else grouped


def span(low: int, high: int, language: str) -> str:
    """A range with an en dash, or one number when both ends are the same."""
    if low == high:
        return number(low, language)
    return f"{number(low, language)}–{number(high, language)}"
