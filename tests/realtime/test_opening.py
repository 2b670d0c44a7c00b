"""The opening circle over Socket.IO: defaults in every snapshot, the coordinator rewords it,
phones and the wall receive it and cannot change it, the wall can show it."""

from __future__ import annotations

from typing import Any

from tests.conftest import ack, events_of, op
from workshop.domain import opening


def test_the_coordinator_rewords_the_opening_circle_and_every_screen_follows(
    room: dict[str, Any],
) -> None:
    snapshot = ack(room["phone_a"], "sync", {"since": 0})["snapshot"]
    assert snapshot["opening"] == {"texts": opening.DEFAULTS, "custom": False}
    texts = opening.default_texts()
    texts["sv"]["principles"][0] = "Ni som är här är de rätta."
    texts["en"]["law"] = "Walk to where you learn or give most."
    refused = ack(room["phone_a"], "opening.update", {"op_id": op(), "texts": texts})
    assert refused["error"]["code"] == "forbidden"
    refused = ack(room["wall"], "opening.update", {"op_id": op(), "texts": texts})
    assert refused["error"]["code"] == "forbidden"
    broken = {"sv": texts["sv"], "en": {**texts["en"], "law": ""}}
    empty = ack(room["console"], "opening.update", {"op_id": op(), "texts": broken})
    assert empty["error"]["code"] == "empty"
    room["wall"].get_received()
    assert ack(room["console"], "opening.update", {"op_id": op(), "texts": texts})["custom"]
    (updated,) = events_of(room["wall"])
    assert updated["type"] == "opening.updated"
    assert updated["payload"] == {"texts": texts, "custom": True}
    again = ack(room["phone_b"], "sync", {"since": 0})["snapshot"]["opening"]
    assert again == {"texts": texts, "custom": True}
    # The wall shows it when chosen; back to the defaults in one step.
    assert ack(room["console"], "wall.show", {"op_id": op(), "view": "opening"})["ok"]
    (shown,) = events_of(room["wall"])
    assert shown["payload"]["workshop"]["wall_view"] == "opening"
    assert ack(room["console"], "opening.update", {"op_id": op(), "reset": True})["ok"]
    (reset,) = events_of(room["phone_a"])[-1:]
    assert reset["payload"] == {"texts": opening.DEFAULTS, "custom": False}
