"""Facilitator accounts in the web app: the installation's admin (the first account) adds and
removes accounts and makes one-time links that set a password; everyone changes their own
password; removing an account hands its workshops to the admin and ends its sockets."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tests.conftest import (
    PASSWORD,
    ack,
    get_db_of,
    logged_in_client,
    make_facilitator,
    make_workshop,
    op,
    socket_for,
)
from workshop.clock import utcnow
from workshop.services import accounts, team, workshops


def link_path(page: Any) -> str:
    """The path of the one-time link the admin's page shows once."""
    found = re.search(r'id="password-link"[^>]*value="([^"]+)"', page.get_data(as_text=True))
    assert found, page.get_data(as_text=True)
    return "/" + found.group(1).split("/", 3)[3]


def _user(app: Any, email: str) -> int | None:
    return accounts.user_id_for_email(get_db_of(app), email)


def _admin(app: Any) -> Any:
    make_facilitator(app, "admin@example.se")
    return logged_in_client(app, "admin@example.se")


def test_the_first_account_is_the_admin_and_the_others_are_not(app: Any) -> None:
    first = make_facilitator(app, "first@example.se")
    second = make_facilitator(app, "second@example.se")
    assert accounts.is_admin(get_db_of(app), first)
    assert not accounts.is_admin(get_db_of(app), second)
    # The console's list links the admin's page for the admin only.
    assert b'href="/admin"' in logged_in_client(app, "first@example.se").get("/console/").data
    other = logged_in_client(app, "second@example.se")
    assert b'href="/admin"' not in other.get("/console/").data
    assert other.get("/admin").status_code == 403
    assert other.post("/admin/accounts", data={"email": "x@example.se"}).status_code == 403
    assert other.post(f"/admin/accounts/{first}/password-link").status_code == 403
    removing = other.post(f"/admin/accounts/{first}/remove", data={"confirm": "first@example.se"})
    assert removing.status_code == 403
    assert _user(app, "x@example.se") is None and _user(app, "first@example.se") == first
    assert app.test_client().get("/admin").status_code == 302  # to the login page


