"""The plain report model: what a report says, with no database, Flask or format in it.

Identities stay out: participation is counted per group, votes are totals, and hidden or
unreviewed topics never reach the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TopicLine:
    """A topic on the marketplace as the room saw it."""

    title: str
    description: str
    also: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ResultLine:
    """One line of a round's ranking; equal totals share a rank."""

    rank: int
    title: str
    total: int


@dataclass(frozen=True)
class RoundReport:
    """A voting round and the ranking announced when it closed (none while it is open)."""

    number: int
    purpose: str
    budget: int
    max_per_topic: int
    status: str
    voters: int
    dots: int
    results: list[ResultLine]


@dataclass(frozen=True)
class Report:
    """One workshop, ready for any format; `labels` are the headings in its language."""

    title: str
    theme: str
    language: str
    status: str
    generated_at: str
    draft: bool
    participants_total: int
    participants_by_group: dict[str, int]
    topics: list[TopicLine]
    rounds: list[RoundReport]
    labels: dict[str, str]

    def label(self, key: str, **params: object) -> str:
        """A heading or phrase in the report's language."""
        return self.labels[key].format(**params)

    # A ranking in a document stops here; the whole one is in rounds.csv and report.json. Past
    # a few dozen lines nobody reads a printed ranking, and a printer (or WeasyPrint) chokes.
    TOP_LINES = 30

    def top(self, round_: RoundReport) -> tuple[list[ResultLine], int]:
        """The lines a document shows of a round's ranking, and how many it leaves out."""
        shown = round_.results[: self.TOP_LINES]
        return shown, len(round_.results) - len(shown)

    def round_rules(self, round_: RoundReport) -> str:
        """A round's budget, cap and turnout in one sentence."""
        return self.label(
            "round_rules",
            budget=round_.budget,
            cap=round_.max_per_topic,
            voters=round_.voters,
            dots=round_.dots,
        )
