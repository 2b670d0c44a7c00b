"""The rules of a workshop, free of Flask, SQLAlchemy and pydantic so they can be tested alone.

Importing the package registers every feature's event types (see events.py), so the registry is
complete wherever it is read.
"""

# Importing them registers their events.
from . import (  # noqa: F401
    actions,
    agenda,
    board,
    catalog,
    closing,
    consultation,
    decisions,
    feedback,
    ideas,
    notes,
    opening,
    participants,
    participation,
    phases,
    photos,
    questions,
    review,
    themes,
    timers,
    topics,
    voting,
    workshops,
)
