"""The follow-up dates of a process as an iCalendar file (RFC 5545) for the coordinator's own
calendar: one all-day event per date, in words already chosen by the caller.

Written with the `icalendar` package rather than by hand: folding long lines, escaping commas
and semicolons in a Swedish action's words and the CRLF line ends are where hand-written
calendars break in Outlook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import icalendar


@dataclass(frozen=True)
class CalendarDate:
    """One all-day event: a stable `uid` (the same date exported twice replaces itself in the
    calendar rather than doubling), the day, a one-line summary and a longer description."""

    uid: str
    day: dt.date
    summary: str
    description: str


def follow_up_calendar(name: str, dates: Iterable[CalendarDate], stamp: dt.datetime) -> bytes:
    """The calendar `name` with one event per date; `stamp` is when it was made (UTC)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//workshop//follow-up//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for date in dates:
        event = icalendar.Event()
        event.add("uid", date.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", date.day)
        event.add("dtend", date.day + dt.timedelta(days=1))
        event.add("summary", date.summary)
        event.add("description", date.description)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
