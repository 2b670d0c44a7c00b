"""Review before showing for every kind of participant input with words or a picture: an idea,
a board card or note, session notes and a photo wait on the console, reach nobody else (live,
on `sync`, in `board.svg`), and run as their author's when the facilitator lets them through."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from PIL import Image

from tests.conftest import ack, events_of, get_db_of, op
from workshop.services import sync

SECRET = "Lisa i 7B har det svårt hemma"


def _reviewing(room: dict[str, Any]) -> None:
    settings = {"title": "Ungdomsdialog", "language": "sv", "dot_budget": 5, "max_per_topic": 3}
    answer = ack(
        room["console"], "workshop.update", {"op_id": op(), **settings, "review_topics": True}
    )
    assert answer["ok"], answer
    for name in ("console", "phone_a", "phone_b", "wall"):
        room[name].get_received()


def _develop(room: dict[str, Any]) -> int:
    console = room["console"]
    theme = ack(console, "theme.create", {"op_id": op(), "title": "En väg in"})["theme"]["id"]
    assert ack(console, "phase.change", {"op_id": op(), "phase": "develop"})["ok"]
    return theme


def _session(room: dict[str, Any]) -> int:
    console = room["console"]
    slot = ack(console, "slot.save", {"op_id": op(), "starts": "10:00", "ends": "10:45"})
    space = ack(console, "space.save", {"op_id": op(), "name": "Rum A"})["space"]["id"]
    topic = ack(console, "topic.post", {"op_id": op(), "title": "Skolan"})["topic"]["id"]
    cell = {"topic_id": topic, "slot_id": slot["slot"]["id"], "space_id": space}
    return ack(console, "session.place", {"op_id": op(), **cell})["session"]["id"]


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), "white").save(out, "JPEG")
    return out.getvalue()


def _nobody_else_saw(room: dict[str, Any], words: str) -> None:
    """Neither phone nor the wall got the words, live or on a fresh sync: only the author's own
    private `me` lists them, as waiting."""
    for name in ("phone_a", "phone_b", "wall"):
        received = [m for m in room[name].get_received() if m["name"] != "me"]
        assert words not in str(received), name
        synced = ack(room[name], "sync", {"since": 0})
        assert words not in str({**synced, "me": None}), name
        waiting = synced.get("me", {}).get("waiting_inputs", [])
        assert (words in str(waiting)) == (name == "phone_a" and bool(_held(room))), name


def _held(room: dict[str, Any]) -> dict[str, Any]:
    state = ack(room["console"], "sync", {"since": 0})["snapshot"]
    return state["held"]


@pytest.mark.parametrize("kind", ["idea", "card", "note", "notes"])
def test_words_wait_on_the_console_and_run_as_their_author_s_once_shown(
    app: Flask, room: dict[str, Any], kind: str
) -> None:
    _reviewing(room)
    if kind == "idea":
        event = ("idea.post", {"theme_id": _develop(room), "text": SECRET})
    elif kind in ("card", "note"):
        event = ("board.place", {"kind": "text" if kind == "card" else "note", "text": SECRET[:40]})
    else:
        sid = _session(room)
        note = {"session_id": sid, "field": "discussion", "text": SECRET, "version": 0}
        event = ("notes.write", note)
    words = event[1]["text"]
    room["console"].get_received()
    answer = ack(room["phone_a"], event[0], {"op_id": op(), **event[1]})
    assert answer["ok"] and answer["held"]["kind"] in ("idea", "card", "notes"), answer
    held_id = answer["held"]["id"]
    console_saw = events_of(room["console"])
    assert [e["type"] for e in console_saw] == ["input.held"]
    assert words in console_saw[0]["payload"]["held"]["words"].values()
    _nobody_else_saw(room, words)
    assert words in str(_held(room))
    db = get_db_of(app)
    assert words not in str(sync.snapshot(db, room["workshop"]["id"], include_hidden=False))
    if kind in ("card", "note"):
        svg = room["http"]["console"].get(f"/console/{room['workshop']['id']}/board.svg")
        assert svg.status_code == 200 and words not in svg.get_data(as_text=True)

    shown = ack(room["console"], "review.show", {"op_id": op(), "held_id": held_id})
    assert shown["ok"], shown
    assert _held(room) == {}
    for name in ("phone_b", "wall"):
        assert words in str(ack(room[name], "sync", {"since": 0})["snapshot"]), name
    if kind in ("card", "note"):
        # The card is its author's: they may undo placing it.
        assert ack(room["phone_a"], "board.undo", {"op_id": op()})["undone"] is True
    # The log keeps no second copy of the held words.
    replay = ack(room["console"], "sync", {"since": 1})
    held_events = [e for e in replay.get("events", []) if e["type"] == "input.held"]
    assert held_events and all(e["payload"]["held"]["words"] == {} for e in held_events)


def test_a_dropped_input_never_reaches_anyone_and_leaves_no_words(
    app: Flask, room: dict[str, Any]
) -> None:
    _reviewing(room)
    theme = _develop(room)
    answer = ack(room["phone_a"], "idea.post", {"op_id": op(), "theme_id": theme, "text": SECRET})
    dropped = ack(room["console"], "review.drop", {"op_id": op(), "held_id": answer["held"]["id"]})
    assert dropped["ok"], dropped
    _nobody_else_saw(room, SECRET)
    assert SECRET not in str(ack(room["console"], "sync", {"since": 0}))
    assert SECRET not in str(ack(room["console"], "sync", {"since": 1}))
    again = ack(room["console"], "review.drop", {"op_id": op(), "held_id": answer["held"]["id"]})
    assert again["error"]["code"] == "not_found"


def test_a_photo_waits_and_only_the_facilitator_sees_it(app: Flask, room: dict[str, Any]) -> None:
    _reviewing(room)
    sid = _session(room)
    code = room["workshop"]["join_code"]
    wid = room["workshop"]["id"]
    phone = room["http"]["phone_a"]
    upload = phone.post(
        f"/w/{code}/sessions/{sid}/photos",
        data={"photo": (io.BytesIO(_jpeg()), "chart.jpg"), "op_id": op()},
        content_type="multipart/form-data",
    )
    body = upload.get_json()
    assert upload.status_code == 200 and body["held"]["kind"] == "photo", body
    held_id = body["held"]["id"]
    assert sync.snapshot(get_db_of(app), wid, include_hidden=True)["photos"] == {}
    preview = room["http"]["console"].get(f"/console/{wid}/held/{held_id}.jpg")
    assert preview.status_code == 200 and preview.mimetype == "image/jpeg"
    # A phone has no facilitator's login: the console sends it to the login page.
    assert phone.get(f"/console/{wid}/held/{held_id}.jpg").status_code == 302
    shown = ack(room["console"], "review.show", {"op_id": op(), "held_id": held_id})
    assert shown["ok"], shown
    photo_id = shown["result"]["photo_id"]
    assert phone.get(f"/w/{code}/photos/{photo_id}.jpg").status_code == 200
    assert room["http"]["console"].get(f"/console/{wid}/held/{held_id}.jpg").status_code == 404

    folder = Path(app.instance_path) / "photos" / str(wid)
    kept = set(folder.glob("*.jpg"))
    second = phone.post(
        f"/w/{code}/sessions/{sid}/photos",
        data={"photo": (io.BytesIO(_jpeg()), "chart.jpg"), "op_id": op()},
        content_type="multipart/form-data",
    ).get_json()
    assert len(set(folder.glob("*.jpg")) - kept) == 1
    ack(room["console"], "review.drop", {"op_id": op(), "held_id": second["held"]["id"]})
    assert set(folder.glob("*.jpg")) == kept  # the dropped picture's file is gone


def test_what_is_refused_anyway_is_refused_at_once_and_nothing_waits(
    room: dict[str, Any],
) -> None:
    """The held command runs its checks first: an idea outside Develop, a note too long."""
    _reviewing(room)
    early = ack(room["phone_a"], "idea.post", {"op_id": op(), "theme_id": 1, "text": "Idé"})
    assert early["ok"] is False
    long_note = {"op_id": op(), "kind": "note", "text": "x" * 2000}
    assert ack(room["phone_a"], "board.place", long_note)["error"]["code"] == "too_long"
    assert _held(room) == {}


def test_no_review_for_the_facilitator_nor_for_input_without_words(room: dict[str, Any]) -> None:
    _reviewing(room)
    mine = ack(room["console"], "board.place", {"op_id": op(), "kind": "note", "text": "Fika"})
    assert mine["ok"] and "card" in mine, mine
    role = ack(room["phone_a"], "board.place", {"op_id": op(), "role_id": "skolkurator"})
    assert role["ok"] and "card" in role, role
    assert _held(room) == {}


def test_one_person_cannot_bury_the_queue(room: dict[str, Any]) -> None:
    _reviewing(room)
    for n in range(30):
        note = {"op_id": op(), "kind": "note", "text": f"Lapp {n}"}
        assert ack(room["phone_a"], "board.place", note)["ok"]
    over = ack(room["phone_a"], "board.place", {"op_id": op(), "kind": "note", "text": "31"})
    assert over["error"]["code"] == "too_many_waiting"
    other = ack(room["phone_b"], "board.place", {"op_id": op(), "kind": "note", "text": "B"})
    assert other["ok"]


# Participant commands of those kinds that carry no words of their own.
WITHOUT_WORDS = {
    "board.move_card",
    "board.group_card",
    "board.remove_card",
    "board.add_link",
    "board.remove_link",
    "board.undo",  # puts back what the room already saw
    "notes.count_notes",  # numbers only
}


def test_every_command_that_takes_a_participant_s_words_is_reviewed() -> None:
    """A new command that carries words (or a picture) must declare where they are, so review
    before showing covers it; one that forgets fails here."""
    import importlib
    import pkgutil

    import workshop.services as package

    unreviewed, reviewed = [], set()
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"workshop.services.{info.name}")
        for name, fn in vars(module).items():
            if not callable(fn) or getattr(fn, "__module__", "") != module.__name__:
                continue
            if "participant" not in (getattr(fn, "roles", None) or ()):
                continue
            if getattr(fn, "takes_input", None) not in ("topic", "idea", "board", "notes"):
                continue
            if getattr(fn, "reviewed", None) is not None:
                reviewed.add(f"{info.name}.{name}")
            # Topics wait as topics (`pending`, services/topics.py), not as held inputs.
            elif f"{info.name}.{name}" not in WITHOUT_WORDS and info.name != "topics":
                unreviewed.append(f"{info.name}.{name}")
    assert unreviewed == []
    assert reviewed == {
        "board.place_card",
        "board.edit_text",
        "ideas.post_idea",
        "notes.write_notes",
        "photos._attach",
    }


def test_an_approved_topic_rewritten_by_its_author_waits_again(room: dict[str, Any]) -> None:
    _reviewing(room)
    topic = ack(room["phone_a"], "topic.post", {"op_id": op(), "title": "Mer fika"})["topic"]
    assert ack(room["console"], "topic.approve", {"op_id": op(), "topic_id": topic["id"]})["ok"]
    for name in ("phone_b", "wall"):
        room[name].get_received()
    edit = {"op_id": op(), "topic_id": topic["id"], "title": SECRET, "description": ""}
    assert ack(room["phone_a"], "topic.edit", edit)["ok"]
    _nobody_else_saw(room, SECRET)
    console = ack(room["console"], "sync", {"since": 0})["snapshot"]["topics"][str(topic["id"])]
    assert console["title"] == SECRET and console["pending"] is True
    mine = ack(room["phone_a"], "sync", {"since": 0})["me"]["waiting_topics"]
    assert mine == [{"id": topic["id"], "title": SECRET}]


def test_a_topic_waiting_for_review_is_in_no_ranking(room: dict[str, Any]) -> None:
    _reviewing(room)
    shown = ack(room["console"], "topic.post", {"op_id": op(), "title": "Fritids"})["topic"]
    waiting = ack(room["phone_a"], "topic.post", {"op_id": op(), "title": SECRET})["topic"]
    assert ack(room["console"], "round.open", {"op_id": op()})["ok"]
    assert ack(room["phone_b"], "vote.add", {"op_id": op(), "topic_id": shown["id"]})["ok"]
    for name in ("console", "phone_a", "phone_b", "wall"):
        room[name].get_received()
    closed = ack(room["console"], "round.close", {"op_id": op()})
    assert [line["topic_id"] for line in closed["results"]] == [shown["id"]]
    for name in ("console", "phone_b", "wall"):
        (event,) = [e for e in events_of(room[name]) if e["type"] == "round.closed"]
        assert [line["topic_id"] for line in event["payload"]["results"]] == [shown["id"]], name
    assert waiting["id"] != shown["id"]
