"""Reads every feature shares, and the rows turned into the domain's wire shapes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, object_session

from ..domain import participants as participant_rules
from ..domain import voting as voting_rules
from ..domain.errors import DomainError
from ..domain.messages import Me
from ..domain.participants import ParticipantCounts
from ..domain.topics import TopicInfo
from ..domain.voting import RoundInfo, Turnout
from ..domain.workshops import PHONE_PARTS, WorkshopInfo
from ..store.db import UnitOfWork, iso
from ..store.models import (
    AgendaGoing,
    AgendaHere,
    HeldInput,
    Participant,
    QuestionAnswer,
    ThemeVote,
    Topic,
    Vote,
    VotingRound,
    Workshop,
)


@dataclass(frozen=True)
class SliceView:
    """What a feature's `read_slice(session, workshop_id, view)` is asked for: the same
    signature for every feature, so the snapshot reads every feature it finds (services/sync.py).
    `staff`: the console's view, with hidden, waiting and unpublished things; `so_far`: the
    slices read before this one (a feature that names others in `READ_AFTER` gets theirs)."""

    staff: bool
    so_far: dict[str, Any] = field(default_factory=dict)


def workshop_info(w: Workshop) -> WorkshopInfo:
    """A workshop row as every screen sees it."""
    return WorkshopInfo(
        id=w.id,
        title=w.title,
        theme=w.theme,
        language=w.language,
        dot_budget=w.dot_budget,
        max_per_topic=w.max_per_topic,
        join_code=w.join_code,
        status=w.status,
        review_topics=w.review_topics,
        wall_view=w.wall_view,
        wall_round_id=w.wall_round_id,
        template=w.template,
        ask_nickname=w.ask_nickname,
        ask_organisation=w.ask_organisation,
        ask_age_band=w.ask_age_band,
        opens_at=iso(w.opens_at),
        closes_at=iso(w.closes_at),
        texts=w.texts or {},
        phone_parts=list(w.phone_parts if w.phone_parts is not None else PHONE_PARTS),
    )


def topic_info(t: Topic, also: list[tuple[int, str]] | None = None) -> TopicInfo:
    """A topic row without its author; `also` are the titles merged into it (read them with
    `also_titles` when the caller does not have them)."""
    if also is None:
        session = object_session(t)
        also = also_titles(session, [t.id]).get(t.id, []) if session is not None else []
    return TopicInfo(
        also_ids=[topic_id for topic_id, _title in also],
        id=t.id,
        title=t.title,
        description=t.description,
        hidden=t.hidden,
        created_at=iso(t.created_at),
        updated_at=iso(t.updated_at),
        pending=t.pending,
        also=[title for _topic_id, title in also],
    )


def also_titles(session: Session, topic_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """(id, title) of the shown duplicates merged into each topic, oldest first; a hidden or
    unreviewed duplicate's words stay off the wall here too."""
    if not topic_ids:
        return {}
    rows = session.execute(
        sa.select(Topic.merged_into_id, Topic.id, Topic.title)
        .where(Topic.merged_into_id.in_(topic_ids), ~Topic.hidden, ~Topic.pending)
        .order_by(Topic.id)
    ).all()
    found: dict[int, list[tuple[int, str]]] = {}
    for target_id, topic_id, title in rows:
        found.setdefault(target_id, []).append((topic_id, title))
    return found


def round_info(r: VotingRound | None) -> RoundInfo | None:
    """A voting round row's public fields."""
    if r is None:
        return None
    return RoundInfo(
        id=r.id,
        number=r.number,
        budget=r.budget,
        max_per_topic=r.max_per_topic,
        status=r.status,
        purpose=r.purpose,
        sealed=r.sealed,
        scope=r.scope,
    )


def turnout(session: Session, round_id: int | None, scope: str | None = None) -> tuple[int, int]:
    """How many have put dots in a round, and how many dots there are (`scope`: the round's, when
    the caller knows it, saves reading the table that has none)."""
    if round_id is None:
        return 0, 0
    # A round's dots are all on topics or all on themes: one of the two tables is empty.
    voters, dots = 0, 0
    tables = {"topics": (Vote,), "themes": (ThemeVote,)}.get(scope or "", (Vote, ThemeVote))
    for table in tables:
        more_voters, more_dots = session.execute(
            sa.select(
                sa.func.count(sa.distinct(table.participant_id)), sa.func.count(table.id)
            ).where(table.round_id == round_id)
        ).one()
        voters, dots = voters + more_voters, dots + more_dots
    return voters, dots


def current_turnout(session: Session, workshop_id: int) -> Turnout:
    """The turnout of the workshop's latest round (what events that move dots carry)."""
    latest = latest_round(session, workshop_id)
    voters, dots = turnout(session, latest.id if latest else None)
    return Turnout(voters, dots)


def totals_hidden_now(session: Session, workshop_id: int) -> bool:
    """True while the workshop's current round keeps its totals from phones and the wall."""
    info = round_info(latest_round(session, workshop_id))
    return info is not None and info.totals_hidden


