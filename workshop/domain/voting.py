"""Dot-voting rounds: who may put a dot where, how dots follow a merge, and the ranking."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .errors import DomainError
from .events import Event, State, empty_slice, event

empty_slice("round", None)
empty_slice("rounds", [])
empty_slice("tally", {})
empty_slice("turnout", {"voters": 0, "dots": 0})
# A round on themes (Define) keeps its totals apart, by theme id: topic and theme ids overlap.
empty_slice("theme_tally", {})

PURPOSE_MAX = 120


@dataclass(frozen=True)
class RoundInfo:
    """A voting round's public fields.

    `sealed` (the default): while the round is open, phones and the wall see how many have
    voted, not the totals; the coordinator may open a round live, or reveal a sealed one.
    """

    id: int
    number: int
    budget: int
    max_per_topic: int
    status: str
    purpose: str = ""
    sealed: bool = True
    # What the dots go on: "topics" (the marketplace) or "themes" (Define's clusters).
    scope: str = "topics"

    @property
    def totals_hidden(self) -> bool:
        """True while phones and the wall must not see this round's totals."""
        return self.sealed and self.status == "open"


@dataclass(frozen=True)
class RankEntry:
    """One line of a round's result: equal totals share a rank."""

    rank: int
    topic_id: int
    total: int


@dataclass(frozen=True)
class ThemeRankEntry:
    """One line of a theme round's result; `topic_id` stays null so a reader of topic lines
    sees at once that this line is a theme."""

    rank: int
    theme_id: int
    total: int
    topic_id: int | None = None


@dataclass(frozen=True)
class Turnout:
    """How many have put dots in the current round, and how many dots there are: every screen
    may see it, sealed or not."""

    voters: int
    dots: int


def set_turnout(state: State, turnout: Turnout | None) -> None:
    """A change that moved or removed dots carries the current round's new turnout."""
    if turnout is not None:
        state["turnout"] = dataclasses.asdict(turnout)


def set_tally(state: State, tally: Mapping[str, int]) -> None:
    """Write topic totals into the state; a zero total is no entry."""
    for topic_id, total in tally.items():
        if total:
            state["tally"][str(topic_id)] = total
        else:
            state["tally"].pop(str(topic_id), None)


def _remember(state: State, round_info: RoundInfo, results: list[RankEntry] | None) -> None:
    """Keep the round in the history (every round keeps its result) and make it current."""
    entry = {**dataclasses.asdict(round_info), "results": None}
    if results is not None:
        entry["results"] = [dataclasses.asdict(r) for r in results]
    history = [r for r in state["rounds"] if r["id"] != round_info.id]
    previous = next((r for r in state["rounds"] if r["id"] == round_info.id), None)
    if results is None and previous is not None:
        entry["results"] = previous["results"]
    state["rounds"] = sorted([*history, entry], key=lambda r: r["number"])
    state["round"] = dataclasses.asdict(round_info)


@event
@dataclass(frozen=True)
class RoundOpened(Event):
    """The facilitator opened a dot-voting round with a budget, a cap per topic, a purpose
    ("Vilka ämnen tar vi vidare?") and sealed or live totals; earlier rounds keep their result."""

    type: ClassVar[str] = "round.opened"
    same_for_everyone: ClassVar[bool] = True
    round: RoundInfo

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _remember(state, self.round, None)
        state["tally"] = {}
        state["theme_tally"] = {}
        state["turnout"] = {"voters": 0, "dots": 0}


@event
@dataclass(frozen=True)
class RoundClosed(Event):
    """The voting round closed; `results` is the final ranking, ties sharing a rank. It stays in
    the history; a sealed round's totals reach phones and the wall now."""

    type: ClassVar[str] = "round.closed"
    same_for_everyone: ClassVar[bool] = True
    round: RoundInfo
    results: list[RankEntry]
    # A round on themes ranks the themes here (and `results` stays empty).
    theme_results: list[ThemeRankEntry] = field(default_factory=list)

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["tally"] = {}
        if self.round.scope == "themes":
            _remember(state, self.round, self.theme_results)  # type: ignore[arg-type]
            state["theme_tally"] = {str(r.theme_id): r.total for r in self.theme_results if r.total}
            return
        _remember(state, self.round, self.results)
        set_tally(state, {str(r.topic_id): r.total for r in self.results})


@event
@dataclass(frozen=True)
class RoundRevealed(Event):
    """The facilitator showed a sealed round's totals before closing it; they are live from now."""

    type: ClassVar[str] = "round.revealed"
    same_for_everyone: ClassVar[bool] = True
    round: RoundInfo
    tally: dict[str, int] = field(default_factory=dict)

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        _remember(state, self.round, None)
        state["tally"] = {}
        if self.round.scope == "themes":
            state["theme_tally"] = {k: v for k, v in self.tally.items() if v}
            return
        set_tally(state, {k: v for k, v in self.tally.items() if k in state["topics"]})


