"""One workshop room for the service tests, built through the services as a real room is."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tests.conftest import make_facilitator, make_workshop
from workshop.domain.actors import Actor
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
