"""What a screen reads: a snapshot of the room, the events it missed, the latest seq."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..domain import topics as topic_rules
from ..domain import voting as voting_rules
from ..domain.errors import DomainError
from ..domain.events import Subject, public_wire, words_left_out
from ..domain.state import State, empty_state
from ..store.db import Database, iso
from ..store.models import Event, Workshop
from . import (
    actions,
    agenda,
    board,
    catalog,
    closing,
    decisions,
    feedback,
    ideas,
    notes,
    opening,
    participants,
    participation,
    phases,
    photos,
    questions,
    review,
    themes,
    timers,
    topics,
    voting,
    workshops,
)

SYNC_EVENT_LIMIT = 500


def snapshot(db: Database, workshop_id: int, *, include_hidden: bool) -> State:
    """The whole room state in the shape of domain.state, read in one consistent snapshot."""
    with db.read() as session:
        return _snapshot(session, workshop_id, include_hidden=include_hidden)


def _snapshot(session: Session, workshop_id: int, *, include_hidden: bool) -> State:
    workshop = session.get(Workshop, workshop_id)
    if workshop is None:
        raise DomainError("not_found")
    state = empty_state(workshops.wire(workshop))
    state["seq"] = workshop.last_seq
    state.update(participants.read_slice(session, workshop_id))
    state.update(topics.read_slice(session, workshop_id, include_hidden=include_hidden))
    state.update(voting.read_slice(session, workshop_id, state, staff=include_hidden))
    state.update(board.read_slice(session, workshop_id))
    # The double diamond: the phase, the themes (ids of their topics only) and the ideas.
    state.update(phases.read_slice(session, workshop_id))
    state.update(themes.read_slice(session, workshop_id))
    state.update(ideas.read_slice(session, workshop_id, include_hidden=include_hidden))
    # Deliver: action cards, decisions, the participation levels (the notes for staff only).
    state.update(actions.read_slice(session, workshop_id))
    state.update(decisions.read_slice(session, workshop_id))
    state.update(participation.read_slice(session, workshop_id, staff=include_hidden))
    state.update(catalog.read_slice(session, workshop_id))
    state.update(agenda.read_slice(session, workshop_id, include_hidden=include_hidden))
    state.update(timers.read_slice(session, workshop_id))
    state.update(notes.read_slice(session, workshop_id))
    state.update(feedback.read_slice(session, workshop_id, include_hidden=include_hidden))
    # Photos of the flip charts: which session has which (the pictures come over HTTP).
    state.update(photos.read_slice(session, workshop_id))
    state.update(opening.read_slice(session, workshop_id))
    state.update(closing.read_slice(session, workshop_id))
    state.update(questions.read_slice(session, workshop_id, include_hidden=include_hidden))
    state.update(review.read_slice(session, workshop_id, include_hidden=include_hidden))
    return state


def needs_snapshot(since: int, last_seq: int) -> bool:
    """Whether a screen that holds `since` gets the whole room rather than the events it missed:
    it has nothing (since 0: never the history from the start), is more than SYNC_EVENT_LIMIT
    behind, or claims a seq the room never reached."""
    return not (0 < since <= last_seq and last_seq - since <= SYNC_EVENT_LIMIT)


def events_since(
    db: Database, workshop_id: int, since: int, *, include_hidden: bool
) -> dict[str, Any]:
    """What a reconnecting client missed: the events after `since`, or a snapshot.

    A snapshot comes when the client has nothing yet (since 0), is too far behind, or claims a
    seq the server never reached (a database restored from a backup). The events carry only
    words the screen may still see: each subject's latest version, none of one rewritten,
    removed, hidden, waiting or unpublished since; phones and the wall get each event in its
    public form.
    """
    with db.read() as session:
        last_seq = session.scalar(sa.select(Workshop.last_seq).where(Workshop.id == workshop_id))
        if last_seq is None:
            raise DomainError("not_found")
        if not needs_snapshot(since, last_seq):
            rows = session.scalars(
                sa.select(Event)
                .where(Event.workshop_id == workshop_id, Event.seq > since)
                .order_by(Event.seq)
            ).all()
            stored = [
                {
                    "workshop_id": workshop_id,
                    "seq": r.seq,
                    "type": r.type,
                    "at": iso(r.at),
                    "payload": r.payload,
                }
                for r in rows
            ]
            withheld = _withheld_words(session, workshop_id, staff=include_hidden)
            replayed = words_left_out(stored, withheld)
            if include_hidden:
                return {"events": replayed}
            return {"events": [public_wire(e) for e in replayed]}
        return {"snapshot": _snapshot(session, workshop_id, include_hidden=include_hidden)}


def _withheld_words(session: Session, workshop_id: int, *, staff: bool) -> set[Subject]:
    """Whose words a screen must not get again, though events in its gap carry them."""
    withheld: set[Subject] = set()
    for feature in (feedback, ideas, topics):
        withheld |= feature.withheld_words(session, workshop_id, staff=staff)
    return withheld


def head_seqs(db: Database, workshop_ids: list[int]) -> dict[int, int]:
    """The latest seq of each workshop (for the beacon that lets screens notice lost broadcasts)."""
    if not workshop_ids:
        return {}
    with db.read() as session:
        rows = session.execute(
            sa.select(Workshop.id, Workshop.last_seq).where(Workshop.id.in_(workshop_ids))
        ).all()
    return {workshop_id: last_seq for workshop_id, last_seq in rows}


def shown_topics(state: State) -> dict[str, Any]:
    """The topics of a console snapshot that phones, walls and reports may show."""
    return {
        tid: topic
        for tid, topic in state["topics"].items()
        if topic_rules.is_shown(topic["hidden"], topic["pending"])
    }


def topics_with_totals(db: Database, workshop_id: int) -> list[dict[str, Any]]:
    """Visible topics with their dots in the latest round, ranked (for the facilitator's API and
    exports: the totals of a sealed round too, never a hidden or unreviewed topic)."""
    state = snapshot(db, workshop_id, include_hidden=True)
    shown = state["topics"] = shown_topics(state)
    totals = {int(tid): state["tally"].get(tid, 0) for tid in shown}
    return [
        {**state["topics"][str(topic_id)], "total": total, "rank": position}
        for position, topic_id, total in voting_rules.rank(totals)
    ]


def rounds_with_results(db: Database, workshop_id: int) -> list[dict[str, Any]]:
    """Every round in order, each closed one with its announced ranking and today's titles (a
    topic deleted or hidden since keeps its line without its words): for the API and reports."""
    state = snapshot(db, workshop_id, include_hidden=True)
    shown = shown_topics(state)
    out = []
    for entry in state["rounds"]:
        results = entry["results"]
        if results is not None and entry.get("scope") == "themes":
            # A round on themes ranks themes: their titles (a deleted theme's line keeps none).
            results = [
                {**line, "title": state["themes"].get(str(line["theme_id"]), {}).get("title")}
                for line in results
            ]
        elif results is not None:
            results = [
                {**line, "title": shown[str(line["topic_id"])]["title"]}
                if str(line["topic_id"]) in shown
                else {**line, "title": None}
                for line in results
            ]
        out.append({**entry, "results": results})
    return out
