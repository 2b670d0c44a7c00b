"""The team's role matrix: every command the server declares, for every team role, a removed
member and a member of another workshop. Enumerated from the declarations, so a new command is
covered by itself; what it expects is read from `domain/team.py` GRANTS, not restated here."""

from __future__ import annotations

import re
from typing import Any

import pytest
import sqlalchemy as sa

from tests.conftest import (
    ack,
    get_db_of,
    logged_in_client,
    make_facilitator,
    make_workshop,
    op,
    socket_for,
)
from tests.realtime.test_roles import db_fingerprint, valid_payload
from workshop.domain import team as team_rules
from workshop.domain.actors import Actor
from workshop.extensions import get_db
from workshop.services import runner, team
from workshop.services.runner import FACILITATOR, declared_commands, workshop_command

REFUSALS = {"forbidden", "not_your_role"}


def join_team(app: Any, workshop_id: int, owner_id: int, email: str, role: str) -> int:
    """A new account in the workshop's team through an invitation, as the owner makes it."""
    user_id = make_facilitator(app, email)
    with app.app_context():
        db = get_db()
        made = team.invite(db, Actor("facilitator", workshop_id, owner_id), None, {"role": role})
        assert team.accept(db, workshop_id, made.result["token"], user_id) == role
    return user_id


def console_of(app: Any, email: str, workshop_id: int) -> Any:
    sock = socket_for(app, logged_in_client(app, email), view="console", workshop_id=workshop_id)
    assert sock.is_connected(), email
    sock.get_received()
    return sock


@pytest.fixture
def team_room(app: Any, room: dict[str, Any]) -> dict[str, Any]:
    """The room's workshop with one member in each invitable role, a member removed again, and
    a facilitator who is in another workshop's team only."""
    wid, owner = room["workshop"]["id"], room["owner_id"]
    topic = ack(room["console"], "topic.post", {"op_id": op(), "title": "A1"})["topic"]["id"]
    ack(room["console"], "topic.post", {"op_id": op(), "title": "A2"})
    consoles = {"owner": room["console"]}
    for role in team_rules.INVITABLE:
        join_team(app, wid, owner, f"{role}@example.se", role)
        consoles[role] = console_of(app, f"{role}@example.se", wid)
    removed = join_team(app, wid, owner, "removed@example.se", "co_facilitator")
    removed_console = console_of(app, "removed@example.se", wid)
    with app.app_context():
        team.remove_member(get_db(), Actor("facilitator", wid, owner), None, {"user_id": removed})
    consoles["removed"] = removed_console
    other_owner = make_facilitator(app, "other-owner@example.se")
    other = make_workshop(app, other_owner, title="B")
    join_team(app, other["id"], other_owner, "elsewhere@example.se", "co_facilitator")
    consoles["elsewhere"] = console_of(app, "elsewhere@example.se", other["id"])
    return {"wid": wid, "topic_id": topic, "consoles": consoles, "room": room}


def test_every_facilitator_command_declares_a_known_permission() -> None:
    for name, declared in declared_commands().items():
        if "facilitator" in declared.roles:
            assert declared.permission in team_rules.PERMISSIONS, name


def test_a_command_without_its_permission_is_refused_at_import() -> None:
    with pytest.raises(TypeError, match="permission"):

        @workshop_command(roles=FACILITATOR)
        def forgotten(ctx: Any, data: dict[str, Any]) -> dict[str, Any]:
            return {}

    assert "forgotten" not in {d.service.__name__ for d in runner.DECLARED.values()}


@pytest.mark.parametrize("who", ["moderator", "note_taker", "board_keeper", "removed", "elsewhere"])
def test_each_member_runs_exactly_what_their_role_grants(
    app: Any, db: Any, team_room: dict[str, Any], who: str
) -> None:
    sock = team_room["consoles"][who]
    grants = team_rules.GRANTS.get(who, frozenset())  # type: ignore[call-overload]
    refused = []
    for name, declared in declared_commands().items():
        if "facilitator" not in declared.roles:
            continue
        before = db_fingerprint(db, team_room["wid"])
        answer = ack(sock, name, valid_payload(name, team_room["topic_id"]))
        if who == "elsewhere":
            # Their own workshop's commands run there; ours are never reached.
            assert db_fingerprint(db, team_room["wid"]) == before, name
            continue
        if declared.permission in grants:
            assert answer.get("error", {}).get("code") not in REFUSALS, (who, name, answer)
            continue
        refused.append(name)
        expected = "not_your_role" if who in team_rules.GRANTS else "forbidden"
        assert answer["ok"] is False and answer["error"]["code"] == expected, (who, name, answer)
        assert db_fingerprint(db, team_room["wid"]) == before, (who, name)
    if who != "elsewhere":
        assert refused, who


@pytest.mark.parametrize("who", ["owner", "co_facilitator"])
def test_owner_and_co_facilitator_run_every_command(
    app: Any, team_room: dict[str, Any], who: str
) -> None:
    sock = team_room["consoles"][who]
    for name, declared in declared_commands().items():
        if "facilitator" not in declared.roles or name in ("workshop.close", "workshop.reopen"):
            continue
        answer = ack(sock, name, valid_payload(name, team_room["topic_id"]))
        assert answer.get("error", {}).get("code") not in REFUSALS, (who, name, answer)


def test_a_moderator_s_action_is_logged_as_theirs(
    app: Any, db: Any, team_room: dict[str, Any]
) -> None:
    sock = team_room["consoles"]["moderator"]
    assert ack(
        sock, "topic.hide", {"op_id": op(), "topic_id": team_room["topic_id"], "hidden": True}
    )["ok"]
    with db.read() as session:
        moderator = session.scalar(
            sa.text("select id from users where email = 'moderator@example.se'")
        )
        actor = session.scalar(
            sa.text(
                "select actor from events where workshop_id = :w and type = 'topic.hidden'"
                " order by seq desc limit 1"
            ),
            {"w": team_room["wid"]},
        )
    assert actor == f"u:{moderator}"