def lock_workshop(uow: UnitOfWork, workshop_id: int) -> Workshop:
    """Load the workshop and lock its row: commands in one workshop run one by one.

    Commands grouped into one transaction (runner.py) lock it once, before their savepoints:
    the row stays locked until the commit, and a savepoint rolled back only expires the object,
    which then reloads."""
    workshop = uow.locked.get(workshop_id)
    if workshop is None:
        workshop = uow.session.scalar(
            uow.lock_for_update(sa.select(Workshop).where(Workshop.id == workshop_id))
        )
        if workshop is None:
            raise DomainError("not_found")
        uow.locked[workshop_id] = workshop
    return workshop


def topic_in(session: Session, workshop_id: int, topic_id: object) -> Topic:
    """A live (not merged away) topic of this workshop, or not_found."""
    if isinstance(topic_id, bool) or not isinstance(topic_id, int):
        raise DomainError("bad_request", field="topic_id")
    topic = session.get(Topic, topic_id)
    if topic is None or topic.workshop_id != workshop_id or topic.merged_into_id is not None:
        raise DomainError("not_found")
    return topic


# The reads every vote makes, built once: SQLAlchemy caches a statement's compiled SQL, but
# building the statement object (coercing each column and comparison) cost about as much as
# running it on SQLite (benchmarks/vote_cost.py), and a vote's transaction is the serial part of
# a burst. The values go in as bound parameters at execution.
_LATEST_ROUND = (
    sa.select(VotingRound)
    .where(VotingRound.workshop_id == sa.bindparam("workshop_id"))
    .order_by(VotingRound.number.desc())
    .limit(1)
)
_TOPIC_TALLY = sa.select(
    sa.func.count(sa.case((Vote.topic_id == sa.bindparam("topic_id"), Vote.id))),
    sa.func.count(sa.distinct(Vote.participant_id)),
    sa.func.count(Vote.id),
).where(Vote.round_id == sa.bindparam("round_id"))
_MY_VOTES = sa.select(Vote.topic_id).where(
    Vote.round_id == sa.bindparam("round_id"),
    Vote.participant_id == sa.bindparam("participant_id"),
)


def latest_round(session: Session, workshop_id: int) -> VotingRound | None:
    """The workshop's newest voting round (open or closed), if any."""
    return session.scalar(_LATEST_ROUND, {"workshop_id": workshop_id})


def topic_total(session: Session, round_id: int | None, topic_id: int) -> int:
    """Dots on one topic in one round."""
    if round_id is None:
        return 0
    return session.scalar(
        sa.select(sa.func.count(Vote.id)).where(
            Vote.round_id == round_id, Vote.topic_id == topic_id
        )
    )


def topic_tally(session: Session, round_id: int, topic_id: int) -> tuple[int, int, int]:
    """Dots on one topic in a round on topics, and the round's voters and dots: one statement
    where `topic_total` and `turnout` take two (a vote's transaction is the serial part of a
    burst)."""
    total, voters, dots = session.execute(
        _TOPIC_TALLY, {"round_id": round_id, "topic_id": topic_id}
    ).one()
    return total, voters, dots


def tally_of(session: Session, workshop_id: int, *topic_ids: int) -> dict[str, int]:
    """The topics' totals in the latest round, as events carry them."""
    latest = latest_round(session, workshop_id)
    round_id = latest.id if latest else None
    return {str(tid): topic_total(session, round_id, tid) for tid in topic_ids}


def round_totals(session: Session, round_id: int) -> dict[int, int]:
    """Dots per topic in a round (topics without dots are absent)."""
    return dict(
        session.execute(
            sa.select(Vote.topic_id, sa.func.count(Vote.id))
            .where(Vote.round_id == round_id)
            .group_by(Vote.topic_id)
        ).all()
    )


def participant_counts(session: Session, workshop_id: int) -> ParticipantCounts:
    """How many joined, per group."""
    rows = session.execute(
        sa.select(Participant.group, sa.func.count(Participant.id))
        .where(Participant.workshop_id == workshop_id)
        .group_by(Participant.group)
    ).all()
    return participant_rules.counts((group, n) for group, n in rows)


def my_votes(session: Session, round_id: int, participant_id: int) -> Counter[int]:
    """One participant's dots per topic in one round."""
    return Counter(
        session.scalars(_MY_VOTES, {"round_id": round_id, "participant_id": participant_id}).all()
    )


def my_theme_votes(session: Session, round_id: int, participant_id: int) -> Counter[int]:
    """One participant's dots per theme in one round (a round on themes)."""
    return Counter(
        session.scalars(
            sa.select(ThemeVote.theme_id).where(
                ThemeVote.round_id == round_id, ThemeVote.participant_id == participant_id
            )
        ).all()
    )


