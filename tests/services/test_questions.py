"""Quick questions through the services: asked and closed like a round, one answer per
participant (changed while open), sealed or live, a hidden word, review before showing, the
consultation's window, the quiet room, the reports' figures and a deleted workshop."""

from __future__ import annotations

from typing import Any

from tests.support.refusals import refused
from tests.support.rooms import build_room
from workshop.services import (
    closing,
    consultation,
    participants,
    questions,
    review,
    sync,
    workshops,
)


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
    assert result.counts == [("glad", 2)] and result.respondents == 3
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
    assert result.median == 4 and result.counts[3] == ("4", 1)
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
    assert result.status == "open" and result.counts == [] and result.respondents == 1
