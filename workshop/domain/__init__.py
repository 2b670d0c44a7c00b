"""The rules of a workshop, free of Flask, SQLAlchemy and pydantic so they can be tested alone.

Importing the package registers every feature's event types (see events.py), so the registry is
complete wherever it is read.
"""

from . import (  # noqa: F401  (they register events)
    agenda,
    board,
    notes,
    participants,
    timers,
    topics,
    voting,
    workshops,
)
