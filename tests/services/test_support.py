"""The services tests' shared room and refusal check (tests/support/rooms.py) hold their word."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.refusals import refused
from tests.support.rooms import build_room
from workshop.domain.errors import DomainError
from workshop.services import participants, sync


def test_refused_takes_exactly_one_code() -> None:
    with refused("over_budget") as caught:
        raise DomainError("over_budget", budget=3)
    assert caught.value.params == {"budget": 3}
    wrong = pytest.raises(AssertionError, match="'over_topic_limit', not 'over_budget'")
    with wrong, refused("over_budget"):
        raise DomainError("over_topic_limit")
    with pytest.raises(pytest.fail.Exception), refused("over_budget"):
        pass


def test_the_room_is_joined_and_posted_in_order(app: Any, db: Any) -> None:
    room = build_room(
        app,
        db,
        people=[{"nickname": "A"}, {"nickname": "B"}],
        topics_titled=["X", "Y"],
        posted_by=1,
        title="Rummet",
    )
    assert [participants.me(db, room.wid, p.id)["nickname"] for p in room.people] == ["A", "B"]
    state = sync.snapshot(db, room.wid, include_hidden=True)
    assert state["workshop"]["title"] == "Rummet"
    assert [state["topics"][str(t)]["title"] for t in room.topics] == ["X", "Y"]
    assert (room.fac.role, room.wall.role, room.fac.id) == ("facilitator", "wall", room.owner)
