"""Two people write the same session's notes at the same moment, with real clients against a
real server (SQLite and PostgreSQL): no text is lost, and the one who saved second is told."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from tests.integration.helpers import Client
from tests.support.live import LiveServer

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def save_at_once(
    writers: list[Client], session_id: int, texts: list[str], version: int
) -> list[dict[str, Any]]:
    """Both writers save the discussion field, released together by a barrier."""
    answers: list[dict[str, Any]] = [{}, {}]
    gate = threading.Barrier(2)

    def save(i: int) -> None:
        gate.wait()
        answers[i] = writers[i].command(
            "notes.write", session_id=session_id, field="discussion", text=texts[i], version=version
        )

    threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_two_writers_of_the_same_notes_lose_no_text(live: LiveServer) -> None:
    live.add_facilitator()
    facilitator = live.login()
    workshop = live.create_workshop(facilitator, title="Notes")
    wid = workshop["id"]
    console = Client(live, facilitator, view="console", workshop_id=wid)
    writers = [
        Client(live, live.join(workshop["join_code"]), view="phone", workshop_id=wid)
        for _ in range(2)
    ]
    wall = Client(live, None, view="wall", join_code=workshop["join_code"])
    try:
        slot = console.command("slot.save", starts="10:00", ends="10:45")["slot"]["id"]
        space = console.command("space.save", name="Sal A")["space"]["id"]
        topic = writers[0].command("topic.post", title="En väg in")["topic"]["id"]
        cell = {"topic_id": topic, "slot_id": slot, "space_id": space}
        session_id = writers[0].command("session.place", **cell)["session"]["id"]
        rounds, lost, version = 20, [], 0
        for n in range(rounds):
            # Both start from the version they see now and save at the same moment.
            texts = [f"A{n}: skolan", f"B{n}: socialtjänsten"]
            answers = save_at_once(writers, session_id, texts, version)
            assert all(a.get("ok") for a in answers), answers
            # Exactly one of the two saves came second, kept both texts and was told.
            assert sorted(a["conflict"] for a in answers) == [False, True], answers
            version = max(a["version"] for a in answers)
            state = console.call("sync", {"since": 0})["snapshot"]
            text = state["notes"][str(session_id)]["fields"]["discussion"]["text"]
            lost += [t for t in texts if t not in text]
        assert lost == []
        # The wall receives the same text the database holds.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            seen = [e for e in wall.events if e["type"] == "notes.written"]
            if seen and seen[-1]["payload"]["text"] == text:
                break
            time.sleep(0.05)
        assert seen[-1]["payload"]["text"] == text
        print(f"{rounds} rounds of two simultaneous saves: 0 texts lost, {rounds} writers told")
    finally:
        for client in (console, wall, *writers):
            client.close()
