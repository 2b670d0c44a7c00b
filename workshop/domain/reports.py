"""What a report says about the day itself: when and where it was held, who organised it, and
the header a municipality files it under (förvaltning, diarienummer, handläggare).

The export date is only the file's date: a day held on 27 November and exported on 7 December
must not read "on 7 December 55 people met".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import rules
from .actions import parse_date

LINE_MAX = 120


@dataclass(frozen=True)
class ReportDetails:
    """The coordinator's own words for the report's first page; empty when not given."""

    held_on: str = ""  # YYYY-MM-DD
    place: str = ""
    organisation: str = ""
    case_number: str = ""
    officer: str = ""


def clean_details(data: dict[str, Any]) -> ReportDetails:
    """The details after the rules: a calendar date (2000-2100) or nothing, short lines."""
    day = parse_date(data.get("held_on"), field="held_on")
    lines = {
        name: rules.clean_line(data.get(name), field=name, max_length=LINE_MAX, required=False)
        for name in ("place", "organisation", "case_number", "officer")
    }
    return ReportDetails(held_on=day.isoformat() if day else "", **lines)
