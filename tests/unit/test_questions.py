"""Quick questions' rules without a database: words as the room means them, counts, the median,
what a sealed question shows, which questions and answers are taken."""

from __future__ import annotations

import dataclasses

import pytest

from tests.support.refusals import refused
from workshop.domain import questions as q
from workshop.domain.events import public_wire, wire, words_left_out
from workshop.domain.state import apply, empty_state


def _question(kind: str = "word", **fields: object) -> q.QuestionInfo:
    return q.QuestionInfo(id=1, number=1, kind=kind, prompt="?", **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("typed", "counted"),
    [
        ("Glad", "glad"),
        ("  GLAD!  ", "glad"),
        ("«trött»", "trött"),
        ("...hoppfull?!", "hoppfull"),
        ("Trött   men\tglad", "trött men glad"),
        ("ÅÄÖ", "åäö"),
        # A decomposed å (macOS keyboards) is the same word as a composed one.
        ("Ta\u030ack", "tack"[:1] + "\u00e5ck"),
        ("😀", "😀"),
        ("e-post", "e-post"),
    ],
)
def test_a_word_is_counted_as_the_room_means_it(typed: str, counted: str) -> None:
    assert q.normalise_word(typed) == counted


def test_a_word_of_punctuation_alone_or_too_long_is_refused() -> None:
    with refused("empty"):
        q.normalise_word(" ?! ")
    with refused("empty"):
        q.normalise_word("")
    with refused("too_long"):
        q.normalise_word("a" * (q.WORD_MAX + 1))
    # Punctuation around a word does not count against its length.
    assert q.normalise_word("!!" + "a" * q.WORD_MAX + "!!") == "a" * q.WORD_MAX
    with refused("bad_request"):
        q.normalise_word(3)


def test_counts_and_the_median() -> None:
    counts = q.count(["glad", "trött", "glad"])
    assert counts == {"glad": 2, "trött": 1}
    assert q.median({}) is None
    assert q.median({"3": 1}) == 3
    assert q.median({"1": 1, "4": 1}) == 2.5
    assert q.median({"1": 2, "5": 1}) == 1
    assert q.median({"2": 1, "4": 2, "5": 1}) == 4
    assert q.ordered("word", {"b": 1, "a": 1, "c": 3}, []) == [("c", 3), ("a", 1), ("b", 1)]
    assert q.ordered("scale", {"2": 4}, []) == [("1", 0), ("2", 4), ("3", 0), ("4", 0), ("5", 0)]
    assert q.ordered("choice", {"1": 2}, ["Ja", "Nej"]) == [("Ja", 0), ("Nej", 2)]


def test_each_kind_takes_its_own_answers_only_while_open() -> None:
    assert q.check_answer(_question("word"), word="Glad!", value=None) == "glad"
    assert q.check_answer(_question("scale"), word=None, value=5) == "5"
    choice = _question("choice", options=["Ja", "Nej", "Vet inte"])
    assert q.check_answer(choice, word=None, value=2) == "2"
    for wrong in (0, 6, True, "3", None):
        with refused("bad_request"):
            q.check_answer(_question("scale"), word=None, value=wrong)
    with refused("bad_request"):
        q.check_answer(choice, word=None, value=3)
    with refused("question_closed"):
        q.check_answer(_question("scale", status="closed"), word=None, value=3)
    with refused("question_closed"):
        q.check_answer(None, word="glad", value=None)


def test_a_question_is_asked_with_its_options() -> None:
    asked = q.clean_question({"kind": "choice", "prompt": " Vad ", "options": ["Ja", " ", "Nej"]})
    assert asked == {"kind": "choice", "prompt": "Vad", "options": ["Ja", "Nej"], "sealed": True}
    assert q.clean_question({"kind": "scale", "prompt": "Hur?", "options": ["x"]})["options"] == []
    for options in (["Ja"], ["Ja", "ja"], [str(n) for n in range(7)], None):
        with refused("bad_options"):
            q.clean_question({"kind": "choice", "prompt": "Vad?", "options": options})
    with refused("empty"):
        q.clean_question({"kind": "word", "prompt": "  "})
    with refused("bad_request"):
        q.clean_question({"kind": "essay", "prompt": "Vad?"})
    with refused("question_already_open"):
        q.check_may_ask(open_now=True, asked=1)
    with refused("too_many_questions"):
        q.check_may_ask(open_now=False, asked=q.MAX_QUESTIONS)
    q.check_may_ask(open_now=False, asked=q.MAX_QUESTIONS - 1)


def test_sealed_counts_and_hidden_words_stay_on_the_console() -> None:
    sealed = _question("word")
    counts = {"glad": 2, "dum": 1}
    assert q.shown_counts(sealed, counts, {"dum"}, staff=True) == counts
    assert q.shown_counts(sealed, counts, {"dum"}, staff=False) == {}
    closed = dataclasses.replace(sealed, status="closed")
    assert q.shown_counts(closed, counts, {"dum"}, staff=False) == {"glad": 2}
    live = dataclasses.replace(sealed, sealed=False)
    assert q.shown_counts(live, counts, {"dum"}, staff=False) == {"glad": 2}
    answered = q.QuestionAnswered(1, "word", 3, counts, ["dum"], sealed=True)
    public = answered.public()
    assert public.counts == {} and public.hidden == [] and public.respondents == 3
    live_event = dataclasses.replace(answered, sealed=False).public()
    assert live_event.counts == {"glad": 2}
    with refused("not_found"):
        q.check_hide(_question("scale"), "3", {"3": 1})
    with refused("not_found"):
        q.check_hide(sealed, "borta", counts)


def test_a_replay_carries_only_the_latest_count_of_a_word_question() -> None:
    """An earlier count still holds a word hidden since: a sync must not bring it back."""
    asked = q.QuestionAsked(_question("word", sealed=False))
    first = q.QuestionAnswered(1, "word", 1, {"dum": 1}, [])
    second = q.QuestionAnswered(1, "word", 2, {"dum": 1, "glad": 1}, [])
    hidden = q.QuestionWordHidden(1, "word", 2, {"dum": 1, "glad": 1}, ["dum"])
    logged = [wire(7, n + 1, None, e) for n, e in enumerate((asked, first, second, hidden))]
    replayed = [public_wire(e) for e in words_left_out(logged, set())]
    assert "dum" not in str([e["payload"] for e in replayed])
    state = empty_state({})
    for e in replayed:
        state = apply(state, e, include_hidden=False)
    assert state["questions"]["1"]["counts"] == {"glad": 1}
    assert state["questions"]["1"]["respondents"] == 2
    # A scale's counts are numbers, not anyone's words: nothing to leave out.
    scale = q.QuestionAnswered(2, "scale", 1, {"4": 1}, [])
    assert scale.words() == ()