@dataclass(frozen=True)
class _TotalChange(Event):
    """`total` is the topic's new total (null in the public form of a sealed round); `voters`
    and `dots` are the round's turnout, which every screen may see."""

    round_id: int
    topic_id: int
    total: int | None
    voters: int = 0
    dots: int = 0
    sealed: bool = False

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["turnout"] = {"voters": self.voters, "dots": self.dots}
        if self.total is not None and str(self.topic_id) in state["topics"]:
            set_tally(state, {str(self.topic_id): self.total})

    def public(self) -> Event:
        return dataclasses.replace(self, total=None) if self.sealed else self


@event
@dataclass(frozen=True)
class VoteCast(_TotalChange):
    """Someone put a dot on a topic; only the topic's new total travels."""

    type: ClassVar[str] = "vote.cast"


@event
@dataclass(frozen=True)
class VoteRetracted(_TotalChange):
    """Someone took a dot back; only the topic's new total travels."""

    type: ClassVar[str] = "vote.retracted"


SCOPES = ("topics", "themes")


def check_scope(scope: object, *, themes_now: int) -> str:
    """A round goes on topics or on themes; a round on themes needs a theme to vote on."""
    if scope not in SCOPES:
        raise DomainError("bad_request", field="scope")
    if scope == "themes" and themes_now == 0:
        raise DomainError("no_themes")
    return str(scope)


def require_scope(round_info: RoundInfo, scope: str) -> None:
    """A dot on a topic goes only into a round on topics, a dot on a theme into one on themes."""
    if round_info.scope != scope:
        raise DomainError("not_in_round")


def check_purpose(purpose: object) -> str:
    """A round's purpose: one optional line the coordinator names."""
    from .rules import clean_line

    return clean_line(purpose, field="purpose", max_length=PURPOSE_MAX, required=False)


def shown_tally(round_info: RoundInfo | None, tally: dict[str, int], *, staff: bool) -> dict:
    """The totals a screen may hold: none for phones and walls while a sealed round is open."""
    if not staff and round_info is not None and round_info.totals_hidden:
        return {}
    return tally


def require_open_round(round_info: RoundInfo | None) -> RoundInfo:
    """Dots go only into an open round."""
    if round_info is None or round_info.status != "open":
        raise DomainError("no_open_round")
    return round_info


def check_vote(*, spent: int, on_topic: int, budget: int, max_per_topic: int) -> None:
    """Refuse a dot that would take a participant over the round's budget or the topic cap."""
    if spent >= budget:
        raise DomainError("over_budget", budget=budget)
    if on_topic >= max_per_topic:
        raise DomainError("over_topic_limit", max=max_per_topic)


def decide_vote(
    *, open_round: RoundInfo | None, topic_hidden: bool, mine: Mapping[int, int], topic_id: int
) -> RoundInfo:
    """May this participant put one more dot on this topic now? Returns the round it goes in."""
    voting_round = require_open_round(open_round)
    if topic_hidden:
        raise DomainError("not_found")
    check_vote(
        spent=sum(mine.values()),
        on_topic=mine.get(topic_id, 0),
        budget=voting_round.budget,
        max_per_topic=voting_round.max_per_topic,
    )
    return voting_round


def merged_dots(source: int, target: int, max_per_topic: int) -> tuple[int, int]:
    """When topics merge a participant's dots follow; above the cap they are given back.

    Returns (dots kept on the target, dots returned to the participant).
    """
    total = source + target
    kept = min(total, max_per_topic)
    return kept, total - kept


def plan_merge(
    on_source: Mapping[int, int], on_target: Mapping[int, int], max_per_topic: int
) -> dict[int, tuple[int, int]]:
    """For each participant with dots on the source: (dots that move, dots given back)."""
    plan = {}
    for participant_id, source in on_source.items():
        target = on_target.get(participant_id, 0)
        kept, returned = merged_dots(source, target, max_per_topic)
        plan[participant_id] = (kept - target, returned)
    return plan


def rank(totals: dict[int, int]) -> list[tuple[int, int, int]]:
    """Competition ranking (1, 2, 2, 4): equal totals share a rank, so ties show as ties.

    Returns (rank, topic_id, total), highest first, ties ordered by topic id for stability.
    """
    ordered = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    ranked: list[tuple[int, int, int]] = []
    for index, (topic_id, total) in enumerate(ordered):
        position = ranked[-1][0] if index and total == ordered[index - 1][1] else index + 1
        ranked.append((position, topic_id, total))
    return ranked


def results(totals: dict[int, int]) -> list[RankEntry]:
    """A round's result from the totals of the visible topics."""
    return [RankEntry(position, topic_id, total) for position, topic_id, total in rank(totals)]


def theme_results(totals: dict[int, int]) -> list[ThemeRankEntry]:
    """A theme round's result: the themes ranked the same way as topics."""
    return [ThemeRankEntry(position, theme_id, total) for position, theme_id, total in rank(totals)]


def dots_left(round_info: RoundInfo | None, spent: int) -> int:
    """What a participant may still spend (nothing outside an open round)."""
    if round_info is None or round_info.status != "open":
        return 0
    return round_info.budget - spent


def tally_entries(totals: Mapping[int, int]) -> dict[str, Any]:
    """Totals as the state keeps them: string keys, no zeros."""
    return {str(topic_id): n for topic_id, n in totals.items() if n}
