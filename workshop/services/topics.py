"""Topics: post, edit, delete, hide and show, merge duplicates."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from typing import Any

import sqlalchemy as sa
from pydantic import Field

from ..domain import topics as rules_of
from ..domain import voting as voting_rules
from ..domain.errors import DomainError
from ..domain.events import Subject
from ..domain.messages import DotsReturned
from ..domain.workshops import require_open
from ..store.models import ProcessedCommand, Topic, Vote, VotingRound, utcnow
from . import agenda, reads
from .reads import SliceView
from .runner import FACILITATOR, PEOPLE, Context, workshop_command
from .wire import MAX_ID, Command, TopicRef


def _wire(topic: Topic) -> dict[str, Any]:
    return dataclasses.asdict(reads.topic_info(topic))


class TopicPost(Command):
    title: str
    description: str | None = None


@workshop_command(
    wire="topic.post",
    payload=TopicPost,
    category="topics",
    roles=PEOPLE,
    permission="run",
    open_only=True,
    takes_input="topic",
)
def post_topic(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Post a topic on the marketplace (participant or facilitator)."""
    title, description = rules_of.clean_topic(data)
    posted = ctx.session.scalar(
        sa.select(sa.func.count(Topic.id)).where(Topic.workshop_id == ctx.workshop.id)
    )
    rules_of.check_room_for_topic(posted, ctx.uow.max_topics)
    author_id = ctx.actor.id if ctx.actor.role == "participant" else None
    topic = Topic(
        workshop_id=ctx.workshop.id,
        author_id=author_id,
        title=title,
        description=description,
        pending=rules_of.initially_pending(ctx.actor, review_topics=ctx.workshop.review_topics),
    )
    ctx.session.add(topic)
    ctx.session.flush()
    # A new topic has no duplicates merged into it yet.
    info = reads.topic_info(topic, [])
    ctx.append(rules_of.TopicPosted(info))
    ctx.refresh(author_id)
    return {"topic": dataclasses.asdict(info)}


class TopicEdit(Command):
    topic_id: int = Field(ge=1, le=MAX_ID)
    title: str
    description: str | None = None


