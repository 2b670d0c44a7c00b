"""Dot-voting: open and close rounds, put a dot on a topic and take it back, the ranking."""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any

import sqlalchemy as sa
from pydantic import Field
from sqlalchemy.orm import InstrumentedAttribute

from ..domain import rules
from ..domain import topics as topic_rules
from ..domain import voting as rules_of
from ..domain.errors import DomainError
from ..domain.workshops import require_open
from ..store.models import Participant, Theme, Topic, Vote, VotingRound, utcnow
from . import reads
from .reads import SliceView
from .runner import FACILITATOR, PARTICIPANT, Context, workshop_command
from .wire import MAX_ID, Command, Plain, TopicRef


def _round_wire(voting_round: VotingRound) -> dict[str, Any]:
    return dataclasses.asdict(reads.round_info(voting_round))


def _refresh_everyone(ctx: Context) -> None:
    for participant_id in ctx.session.scalars(
        sa.select(Participant.id).where(Participant.workshop_id == ctx.workshop.id)
    ):
        ctx.refresh(participant_id)


# Budgets are range-checked by the domain, which answers with the clearer `invalid_budget`.
class RoundOpen(Command):
    budget: int | None = Field(default=None, ge=-MAX_ID, le=MAX_ID)
    max_per_topic: int | None = Field(default=None, ge=-MAX_ID, le=MAX_ID)
    purpose: str | None = None
    sealed: bool | None = None
    scope: str | None = Field(default=None, max_length=10)


