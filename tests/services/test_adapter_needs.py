"""What the CLI and the socket adapter ask of services, now that they import no database code."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import OperationalError

from tests.conftest import make_facilitator, make_workshop
from workshop import cli
from workshop.domain.actors import Actor
from workshop.services import accounts, faults, workshops


def test_the_demo_is_made_only_in_a_database_without_facilitators(app: Any, db: Any) -> None:
    assert not accounts.any_facilitator(db)
    made = cli.ensure_demo(app)
    assert made is not None and made["email"] == cli.DEMO_EMAIL
    assert accounts.any_facilitator(db)
    assert cli.ensure_demo(app) is None
    assert [
        w["title"]
        for w in workshops.list_workshops(db, accounts.user_id_for_email(db, cli.DEMO_EMAIL))
    ] == [made["workshop"]["title"]]


def test_serve_shows_the_newest_workshop_that_is_still_open(app: Any, db: Any) -> None:
    assert workshops.newest_open_workshop(db) is None
    owner = make_facilitator(app)
    older = make_workshop(app, owner, title="Äldre")
    newer = make_workshop(app, owner, title="Nyare")
    assert workshops.newest_open_workshop(db) == newer
    workshops.close_workshop(db, Actor("facilitator", newer["id"], owner), None, {})
    shown = workshops.newest_open_workshop(db)
    assert shown is not None and (shown["id"], shown["join_code"]) == (
        older["id"],
        older["join_code"],
    )


def test_a_locked_database_is_busy_and_a_lost_one_unavailable() -> None:
    locked = OperationalError("INSERT", {}, Exception("database is locked"))
    lost = OperationalError("SELECT", {}, ConnectionRefusedError("connection refused"))
    assert isinstance(locked, faults.DATABASE_TROUBLE) and isinstance(lost, faults.DATABASE_TROUBLE)
    assert faults.refusal(locked).code == "server_busy"
    assert faults.refusal(lost).code == "unavailable"