def theme_round_totals(session: Session, round_id: int) -> dict[int, int]:
    """Dots per theme in a round on themes (themes without dots are absent)."""
    return dict(
        session.execute(
            sa.select(ThemeVote.theme_id, sa.func.count(ThemeVote.id))
            .where(ThemeVote.round_id == round_id, ThemeVote.theme_id.is_not(None))
            .group_by(ThemeVote.theme_id)
        ).all()
    )


def me_state(session: Session, workshop_id: int, participant_id: int) -> Me:
    """A participant's private state: profile, own topics, dots in the latest round."""
    found = me_states(session, {(workshop_id, participant_id)})
    if (workshop_id, participant_id) not in found:
        raise DomainError("not_joined")
    return found[(workshop_id, participant_id)]


def me_states(session: Session, keys: set[tuple[int, int]]) -> dict[tuple[int, int], Me]:
    """The private state of many participants, (workshop_id, participant_id) -> Me, in a few
    queries for all of them (a group of commands touches dozens at once); a participant who is
    gone, or not of that workshop, is left out."""
    wanted = {participant_id: workshop_id for workshop_id, participant_id in keys}
    if not wanted:
        return {}
    ids = sorted(wanted)
    people = {
        p.id: p
        for p in session.scalars(sa.select(Participant).where(Participant.id.in_(ids)))
        if wanted.get(p.id) == p.workshop_id
    }
    own: dict[int, list[Any]] = {pid: [] for pid in people}
    for row in session.execute(
        sa.select(Topic.author_id, Topic.id, Topic.hidden, Topic.pending, Topic.title)
        .where(Topic.author_id.in_(ids), Topic.merged_into_id.is_(None))
        .order_by(Topic.id)
    ):
        if row.author_id in own:
            own[row.author_id].append(row)
    held: dict[int, list[dict[str, Any]]] = {pid: [] for pid in people}
    for row in session.execute(
        sa.select(HeldInput.participant_id, HeldInput.id, HeldInput.kind, HeldInput.words)
        .where(HeldInput.participant_id.in_(ids))
        .order_by(HeldInput.id)
    ):
        if row.participant_id in held:
            # A photo's words are its file's name: the phone says "a photo" instead.
            words = {} if row.kind == "photo" else row.words
            held[row.participant_id].append({"id": row.id, "kind": row.kind, "words": words})
    latest = {wid: latest_round(session, wid) for wid in sorted({wanted[p] for p in people})}
    votes: dict[int, Counter[int]] = {pid: Counter() for pid in people}
    on_themes: dict[int, Counter[int]] = {pid: Counter() for pid in people}
    round_ids = sorted(r.id for r in latest.values() if r is not None)
    if round_ids:
        for table, column, into in (
            (Vote, Vote.topic_id, votes),
            (ThemeVote, ThemeVote.theme_id, on_themes),
        ):
            for participant_id, target in session.execute(
                sa.select(table.participant_id, column).where(
                    table.round_id.in_(round_ids), table.participant_id.in_(ids)
                )
            ):
                if participant_id in into:
                    into[participant_id][target] += 1
    going: dict[int, list[int]] = {pid: [] for pid in people}
    for participant_id, session_id in session.execute(
        sa.select(AgendaGoing.participant_id, AgendaGoing.session_id)
        .where(AgendaGoing.participant_id.in_(ids))
        .order_by(AgendaGoing.session_id)
    ):
        if participant_id in going:
            going[participant_id].append(session_id)
    here = dict(
        session.execute(
            sa.select(AgendaHere.participant_id, AgendaHere.session_id).where(
                AgendaHere.participant_id.in_(ids)
            )
        ).all()
    )
    answers: dict[int, dict[str, str]] = {pid: {} for pid in people}
    for participant_id, question_id, answer in session.execute(
        sa.select(QuestionAnswer.participant_id, QuestionAnswer.question_id, QuestionAnswer.answer)
        .where(QuestionAnswer.participant_id.in_(ids))
        .order_by(QuestionAnswer.question_id)
    ):
        if participant_id in answers:
            answers[participant_id][str(question_id)] = answer
    states = {}
    for pid, participant in people.items():
        current = latest[participant.workshop_id]
        mine, mine_on_themes = votes[pid], on_themes[pid]
        states[(participant.workshop_id, pid)] = Me(
            participant_id=participant.id,
            nickname=participant.nickname,
            group=participant.group,
            organisation=participant.organisation,
            topic_ids=[row.id for row in own[pid]],
            hidden_topic_ids=[row.id for row in own[pid] if row.hidden],
            # Their own words, to their own phone only: what waits for the organiser's review.
            waiting_topics=[
                {"id": row.id, "title": row.title}
                for row in own[pid]
                if row.pending and not row.hidden
            ],
            waiting_inputs=held[pid],
            round_id=current.id if current else None,
            votes={str(k): v for k, v in sorted(mine.items())},
            dots_left=voting_rules.dots_left(
                round_info(current), sum(mine.values()) + sum(mine_on_themes.values())
            ),
            theme_votes={str(k): v for k, v in sorted(mine_on_themes.items())},
            going=going[pid],
            here=here.get(pid),
            answers=answers[pid],
        )
    return states
