"""Themes: create, edit (title, problem statement, initiator), cluster topics in and out,
delete; and `themes_for_report`, the plain read the report builder uses."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from pydantic import ConfigDict, Field

from ..domain import themes as rules_of
from ..domain import topics as topic_rules
from ..domain import voting as voting_rules
from ..domain.errors import DomainError
from ..domain.workshops import require_open
from ..store.db import Database
from ..store.models import Idea, Theme, ThemeTopic, ThemeVote, Topic, VotingRound
from . import reads
from .reads import SliceView
from .runner import FACILITATOR, PARTICIPANT, Context, workshop_command
from .voting import take_back_one_dot
from .wire import MAX_ID, Command, TopicRef


def theme_info(session: sa.orm.Session, theme: Theme) -> rules_of.ThemeInfo:
    """A theme row with its source topics' ids, in the order they were clustered."""
    topic_ids = session.scalars(
        sa.select(ThemeTopic.topic_id)
        .where(ThemeTopic.theme_id == theme.id)
        .order_by(ThemeTopic.id)
    ).all()
    return rules_of.ThemeInfo(
        id=theme.id,
        title=theme.title,
        statement=theme.statement,
        initiator=theme.initiator,
        topic_ids=list(topic_ids),
    )


def theme_in(session: sa.orm.Session, workshop_id: int, theme_id: object) -> Theme:
    """A theme of this workshop, or not_found."""
    if isinstance(theme_id, bool) or not isinstance(theme_id, int):
        raise DomainError("bad_request", field="theme_id")
    theme = session.get(Theme, theme_id)
    if theme is None or theme.workshop_id != workshop_id:
        raise DomainError("not_found")
    return theme


def _wire(ctx: Context, theme: Theme) -> dict[str, Any]:
    return dataclasses.asdict(theme_info(ctx.session, theme))


class ThemeCreate(Command):
    title: str
    statement: str | None = None
    initiator: str | None = None