def test_only_the_owner_deletes_the_workshop(app: Any, db: Any, team_room: dict[str, Any]) -> None:
    from workshop.services import workshops

    wid = team_room["wid"]
    with db.read() as session:
        co = session.scalar(
            sa.text("select id from users where email = 'co_facilitator@example.se'")
        )
    with app.app_context(), pytest.raises(Exception, match="not_your_role"):
        workshops.delete_workshop(get_db(), Actor("facilitator", wid, co))
    assert workshops.get_workshop(db, wid) is not None


def test_a_drag_on_the_board_is_the_board_s(app: Any, team_room: dict[str, Any]) -> None:
    """`board.drag` is no command, but the board's all the same."""
    payload = valid_payload("board.drag", team_room["topic_id"])
    answer = ack(team_room["consoles"]["moderator"], "board.drag", payload)
    assert answer["error"]["code"] == "not_your_role"
    answer = ack(team_room["consoles"]["board_keeper"], "board.drag", payload)
    assert answer.get("error", {}).get("code") not in REFUSALS


def _console_routes(app: Any) -> list[tuple[str, str]]:
    """Every console route of one workshop the server has, with its other parts filled in (an
    invitation link is public by design: tests/api/test_team_http.py)."""
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/console/<int:workshop_id>") or "/join/" in rule.rule:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((method, rule.rule))
    assert len(routes) >= 20
    return sorted(routes)


def _url(rule: str, workshop_id: int) -> str:
    url = rule.replace("<int:workshop_id>", str(workshop_id))
    url = url.replace("report.<fmt>", "report.md")
    return re.sub(r"<(?:\w+:)?\w+>", "1", url)


def test_every_console_route_is_the_team_s_only(app: Any, room: dict[str, Any]) -> None:
    """Enumerated from the server's routes: nobody outside the team gets anything of a
    workshop (404, and nothing changes), the owner is never refused, and a member is refused
    (403) or served, never shown a 404 that would hide the reason."""
    wid, owner = room["workshop"]["id"], room["owner_id"]
    join_team(app, wid, owner, "notes@example.se", "note_taker")
    removed = join_team(app, wid, owner, "gone@example.se", "moderator")
    with app.app_context():
        team.remove_member(get_db(), Actor("facilitator", wid, owner), None, {"user_id": removed})
    make_facilitator(app, "stranger@example.se")
    clients = {
        who: logged_in_client(app, f"{who}@example.se") for who in ("notes", "gone", "stranger")
    }
    before = db_fingerprint(get_db_of(app), wid)
    for method, rule in _console_routes(app):
        url = _url(rule, wid)
        for who in ("gone", "stranger"):
            answer = clients[who].open(url, method=method)
            assert answer.status_code == 404, (who, method, rule, answer.status_code)
        answer = clients["notes"].open(url, method=method)
        assert answer.status_code != 404 or "/<" in rule.removeprefix(
            "/console/<int:workshop_id>"
        ), (
            method,
            rule,
        )
    assert db_fingerprint(get_db_of(app), wid) == before
    for method, rule in _console_routes(app):
        if method == "GET" and "<" not in rule.removeprefix("/console/<int:workshop_id>"):
            answer = room["http"]["console"].get(_url(rule, wid))
            assert answer.status_code not in (403, 404), (rule, answer.status_code)


def _set_display_name(app: Any, email: str, name: str) -> None:
    import sqlalchemy as sa

    from workshop.store.models import User

    with get_db_of(app).unit_of_work() as uow:
        uow.session.execute(sa.update(User).where(User.email == email).values(display_name=name))
        uow.commit()


def _presence(sock: Any) -> list[dict[str, str]] | None:
    """The latest `team.present` this socket received, or None."""
    found = [m["args"][0] for m in sock.get_received() if m["name"] == "team.present"]
    return found[-1]["present"] if found else None


def test_the_consoles_see_who_of_the_team_is_connected_and_on_which_part(
    app: Any, room: dict[str, Any]
) -> None:
    wid, owner = room["workshop"]["id"], room["owner_id"]
    join_team(app, wid, owner, "karin@example.se", "note_taker")
    karin = console_of(app, "karin@example.se", wid)
    assert ack(karin, "team.here", {"part": "agenda"}) == {"ok": True}
    assert _presence(room["console"]) == [
        {"name": "facilitator@example.se", "email": "facilitator@example.se", "role": "owner",
         "part": ""},
        {"name": "karin@example.se", "email": "karin@example.se", "role": "note_taker",
         "part": "agenda"},
    ]  # fmt: skip
    # With the name she chose on her account page the team sees "Karin", first by name.
    _set_display_name(app, "karin@example.se", "Karin")
    assert ack(karin, "team.here", {"part": "board"}) == {"ok": True}
    assert [(p["name"], p["part"]) for p in _presence(room["console"]) or []] == [
        ("facilitator@example.se", ""),
        ("Karin", "board"),
    ]
    # Phones and the wall hear nothing of the team.
    for name in ("phone_a", "phone_b", "wall"):
        assert _presence(room[name]) is None, name
    karin.disconnect()
    assert _presence(room["console"]) == [
        {"name": "facilitator@example.se", "email": "facilitator@example.se", "role": "owner",
         "part": ""}
    ]  # fmt: skip
    # Only a console says where it is.
    answer = ack(room["phone_a"], "team.here", {"part": "agenda"})
    assert answer["error"]["code"] == "forbidden"
