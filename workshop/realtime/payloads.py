"""Payload shapes of the client events, checked strictly before anything else runs.

Text limits are left to the domain rules (they give the friendlier `too_long`); these models
refuse wrong types, unknown keys and absurd numbers.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..domain import rules
from ..services.board import Coordinate

MAX_ID = rules.ID_MAX


class Payload(BaseModel):
    """Strict: no coercion ("1" is not 1, true is not 1), no unknown keys."""

    model_config = ConfigDict(extra="forbid", strict=True)


class Command(Payload):
    """Every command carries a client-made op_id so a retry is answered, not repeated."""

    op_id: str = Field(min_length=1, max_length=64)


class Sync(Payload):
    since: int = Field(ge=0, le=MAX_ID)


class TopicRef(Command):
    topic_id: int = Field(ge=1, le=MAX_ID)


class HeldRef(Command):
    held_id: int = Field(ge=1, le=MAX_ID)


class Plain(Command):
    """A command with nothing but its op_id."""


class BoardDrag(Payload):
    """Not a command: a position while dragging, relayed and forgotten (no op_id, no log)."""

    card_id: int = Field(ge=1, le=MAX_ID)
    x: int = Coordinate
    y: int = Coordinate


# --- the double diamond: phases, themes, ideas ------------------------------------------------


# --- Deliver: action cards, decisions, participation -------------------------------------
# Texts and dates are checked by the domain (too_long, invalid_date); these refuse wrong types.


class ConnectAuth(Payload):
    """What a socket says about itself when it connects; `board` asks for the positions
    streamed while cards are dragged (only the board page needs them)."""

    view: str = Field(pattern="^(phone|console|wall)$")
    board: bool = False
    workshop_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    join_code: str | None = Field(default=None, max_length=40)
    lang: str | None = Field(default=None, max_length=5)


# --- the Open Space agenda -------------------------------------------------------------------
# Times and names are checked by the domain (clearer `bad_time`, `too_long`, `bad_capacity`).


class Clock(Payload):
    """Not a command: a read of the server's clock, with nothing in it."""


# Photos of the flip chart (services/photos.py): uploads come over HTTP, removal over the socket.
class PhotoRemove(Command):
    photo_id: int = Field(ge=1, le=MAX_ID)
