"""Quick questions: the coordinator asks the room one thing and everyone answers once.

Three kinds: a word (the wall shows a word cloud), a 1–5 scale (the distribution and the
median) or a single choice between 2 and 6 options. A question is opened and closed like a
voting round, one open at a time; sealed (the default), phones and the wall see how many have
answered and the result only once it closes; live, the result grows as people answer. Each
participant has one answer per question and may change it while the question is open.

Words are counted as the room means them: "Glad!", " glad" and "GLAD" are one word. The
coordinator may hide a word; its count stays on the console and leaves every phone and wall.
In a consultation that reviews before showing, a word waits for review like any other
participant input (services/runner.py holds it); a number or a choice carries no words and
never waits.

Every change of a question's answers carries its whole count, so a screen that reconnects gets
only the latest one: a hidden word's earlier counts never come back through a sync.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from typing import Any, ClassVar

from . import rules
from .errors import DomainError
from .events import Event, State, Subject, empty_slice, event

KINDS = ("word", "scale", "choice")
PROMPT_MAX = 160
OPTION_MAX = 60
OPTIONS_MIN, OPTIONS_MAX = 2, 6
# A word, or a few ("tired but happy"): what fits in a cloud.
WORD_MAX = 30
SCALE = (1, 2, 3, 4, 5)
# A day asks a handful; the cap keeps a runaway console from filling the room.
MAX_QUESTIONS = 100

empty_slice("questions", {})


@dataclass(frozen=True)
class QuestionInfo:
    """A quick question's public fields: what is asked and how it is answered."""

    id: int
    number: int
    kind: str
    prompt: str
    options: list[str] = field(default_factory=list)
    sealed: bool = True
    status: str = "open"

    @property
    def counts_hidden(self) -> bool:
        """True while phones and the wall must not see the answers (sealed and still open)."""
        return self.sealed and self.status == "open"


def clean_question(data: Mapping[str, Any]) -> dict[str, Any]:
    """A new question's kind, prompt, options (a single choice only) and sealed flag."""
    kind = data.get("kind")
    if kind not in KINDS:
        raise DomainError("bad_request", field="kind")
    prompt = rules.clean_line(
        data.get("prompt"), field="prompt", max_length=PROMPT_MAX, required=True
    )
    sealed = data.get("sealed", True)
    if not isinstance(sealed, bool):
        raise DomainError("bad_request", field="sealed")
    options: list[str] = []
    if kind == "choice":
        raw = data.get("options")
        if not isinstance(raw, list):
            raise DomainError("bad_options", min=OPTIONS_MIN, max=OPTIONS_MAX)
        options = [
            rules.clean_line(o, field="options", max_length=OPTION_MAX, required=False) for o in raw
        ]
        options = [o for o in options if o]
        # Two options that read the same would split one answer in two.
        distinct = {o.casefold() for o in options}
        if not OPTIONS_MIN <= len(options) <= OPTIONS_MAX or len(distinct) != len(options):
            raise DomainError("bad_options", min=OPTIONS_MIN, max=OPTIONS_MAX)
    return {"kind": kind, "prompt": prompt, "options": options, "sealed": sealed}


def check_may_ask(*, open_now: bool, asked: int) -> None:
    """One question open at a time, at most MAX_QUESTIONS in a workshop."""
    if open_now:
        raise DomainError("question_already_open")
    if asked >= MAX_QUESTIONS:
        raise DomainError("too_many_questions", max=MAX_QUESTIONS)


