"""One workshop room for the service tests, built through the services as a real room is, and the
one way to say that a command is refused with a given code."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import make_facilitator, make_workshop
from workshop.domain.actors import Actor
from workshop.domain.errors import DomainError
from workshop.services import participants, topics


@dataclass(frozen=True)
class Room:
    """A workshop with its facilitator, a wall, the participants who joined (in order) and the
    topics posted (in order)."""

    db: Any
    wid: int
    owner: int
    fac: Actor
    wall: Actor
    people: list[Actor]
    topics: list[int]


def build_room(
    app: Any,
    db: Any,
    *,
    people: int | Sequence[Mapping[str, str]] = 0,
    topics_titled: Sequence[str] = (),
    posted_by: int | None = None,
    **workshop: Any,
) -> Room:
    """A facilitator's workshop (`workshop` are its fields), then `people` joined (a count of
    anonymous ones, or each one's join form), then a topic for each title, posted by the
    facilitator or, with `posted_by`, by that participant."""
    owner = make_facilitator(app)
    wid = make_workshop(app, owner, **workshop)["id"]
    fac = Actor("facilitator", wid, owner)
    forms = [{}] * people if isinstance(people, int) else list(people)
    joined = [
        Actor(
            "participant", wid, participants.join(db, wid, dict(form))[1].result["participant_id"]
        )
        for form in forms
    ]
    author = fac if posted_by is None else joined[posted_by]
    topic_ids = [
        topics.post_topic(db, author, None, {"title": title}).result["topic"]["id"]
        for title in topics_titled
    ]
    return Room(db, wid, owner, fac, Actor("wall", wid), joined, topic_ids)


@contextmanager
def refused(code: str) -> Iterator[pytest.ExceptionInfo[DomainError]]:
    """The block must be refused with exactly `code` (one code per refusal, never "a or b")."""
    with pytest.raises(DomainError) as caught:
        yield caught
    assert caught.value.code == code, f"refused with {caught.value.code!r}, not {code!r}"
