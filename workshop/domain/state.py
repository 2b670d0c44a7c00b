"""The room state every screen holds, and `apply`, the one way an event changes it.

The server builds a snapshot in this shape; clients (static/js/store.js mirrors this module) apply
events to it. A test runs each command and checks that applying its events to the snapshot taken
before equals a fresh snapshot taken after.
"""

from __future__ import annotations

import copy
from typing import Any

State = dict[str, Any]


def empty_state(workshop: dict[str, Any]) -> State:
    """A room with nothing in it yet."""
    return {
        "seq": 0,
        "workshop": workshop,
        "topics": {},
        "round": None,
        "tally": {},
        "participants": {"total": 0, "counts": {}},
    }


def _set_tally(state: State, tally: dict[str, int]) -> None:
    for topic_id, total in tally.items():
        if total:
            state["tally"][str(topic_id)] = total
        else:
            state["tally"].pop(str(topic_id), None)


def apply(state: State, event: dict[str, Any], *, include_hidden: bool) -> State:
    """Return the state after `event`; `include_hidden` is true on the facilitator's console.

    Events at or below the state's seq are ignored, so applying one twice is harmless.
    """
    if event["seq"] <= state["seq"]:
        return state
    new = copy.deepcopy(state)
    new["seq"] = event["seq"]
    kind, data = event["type"], event["payload"]
    topics = new["topics"]
    if kind in ("workshop.updated", "workshop.closed", "workshop.reopened"):
        new["workshop"] = data["workshop"]
    elif kind in ("participant.joined", "participant.updated"):
        new["participants"] = data["participants"]
    elif kind in ("topic.posted", "topic.edited", "topic.unhidden"):
        topic = data["topic"]
        if include_hidden or not topic["hidden"]:
            topics[str(topic["id"])] = topic
        _set_tally(new, data.get("tally", {}))
    elif kind == "topic.hidden":
        topic = data["topic"]
        if include_hidden:
            topics[str(topic["id"])] = topic
        else:
            topics.pop(str(topic["id"]), None)
            new["tally"].pop(str(topic["id"]), None)
        _set_tally(new, data.get("tally", {}) if include_hidden else {})
    elif kind == "topic.deleted":
        topics.pop(str(data["topic_id"]), None)
        new["tally"].pop(str(data["topic_id"]), None)
        _set_tally(new, data.get("tally", {}))
    elif kind == "topic.merged":
        topics.pop(str(data["source_id"]), None)
        new["tally"].pop(str(data["source_id"]), None)
        target = data["target"]
        if include_hidden or not target["hidden"]:
            topics[str(target["id"])] = target
            _set_tally(new, data["tally"])
    elif kind == "round.opened":
        new["round"] = data["round"]
        new["tally"] = {}
    elif kind == "round.closed":
        # The ranking is derived from the tally (rules.rank), so only the status changes here.
        new["round"] = data["round"]
    elif kind in ("vote.cast", "vote.retracted"):
        if str(data["topic_id"]) in topics:
            _set_tally(new, {str(data["topic_id"]): data["total"]})
    else:
        raise ValueError(f"unknown event type {kind!r}")
    return new
