"""Voices side by side: the dots of a process's workshops joined to each voter's group, for the
domain to compare (domain/voices.py). Read for the coordinator's process page only: nothing of
it goes to a phone, a wall or a socket, and no row leaves this module with a voter in it.

Which dots count: each workshop's last closed round, as its result was announced. A round on
themes counts its dots on themes; a round on topics (an Open Space marketplace) counts each dot
on a shown topic towards the theme that topic was clustered into, so the professionals' Open
Space and the young people's round on themes compare on the same themes. Open rounds are not
counted: a sealed round's totals are not anyone's to see yet.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..domain import voices as rules_of
from ..domain.topics import is_shown
from ..store.db import Database
from ..store.models import Participant, Theme, ThemeTopic, ThemeVote, Topic, Vote, VotingRound


def _last_closed(session: Session, workshop_id: int) -> VotingRound | None:
    return session.scalar(
        sa.select(VotingRound)
        .where(VotingRound.workshop_id == workshop_id, VotingRound.status == "closed")
        .order_by(VotingRound.number.desc())
        .limit(1)
    )


def _dots(session: Session, voting_round: VotingRound) -> list[tuple[str, str, int]]:
    """(theme title, voter's group, voter) for every dot of the round that lands on a theme."""
    if voting_round.scope == "themes":
        rows = session.execute(
            sa.select(Theme.title, Participant.group, ThemeVote.participant_id)
            .join(Theme, Theme.id == ThemeVote.theme_id)
            .join(Participant, Participant.id == ThemeVote.participant_id)
            .where(ThemeVote.round_id == voting_round.id)
        ).all()
        return [(title, group, voter) for title, group, voter in rows]
    rows = session.execute(
        sa.select(Theme.title, Participant.group, Vote.participant_id, Topic.hidden, Topic.pending)
        .join(Topic, Topic.id == Vote.topic_id)
        .join(ThemeTopic, ThemeTopic.topic_id == Topic.id)
        .join(Theme, Theme.id == ThemeTopic.theme_id)
        .join(Participant, Participant.id == Vote.participant_id)
        .where(Vote.round_id == voting_round.id, Theme.workshop_id == voting_round.workshop_id)
    ).all()
    return [
        (title, group, voter)
        for title, group, voter, hidden, pending in rows
        if is_shown(hidden, pending)
    ]


def voices_of(db: Database, workshop_ids: list[int]) -> rules_of.Voices:
    """The groups' priorities over these workshops' themes, the small-group rule applied."""
    titles: dict[str, str] = {}
    dots: list[rules_of.Dot] = []
    with db.read() as session:
        for workshop_id in workshop_ids:
            for (title,) in session.execute(
                sa.select(Theme.title).where(Theme.workshop_id == workshop_id).order_by(Theme.id)
            ):
                titles.setdefault(rules_of.theme_key(title), title)
            voting_round = _last_closed(session, workshop_id)
            if voting_round is None:
                continue
            dots.extend(
                rules_of.Dot(rules_of.theme_key(title), group, voter)
                for title, group, voter in _dots(session, voting_round)
            )
    return rules_of.voices(dots, titles)
