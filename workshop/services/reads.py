"""Reads every feature shares, and the rows turned into the domain's wire shapes."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa
from sqlalchemy.orm import Session, object_session

from ..domain import participants as participant_rules
from ..domain import voting as voting_rules
from ..domain.errors import DomainError
from ..domain.messages import Me
from ..domain.participants import ParticipantCounts
from ..domain.topics import TopicInfo
from ..domain.voting import RoundInfo, Turnout
from ..domain.workshops import WorkshopInfo
from ..store.db import UnitOfWork, iso
from ..store.models import (
    AgendaGoing,
    AgendaHere,
    Participant,
    ThemeVote,
    Topic,
    Vote,
    VotingRound,
    Workshop,
)


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


def turnout(session: Session, round_id: int | None) -> tuple[int, int]:
    """How many have put dots in a round, and how many dots there are."""
    if round_id is None:
        return 0, 0
    # A round's dots are all on topics or all on themes: one of the two tables is empty.
    voters, dots = 0, 0
    for table in (Vote, ThemeVote):
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
    """Load the workshop and lock its row: commands in one workshop run one by one."""
    workshop = uow.session.scalar(
        uow.lock_for_update(sa.select(Workshop).where(Workshop.id == workshop_id))
    )
    if workshop is None:
        raise DomainError("not_found")
    return workshop


def topic_in(session: Session, workshop_id: int, topic_id: object) -> Topic:
    """A live (not merged away) topic of this workshop, or not_found."""
    if isinstance(topic_id, bool) or not isinstance(topic_id, int):
        raise DomainError("bad_request", field="topic_id")
    topic = session.get(Topic, topic_id)
    if topic is None or topic.workshop_id != workshop_id or topic.merged_into_id is not None:
        raise DomainError("not_found")
    return topic


def latest_round(session: Session, workshop_id: int) -> VotingRound | None:
    """The workshop's newest voting round (open or closed), if any."""
    return session.scalar(
        sa.select(VotingRound)
        .where(VotingRound.workshop_id == workshop_id)
        .order_by(VotingRound.number.desc())
        .limit(1)
    )


def topic_total(session: Session, round_id: int | None, topic_id: int) -> int:
    """Dots on one topic in one round."""
    if round_id is None:
        return 0
    return session.scalar(
        sa.select(sa.func.count(Vote.id)).where(
            Vote.round_id == round_id, Vote.topic_id == topic_id
        )
    )


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
        session.scalars(
            sa.select(Vote.topic_id).where(
                Vote.round_id == round_id, Vote.participant_id == participant_id
            )
        ).all()
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
    participant = session.get(Participant, participant_id)
    if participant is None or participant.workshop_id != workshop_id:
        raise DomainError("not_joined")
    own = session.execute(
        sa.select(Topic.id, Topic.hidden, Topic.pending, Topic.title).where(
            Topic.author_id == participant_id, Topic.merged_into_id.is_(None)
        )
    ).all()
    latest = latest_round(session, workshop_id)
    votes: Counter[int] = Counter()
    on_themes: Counter[int] = Counter()
    if latest is not None:
        votes = my_votes(session, latest.id, participant_id)
        on_themes = my_theme_votes(session, latest.id, participant_id)
    return Me(
        participant_id=participant.id,
        nickname=participant.nickname,
        group=participant.group,
        organisation=participant.organisation,
        topic_ids=sorted(row.id for row in own),
        hidden_topic_ids=sorted(row.id for row in own if row.hidden),
        # Their own words, to their own phone only: what waits for the organiser's review.
        waiting_topics=[
            {"id": row.id, "title": row.title}
            for row in sorted(own, key=lambda row: row.id)
            if row.pending and not row.hidden
        ],
        round_id=latest.id if latest else None,
        votes={str(k): v for k, v in sorted(votes.items())},
        dots_left=voting_rules.dots_left(
            round_info(latest), sum(votes.values()) + sum(on_themes.values())
        ),
        theme_votes={str(k): v for k, v in sorted(on_themes.items())},
        going=list(
            session.scalars(
                sa.select(AgendaGoing.session_id)
                .where(AgendaGoing.participant_id == participant_id)
                .order_by(AgendaGoing.session_id)
            )
        ),
        here=session.scalar(
            sa.select(AgendaHere.session_id).where(AgendaHere.participant_id == participant_id)
        ),
    )
