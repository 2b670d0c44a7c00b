"""The room state every screen holds, and `apply`, the one way an event changes it.

The state is plain JSON, assembled from the slices the features declare; the server builds a
snapshot in this shape and clients (static/js/state/) apply events to it. A test runs each command
and checks that applying its events to the snapshot taken before equals a fresh snapshot after.
"""

from __future__ import annotations

import copy
from typing import Any

from .events import EMPTY_SLICES, EVENT_TYPES, State


def empty_state(workshop: dict[str, Any]) -> State:
    """A room with nothing in it yet."""
    return {"seq": 0, "workshop": workshop, **copy.deepcopy(EMPTY_SLICES)}


def apply(state: State, event: dict[str, Any], *, include_hidden: bool) -> State:
    """Return the state after `event`; `include_hidden` is true on the facilitator's console.

    Events at or below the state's seq are ignored, so applying one twice is harmless; an unknown
    type is refused (a client then starts again from a snapshot rather than guess).
    """
    if event["seq"] <= state["seq"]:
        return state
    kind = EVENT_TYPES.get(event["type"])
    if kind is None:
        raise ValueError(f"unknown event type {event['type']!r}")
    new = copy.deepcopy(state)
    new["seq"] = event["seq"]
    kind.from_payload(event["payload"]).reduce(new, include_hidden=include_hidden)
    return new