def _edge(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def normalise_word(raw: object) -> str:
    """A word as the cloud counts it: NFC, lower case, one space between words, no punctuation
    or space around it ("  Glad! " is "glad"; an emoji stays)."""
    if not isinstance(raw, str):
        raise DomainError("bad_request", field="word")
    # Generous before the trimming: "!!!glad!!!" is a word of four letters.
    text = rules.clean_line(raw, field="word", max_length=WORD_MAX * 4, required=True)
    start, end = 0, len(text)
    while start < end and _edge(text[start]):
        start += 1
    while end > start and _edge(text[end - 1]):
        end -= 1
    word = " ".join(text[start:end].lower().split())
    if not word:
        raise DomainError("empty", field="word")
    if len(word) > WORD_MAX:
        raise DomainError("too_long", field="word", max=WORD_MAX)
    return word


def check_answer(question: QuestionInfo | None, *, word: object, value: object) -> str:
    """The answer as it is stored and counted: the normalised word, the scale's number or the
    option's index, as text. Only an open question takes answers."""
    if question is None or question.status != "open":
        raise DomainError("question_closed")
    if question.kind == "word":
        return normalise_word(word)
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError("bad_request", field="value")
    allowed = SCALE if question.kind == "scale" else range(len(question.options))
    if value not in allowed:
        raise DomainError("bad_request", field="value")
    return str(value)


def count(answers: Iterable[str]) -> dict[str, int]:
    """How many gave each answer (one answer per participant)."""
    out: dict[str, int] = {}
    for answer in answers:
        out[answer] = out.get(answer, 0) + 1
    return dict(sorted(out.items()))


def median(counts: Mapping[str, int]) -> float | None:
    """The middle answer of a scale (the mean of the two middle ones for an even number of
    answers: 3.5); None before anyone answered."""
    values = sorted(int(k) for k, n in counts.items() for _ in range(n))
    if not values:
        return None
    middle = len(values) // 2
    if len(values) % 2:
        return float(values[middle])
    return (values[middle - 1] + values[middle]) / 2


def ordered(kind: str, counts: Mapping[str, int], options: list[str]) -> list[tuple[str, int]]:
    """A result as people read it: words by count (then alphabetically), the scale from 1 to 5
    and the options in their order, each with its count (zero too, except for words)."""
    if kind == "word":
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if kind == "scale":
        return [(str(n), counts.get(str(n), 0)) for n in SCALE]
    return [(option, counts.get(str(i), 0)) for i, option in enumerate(options)]


def check_hide(question: QuestionInfo | None, word: str, counts: Mapping[str, int]) -> None:
    """Only a word question's words are hidden, and only a word someone gave."""
    if question is None or question.kind != "word":
        raise DomainError("not_found")
    if word not in counts:
        raise DomainError("not_found")


def shown_counts(
    question: QuestionInfo, counts: Mapping[str, int], hidden: Set[str], *, staff: bool
) -> dict[str, int]:
    """The counts a screen may hold: all of them on the console; on phones and the wall none
    while a sealed question is open, and never a hidden word."""
    if staff:
        return dict(counts)
    if question.counts_hidden:
        return {}
    return {k: n for k, n in counts.items() if k not in hidden}


def _entry(
    question: QuestionInfo, respondents: int, counts: dict[str, int], hidden: list[str]
) -> dict[str, Any]:
    return {
        **dataclasses.asdict(question),
        "respondents": respondents,
        "counts": dict(counts),
        "hidden": list(hidden),
    }


def slice_entry(
    question: QuestionInfo, answers: Mapping[str, int], hidden: Iterable[str], *, staff: bool
) -> dict[str, Any]:
    """A question as the room state holds it, for the console (staff) or everyone else."""
    hidden_words = sorted(hidden)
    return _entry(
        question,
        sum(answers.values()),
        shown_counts(question, answers, set(hidden_words), staff=staff),
        hidden_words if staff else [],
    )


@event
@dataclass(frozen=True)
class QuestionAsked(Event):
    """The coordinator asked a quick question (a word, a 1–5 scale or a single choice), open
    for answers now, sealed or live; earlier questions keep their results."""

    type: ClassVar[str] = "question.asked"
    same_for_everyone: ClassVar[bool] = True
    question: QuestionInfo

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["questions"][str(self.question.id)] = _entry(self.question, 0, {}, [])


@dataclass(frozen=True)
class _Counted(Event):
    """`counts`: how many gave each answer, all of them (none in the public form while a sealed
    question is open, never a hidden word); `hidden`: the words the coordinator hid (the
    console's only); `respondents`: how many have answered, which every screen sees."""

    question_id: int
    kind: str
    respondents: int
    counts: dict[str, int]
    hidden: list[str] = field(default_factory=list)
    # Phones and the wall get no counts now (a sealed question, still open).
    sealed: bool = False

    words_about: ClassVar[str] = "question"

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        entry = state["questions"].get(str(self.question_id))
        if entry is None:
            return
        entry["respondents"] = self.respondents
        entry["counts"] = dict(self.counts)
        entry["hidden"] = list(self.hidden) if include_hidden else []

    def public(self) -> Event:
        counts = (
            {} if self.sealed else {k: n for k, n in self.counts.items() if k not in self.hidden}
        )
        return dataclasses.replace(self, counts=counts, hidden=[])

    def words(self) -> tuple[Subject, ...]:
        return (("question", self.question_id),) if self.kind == "word" else ()

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        # A later event carries the whole count again: this one's words are an older version.
        if ("question", self.question_id) not in subjects:
            return self
        return dataclasses.replace(self, counts={}, hidden=[])


@event
@dataclass(frozen=True)
class QuestionAnswered(_Counted):
    """Someone answered the open question or changed their answer: its new counts (none on
    phones and the wall while it is sealed; never a hidden word). Never who answered what."""

    type: ClassVar[str] = "question.answered"


@event
@dataclass(frozen=True)
class QuestionWordHidden(_Counted):
    """The coordinator hid a word of a word question from phones and the wall, or showed it
    again: the question's counts after it (the public form leaves the hidden word out)."""

    type: ClassVar[str] = "question.word_hidden"


@event
@dataclass(frozen=True)
class QuestionClosed(Event):
    """The coordinator closed the question: no more answers; its result (`counts`, a hidden
    word's on the console only) reaches every screen now, sealed or not."""

    type: ClassVar[str] = "question.closed"
    question: QuestionInfo
    respondents: int
    counts: dict[str, int]
    hidden: list[str] = field(default_factory=list)

    words_about: ClassVar[str] = "question"

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        hidden = list(self.hidden) if include_hidden else []
        entry = _entry(self.question, self.respondents, self.counts, hidden)
        state["questions"][str(self.question.id)] = entry

    def public(self) -> Event:
        counts = {k: n for k, n in self.counts.items() if k not in self.hidden}
        return dataclasses.replace(self, counts=counts, hidden=[])

    def words(self) -> tuple[Subject, ...]:
        return (("question", self.question.id),) if self.question.kind == "word" else ()

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        if ("question", self.question.id) not in subjects:
            return self
        return dataclasses.replace(self, counts={}, hidden=[])
