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


class WhoPayload(Payload):
    role_id: str = Field(default="", max_length=40)
    role: str = ""
    organisation: str = ""


class ActionFields(Command):
    what: str
    who: WhoPayload | None = None
    first_step: str = ""
    due: str = Field(default="", max_length=40)
    follow_up: str = Field(default="", max_length=40)
    theme_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    status: str = Field(default="planned", max_length=10)


class ActionEdit(ActionFields):
    action_id: int = Field(ge=1, le=MAX_ID)
    version: int = Field(ge=0, le=MAX_ID)


class ActionRef(Command):
    action_id: int = Field(ge=1, le=MAX_ID)
    version: int = Field(ge=0, le=MAX_ID)


class DecisionFields(Command):
    text: str
    who: WhoPayload | None = None
    decided_on: str = Field(default="", max_length=40)
    action_id: int | None = Field(default=None, ge=1, le=MAX_ID)


class DecisionEdit(DecisionFields):
    decision_id: int = Field(ge=1, le=MAX_ID)


class DecisionRef(Command):
    decision_id: int = Field(ge=1, le=MAX_ID)


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


class SlotSave(Command):
    slot_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    starts: str = Field(max_length=10)
    ends: str = Field(max_length=10)


class SlotRef(Command):
    slot_id: int = Field(ge=1, le=MAX_ID)


class SpaceSave(Command):
    space_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    name: str
    capacity: int | None = Field(default=None, ge=-MAX_ID, le=MAX_ID)


class SpaceRef(Command):
    space_id: int = Field(ge=1, le=MAX_ID)


class SessionPlace(Command):
    topic_id: int = Field(ge=1, le=MAX_ID)
    slot_id: int = Field(ge=1, le=MAX_ID)
    space_id: int = Field(ge=1, le=MAX_ID)


class SessionMove(Command):
    session_id: int = Field(ge=1, le=MAX_ID)
    slot_id: int = Field(ge=1, le=MAX_ID)
    space_id: int = Field(ge=1, le=MAX_ID)


class SessionRef(Command):
    session_id: int = Field(ge=1, le=MAX_ID)


class SessionMerge(Command):
    source_id: int = Field(ge=1, le=MAX_ID)
    target_id: int = Field(ge=1, le=MAX_ID)


class SessionGoing(Command):
    session_id: int = Field(ge=1, le=MAX_ID)
    going: bool


class SessionHere(Command):
    session_id: int | None = Field(default=None, ge=1, le=MAX_ID)


class TimerRef(Command):
    slot_id: int = Field(ge=1, le=MAX_ID)


class TimerMinutes(Command):
    slot_id: int = Field(ge=1, le=MAX_ID)
    minutes: int = Field(ge=-MAX_ID, le=MAX_ID)


class AnnouncementSend(Command):
    text: str


class Clock(Payload):
    """Not a command: a read of the server's clock, with nothing in it."""


class NotesWrite(Command):
    session_id: int = Field(ge=1, le=MAX_ID)
    field: str = Field(max_length=40)
    text: str
    version: int = Field(ge=0, le=MAX_ID)


class NotesCount(Command):
    session_id: int = Field(ge=1, le=MAX_ID)
    counts: dict[str, int] = Field(max_length=10)


# The feedback page's lines (services/feedback.py); text limits are the domain's.
class FeedbackAdd(Command):
    said: str = ""
    did: str = ""
    why_not: str = ""
    when: str = ""
    outcome: str = Field(default="open", max_length=10)
    published: bool = False
    topic_id: int | None = Field(default=None, ge=1, le=MAX_ID)


class FeedbackEdit(FeedbackAdd):
    item_id: int = Field(ge=1, le=MAX_ID)


class FeedbackRef(Command):
    item_id: int = Field(ge=1, le=MAX_ID)


# Photos of the flip chart (services/photos.py): uploads come over HTTP, removal over the socket.
class PhotoRemove(Command):
    photo_id: int = Field(ge=1, le=MAX_ID)