@workshop_command(wire="theme.create", payload=ThemeCreate, roles=FACILITATOR, permission="run")
def create_theme(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Create a theme with a title (and, optionally, its statement and initiator)."""
    fields = rules_of.clean_theme(data)
    count = ctx.session.scalar(
        sa.select(sa.func.count(Theme.id)).where(Theme.workshop_id == ctx.workshop.id)
    )
    rules_of.check_room_for_theme(count)
    theme = Theme(workshop_id=ctx.workshop.id, **fields)
    ctx.session.add(theme)
    ctx.session.flush()
    info = theme_info(ctx.session, theme)
    ctx.append(rules_of.ThemeCreated(info))
    return {"theme": dataclasses.asdict(info)}


class ThemeRef(Command):
    theme_id: int = Field(ge=1, le=MAX_ID)


class ThemeEdit(ThemeRef):
    title: str | None = None
    statement: str | None = None
    initiator: str | None = None


@workshop_command(wire="theme.edit", payload=ThemeEdit, roles=FACILITATOR, permission="run")
def edit_theme(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Change a theme's title, problem statement or initiator (fields left out stay)."""
    theme = theme_in(ctx.session, ctx.workshop.id, data.get("theme_id"))
    fields = rules_of.clean_theme(data, theme_info(ctx.session, theme))
    for name, value in fields.items():
        setattr(theme, name, value)
    ctx.session.flush()
    info = theme_info(ctx.session, theme)
    ctx.append(rules_of.ThemeEdited(info))
    return {"theme": dataclasses.asdict(info)}


class ThemeTopicRef(ThemeRef):
    # `ThemeTopic` in the schema, the name it had before the move; the row is the store's.
    model_config = ConfigDict(title="ThemeTopic")

    topic_id: int = Field(ge=1, le=MAX_ID)


@workshop_command(
    wire="theme.add_topic", payload=ThemeTopicRef, roles=FACILITATOR, permission="run"
)
def add_topic(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Cluster a topic into a theme; it leaves the theme it was in. The topic is unchanged."""
    theme = theme_in(ctx.session, ctx.workshop.id, data.get("theme_id"))
    topic = reads.topic_in(ctx.session, ctx.workshop.id, data.get("topic_id"))
    current = ctx.session.scalar(sa.select(ThemeTopic).where(ThemeTopic.topic_id == topic.id))
    if current is not None and current.theme_id == theme.id:
        return {"theme": _wire(ctx, theme)}
    if current is not None:
        ctx.session.delete(current)
        ctx.session.flush()
    ctx.session.add(ThemeTopic(theme_id=theme.id, topic_id=topic.id))
    ctx.session.flush()
    ctx.append(rules_of.ThemeTopicAdded(theme_id=theme.id, topic_id=topic.id))
    return {"theme": _wire(ctx, theme)}


@workshop_command(wire="theme.remove_topic", payload=TopicRef, roles=FACILITATOR, permission="run")
def remove_topic(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Take a topic out of its theme again."""
    topic_id = data.get("topic_id")
    if isinstance(topic_id, bool) or not isinstance(topic_id, int):
        raise DomainError("bad_request", field="topic_id")
    row = ctx.session.scalar(
        sa.select(ThemeTopic)
        .join(Theme, Theme.id == ThemeTopic.theme_id)
        .where(ThemeTopic.topic_id == topic_id, Theme.workshop_id == ctx.workshop.id)
    )
    if row is None:
        raise DomainError("not_found")
    theme_id = row.theme_id
    ctx.session.delete(row)
    ctx.session.flush()
    ctx.append(rules_of.ThemeTopicRemoved(theme_id=theme_id, topic_id=topic_id))
    return {"theme_id": theme_id, "topic_id": topic_id}


@workshop_command(wire="theme.delete", payload=ThemeRef, roles=FACILITATOR, permission="run")
def delete_theme(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Delete a theme: its topics are unclustered (unchanged), its ideas are deleted."""
    theme = theme_in(ctx.session, ctx.workshop.id, data.get("theme_id"))
    latest = reads.round_info(reads.latest_round(ctx.session, ctx.workshop.id))
    if latest is not None and latest.status == "open" and latest.scope == "themes":
        # Its dots would vanish from people's budgets mid-round without a word.
        raise DomainError("theme_in_round")
    doomed = set(ctx.session.scalars(sa.select(Idea.id).where(Idea.theme_id == theme.id)))
    _forget_ideas(ctx, doomed)
    ctx.session.execute(sa.delete(Idea).where(Idea.theme_id == theme.id))
    ctx.session.execute(sa.delete(ThemeTopic).where(ThemeTopic.theme_id == theme.id))
    # Its dots in closed rounds stay counted in their turnout, without the theme.
    ctx.session.execute(
        sa.update(ThemeVote).where(ThemeVote.theme_id == theme.id).values(theme_id=None)
    )
    ctx.session.delete(theme)
    ctx.session.flush()
    ctx.append(rules_of.ThemeDeleted(theme_id=theme.id))
    return {"theme_id": theme.id}


# --- dots on themes (a round on themes, Define) ---------------------------------------------


def _counted(ctx: Context, kind: type[Any], round_info: Any, theme_id: int) -> dict[str, Any]:
    """After a dot went on or came off a theme: log its new total with the round's turnout, and
    answer the voter (like a topic's, inside the workshop lock)."""
    total = reads.theme_round_totals(ctx.session, round_info.id).get(theme_id, 0)
    voters, dots = reads.turnout(ctx.session, round_info.id, round_info.scope)
    sealed = round_info.totals_hidden
    ctx.append(kind(round_info.id, theme_id, total, voters=voters, dots=dots, sealed=sealed))
    mine = reads.my_theme_votes(ctx.session, round_info.id, ctx.actor.id)
    ctx.refresh(ctx.actor.id)
    return {
        "theme_id": theme_id,
        "total": None if sealed else total,
        "mine": mine[theme_id],
        "dots_left": voting_rules.dots_left(round_info, sum(mine.values())),
    }


def _open_theme_round(ctx: Context) -> Any:
    require_open(ctx.workshop.status)
    latest = voting_rules.require_open_round(
        reads.round_info(reads.latest_round(ctx.session, ctx.workshop.id))
    )
    voting_rules.require_scope(latest, "themes")
    return latest


@workshop_command(
    wire="theme.vote",
    payload=ThemeRef,
    category="votes",
    roles=PARTICIPANT,
    secret_answer=True,
    takes_input="dot",
)
def add_dot(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Spend one dot on a theme in a round on themes, within the budget and the per-item cap
    (checked under the workshop lock, as for topics)."""
    voting_round = _open_theme_round(ctx)
    theme = theme_in(ctx.session, ctx.workshop.id, data.get("theme_id"))
    mine = reads.my_theme_votes(ctx.session, voting_round.id, ctx.actor.id)
    voting_rules.check_vote(
        spent=sum(mine.values()),
        on_topic=mine.get(theme.id, 0),
        budget=voting_round.budget,
        max_per_topic=voting_round.max_per_topic,
    )
    ctx.session.add(
        ThemeVote(round_id=voting_round.id, participant_id=ctx.actor.id, theme_id=theme.id)
    )
    ctx.session.flush()
    return _counted(ctx, rules_of.ThemeDotAdded, voting_round, theme.id)


@workshop_command(
    wire="theme.unvote",
    payload=ThemeRef,
    category="votes",
    roles=PARTICIPANT,
    secret_answer=True,
    takes_input="dot",
)
def remove_dot(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Take one of your dots back from a theme while the round on themes is open."""
    voting_round = _open_theme_round(ctx)
    theme = theme_in(ctx.session, ctx.workshop.id, data.get("theme_id"))
    take_back_one_dot(ctx, ThemeVote.theme_id, voting_round.id, theme.id)
    return _counted(ctx, rules_of.ThemeDotRemoved, voting_round, theme.id)


def _forget_ideas(ctx: Context, idea_ids: set[int]) -> None:
    """Deleted ideas' words must not live on in the log that later syncs and exports read."""
    ctx.forget_words({("idea", idea_id) for idea_id in idea_ids})


def read_slice(session: sa.orm.Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """The themes part of a snapshot: the same for every screen (ids only, no topic words)."""
    themes = session.scalars(
        sa.select(Theme).where(Theme.workshop_id == workshop_id).order_by(Theme.id)
    ).all()
    return {"themes": {str(t.id): dataclasses.asdict(theme_info(session, t)) for t in themes}}


# --- the plain read for the report builder ---------------------------------------------------


@dataclass(frozen=True)
class SourceTopic:
    """A topic a theme came from, with its words as they stand."""

    id: int
    title: str
    description: str


@dataclass(frozen=True)
class ReportIdea:
    """A shown idea under a theme."""

    id: int
    text: str
    detail: str
    low_hanging: bool


@dataclass(frozen=True)
class ReportTheme:
    """A theme for the report: hidden or unreviewed source topics and hidden ideas left out."""

    id: int
    title: str
    statement: str
    initiator: str
    sources: list[SourceTopic] = field(default_factory=list)
    ideas: list[ReportIdea] = field(default_factory=list)

    @property
    def low_hanging(self) -> list[ReportIdea]:
        """The theme's ideas marked low-hanging fruit."""
        return [idea for idea in self.ideas if idea.low_hanging]


@dataclass(frozen=True)
class ThemeRankLine:
    """One line of a round on themes: `title` is None for a theme deleted since."""

    rank: int
    theme_id: int
    title: str | None
    total: int


@dataclass(frozen=True)
class ThemeRound:
    """A closed round on themes with its ranking as announced."""

    number: int
    purpose: str
    budget: int
    max_per_topic: int
    lines: list[ThemeRankLine]


@dataclass(frozen=True)
class ThemesReport:
    """What Define and Develop produced: the phase the workshop is in, its themes, and the
    rounds that prioritised them."""

    phase: str
    themes: list[ReportTheme]
    rounds: list[ThemeRound] = field(default_factory=list)


def themes_for_report(db: Database, workshop_id: int) -> ThemesReport:
    """Themes with title, statement, initiator, shown source topics and shown ideas, in the
    order they were created; nothing a phone could not see."""
    from . import phases  # the one read of the phase

    with db.read() as session:
        phase = phases.current(session, workshop_id)
        themes = session.scalars(
            sa.select(Theme).where(Theme.workshop_id == workshop_id).order_by(Theme.id)
        ).all()
        out = []
        for theme in themes:
            info = theme_info(session, theme)
            topics = {
                t.id: t
                for t in session.scalars(sa.select(Topic).where(Topic.id.in_(info.topic_ids)))
            }
            sources = [
                SourceTopic(t.id, t.title, t.description)
                for topic_id in info.topic_ids
                if (t := topics.get(topic_id)) is not None
                and t.workshop_id == workshop_id
                and topic_rules.is_shown(t.hidden, t.pending)
            ]
            ideas = [
                ReportIdea(i.id, i.text, i.detail, i.low_hanging)
                for i in session.scalars(
                    sa.select(Idea).where(Idea.theme_id == theme.id, ~Idea.hidden).order_by(Idea.id)
                )
            ]
            out.append(
                ReportTheme(theme.id, theme.title, theme.statement, theme.initiator, sources, ideas)
            )
        titles = {theme.id: theme.title for theme in themes}
        rounds = [
            ThemeRound(
                number=r.number,
                purpose=r.purpose,
                budget=r.budget,
                max_per_topic=r.max_per_topic,
                lines=[
                    ThemeRankLine(
                        line["rank"], line["theme_id"], titles.get(line["theme_id"]), line["total"]
                    )
                    for line in r.results or []
                ],
            )
            for r in session.scalars(
                sa.select(VotingRound)
                .where(
                    VotingRound.workshop_id == workshop_id,
                    VotingRound.scope == "themes",
                    VotingRound.status == "closed",
                )
                .order_by(VotingRound.number)
            )
        ]
    return ThemesReport(phase=phase, themes=out, rounds=rounds)
