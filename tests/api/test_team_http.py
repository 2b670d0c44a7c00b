"""The team over HTTP: invitation links (once, 7 days, one workshop), accepting with an account
made on the spot, removing a member (their sockets end within a second), handing over."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from tests.conftest import (
    PASSWORD,
    ack,
    logged_in_client,
    make_facilitator,
    make_workshop,
    op,
    socket_for,
)
from workshop.services import team


def invite(owner_http: Any, workshop_id: int, role: str) -> str:
    """The path of a fresh invitation link, read from the page that shows it once."""
    page = owner_http.post(f"/console/{workshop_id}/team/invite", data={"role": role})
    assert page.status_code == 200, page.data
    link = re.search(r'id="invitation-link"[^>]*value="([^"]+)"', page.get_data(as_text=True))
    assert link, page.get_data(as_text=True)
    return "/" + link.group(1).split("/", 3)[3]


def test_an_invitation_makes_an_account_on_the_spot_and_opens_the_console(
    app: Any, room: dict[str, Any]
) -> None:
    wid = room["workshop"]["id"]
    path = invite(room["http"]["console"], wid, "note_taker")
    newcomer = app.test_client()
    offer = newcomer.get(path + "?lang=en")
    assert offer.status_code == 200 and b"Make the account and join" in offer.data
    answer = newcomer.post(path, data={"email": "Karin@Example.se", "password": "long enough"})
    assert answer.status_code == 302 and answer.headers["Location"].endswith(f"/console/{wid}")
    assert newcomer.get(f"/console/{wid}").status_code == 200
    assert team.role_in(_db(app), wid, _user(app, "karin@example.se")) == "note_taker"
    # The note-taker's console connects; the Deliver part's commands are not theirs.
    sock = socket_for(app, newcomer, view="console", workshop_id=wid)
    assert sock.is_connected()
    refused = ack(sock, "action.add", {"op_id": op(), "what": "Not mine"})
    assert refused["error"]["code"] == "not_your_role"
    # ... and the routes that need another permission answer 403 with the reason.
    assert newcomer.get(f"/console/{wid}/board").status_code == 403
    assert newcomer.get(f"/console/{wid}/team").status_code == 403


def _db(app: Any) -> Any:
    from tests.conftest import get_db_of

    return get_db_of(app)


def _user(app: Any, email: str) -> int:
    with _db(app).read() as session:
        return session.scalar(sa.text("select id from users where email = :e"), {"e": email})


def test_an_invitation_works_once(app: Any, room: dict[str, Any]) -> None:
    wid = room["workshop"]["id"]
    path = invite(room["http"]["console"], wid, "moderator")
    first = app.test_client()
    assert first.post(path, data={"email": "a@example.se", "password": PASSWORD}).status_code == 302
    second = app.test_client()
    second.get("/?lang=en")
    again = second.post(path, data={"email": "b@example.se", "password": PASSWORD})
    assert again.status_code == 404
    assert b"already been used" in again.data
    # The dead link made no account.
    assert _user(app, "b@example.se") is None


def test_an_expired_invitation_is_refused(app: Any, room: dict[str, Any]) -> None:
    wid = room["workshop"]["id"]
    path = invite(room["http"]["console"], wid, "moderator")
    with _db(app).unit_of_work() as uow:
        uow.session.execute(
            sa.text("update team_invitations set expires_at = :t"),
            {"t": _past()},
        )
        uow.commit()
    page = app.test_client().get(path + "?lang=en")
    assert page.status_code == 404 and b"expired" in page.data
    assert "gått ut" in app.test_client().get(path + "?lang=sv").get_data(as_text=True)
    user = make_facilitator(app, "late@example.se")
    client = logged_in_client(app, "late@example.se")
    assert client.post(path).status_code == 404
    assert team.role_in(_db(app), wid, user) is None


def _past() -> Any:
    from workshop.clock import utcnow

    return utcnow() - timedelta(days=8, seconds=1)


def test_an_invitation_opens_only_its_own_workshop(app: Any, room: dict[str, Any]) -> None:
    wid = room["workshop"]["id"]
    path = invite(room["http"]["console"], wid, "co_facilitator")
    other = make_workshop(app, room["owner_id"], title="B")
    elsewhere = path.replace(f"/console/{wid}/", f"/console/{other['id']}/")
    user = make_facilitator(app, "wanderer@example.se")
    client = logged_in_client(app, "wanderer@example.se")
    assert client.post(elsewhere).status_code == 404
    assert team.role_in(_db(app), other["id"], user) is None
    assert team.role_in(_db(app), wid, user) is None
    # The link still works where it belongs.
    assert client.post(path).status_code == 302
    assert team.role_in(_db(app), wid, user) == "co_facilitator"


def test_only_the_owner_changes_the_team(app: Any, room: dict[str, Any]) -> None:
    wid = room["workshop"]["id"]
    path = invite(room["http"]["console"], wid, "co_facilitator")
    make_facilitator(app, "co@example.se")
    co = logged_in_client(app, "co@example.se")
    assert co.post(path).status_code == 302
    assert co.get(f"/console/{wid}/team").status_code == 403
    assert (
        co.post(f"/console/{wid}/team/invite", data={"role": "co_facilitator"}).status_code == 403
    )
    assert (
        co.post(
            f"/console/{wid}/delete", data={"confirm": room["workshop"]["join_code"]}
        ).status_code
        == 403
    )
    stranger_id = make_facilitator(app, "stranger@example.se")
    stranger = logged_in_client(app, "stranger@example.se")
    assert stranger.get(f"/console/{wid}").status_code == 404
    assert team.role_in(_db(app), wid, stranger_id) is None


def test_removing_a_member_ends_their_sockets_within_a_second(
    app: Any, room: dict[str, Any]
) -> None:
    wid = room["workshop"]["id"]
    path = invite(room["http"]["console"], wid, "moderator")
    member_id = make_facilitator(app, "gone@example.se")
    member = logged_in_client(app, "gone@example.se")
    assert member.post(path).status_code == 302
    sock = socket_for(app, member, view="console", workshop_id=wid)
    assert sock.is_connected()
    started = time.monotonic()
    answer = room["http"]["console"].post(
        f"/console/{wid}/team/remove", data={"user_id": str(member_id)}
    )
    assert answer.status_code == 302
    while sock.is_connected() and time.monotonic() - started < 1:
        time.sleep(0.01)
    assert not sock.is_connected()
    assert time.monotonic() - started < 1
    # The owner's console stays, and the removed member cannot connect again.
    assert room["console"].is_connected()
    assert not socket_for(app, member, view="console", workshop_id=wid).is_connected()
    assert member.get(f"/console/{wid}").status_code == 404


def test_handing_over_keeps_the_history(app: Any, room: dict[str, Any]) -> None:
    wid = room["workshop"]["id"]
    owner_http = room["http"]["console"]
    ack(room["console"], "topic.post", {"op_id": op(), "title": "Before the hand-over"})
    path = invite(owner_http, wid, "co_facilitator")
    heir_id = make_facilitator(app, "heir@example.se")
    heir = logged_in_client(app, "heir@example.se")
    assert heir.post(path).status_code == 302
    with _db(app).read() as session:
        events_before = session.execute(
            sa.text("select seq, type, actor from events where workshop_id = :w order by seq"),
            {"w": wid},
        ).all()
    answer = owner_http.post(f"/console/{wid}/team/hand-over", data={"user_id": str(heir_id)})
    assert answer.status_code == 302
    assert team.role_in(_db(app), wid, heir_id) == "owner"
    assert team.role_in(_db(app), wid, room["owner_id"]) == "co_facilitator"
    with _db(app).read() as session:
        events_after = session.execute(
            sa.text("select seq, type, actor from events where workshop_id = :w order by seq"),
            {"w": wid},
        ).all()
    assert events_after == events_before
    history = team.team_of(_db(app), wid)["history"]
    assert [change["kind"] for change in history] == ["handed_over", "joined"]
    page = heir.get(f"/console/{wid}/team")
    assert page.status_code == 200 and b"facilitator@example.se" in page.data
    # The former owner runs the day still, but no longer changes the team.
    assert owner_http.get(f"/console/{wid}").status_code == 200
    assert owner_http.get(f"/console/{wid}/team").status_code == 403


def test_the_console_shows_each_member_only_the_parts_of_their_role(
    app: Any, room: dict[str, Any]
) -> None:
    wid = room["workshop"]["id"]
    owner_page = room["http"]["console"].get(f"/console/{wid}?lang=en").get_data(as_text=True)
    assert 'id="team-card"' in owner_page and "not your role" not in owner_page
    path = invite(room["http"]["console"], wid, "note_taker")
    make_facilitator(app, "notes@example.se")
    notes = logged_in_client(app, "notes@example.se")
    assert notes.post(path).status_code == 302
    page = notes.get(f"/console/{wid}?lang=en").get_data(as_text=True)
    assert 'id="team-card"' not in page
    # Deliver, Set-up and Reports say why; the agenda (read-only, with its notes) does not.
    reasons = re.findall(r'id="part-(\w+)-heading"[^<]*</h2>\s*<p class="part-not-yours"', page)
    assert set(reasons) == {
        "setup",
        "opening",
        "questions",
        "marketplace",
        "board",
        "define",
        "develop",
        "deliver",
        "reports",
    }
    assert "Notes and photos for any session" in page
    owner_page = room["http"]["console"].get(f"/console/{wid}?lang=en").get_data(as_text=True)
    assert "notes@example.se: Note-taker" in owner_page


def test_a_member_finds_the_workshop_in_their_list_and_is_not_offered_its_deletion(
    app: Any, room: dict[str, Any]
) -> None:
    wid = room["workshop"]["id"]
    path = invite(room["http"]["console"], wid, "co_facilitator")
    make_facilitator(app, "co@example.se")
    co = logged_in_client(app, "co@example.se")
    assert co.post(path).status_code == 302
    listing = co.get("/console/?lang=en").get_data(as_text=True)
    assert f"/console/{wid}" in listing and "Your role: Co-facilitator." in listing
    assert f"/console/{wid}/delete" not in co.get(f"/console/{wid}").get_data(as_text=True)
    owner_page = room["http"]["console"].get(f"/console/{wid}").get_data(as_text=True)
    assert f"/console/{wid}/delete" in owner_page
