"""HTTP: the JSON API and its OpenAPI document, the pages, security headers, and the CLI."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import (
    PASSWORD,
    joined_client,
    logged_in_client,
    make_facilitator,
    make_workshop,
)
from workshop import create_app
from workshop.services import accounts, participants, topics, voting, workshops


@pytest.fixture
def token(app: Any, db: Any) -> str:
    make_facilitator(app)
    with app.app_context():
        return accounts.create_api_token(db, "facilitator@example.se", "tests")


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_the_api_needs_a_token(client: Any, token: str) -> None:
    for path in ("/api/v1/workshops", "/api/v1/workshops/1", "/api/v1/workshops/1/topics"):
        response = client.get(path)
        assert response.status_code == 401 and response.json["error"]["code"] == "forbidden"
        assert client.get(path, headers=auth("wrong")).status_code == 401


def test_create_a_workshop_and_read_its_state_and_ranked_topics(
    app: Any, db: Any, client: Any, token: str
) -> None:
    response = client.post(
        "/api/v1/workshops", json={"title": "Via API", "dot_budget": 3}, headers=auth(token)
    )
    assert response.status_code == 201
    workshop = response.json["workshop"]
    assert workshop["dot_budget"] == 3 and len(workshop["join_code"]) == 6
    from workshop.domain.actors import Actor

    owner = workshops.get_workshop(db, workshop["id"])["owner_id"]
    fac = Actor("facilitator", workshop["id"], owner)
    ids = [topics.post_topic(db, fac, None, {"title": t}).result["topic"]["id"] for t in "ABC"]
    voting.open_round(db, fac, None, {"budget": 3, "max_per_topic": 3})
    _, joined = participants.join(db, workshop["id"], {})
    voter = Actor("participant", workshop["id"], joined.result["participant_id"])
    for topic in (ids[0], ids[1], ids[2]):
        voting.add_vote(db, voter, None, {"topic_id": topic})
    ranked = client.get(f"/api/v1/workshops/{workshop['id']}/topics", headers=auth(token)).json
    assert [(t["rank"], t["total"]) for t in ranked["topics"]] == [(1, 1), (1, 1), (1, 1)]
    state = client.get(f"/api/v1/workshops/{workshop['id']}", headers=auth(token)).json["state"]
    assert state["round"]["budget"] == 3 and len(state["topics"]) == 3
    listed = client.get("/api/v1/workshops", headers=auth(token)).json["workshops"]
    assert [w["id"] for w in listed] == [workshop["id"]]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (None, "bad_request"),
        ([], "bad_request"),
        ({"title": ""}, "bad_request"),
        ({"title": "x", "dot_budget": 0}, "bad_request"),
        ({"title": "x", "language": "de"}, "bad_request"),
        ({"title": "x", "extra": 1}, "bad_request"),
        ({"title": 5}, "bad_request"),
        ({"title": "x", "dot_budget": 3, "max_per_topic": 9}, "invalid_budget"),
    ],
)
def test_bad_workshop_bodies_are_400_with_a_code(
    client: Any, token: str, body: Any, code: str
) -> None:
    response = client.post("/api/v1/workshops", json=body, headers=auth(token))
    assert response.status_code == 400
    assert response.json["ok"] is False and response.json["error"]["code"] == code


def test_another_facilitator_s_workshop_is_404(app: Any, client: Any, token: str) -> None:
    other = make_workshop(app, make_facilitator(app, "other@example.se"))
    assert client.get(f"/api/v1/workshops/{other['id']}", headers=auth(token)).status_code == 404


def test_ids_too_large_for_the_database_are_404_not_a_crash(
    app: Any, client: Any, token: str
) -> None:
    # Found by schemathesis: SQLite raised OverflowError on ids beyond 64 bits (a 500).
    huge = 2**70
    for path in (f"/api/v1/workshops/{huge}", f"/api/v1/workshops/{huge}/topics"):
        response = client.get(path, headers=auth(token))
        assert response.status_code == 404 and response.json["error"]["code"] == "http_404"
    assert logged_in_client(app).get(f"/console/{huge}").status_code == 404


def test_the_openapi_document_describes_every_api_route(app: Any, client: Any) -> None:
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.1")
    documented = {
        f"{method.upper()} /api/v1{path}".replace("{workshop_id}", "<int:workshop_id>")
        for path, item in document["paths"].items()
        for method in item
    }
    routes = {
        f"{method} {rule.rule}"
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "api.openapi"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes == documented


def test_join_flow_keeps_identity_and_closed_workshops_refuse(app: Any, db: Any) -> None:
    workshop = make_workshop(app, make_facilitator(app))
    code = workshop["join_code"]
    phone = joined_client(app, code, nickname="Sam", group="young")
    assert phone.get(f"/w/{code}").status_code == 200
    assert phone.get(f"/j/{code}").status_code == 302  # a reload keeps the identity
    assert app.test_client().get(f"/w/{code}").status_code == 302  # strangers go to join
    assert app.test_client().get(f"/j/{code.lower()}").status_code == 302  # normalised
    from workshop.domain.actors import Actor

    workshops.close_workshop(db, Actor("facilitator", workshop["id"], 1), None, {})
    late = app.test_client()
    assert late.get(f"/j/{code}").status_code == 410
    assert late.post(f"/j/{code}", data={}).status_code == 410


def test_guessing_join_codes_is_rate_limited(app: Any) -> None:
    client = app.test_client()
    statuses = [client.post("/join", data={"code": "ZZZZZZ"}).status_code for _ in range(55)]
    # A class of 30 on one address may mistype a few dozen times; a guesser is stopped at 50.
    assert statuses[:50] == [404] * 50 and statuses[-1] == 429


def test_security_headers_and_cookies(app: Any) -> None:
    workshop = make_workshop(app, make_facilitator(app))
    phone = app.test_client()
    response = phone.post(f"/j/{workshop['join_code']}", data={})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "token" not in response.headers["Location"]
    for path in ("/", f"/j/{workshop['join_code']}", "/privacy", "/nope", "/api/v1/openapi.json"):
        headers = phone.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "object-src 'none'" in csp
        assert "base-uri 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"


def test_forms_need_a_csrf_token(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path))
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite3'}"})
    assert app.test_client().post("/login", data={"email": "a", "password": "b"}).status_code == 400


def test_console_needs_login_and_ownership(app: Any) -> None:
    owner = make_facilitator(app)
    workshop = make_workshop(app, owner)
    assert app.test_client().get("/console/").status_code == 302
    make_facilitator(app, "other@example.se")
    other = logged_in_client(app, "other@example.se")
    assert other.get(f"/console/{workshop['id']}").status_code == 404
    assert other.post(f"/console/{workshop['id']}/delete", data={"confirm": "x"}).status_code == 404
    mine = logged_in_client(app)
    page = mine.get(f"/console/{workshop['id']}").get_data(as_text=True)
    assert workshop["join_code"] in page and f"/j/{workshop['join_code']}" in page
    assert mine.post("/login", data={"email": "x@y.se", "password": "nope"}).status_code == 401


def test_wrong_password_and_logout(app: Any) -> None:
    make_facilitator(app)
    client = app.test_client()
    assert (
        client.post("/login", data={"email": "facilitator@example.se", "password": "x"}).status_code
        == 401
    )
    assert (
        client.post(
            "/login", data={"email": "facilitator@example.se", "password": PASSWORD}
        ).status_code
        == 302
    )
    assert client.get("/console/").status_code == 200
    client.post("/logout")
    assert client.get("/console/").status_code == 302


def test_qr_code_and_pages_in_both_languages(app: Any) -> None:
    workshop = make_workshop(app, make_facilitator(app))
    client = app.test_client()
    svg = client.get(f"/qr/{workshop['join_code']}.svg")
    assert svg.mimetype == "image/svg+xml" and b"<svg" in svg.data
    assert "Hoppa till innehållet" in client.get("/?lang=sv").get_data(as_text=True)
    assert "Skip to content" in client.get("/?lang=en").get_data(as_text=True)
    assert 'lang="en"' in client.get("/privacy").get_data(as_text=True)  # the cookie remembers


def test_cli_adds_facilitators_and_tokens(
    app: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from click.testing import CliRunner

    from workshop.cli import main

    monkeypatch.setenv("WORKSHOP_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    runner = CliRunner()
    result = runner.invoke(
        main, ["facilitator", "add", "cli@example.se", "--password-stdin"], input="longenough\n"
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        main, ["facilitator", "add", "short@example.se", "--password-stdin"], input="short\n"
    )
    assert result.exit_code != 0 and "8 characters" in result.output
    result = runner.invoke(main, ["facilitator", "token", "cli@example.se"])
    assert result.exit_code == 0 and len(result.output.strip()) > 30
    result = runner.invoke(main, ["demo"])
    assert result.exit_code == 0 and "a facilitator exists already" in result.output
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0


def test_serve_says_when_phones_cannot_use_the_join_address() -> None:
    from workshop.cli import is_loopback_url

    assert is_loopback_url("http://127.0.0.1:5000")
    assert is_loopback_url("http://localhost:5000/j/ABC123")
    assert is_loopback_url("http://[::1]:5000")
    assert not is_loopback_url("http://192.168.1.20:5000")
    assert not is_loopback_url("https://workshop.example.se")
