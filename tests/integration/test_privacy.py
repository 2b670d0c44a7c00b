"""QUALITY.md, Privacy: what a real server keeps about the people in a room, and what it logs.

A phone joins with a nickname and an organisation, posts a topic, votes, sends a broken command
and guesses a wrong code; a facilitator logs in and uses the API. Afterwards the whole database
and the server's log are searched: no IP address and no user agent in the database, no token in
clear anywhere, and no topic text, nickname, token or session cookie in the log.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest
import requests
from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from tests.integration.helpers import Client, close_all
from tests.support.live import LiveServer

pytestmark = pytest.mark.integration

USER_AGENT = "Integritetsprov/1.0 (telefon; ovanlig-markör-7f3a)"


def _cookie_payload(server: LiveServer, cookie: str) -> dict:
    """The Flask session cookie's content (signed, not encrypted), read with the server's key."""
    app = Flask("reader")
    app.secret_key = server.env["WORKSHOP_SECRET_KEY"]
    return SecureCookieSessionInterface().get_signing_serializer(app).loads(cookie)


def test_the_database_and_the_log_keep_nothing_they_should_not() -> None:
    server = LiveServer()
    clients: list[Client] = []
    try:
        server.start()
        server.add_facilitator()
        facilitator = server.login()
        workshop = server.create_workshop(facilitator, title="Integritet")
        code, wid = workshop["join_code"], workshop["id"]
        api_token = server.cli("facilitator", "token", "facilitator@example.se").strip().split()[-1]
        assert requests.get(
            f"{server.base}/api/v1/workshops",
            headers={"Authorization": f"Bearer {api_token}"},
            timeout=30,
        ).ok

        marker = uuid.uuid4().hex[:10]
        nickname, organisation = f"Smek{marker}", f"Skolan {marker}"
        title = f"Hemligt ämne {marker}"
        browser = requests.Session()
        browser.headers["User-Agent"] = USER_AGENT
        joined = server.join(
            code, browser, nickname=nickname, group="professional", organisation=organisation
        )
        cookie = joined.cookies.get("workshop_session")
        assert cookie, joined.cookies
        participant_token = _cookie_payload(server, cookie)["participants"][str(wid)]
        phone = Client(server, joined, connect=False, view="phone", workshop_id=wid)
        phone.headers["User-Agent"] = USER_AGENT
        clients.append(phone.connect())
        console = Client(server, facilitator, view="console", workshop_id=wid)
        clients.append(console)
        topic = phone.command("topic.post", title=title, description=f"Beskrivning {marker}")
        assert topic["ok"]
        assert console.command("round.open", sealed=False)["ok"]
        assert phone.command("vote.add", topic_id=topic["topic"]["id"])["ok"]
        assert phone.call("vote.add", {"op_id": "x", "topic_id": "inte ett id"})["ok"] is False
        wrong = requests.get(
            f"{server.base}/j/ZZZZZZ", headers={"User-Agent": USER_AGENT}, timeout=30
        )
        assert wrong.status_code == 404  # no workshop has that code
        close_all(clients)
        clients = []
        server.stop()

        database = Path(server.database_url.removeprefix("sqlite:///"))
        with sqlite3.connect(database) as connection:
            dump = "\n".join(connection.iterdump())
        log = server.log_path.read_text(errors="replace")
        secrets = {
            "participant token": participant_token,
            "session cookie": cookie,
            "API token": api_token,
        }
        in_database = [name for name, value in secrets.items() if value in dump]
        in_database += [n for n in ("127.0.0.1", USER_AGENT, "ovanlig-markör") if n in dump]
        typed = {"topic text": title, "nickname": nickname, "organisation": organisation}
        in_log = [name for name, value in {**secrets, **typed}.items() if value in log]
        in_log += [n for n in (USER_AGENT, marker, '"GET /', '"POST /') if n in log]
        print(
            f"\ndatabase ({len(dump)} characters) and log ({len(log)} characters) searched for "
            f"{len(secrets)} secrets, 3 typed texts, the address and the user agent: "
            f"found in database {in_database}, in log {in_log}"
        )
        assert in_database == []
        assert in_log == []
        # What the features need is there: the nickname and the organisation, the topic.
        assert nickname in dump and organisation in dump and title in dump
    finally:
        close_all(clients)
        server.cleanup()
