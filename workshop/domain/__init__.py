"""The rules of a workshop, free of Flask, SQLAlchemy and pydantic so they can be tested alone.

Importing the package registers every feature's event types (see events.py), so the registry is
complete wherever it is read.
"""

# They register their events; consultation has none of its own (it changes `workshop.updated`).
from . import board, consultation, feedback, participants, topics, voting, workshops  # noqa: F401
