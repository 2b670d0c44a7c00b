"""Payload shapes of the socket's own events (connect, sync, clock, board.drag), checked strictly
before anything else runs. Every command's payload sits beside its service, declared with it on
`@workshop_command(wire=..., payload=...)` (services/wire.py has the base classes).
"""

from __future__ import annotations

from pydantic import Field

from ..services.board import Coordinate
from ..services.wire import MAX_ID, Payload


class Sync(Payload):
    since: int = Field(ge=0, le=MAX_ID)


class BoardDrag(Payload):
    """Not a command: a position while dragging, relayed and forgotten (no op_id, no log)."""

    card_id: int = Field(ge=1, le=MAX_ID)
    x: int = Coordinate
    y: int = Coordinate


class TeamHere(Payload):
    """Not a command: which part of the day a console shows (the rail's key), for the team's
    list of who is where. Not logged, no op_id."""

    part: str = Field(pattern="^[a-z]{1,20}$")


class TeamHistory(Payload):
    """Not a command: a console asks for the team's latest actions (after each (re)connect).
    Not logged, no op_id."""


class ConnectAuth(Payload):
    """What a socket says about itself when it connects; `board` asks for the positions
    streamed while cards are dragged (only the board page needs them)."""

    view: str = Field(pattern="^(phone|console|wall)$")
    board: bool = False
    workshop_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    join_code: str | None = Field(default=None, max_length=40)
    lang: str | None = Field(default=None, max_length=5)


class Clock(Payload):
    """Not a command: a read of the server's clock, with nothing in it."""
