"""The console's short history ("Karin hid a topic 10:42"): every action of the team is in it,
by the member's name, live on every console of the workshop and again on asking; no
participant's action and no name ever reaches a phone or the wall."""

from __future__ import annotations

from typing import Any

from tests.conftest import ack, get_db_of, logged_in_client, op
from tests.realtime.test_team_roles import console_of, join_team
from workshop.domain.events import EVENT_TYPES
from workshop.services import accounts, history
from workshop.web.history import DONE, PARTICIPANTS_ONLY


def _acted(sock: Any) -> list[dict[str, Any]]:
    """The history entries this socket received as they happened, oldest message first."""
    return [
        entry
        for message in sock.get_received()
        if message["name"] == "team.acted"
        for entry in message["args"][0]["entries"]
    ]


def test_a_moderator_s_action_reaches_every_console_by_name_and_no_phone(
    app: Any, room: dict[str, Any]
) -> None:
    wid, owner = room["workshop"]["id"], room["owner_id"]
    karin_id = join_team(app, wid, owner, "karin@example.se", "moderator")
    accounts.set_display_name(get_db_of(app), karin_id, "Karin")
    karin = console_of(app, "karin@example.se", wid)
    posted = ack(room["phone_a"], "topic.post", {"op_id": op(), "title": "Fler fritidsgårdar"})
    # A participant's topic is nobody's in the history.
    assert _acted(room["console"]) == [] and _acted(karin) == []
    hide = {"op_id": op(), "topic_id": posted["topic"]["id"], "hidden": True}
    assert ack(karin, "topic.hide", hide)["ok"]
    for sock in (room["console"], karin):
        [entry] = _acted(sock)
        assert entry["type"] == "topic.hidden" and entry["by"] == "Karin"
        assert entry["at"].endswith("Z") and isinstance(entry["seq"], int)
    for name in ("phone_a", "phone_b", "wall"):
        received = room[name].get_received()
        assert [m for m in received if m["name"] == "team.acted"] == [], name
        assert "Karin" not in str(received) and "karin@" not in str(received), name
    # The same op_id again is answered from the first time: nothing new in the history.
    assert ack(karin, "topic.hide", hide)["ok"]
    assert _acted(room["console"]) == []
    # The owner's own action, named by their e-mail (no name chosen).
    ack(room["console"], "topic.post", {"op_id": op(), "title": "Från konsolen"})
    [entry] = _acted(karin)
    assert entry["type"] == "topic.posted" and entry["by"] == "facilitator@example.se"


def test_a_console_asks_for_the_latest_twenty_newest_first(app: Any, room: dict[str, Any]) -> None:
    wid, owner = room["workshop"]["id"], room["owner_id"]
    console = room["console"]
    for n in range(22):
        ack(console, "topic.post", {"op_id": op(), "title": f"T{n}"})
    ack(room["phone_a"], "topic.post", {"op_id": op(), "title": "A phone's"})
    answer = ack(console, "team.history", {})
    entries = answer["entries"]
    assert answer["ok"] and len(entries) == history.HISTORY_LENGTH == 20
    assert [e["seq"] for e in entries] == sorted((e["seq"] for e in entries), reverse=True)
    assert {e["by"] for e in entries} == {"facilitator@example.se"}
    # A member who has left is "someone" (""), never another's name; the log keeps the action.
    leaver = join_team(app, wid, owner, "leaver@example.se", "co_facilitator")
    leaver_console = console_of(app, "leaver@example.se", wid)
    ack(leaver_console, "topic.post", {"op_id": op(), "title": "Before leaving"})
    admin = logged_in_client(app)
    assert (
        admin.post(
            f"/admin/accounts/{leaver}/remove", data={"confirm": "leaver@example.se"}
        ).status_code
        == 200
    )
    newest = ack(console, "team.history", {})["entries"][0]
    assert newest["type"] == "topic.posted" and newest["by"] == ""
    # Only a console asks.
    refused = ack(room["phone_a"], "team.history", {})
    assert refused["error"]["code"] == "forbidden"


def test_every_event_type_has_words_or_is_a_participant_s_only() -> None:
    assert set(DONE) | PARTICIPANTS_ONLY == set(EVENT_TYPES)
    assert not set(DONE) & PARTICIPANTS_ONLY
    assert all("%(who)s" in str(words) for words in DONE.values())
