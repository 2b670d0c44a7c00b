"""The plain report model: what a report says, with no database, Flask or format in it.

Identities stay out: participation is counted per group, votes are totals, and hidden or
unreviewed topics never reach the model.

Two layers: the raw data (topics, rounds, board) that JSON and CSV write as they are, and the
phases (Discover, Define, Develop, Deliver), each a list of generic blocks (paragraph, list,
table, figure, note) that every document renderer knows how to draw. New content (themes, ideas,
actions, ...) becomes blocks in its phase (sections.py), and no renderer has to change.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from ..domain import feedback as feedback_rules

PHASES = ("discover", "define", "develop", "deliver")


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
    # "topics" (the marketplace, Discover) or "themes" (prioritising the themes, Define).
    scope: str = "topics"


@dataclass(frozen=True)
class AnswerLine:
    """One answer of a quick question and how many gave it (a word, a scale's number or a
    choice's option): counts only, never who."""

    answer: str
    count: int


@dataclass(frozen=True)
class QuestionReport:
    """A quick question and the room's answers: a word cloud's words by count (never a word
    the coordinator hid), a scale's distribution and median, a choice's options; an open
    question has no result yet."""

    number: int
    kind: str
    prompt: str
    status: str
    respondents: int
    answers: list[AnswerLine]
    median: float | None = None


@dataclass(frozen=True)
class BoardReport:
    """The board as data (roles by title) and as a drawn SVG picture (None without cards), and
    what families answered about their journey, as aggregates only (never who answered): the
    same figures the wall and the API show, from one computation (domain/board.figures)."""

    cards: list[dict[str, Any]]
    links: dict[str, int]
    answers: int
    svg: str | None
    # Per answer: median, lowest, highest (titles met, organisations met, people retold to).
    titles_met: tuple[float, int, int] = (0, 0, 0)
    organisations_met: tuple[float, int, int] = (0, 0, 0)
    retold: tuple[float, int, int] = (0, 0, 0)
    organisations_total: int = 0
    retold_total: int = 0
    # The roles families met, most first, from their answers ({rank, title, answers}).
    most_met: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class IdeaLine:
    """An idea posted under a theme (Develop); `low_hanging`: it can start at once."""

    text: str
    detail: str
    low_hanging: bool


@dataclass(frozen=True)
class ThemeReport:
    """A theme (Define) with the shown topics it came from and its ideas (Develop)."""

    title: str
    statement: str
    initiator: str
    sources: list[TopicLine] = field(default_factory=list)
    ideas: list[IdeaLine] = field(default_factory=list)


@dataclass(frozen=True)
class ActionLine:
    """An action card (Deliver): who is a role and an organisation, never a person."""

    what: str
    role: str
    organisation: str
    first_step: str
    due: str
    follow_up: str
    theme: str
    status: str
    # A catalogue role's title by language (empty for a role written as free text).
    role_titles: dict[str, str] = field(default_factory=dict)

    def role_in(self, language: str) -> str:
        """The role as a reader of `language` names it."""
        return self.role_titles.get(language, self.role)


@dataclass(frozen=True)
class DecisionLine:
    """A decision (Deliver) and the action it names, if any."""

    text: str
    role: str
    organisation: str
    decided_on: str
    action: str


@dataclass(frozen=True)
class FeedbackLine:
    """A published line of the feedback page: you said, we did, why not, when."""

    said: str
    did: str
    why_not: str
    when: str
    outcome: str  # in the report's language
    # "will", "done", "will_not" or "open": a sheet in another language says it in its own.
    outcome_key: str = ""
    # The line as written for other readers, by reading mode ("en", "sv_easy").
    versions: dict[str, dict[str, str]] = field(default_factory=dict)

    def in_reading(self, mode: str) -> FeedbackLine:
        """The line as a reader of `mode` reads it: each part written for that mode where
        there is one, else the original."""
        return dataclasses.replace(self, **feedback_rules.parts_for(self.versions, mode))


@dataclass(frozen=True)
class LevelLine:
    """A chosen participation level or anonymity mode, with what it promises."""

    scale: str
    name: str
    meaning: str
    promise: str


@dataclass(frozen=True)
class TeamLine:
    """The people of one team role who ran the day: how many, and the names of those who
    agreed to be named in the report (the rest are counted only)."""

    role: str
    count: int
    names: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SessionLine:
    """An Open Space session on the agenda: when, where, what, how many (never who)."""

    starts: str
    ends: str
    space: str
    title: str
    also: list[str]
    going: int
    here: int
    # The session's notes (discussion, recommendations, next steps; never the convener's name)
    # and who took part, counted by group or organisation type.
    notes: dict[str, str] = field(default_factory=dict)
    took_part: dict[str, int] = field(default_factory=dict)


# --- blocks: what a phase section is made of ----------------------------------------------
# Every text in a block is plain text (what people typed, or a translated phrase): each
# renderer escapes it for its own format. Only Figure.svg is markup, and only ever SVG we drew.


@dataclass(frozen=True)
class Subheading:
    """A heading inside a phase (a round, the board)."""

    text: str


@dataclass(frozen=True)
class Paragraph:
    """Running text; `muted` for a quieter aside."""

    text: str
    muted: bool = False


@dataclass(frozen=True)
class ListItem:
    """One line of a list: a bold lead (a title) and the rest after a dash, a note below."""

    lead: str
    text: str = ""
    note: str = ""


@dataclass(frozen=True)
class BulletList:
    """A list of items."""

    items: list[ListItem]


@dataclass(frozen=True)
class Table:
    """A table with a header row; `numeric` names the columns aligned as numbers.

    A `wide` table (an action plan, an agenda: five or six columns of sentences) goes on a
    landscape page with its `title`, so no column is squeezed into syllables.
    """

    header: list[str]
    rows: list[list[str]]
    caption: str = ""
    numeric: tuple[int, ...] = ()
    title: str = ""
    wide: bool = False


@dataclass(frozen=True)
class Figure:
    """A picture drawn as SVG by the exporters; `alt` says in words what it shows."""

    svg: str
    caption: str
    alt: str
    name: str = ""
    landscape: bool = False


@dataclass(frozen=True)
class Note:
    """A boxed remark: `draft`, `info` (the default) or `todo` (still to be written)."""

    text: str
    kind: str = "info"


Block = Subheading | Paragraph | BulletList | Table | Figure | Note


@dataclass(frozen=True)
class PhaseSection:
    """One phase of the double diamond and what the app recorded in it."""

    key: str
    title: str
    intro: str
    blocks: list[Block] = field(default_factory=list)


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
    organisation: str = ""
    # What the coordinator said about the day (domain/reports.ReportDetails); empty if not.
    held_on: str = ""
    place: str = ""
    case_number: str = ""
    officer: str = ""
    board: BoardReport | None = None
    # Participation counts and the privacy promise: the combined report opens with them.
    overview: list[Block] = field(default_factory=list)
    phases: list[PhaseSection] = field(default_factory=list)
    # "What happens next" on the feedback sheet: blocks the coordinator's actions and feedback
    # items become; empty until the app records them.
    next_steps: list[Block] = field(default_factory=list)
    contact: str = ""
    # The workshop's title as the coordinator wrote it for other readers, by reading mode
    # ("en", "sv_easy"): each feedback sheet is headed by its own.
    titles: dict[str, str] = field(default_factory=dict)
    # What the later phases recorded (empty lists when the workshop never got there).
    phase_now: str = "discover"
    sessions: list[SessionLine] = field(default_factory=list)
    themes: list[ThemeReport] = field(default_factory=list)
    actions: list[ActionLine] = field(default_factory=list)
    decisions: list[DecisionLine] = field(default_factory=list)
    feedback: list[FeedbackLine] = field(default_factory=list)
    levels: list[LevelLine] = field(default_factory=list)
    consent_notes: str = ""
    # How many took part in the room and from home (counts only; empty when not recorded).
    places: dict[str, int] = field(default_factory=dict)
    # The quick questions asked of the room, in order (counts only).
    questions: list[QuestionReport] = field(default_factory=list)
    # Who ran the day, by team role (empty when the owner ran it alone).
    team: list[TeamLine] = field(default_factory=list)

    def label(self, key: str, **params: object) -> str:
        """A heading or phrase in the report's language."""
        return self.labels[key].format(**params)

    def count(self, key: str, n: int) -> str:
        """A count with its noun: the `_one` form for 1 ("1 ämne", "3 ämnen")."""
        from .typography import number

        one = f"{key}_one"
        return self.label(one if n == 1 and one in self.labels else key, n=number(n, self.language))

    # A ranking in a document stops here; the whole one is in rounds.csv and report.json. Past
    # a few dozen lines nobody reads a printed ranking, and a printer (or WeasyPrint) chokes.
    TOP_LINES = 30

    def top(self, round_: RoundReport) -> tuple[list[ResultLine], int]:
        """The lines a document shows of a round's ranking, and how many it leaves out."""
        shown = round_.results[: self.TOP_LINES]
        return shown, len(round_.results) - len(shown)

    def round_rules(self, round_: RoundReport) -> str:
        """A round's budget, cap and turnout in one sentence."""
        from .typography import number

        return self.label(
            "round_rules_themes" if round_.scope == "themes" else "round_rules",
            budget=number(round_.budget, self.language),
            cap=number(round_.max_per_topic, self.language),
            voters=number(round_.voters, self.language),
            dots=number(round_.dots, self.language),
        )

    def phase(self, key: str) -> PhaseSection:
        """One phase's section (an empty one if the builder gave none)."""
        for section in self.phases:
            if section.key == key:
                return section
        return PhaseSection(key, self.label(key), self.label(key + "_intro"))

    def blocks(self, key: str) -> list[Block]:
        """What a document shows of a phase: its blocks, or a note that nothing was recorded."""
        section = self.phase(key)
        return section.blocks or [Note(self.label("not_yet"))]

    def date(self) -> str:
        """The day the workshop was held, written out ("27 november 2026"); the day the report
        was made only when the coordinator has not said (the export date is the file's)."""
        from .typography import long_date

        return long_date(self.held_on or self.generated_at[:10], self.language)

    def header(self) -> list[str]:
        """The title page's lines a municipality files a report by, those that are filled in:
        place, organiser, case number, officer."""
        fields = (
            ("place", self.place),
            ("organisation", self.organisation),
            ("case_number", self.case_number),
            ("officer", self.officer),
        )
        return [f"{self.label(name)}: {value}" for name, value in fields if value]

    def final_round(self) -> RoundReport | None:
        """The last closed round: its ranking is what the room said in the end."""
        closed = [r for r in self.rounds if r.status == "closed"]
        return closed[-1] if closed else None
