"""The server's wall clock, for every layer that needs "now" (the domain takes it as a value)."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, in UTC, without microseconds noise in the wire format."""
    return datetime.now(UTC).replace(microsecond=0)
