"""The team's role matrix: every command the server declares, for every team role, a removed
member and a member of another workshop. Enumerated from the declarations, so a new command is
covered by itself; what it expects is read from `domain/team.py` GRANTS, not restated here."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from tests.conftest import ack, logged_in_client, make_facilitator, make_workshop, op, socket_for
from tests.realtime.test_roles import db_fingerprint, valid_payload
from workshop.domain import team as team_rules
from workshop.domain.actors import Actor
from workshop.services import runner, team
from workshop.services.runner import FACILITATOR, declared_commands, workshop_command
from workshop.store.db import get_db

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