@workshop_command(
    wire="round.open", payload=RoundOpen, roles=FACILITATOR, permission="run", open_only=True
)
def open_round(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Open a dot-voting round; budget and cap default to the workshop's."""
    budget, cap = rules.check_budget(
        data.get("budget", ctx.workshop.dot_budget),
        data.get("max_per_topic", ctx.workshop.max_per_topic),
    )
    purpose = rules_of.check_purpose(data.get("purpose", ""))
    sealed = data.get("sealed", True)
    if not isinstance(sealed, bool):
        raise DomainError("bad_request", field="sealed")
    latest = reads.latest_round(ctx.session, ctx.workshop.id)
    if latest is not None and latest.status == "open":
        raise DomainError("round_already_open")
    themes_now = ctx.session.scalar(
        sa.select(sa.func.count(Theme.id)).where(Theme.workshop_id == ctx.workshop.id)
    )
    scope = rules_of.check_scope(data.get("scope", "topics"), themes_now=themes_now)
    voting_round = VotingRound(
        scope=scope,
        workshop_id=ctx.workshop.id,
        number=(latest.number + 1) if latest else 1,
        purpose=purpose,
        budget=budget,
        max_per_topic=cap,
        sealed=sealed,
    )
    ctx.session.add(voting_round)
    ctx.session.flush()
    ctx.append(rules_of.RoundOpened(reads.round_info(voting_round)))
    _refresh_everyone(ctx)
    return {"round": _round_wire(voting_round)}


def _results(ctx_session: sa.orm.Session, workshop_id: int, round_id: int) -> list[Any]:
    # The announced ranking is everyone's: never a hidden topic, nor one still waiting for
    # review (its id once reached every phone in `round.closed`, its line every report).
    visible = ctx_session.scalars(
        sa.select(Topic.id).where(
            Topic.workshop_id == workshop_id,
            Topic.merged_into_id.is_(None),
            ~Topic.hidden,
            ~Topic.pending,
        )
    ).all()
    counted = reads.round_totals(ctx_session, round_id)
    return rules_of.results({topic_id: counted.get(topic_id, 0) for topic_id in visible})


def _theme_results(session: sa.orm.Session, workshop_id: int, round_id: int) -> list[Any]:
    themes = session.scalars(sa.select(Theme.id).where(Theme.workshop_id == workshop_id)).all()
    counted = reads.theme_round_totals(session, round_id)
    return rules_of.theme_results({theme_id: counted.get(theme_id, 0) for theme_id in themes})


def close_open_round(ctx: Context) -> list[Any] | None:
    """Close the workshop's open round, if there is one; returns its ranking."""
    latest = reads.latest_round(ctx.session, ctx.workshop.id)
    if latest is None or latest.status != "open":
        return None
    latest.status, latest.closed_at = "closed", utcnow()
    if latest.scope == "themes":
        ranked = _theme_results(ctx.session, ctx.workshop.id, latest.id)
        latest.results = [dataclasses.asdict(entry) for entry in ranked]
        ctx.session.flush()
        ctx.append(rules_of.RoundClosed(reads.round_info(latest), [], theme_results=ranked))
        _refresh_everyone(ctx)
        return ranked
    results = _results(ctx.session, ctx.workshop.id, latest.id)
    latest.results = [dataclasses.asdict(entry) for entry in results]
    ctx.session.flush()
    ctx.append(rules_of.RoundClosed(reads.round_info(latest), results))
    _refresh_everyone(ctx)
    return results


@workshop_command(wire="round.close", payload=Plain, roles=FACILITATOR, permission="run")
def close_round(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Close the open round; the ranking (ties sharing a rank) goes to every screen."""
    results = close_open_round(ctx)
    if results is None:
        raise DomainError("no_open_round")
    latest = reads.latest_round(ctx.session, ctx.workshop.id)
    return {
        "round": _round_wire(latest),
        "results": [dataclasses.asdict(entry) for entry in results],
    }


@workshop_command(wire="round.reveal", payload=Plain, roles=FACILITATOR, permission="run")
def reveal_round(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Show a sealed round's totals on every screen before closing it; live from then on."""
    latest = reads.latest_round(ctx.session, ctx.workshop.id)
    rules_of.require_open_round(reads.round_info(latest))
    if latest.sealed:
        latest.sealed = False
        ctx.session.flush()
        totals = (
            reads.theme_round_totals(ctx.session, latest.id)
            if latest.scope == "themes"
            else reads.round_totals(ctx.session, latest.id)
        )
        tally = rules_of.tally_entries(totals)
        ctx.append(rules_of.RoundRevealed(reads.round_info(latest), tally))
    return {"round": _round_wire(latest)}


# Built once (reads.py says why); the values are bound at execution.
_INSERT_VOTE = sa.insert(Vote.__table__)


def _counted(
    ctx: Context,
    kind: type[Any],
    round_info: rules_of.RoundInfo,
    topic_id: int,
    mine: Counter[int] | None = None,
) -> dict[str, Any]:
    """After a dot went on or came off: log the topic's new total with the round's turnout, and
    answer the voter. One count of each, inside the workshop lock, so totals and seq numbers
    rise together."""
    total, voters, dots = reads.topic_tally(ctx.session, round_info.id, topic_id)
    sealed = round_info.totals_hidden
    ctx.append(kind(round_info.id, topic_id, total, voters=voters, dots=dots, sealed=sealed))
    if mine is None:
        mine = reads.my_votes(ctx.session, round_info.id, ctx.actor.id)
    ctx.refresh(ctx.actor.id)
    return {
        "topic_id": topic_id,
        # The voter is a participant too: a sealed round tells them no totals either.
        "total": None if sealed else total,
        "mine": mine[topic_id],
        "dots_left": rules_of.dots_left(round_info, sum(mine.values())),
    }


@workshop_command(
    wire="vote.add",
    payload=TopicRef,
    category="votes",
    roles=PARTICIPANT,
    secret_answer=True,
    takes_input="dot",
)
def add_vote(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Spend one dot on a topic, within the round's budget and per-topic cap.

    The budget holds under concurrency because the whole check-and-insert runs under the
    workshop row lock (PostgreSQL) or the single SQLite writer (BEGIN IMMEDIATE).
    """
    require_open(ctx.workshop.status)
    latest = reads.round_info(reads.latest_round(ctx.session, ctx.workshop.id))
    rules_of.require_scope(rules_of.require_open_round(latest), "topics")
    topic = reads.topic_in(ctx.session, ctx.workshop.id, data.get("topic_id"))
    mine = reads.my_votes(ctx.session, latest.id, ctx.actor.id)
    voting_round = rules_of.decide_vote(
        open_round=latest,
        topic_hidden=not topic_rules.is_shown(topic.hidden, topic.pending),
        mine=mine,
        topic_id=topic.id,
    )
    ctx.session.execute(
        _INSERT_VOTE,
        {"round_id": voting_round.id, "participant_id": ctx.actor.id, "topic_id": topic.id},
    )
    mine[topic.id] += 1
    return _counted(ctx, rules_of.VoteCast, voting_round, topic.id, mine)


@workshop_command(
    wire="vote.remove",
    payload=TopicRef,
    category="votes",
    roles=PARTICIPANT,
    secret_answer=True,
    takes_input="dot",
)
def remove_vote(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Take one of your dots back from a topic while the round is open."""
    require_open(ctx.workshop.status)
    voting_round = rules_of.require_open_round(
        reads.round_info(reads.latest_round(ctx.session, ctx.workshop.id))
    )
    topic = reads.topic_in(ctx.session, ctx.workshop.id, data.get("topic_id"))
    take_back_one_dot(ctx, Vote.topic_id, voting_round.id, topic.id)
    return _counted(ctx, rules_of.VoteRetracted, voting_round, topic.id)


def take_back_one_dot(
    ctx: Context, target: InstrumentedAttribute[int], round_id: int, target_id: int
) -> None:
    """Delete one of the sender's dots on `target_id` in the round. `target` is the dot table's
    column for what was dotted (`Vote.topic_id`, `ThemeVote.theme_id`): both dot tables have
    this shape, and a take-back must refuse the same way on both."""
    table: Any = target.class_
    vote_id = ctx.session.scalar(
        sa.select(table.id)
        .where(
            table.round_id == round_id,
            table.participant_id == ctx.actor.id,
            target == target_id,
        )
        .limit(1)
    )
    if vote_id is None:
        raise DomainError("nothing_to_take_back")
    ctx.session.execute(sa.delete(table).where(table.id == vote_id))


# The snapshot reads the topics first: a round's totals count only the topics a screen shows.
READ_AFTER = ("topics",)


def read_slice(session: sa.orm.Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """The voting part of a snapshot: every round with its result, the current one, its turnout
    and the totals of the topics in `view.so_far` (none for phones and walls while it is sealed)."""
    rounds = session.scalars(
        sa.select(VotingRound)
        .where(VotingRound.workshop_id == workshop_id)
        .order_by(VotingRound.number)
    ).all()
    history = [
        {
            **dataclasses.asdict(reads.round_info(r)),
            "results": r.results if r.status == "closed" else None,
        }
        for r in rounds
    ]
    latest = rounds[-1] if rounds else None
    info = reads.round_info(latest)
    on_themes = latest is not None and latest.scope == "themes"
    totals = reads.round_totals(session, latest.id) if latest and not on_themes else {}
    shown = {
        topic_id: n for topic_id, n in totals.items() if str(topic_id) in view.so_far["topics"]
    }
    theme_totals = reads.theme_round_totals(session, latest.id) if on_themes else {}
    voters, dots = reads.turnout(session, latest.id if latest else None)
    return {
        "round": dataclasses.asdict(info) if info else None,
        "rounds": history,
        "tally": rules_of.shown_tally(info, rules_of.tally_entries(shown), staff=view.staff),
        "theme_tally": rules_of.shown_tally(
            info, rules_of.tally_entries(theme_totals), staff=view.staff
        ),
        "turnout": {"voters": voters, "dots": dots},
    }