@workshop_command(
    wire="topic.edit",
    payload=TopicEdit,
    category="topics",
    roles=PEOPLE,
    permission="run",
    open_only=True,
    takes_input="topic",
)
def edit_topic(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """The author (or the facilitator) changes a topic's title or description."""
    title, description = rules_of.clean_topic(data)
    topic = reads.topic_in(ctx.session, ctx.workshop.id, data.get("topic_id"))
    rules_of.may_change(ctx.actor, topic.author_id, hidden=topic.hidden)
    topic.title, topic.description, topic.updated_at = title, description, utcnow()
    # Rewritten words are new words: where the workshop reviews, they wait again (an approved
    # topic must not become something else on the wall behind the reviewer's back).
    if rules_of.initially_pending(ctx.actor, review_topics=ctx.workshop.review_topics):
        topic.pending = True
    ctx.session.flush()
    info = reads.topic_info(topic)
    ctx.append(rules_of.TopicEdited(info))
    return {"topic": dataclasses.asdict(info)}


@workshop_command(wire="topic.delete", payload=TopicRef, roles=PEOPLE, permission="run")
def delete_topic(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """The author or the facilitator deletes a topic; its dots go back to the voters."""
    topic = reads.topic_in(ctx.session, ctx.workshop.id, data.get("topic_id"))
    # An author may delete their own hidden topic: taking words back is always allowed.
    rules_of.may_change(ctx.actor, topic.author_id, hidden=False)
    if not ctx.actor.is_facilitator:
        require_open(ctx.workshop.status)
    for voter in ctx.session.scalars(
        sa.select(Vote.participant_id).where(Vote.topic_id == topic.id).distinct()
    ):
        ctx.refresh(voter)
    _tell_returned(ctx, _open_round_dots(ctx, topic.id), "deleted")
    ctx.refresh(topic.author_id)
    # Duplicates merged into this topic only existed to remember where it came from: they go
    # too, with their votes and their words.
    doomed = _with_merged_sources(ctx, topic.id)
    agenda.forget_topics(ctx, doomed)
    ctx.session.execute(sa.delete(Vote).where(Vote.topic_id.in_(doomed)))
    ctx.session.execute(sa.update(Topic).where(Topic.id.in_(doomed)).values(merged_into_id=None))
    ctx.session.execute(sa.delete(Topic).where(Topic.id.in_(doomed)))
    _forget_topics(ctx, set(doomed))
    turnout = reads.current_turnout(ctx.session, ctx.workshop.id)
    ctx.append(rules_of.TopicDeleted(topic_id=topic.id, turnout=turnout))
    return {"topic_id": topic.id}


def _with_merged_sources(ctx: Context, topic_id: int) -> list[int]:
    """The topic and every topic merged into it, directly or through a chain of merges."""
    found, frontier = [topic_id], [topic_id]
    while frontier:
        frontier = list(
            ctx.session.scalars(sa.select(Topic.id).where(Topic.merged_into_id.in_(frontier)))
        )
        found.extend(frontier)
    return found


def _forget_topics(ctx: Context, topic_ids: set[int]) -> None:
    """Deleted topics' words must not live on in the log that later syncs and exports read,
    nor in the stored answers that tie a topic to its author."""
    ctx.forget_words({("topic", topic_id) for topic_id in topic_ids})
    answers = ctx.session.scalars(
        sa.select(ProcessedCommand).where(ProcessedCommand.workshop_id == ctx.workshop.id)
    ).all()
    for answer in answers:
        if _mentions(answer.result, topic_ids):
            # The op_id stays known, so a late retry is still answered and never re-run.
            answer.result = {}


def _mentions(value: Any, topic_ids: set[int]) -> bool:
    if isinstance(value, dict):
        return any(
            (key in ("id", "topic_id") and item in topic_ids) or _mentions(item, topic_ids)
            for key, item in value.items()
        )
    return isinstance(value, list) and any(_mentions(item, topic_ids) for item in value)


def _open_rounds(ctx: Context) -> sa.Select[Any]:
    return sa.select(VotingRound.id).where(
        VotingRound.workshop_id == ctx.workshop.id, VotingRound.status == "open"
    )


def _open_round_dots(ctx: Context, topic_id: int) -> Counter[int]:
    """Each participant's dots on a topic in the open round."""
    return Counter(
        ctx.session.scalars(
            sa.select(Vote.participant_id).where(
                Vote.topic_id == topic_id, Vote.round_id.in_(_open_rounds(ctx))
            )
        ).all()
    )


def _tell_returned(ctx: Context, returned: Counter[int], reason: str) -> None:
    """The phones whose dots came back say why, instead of numbers changing silently."""
    for participant_id, dots in sorted(returned.items()):
        if dots:
            ctx.tell(participant_id, DotsReturned(reason=reason, dots=dots))


def _refund_open_round(ctx: Context, topic_id: int) -> None:
    """Give back every dot on a topic in the open round (it was hidden)."""
    returned = _open_round_dots(ctx, topic_id)
    for participant_id in returned:
        ctx.refresh(participant_id)
    _tell_returned(ctx, returned, "hidden")
    ctx.session.execute(
        sa.delete(Vote).where(Vote.topic_id == topic_id, Vote.round_id.in_(_open_rounds(ctx)))
    )


class TopicHide(Command):
    topic_id: int = Field(ge=1, le=MAX_ID)
    hidden: bool


@workshop_command(wire="topic.hide", payload=TopicHide, roles=FACILITATOR, permission="moderate")
def set_topic_hidden(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """The facilitator hides a topic (its dots in the open round go back) or shows it again."""
    hidden = data.get("hidden")
    if not isinstance(hidden, bool):
        raise DomainError("bad_request", field="hidden")
    topic = reads.topic_in(ctx.session, ctx.workshop.id, data.get("topic_id"))
    if topic.hidden != hidden:
        topic.hidden = hidden
        if hidden:
            # Hiding is the review's "no" too: the topic no longer waits.
            topic.pending = False
            _refund_open_round(ctx, topic.id)
        ctx.session.flush()
        tally = reads.tally_of(ctx.session, ctx.workshop.id, topic.id)
        info = reads.topic_info(topic)
        if hidden:
            turnout = reads.current_turnout(ctx.session, ctx.workshop.id)
            ctx.append(
                rules_of.TopicHidden(topic_id=topic.id, topic=info, tally=tally, turnout=turnout)
            )
        else:
            sealed = reads.totals_hidden_now(ctx.session, ctx.workshop.id)
            ctx.append(rules_of.TopicUnhidden(topic=info, tally=tally, sealed=sealed))
        ctx.refresh(topic.author_id)  # their phone says, kindly, that it was taken off the wall
    return {"topic": _wire(topic)}


@workshop_command(wire="topic.approve", payload=TopicRef, roles=FACILITATOR, permission="moderate")
def approve_topic(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """The facilitator lets a topic that waited for review onto phones and the wall."""
    topic = reads.topic_in(ctx.session, ctx.workshop.id, data.get("topic_id"))
    if topic.pending and not topic.hidden:
        topic.pending = False
        topic.updated_at = utcnow()
        ctx.session.flush()
        ctx.append(rules_of.TopicApproved(reads.topic_info(topic)))
        ctx.refresh(topic.author_id)
    return {"topic": _wire(topic)}


@workshop_command(wire="topic.unmerge", payload=TopicRef, roles=FACILITATOR, permission="run")
def unmerge_topic(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Undo a merge: the duplicate stands on its own again; its dots stay where they went."""
    source_id = data.get("topic_id")
    if isinstance(source_id, bool) or not isinstance(source_id, int):
        raise DomainError("bad_request", field="topic_id")
    source = ctx.session.get(Topic, source_id)
    if source is None or source.workshop_id != ctx.workshop.id or source.merged_into_id is None:
        raise DomainError("not_found")
    target = reads.topic_in(ctx.session, ctx.workshop.id, source.merged_into_id)
    target.description = rules_of.unmerged_description(
        target.description, source.title, source.description
    )
    source.merged_into_id = None
    source.updated_at = target.updated_at = utcnow()
    ctx.session.flush()
    ctx.refresh(source.author_id)
    ctx.refresh(target.author_id)
    shown_source, shown_target = reads.topic_info(source), reads.topic_info(target)
    ctx.append(rules_of.TopicUnmerged(source=shown_source, target=shown_target))
    return {"topic": dataclasses.asdict(shown_source), "target": dataclasses.asdict(shown_target)}


class TopicMerge(Command):
    source_id: int = Field(ge=1, le=MAX_ID)
    target_id: int = Field(ge=1, le=MAX_ID)


@workshop_command(wire="topic.merge", payload=TopicMerge, roles=FACILITATOR, permission="run")
def merge_topics(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Merge a duplicate into another topic; dots follow, above the per-topic cap they return."""
    session = ctx.session
    source = reads.topic_in(session, ctx.workshop.id, data.get("source_id"))
    target = reads.topic_in(session, ctx.workshop.id, data.get("target_id"))
    target_shown = rules_of.is_shown(target.hidden, target.pending)
    rules_of.check_merge(source.id, target.id, target_visible=target_shown)
    rounds = session.scalars(
        sa.select(VotingRound).where(VotingRound.workshop_id == ctx.workshop.id)
    ).all()
    for voting_round in rounds:
        on = _dots_by_participant(ctx, voting_round.id, (source.id, target.id))
        plan = voting_rules.plan_merge(on[source.id], on[target.id], voting_round.max_per_topic)
        if voting_round.status == "open":
            _tell_returned(
                ctx, Counter({pid: back for pid, (_moved, back) in plan.items()}), "merged"
            )
        for participant_id, (moving, _returned) in plan.items():
            vote_ids = session.scalars(
                sa.select(Vote.id)
                .where(
                    Vote.round_id == voting_round.id,
                    Vote.topic_id == source.id,
                    Vote.participant_id == participant_id,
                )
                .order_by(Vote.id)
            ).all()
            session.execute(
                sa.update(Vote).where(Vote.id.in_(vote_ids[:moving])).values(topic_id=target.id)
            )
            session.execute(sa.delete(Vote).where(Vote.id.in_(vote_ids[moving:])))
            ctx.refresh(participant_id)
    target.description = rules_of.merged_description(
        target.description,
        source.title,
        source.description,
        source_visible=rules_of.is_shown(source.hidden, source.pending),
    )
    source.merged_into_id = target.id
    target.updated_at = utcnow()
    session.flush()
    ctx.refresh(source.author_id)
    ctx.refresh(target.author_id)
    tally = reads.tally_of(session, ctx.workshop.id, target.id)
    sealed = reads.totals_hidden_now(session, ctx.workshop.id)
    merged = reads.topic_info(target)
    turnout = reads.current_turnout(session, ctx.workshop.id)
    ctx.append(
        rules_of.TopicMerged(
            source_id=source.id, target=merged, tally=tally, sealed=sealed, turnout=turnout
        )
    )
    return {"target": dataclasses.asdict(merged)}


def _dots_by_participant(
    ctx: Context, round_id: int, topic_ids: tuple[int, ...]
) -> dict[int, Counter[int]]:
    """Per topic: each participant's dots on it in one round."""
    on: dict[int, Counter[int]] = defaultdict(Counter)
    for topic_id, participant_id in ctx.session.execute(
        sa.select(Vote.topic_id, Vote.participant_id).where(
            Vote.round_id == round_id, Vote.topic_id.in_(topic_ids)
        )
    ):
        on[topic_id][participant_id] += 1
    return on


def read_slice(session: sa.orm.Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """The topics part of a snapshot; without view.staff, hidden topics are not there."""
    query = sa.select(Topic).where(Topic.workshop_id == workshop_id, Topic.merged_into_id.is_(None))
    if not view.staff:
        query = query.where(~Topic.hidden, ~Topic.pending)
    rows = session.scalars(query.order_by(Topic.id)).all()
    also = reads.also_titles(session, [t.id for t in rows])
    return {
        "topics": {
            str(t.id): dataclasses.asdict(reads.topic_info(t, also.get(t.id, []))) for t in rows
        }
    }


def withheld_words(session: sa.orm.Session, workshop_id: int, *, staff: bool) -> set[Subject]:
    """The topics whose words a screen must not get again when it syncs: for phones and walls,
    hidden ones and those waiting for review."""
    if staff:
        return set()
    off = sa.select(Topic.id).where(Topic.workshop_id == workshop_id, Topic.hidden | Topic.pending)
    return {("topic", topic_id) for topic_id in session.scalars(off)}