def test_the_cli_says_the_first_account_is_the_admin(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from workshop.cli import main

    monkeypatch.setenv("WORKSHOP_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path / "instance"))
    runner = CliRunner()
    add = ["facilitator", "add"]
    said = runner.invoke(main, [*add, "a@example.se", "--password-stdin"], input=PASSWORD + "\n")
    assert said.exit_code == 0 and "admin" in said.output, said.output
    said = runner.invoke(main, [*add, "b@example.se", "--password-stdin"], input=PASSWORD + "\n")
    assert said.exit_code == 0 and "admin" not in said.output
    assert runner.invoke(main, ["facilitator", "admin", "b@example.se"]).exit_code == 0
    assert runner.invoke(main, ["facilitator", "admin", "nobody@example.se"]).exit_code != 0


def test_the_admin_adds_an_account_whose_password_is_set_with_the_link_once(app: Any) -> None:
    admin = _admin(app)
    page = admin.post(
        "/admin/accounts?lang=en", data={"email": "Karin@Example.se", "display_name": "Karin"}
    )
    assert page.status_code == 200 and b"works once, for 24 hours" in page.data
    path = link_path(page)
    # No password until the link sets one: nothing logs in, not even an empty password.
    newcomer = app.test_client()
    assert (
        newcomer.post("/login", data={"email": "karin@example.se", "password": ""}).status_code
        == 401
    )
    shown = newcomer.get(path + "?lang=en")
    assert shown.status_code == 200 and b"karin@example.se" in shown.data
    short = newcomer.post(path + "?lang=en", data={"password": "short"})
    assert short.status_code == 400 and b"at least 8 characters" in short.data
    done = newcomer.post(path, data={"password": "a new long password"})
    assert done.status_code == 302 and done.headers["Location"].endswith("/console/")
    assert newcomer.get("/console/").status_code == 200
    # Once: the link opens nothing a second time, in either language.
    again = app.test_client().post(path + "?lang=en", data={"password": "another long one"})
    assert again.status_code == 404 and b"already been used" in again.data
    assert "redan använts" in app.test_client().get(path + "?lang=sv").get_data(as_text=True)
    assert logged_in_client_with(app, "karin@example.se", "a new long password")
    assert (
        accounts.account(get_db_of(app), _user(app, "karin@example.se"))["display_name"] == "Karin"
    )  # type: ignore[index]
    # An e-mail that has an account is refused with the reason.
    taken = admin.post("/admin/accounts?lang=en", data={"email": "karin@example.se"})
    assert taken.status_code == 400 and b"no account here yet" in taken.data


def logged_in_client_with(app: Any, email: str, password: str) -> bool:
    answer = app.test_client().post("/login", data={"email": email, "password": password})
    return answer.status_code == 302


def test_a_password_link_expires_after_a_day_and_a_newer_one_replaces_it(app: Any) -> None:
    admin = _admin(app)
    user = make_facilitator(app, "anna@example.se")
    first = link_path(admin.post(f"/admin/accounts/{user}/password-link?lang=en"))
    second = link_path(admin.post(f"/admin/accounts/{user}/password-link"))
    assert app.test_client().get(first).status_code == 404  # replaced by the newer one
    with get_db_of(app).unit_of_work() as uow:
        uow.session.execute(
            sa.text("update password_links set expires_at = :t where used_at is null"),
            {"t": utcnow() - timedelta(seconds=1)},
        )
        uow.commit()
    late = app.test_client().post(second + "?lang=en", data={"password": "a new long password"})
    assert late.status_code == 404 and b"expired" in late.data
    assert logged_in_client_with(app, "anna@example.se", PASSWORD)  # nothing changed
    assert app.test_client().get("/password/not-a-token?lang=en").status_code == 404
    assert admin.post("/admin/accounts/999999/password-link").status_code == 404


def test_the_admin_resets_a_password_and_the_old_logins_end(app: Any) -> None:
    admin = _admin(app)
    user = make_facilitator(app, "lost@example.se")
    workshop = make_workshop(app, user)
    logged_in = logged_in_client(app, "lost@example.se")
    sock = socket_for(app, logged_in, view="console", workshop_id=workshop["id"])
    assert sock.is_connected()
    path = link_path(admin.post(f"/admin/accounts/{user}/password-link"))
    # The old password works until the link is used (a reset made by mistake locks nobody out).
    assert logged_in_client_with(app, "lost@example.se", PASSWORD)
    assert app.test_client().post(path, data={"password": "found it again"}).status_code == 302
    assert not sock.is_connected()
    assert logged_in.get("/console/").status_code == 302
    assert not logged_in_client_with(app, "lost@example.se", PASSWORD)
    assert logged_in_client_with(app, "lost@example.se", "found it again")


def test_everyone_changes_their_own_password_with_the_current_one(app: Any) -> None:
    make_facilitator(app, "a@example.se")
    make_facilitator(app, "me@example.se")
    me = logged_in_client(app, "me@example.se")
    elsewhere = logged_in_client(app, "me@example.se")
    workshop = make_workshop(app, _user(app, "me@example.se"))
    here_sock = socket_for(app, me, view="console", workshop_id=workshop["id"])
    there_sock = socket_for(app, elsewhere, view="console", workshop_id=workshop["id"])
    wrong = me.post(
        "/account/password?lang=en",
        data={"current_password": "not it at all", "new_password": "a fresh password"},
    )
    assert wrong.status_code == 401 and b"not your current password" in wrong.data
    short = me.post(
        "/account/password?lang=sv", data={"current_password": PASSWORD, "new_password": "kort"}
    )
    assert short.status_code == 400 and "minst 8 tecken" in short.get_data(as_text=True)
    done = me.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": "a fresh password"},
    )
    assert done.status_code == 302
    # This login stays; the account's other login ends, with its socket.
    assert me.get("/account").status_code == 200 and here_sock.is_connected()
    assert elsewhere.get("/console/").status_code == 302 and not there_sock.is_connected()
    assert logged_in_client_with(app, "me@example.se", "a fresh password")


def test_wrong_current_passwords_are_slowed_down_like_logins(app: Any) -> None:
    make_facilitator(app, "me@example.se")
    me = logged_in_client(app, "me@example.se")
    statuses = [
        me.post(
            "/account/password",
            data={"current_password": f"guess {n}", "new_password": "whatever long"},
        ).status_code
        for n in range(8)
    ]
    assert statuses[:5] == [401] * 5 and 429 in statuses
    refused = me.post(
        "/account/password?lang=en",
        data={"current_password": PASSWORD, "new_password": "whatever long"},
    )
    # Within the wait even the right password is not checked.
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert not logged_in_client_with(app, "me@example.se", "whatever long")


def test_a_too_short_new_password_does_not_wipe_the_count_of_wrong_guesses(app: Any) -> None:
    make_facilitator(app, "me@example.se")
    me = logged_in_client(app, "me@example.se")
    statuses = []
    for n in range(8):
        statuses.append(
            me.post(
                "/account/password",
                data={"current_password": f"guess {n}", "new_password": "whatever long"},
            ).status_code
        )
        # Between guesses, a request that is refused before any password is checked.
        me.post("/account/password", data={"current_password": "x", "new_password": "short"})
    assert 429 in statuses


def test_unknown_password_links_count_against_the_address(app: Any) -> None:
    guesser = app.test_client()
    statuses = [
        guesser.post(f"/password/guess{n}", data={"password": "long enough"}).status_code
        for n in range(25)
    ]
    assert statuses[0] == 404 and statuses[-1] == 429


def test_the_name_the_team_sees(app: Any) -> None:
    make_facilitator(app, "me@example.se")
    me = logged_in_client(app, "me@example.se")
    assert me.post("/account/name", data={"display_name": "  Karin  L "}).status_code == 302
    assert (
        accounts.account(get_db_of(app), _user(app, "me@example.se"))["display_name"] == "Karin L"
    )  # type: ignore[index]
    too_long = me.post("/account/name?lang=en", data={"display_name": "K" * 81})
    assert too_long.status_code == 400 and b"at most 80 characters" in too_long.data


def test_removing_an_account_hands_its_workshops_to_the_admin_and_ends_its_sockets(
    app: Any,
) -> None:
    admin = _admin(app)
    admin_id = _user(app, "admin@example.se")
    leaver = make_facilitator(app, "leaver@example.se")
    owned = make_workshop(app, leaver, title="Leaver's day")
    helped = make_workshop(app, admin_id, title="Admin's day")
    db = get_db_of(app)
    # The leaver is in the admin's team, and the admin in the leaver's.
    with db.unit_of_work() as uow:
        for wid, uid in ((helped["id"], leaver), (owned["id"], admin_id)):
            uow.session.execute(
                sa.text(
                    "insert into team_members (workshop_id, user_id, role, added_at) "
                    "values (:w, :u, 'moderator', :t)"
                ),
                {"w": wid, "u": uid, "t": utcnow()},
            )
        uow.commit()
    leaver_http = logged_in_client(app, "leaver@example.se")
    sock = socket_for(app, leaver_http, view="console", workshop_id=owned["id"])
    assert ack(sock, "topic.post", {"op_id": op(), "title": "Kept in the log"})["ok"]
    other_sock = socket_for(app, leaver_http, view="console", workshop_id=helped["id"])
    assert sock.is_connected() and other_sock.is_connected()

    unconfirmed = admin.post(f"/admin/accounts/{leaver}/remove?lang=en", data={"confirm": ""})
    assert (
        unconfirmed.status_code == 400 and b"Type the e-mail leaver@example.se" in unconfirmed.data
    )
    started = time.monotonic()
    page = admin.post(
        f"/admin/accounts/{leaver}/remove?lang=en", data={"confirm": "Leaver@example.se "}
    )
    assert page.status_code == 200 and b"1 workshop it owned is now yours" in page.data
    while (sock.is_connected() or other_sock.is_connected()) and time.monotonic() - started < 1:
        time.sleep(0.01)
    assert not sock.is_connected() and not other_sock.is_connected()
    assert _user(app, "leaver@example.se") is None
    assert leaver_http.get("/console/").status_code == 302
    # Nothing was deleted: the workshop is the admin's, its log and topics stay.
    kept = workshops.get_workshop(db, owned["id"])
    assert kept is not None and kept["owner_id"] == admin_id
    assert team.role_in(db, owned["id"], admin_id) == "owner"
    assert team.role_in(db, helped["id"], leaver) is None
    with db.read() as session:
        assert (
            session.scalar(
                sa.text("select count(*) from topics where workshop_id = :w"), {"w": owned["id"]}
            )
            == 1
        )
        assert (
            session.scalar(
                sa.text("select count(*) from team_members where user_id = :u"), {"u": admin_id}
            )
            == 0
        )
    history = team.team_of(db, owned["id"])["history"]
    assert history[0]["kind"] == "handed_over" and history[0]["email"] == "admin@example.se"
    assert [c["kind"] for c in team.team_of(db, helped["id"])["history"]] == ["removed"]
    # The admin's own account is never removed, with the reason.
    mine = admin.post(
        f"/admin/accounts/{admin_id}/remove?lang=en", data={"confirm": "admin@example.se"}
    )
    assert mine.status_code == 400 and b"your own account" in mine.data


def test_the_admin_sees_every_workshop_its_owner_and_when_it_is_purged(app: Any) -> None:
    admin = _admin(app)
    other = make_facilitator(app, "other@example.se")
    open_one = make_workshop(app, other, title="Still open")
    closed = make_workshop(app, other, title="Closed one")
    with get_db_of(app).unit_of_work() as uow:
        uow.session.execute(
            sa.text("update workshops set status = 'closed', closed_at = :t where id = :w"),
            {"t": utcnow().replace(year=2026, month=12, day=1, hour=12), "w": closed["id"]},
        )
        uow.commit()
    page = admin.get("/admin?lang=en").get_data(as_text=True)
    row = re.search(r"Closed one</th>\s*<td>other@example.se</td>.*?</tr>", page, re.S)
    assert row and "2026-12-31" in row.group(0)  # closed 1 December, kept 30 days
    row = re.search(r"Still open</th>\s*<td>other@example.se</td>.*?</tr>", page, re.S)
    assert row and "kept while open" in row.group(0)
    assert open_one["id"] != closed["id"]
    assert "other@example.se" in page and "2 workshops" not in page


def test_the_migration_makes_the_oldest_account_the_admin(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    import workshop.store.schema as schema

    config = Config()
    config.set_main_option("script_location", str(Path(schema.__file__).parent / "migrations"))
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    config.attributes["database_url"] = url
    before = ScriptDirectory.from_config(config).get_revision("0017").down_revision
    command.upgrade(config, str(before))
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        for email, day in (("younger@example.se", 2), ("oldest@example.se", 1)):
            connection.execute(
                sa.text(
                    "insert into users (email, password_hash, created_at) values (:e, 'x', :t)"
                ),
                {"e": email, "t": f"2026-0{day}-01 00:00:00"},
            )
    command.upgrade(config, "head")
    with engine.begin() as connection:
        admins = connection.execute(sa.text("select email from users where is_admin")).all()
    engine.dispose()
    assert [a[0] for a in admins] == ["oldest@example.se"]
