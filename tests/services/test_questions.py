"""Quick questions through the services: asked and closed like a round, one answer per
participant (changed while open), sealed or live, a hidden word, review before showing, the
consultation's window, the quiet room, the reports' figures and a deleted workshop."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.support.refusals import refused
from tests.support.rooms import build_room
from workshop.services import (
    closing,
    consultation,
    participants,
    questions,
    reports,
    review,
    sync,
    workshops,
)

ROOT = Path(__file__).resolve().parents[2]


def _ask(room: Any, kind: str, **fields: Any) -> int:
    body = {"kind": kind, "prompt": "Hur var det?", **fields}
    outcome = questions.ask_question(room.db, room.fac, None, body)
    return outcome.result["question"]["id"]


def _answer(room: Any, who: int, question_id: int, **answer: Any) -> Any:
    body = {"question_id": question_id, **answer}
    return questions.answer_question(room.db, room.people[who], None, body)


def _public(room: Any, question_id: int) -> dict[str, Any]:
    return sync.snapshot(room.db, room.wid, include_hidden=False)["questions"][str(question_id)]


def _console(room: Any, question_id: int) -> dict[str, Any]:
    return sync.snapshot(room.db, room.wid, include_hidden=True)["questions"][str(question_id)]


def test_each_answers_once_may_change_it_and_a_sealed_result_shows_at_closing(
    app: Any, db: Any
) -> None:
    room = build_room(app, db, people=3)
    qid = _ask(room, "scale")
    with refused("question_already_open"):
        _ask(room, "word")
    _answer(room, 0, qid, value=4)
    _answer(room, 1, qid, value=2)
    _answer(room, 0, qid, value=5)  # changed: still one answer
    same = _answer(room, 1, qid, value=2)
    assert same.events == []
    assert _console(room, qid)["counts"] == {"2": 1, "5": 1}
    assert _console(room, qid)["respondents"] == 2
    # Sealed: phones and the wall see how many answered, nothing of what.
    assert _public(room, qid)["counts"] == {} and _public(room, qid)["respondents"] == 2
    assert participants.me(db, room.wid, room.people[0].id)["answers"] == {str(qid): "5"}
    closed = questions.close_question(db, room.fac, None, {})
    # The wall showed the open question by itself ("auto"): it keeps showing it, with the result.
    assert [e["type"] for e in closed.events] == ["question.closed", "workshop.updated"]
    assert sync.snapshot(db, room.wid, include_hidden=False)["workshop"]["wall_view"] == "question"
    assert _public(room, qid)["counts"] == {"2": 1, "5": 1}
    assert _public(room, qid)["status"] == "closed"
    with refused("question_closed"):
        _answer(room, 2, qid, value=3)
    with refused("question_closed"):
        questions.close_question(db, room.fac, None, {})
    # The next question is number 2; live, its counts reach phones at once.
    second = _ask(room, "choice", options=["Ja", "Nej"], sealed=False)
    _answer(room, 2, second, value=1)
    assert _public(room, second)["counts"] == {"1": 1} and _public(room, second)["number"] == 2


def test_a_hidden_word_leaves_phones_and_walls_but_stays_on_the_console(app: Any, db: Any) -> None:
    room = build_room(app, db, people=3)
    qid = _ask(room, "word", sealed=False)
    _answer(room, 0, qid, word="Glad!")
    _answer(room, 1, qid, word=" glad")
    _answer(room, 2, qid, word="Dumskalle")
    assert _public(room, qid)["counts"] == {"glad": 2, "dumskalle": 1}
    hid = questions.hide_word(
        db, room.fac, None, {"question_id": qid, "word": "DUMSKALLE", "hidden": True}
    )
    (event,) = hid.events
    assert event["type"] == "question.word_hidden"
    assert _public(room, qid)["counts"] == {"glad": 2} and _public(room, qid)["hidden"] == []
    assert _console(room, qid)["hidden"] == ["dumskalle"]
    assert _console(room, qid)["counts"] == {"glad": 2, "dumskalle": 1}
    with refused("not_found"):
        questions.hide_word(
            db, room.fac, None, {"question_id": qid, "word": "borta", "hidden": True}
        )
    questions.close_question(db, room.fac, None, {})
    assert _public(room, qid)["counts"] == {"glad": 2}
    (result,) = questions.questions_for_report(db, room.wid)
    assert [(a.answer, a.count) for a in result.answers] == [("glad", 2)]
    assert result.respondents == 3
    # Shown again, after the close too.
    questions.hide_word(
        db, room.fac, None, {"question_id": qid, "word": "dumskalle", "hidden": False}
    )
    assert _public(room, qid)["counts"] == {"glad": 2, "dumskalle": 1}


def test_in_a_reviewed_consultation_a_word_waits_and_a_number_does_not(app: Any, db: Any) -> None:
    room = build_room(app, db, people=2, review_topics=True)
    qid = _ask(room, "word", sealed=False)
    held = _answer(room, 0, qid, word="Rädd")
    assert held.result["held"]["kind"] == "word"
    assert [e["type"] for e in held.events] == ["input.held"]
    assert _console(room, qid)["respondents"] == 0
    me = participants.me(db, room.wid, room.people[0].id)
    assert me["waiting_inputs"][0]["words"] == {"word": "Rädd"} and me["answers"] == {}
    shown = review.show_input(db, room.fac, None, {"held_id": held.result["held"]["id"]})
    assert [e["type"] for e in shown.events] == ["question.answered", "input.settled"]
    assert _public(room, qid)["counts"] == {"rädd": 1}
    dropped = _answer(room, 1, qid, word="Namn Namnsson")
    review.drop_input(db, room.fac, None, {"held_id": dropped.result["held"]["id"]})
    assert _public(room, qid)["counts"] == {"rädd": 1}
    # A scale carries no words: it never waits.
    questions.close_question(db, room.fac, None, {})
    scale = _ask(room, "scale", sealed=False)
    assert [e["type"] for e in _answer(room, 1, scale, value=3).events] == ["question.answered"]


def test_the_window_applies_the_quiet_room_does_not(app: Any, db: Any) -> None:
    room = build_room(app, db, people=1)
    qid = _ask(room, "word")
    closing.set_closing(db, room.fac, None, {"quiet": True})
    # The closing circle's "one word to end with" is the coordinator's own invitation.
    _answer(room, 0, qid, word="Tack")
    past = {"opens_at": "2020-01-01T09:00", "closes_at": "2020-01-08T18:00"}
    consultation.update_consultation(db, room.fac, None, past)
    with refused("window_closed"):
        _answer(room, 0, qid, word="Igen")


def test_closing_the_workshop_closes_the_question_and_deleting_it_removes_them(
    app: Any, db: Any
) -> None:
    room = build_room(app, db, people=1)
    qid = _ask(room, "scale")
    _answer(room, 0, qid, value=4)
    closed = workshops.close_workshop(db, room.fac, None, {})
    assert "question.closed" in [e["type"] for e in closed.events]
    assert _public(room, qid)["counts"] == {"4": 1}
    (result,) = questions.questions_for_report(db, room.wid)
    assert result.median == 4 and (result.answers[3].answer, result.answers[3].count) == ("4", 1)
    workshops.delete_workshop(db, room.fac)
    from workshop.store.models import QuestionAnswer, QuickQuestion

    with db.read() as session:
        assert session.query(QuickQuestion).count() == 0
        assert session.query(QuestionAnswer).count() == 0


def test_an_open_question_is_no_result_in_the_reports_yet(app: Any, db: Any) -> None:
    room = build_room(app, db, people=2)
    qid = _ask(room, "word", sealed=False)
    _answer(room, 0, qid, word="glad")
    (result,) = questions.questions_for_report(db, room.wid)
    assert result.status == "open" and result.answers == [] and result.respondents == 1


@pytest.mark.parametrize(
    ("language", "said"), [("sv", "3 personer svarade."), ("en", "3 people answered.")]
)
def test_the_reports_carry_the_counts_and_never_a_hidden_word(
    app: Any, db: Any, language: str, said: str
) -> None:
    room = build_room(app, db, people=3, language=language)
    words = _ask(room, "word", sealed=False)
    for n, word in enumerate(("Glad", "glad!", "Dumskalle")):
        _answer(room, n, words, word=word)
    questions.hide_word(
        db, room.fac, None, {"question_id": words, "word": "dumskalle", "hidden": True}
    )
    questions.close_question(db, room.fac, None, {})
    scale = _ask(room, "scale")
    for n, value in enumerate((2, 5, 4)):
        _answer(room, n, scale, value=value)
    questions.close_question(db, room.fac, None, {})
    choice = _ask(room, "choice", options=["Tisdag", "Torsdag"])
    _answer(room, 0, choice, value=1)
    files = reports.render(reports.build_report(db, room.wid), ["md", "csv", "json", "html"])
    text = files["report.md"].decode()
    assert said in text and "| glad | 2 |" in text
    assert ("Medianen är 4." if language == "sv" else "The median is 4.") in text
    assert ("Frågan är fortfarande öppen" if language == "sv" else "still open") in text
    rows = files["questions.csv"].decode().splitlines()
    assert "1,word,Hur var det?,closed,glad,2" in rows and "2,scale,Hur var det?,closed,4,1" in rows
    data = json.loads(files["report.json"])
    assert [q["kind"] for q in data["questions"]] == ["word", "scale", "choice"]
    assert data["questions"][1]["median"] == 4 and data["questions"][2]["answers"] == []
    jsonschema.validate(data, json.loads((ROOT / "docs" / "report.schema.json").read_text()))
    for name, content in files.items():
        assert b"dumskalle" not in content.lower(), name


@pytest.mark.slow
def test_word_and_pdf_show_the_questions_too(app: Any, db: Any) -> None:
    from tests.services.test_report_documents import _docx_text, _pdf_text

    room = build_room(app, db, people=2)
    scale = _ask(room, "scale", prompt="Hur användbar var dagen?")
    for n, value in enumerate((3, 4)):
        _answer(room, n, scale, value=value)
    questions.close_question(db, room.fac, None, {})
    files = reports.render(reports.build_report(db, room.wid), ["docx", "pdf"])
    for text in (_docx_text(files["report.docx"]), _pdf_text(files["report.pdf"])[0]):
        assert "Snabbfrågor" in text and "Fråga 1: Hur användbar var dagen?" in text
        assert "2 personer svarade. Medianen är 3,5." in " ".join(text.split())
