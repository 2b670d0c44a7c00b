"""Rate limits that slow guessers without locking out a class that shares one address.

Security review, issue 8: items 4 (50 wrong codes locked everyone out) and 6 (rejoining without
limit). The limits are counted per client address; `REMOTE_ADDR` stands in for a school's NAT.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import PASSWORD, make_facilitator, make_workshop, socket_for
from tests.support.clock import FakeClock
from workshop import limits

CLASS = {"REMOTE_ADDR": "10.1.2.3"}  # a school class behind one NAT
ELSEWHERE = {"REMOTE_ADDR": "10.9.9.9"}
EMAIL = "facilitator@example.se"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    for counter in (limits.join_failures, limits.joins, limits.login_failures):
        monkeypatch.setattr(counter, "clock", fake)
    return fake


def client_at(app: Any, environ: dict[str, str]) -> Any:
    client = app.test_client()
    client.environ_base.update(environ)
    return client


def mistype_codes(app: Any, count: int = 60) -> None:
    """`count` wrong codes from the class's address, over every door a code goes through."""
    pupil = client_at(app, CLASS)
    for i in range(count):
        door = i % 3
        if door == 0:
            pupil.post("/join", data={"code": "ZZZZZZ"})
        elif door == 1:
            pupil.get("/j/ZZZZZZ")
        else:
            pupil.post("/j/ZZZZZZ", data={})


def test_a_valid_code_always_gets_in_after_60_wrong_ones_from_the_same_address(app: Any) -> None:
    workshop = make_workshop(app, make_facilitator(app))
    code = workshop["join_code"]
    mistype_codes(app)
    late = client_at(app, CLASS)
    # Guessing is still limited: the address is over its 50 failed look-ups a minute.
    assert late.post("/join", data={"code": "ZZZZZZ"}).status_code == 429
    assert late.get("/j/ZZZZZZ").status_code == 429
    # ... but every door opens for the right code.
    assert late.get(f"/j/{code}").status_code == 200
    home_form = late.post("/join", data={"code": code.lower()})
    assert home_form.status_code == 302 and home_form.headers["Location"].endswith(f"/j/{code}")
    joined = late.post(f"/j/{code}", data={"nickname": "Late"})
    assert joined.status_code == 302 and joined.headers["Location"].endswith(f"/w/{code}")
    assert late.get(f"/w/{code}").status_code == 200
    print("60 wrong codes from one address: the valid code still joins (GET, POST, home form)")


def test_the_wall_connects_with_its_valid_code_after_60_wrong_ones(app: Any) -> None:
    workshop = make_workshop(app, make_facilitator(app))
    mistype_codes(app, 40)
    # The socket test client takes the address of the HTTP client it shares cookies with.
    wrong_walls = [
        socket_for(app, client_at(app, CLASS), view="wall", join_code="ZZZZZZ") for _ in range(20)
    ]
    assert not any(wall.is_connected() for wall in wrong_walls)
    assert client_at(app, CLASS).get("/j/ZZZZZZ").status_code == 429  # 60 failures counted
    wall = socket_for(app, client_at(app, CLASS), view="wall", join_code=workshop["join_code"])
    assert wall.is_connected()


def test_a_class_mistyping_codes_never_locks_out_the_facilitator_s_login(app: Any) -> None:
    make_facilitator(app)
    mistype_codes(app)
    facilitator = client_at(app, CLASS)
    response = facilitator.post("/login", data={"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    assert facilitator.get("/console/").status_code == 200


def _login(client: Any, email: str, password: str, lang: str = "en") -> Any:
    return client.post(f"/login?lang={lang}", data={"email": email, "password": password})


def test_wrong_passwords_slow_that_account_down_doubling_up_to_a_cap(
    app: Any, clock: FakeClock
) -> None:
    """Five wrong passwords are free; then each makes the account wait 2, 4, 8 ... s (capped).

    Within the wait even the right password is refused unchecked: checking it is the guesser's
    whole aim. The wait is per account, from any address: a guesser cannot spread over many.
    """
    app.config["LOGIN_MAX_WAIT"] = 10
    make_facilitator(app)
    guesser = client_at(app, CLASS)
    assert [_login(guesser, EMAIL, f"guess{i}").status_code for i in range(6)] == [401] * 6
    waits = []
    for _ in range(4):
        refused = _login(client_at(app, ELSEWHERE), EMAIL.upper(), PASSWORD)
        assert refused.status_code == 429
        text = refused.get_data(as_text=True)
        assert f"Too many wrong passwords. Try again in {refused.headers['Retry-After']} s." in text
        waits.append(int(refused.headers["Retry-After"]))
        clock.now += waits[-1]
        assert _login(guesser, EMAIL, "another guess").status_code == 401
    assert waits == [2, 4, 8, 10]  # doubling, capped at LOGIN_MAX_WAIT
    swedish = _login(guesser, EMAIL, PASSWORD, lang="sv")
    assert swedish.status_code == 429
    assert "För många felaktiga lösenord. Försök igen om 10 s." in swedish.get_data(as_text=True)
    clock.now += 10
    assert _login(guesser, EMAIL, PASSWORD).status_code == 302
    # A correct password clears the account: the next typo is free again.
    assert _login(client_at(app, CLASS), EMAIL, "typo").status_code == 401
    print(f"waits after the 6th to 9th wrong password: {waits} s")


def test_another_account_at_the_same_address_is_not_slowed_by_it(
    app: Any, clock: FakeClock
) -> None:
    """Account waits are per account; the address has its own, larger allowance (20 by default)
    across accounts, for a guesser trying one password on many. Once an address is over that,
    every login from it waits, a right password too (else the wait would slow no guesser); only
    failed logins count, so a class typing join codes never gets there."""
    make_facilitator(app)
    make_facilitator(app, "colleague@example.se")
    same_room = client_at(app, CLASS)
    for _ in range(7):
        _login(same_room, EMAIL, "wrong")
    assert _login(same_room, EMAIL, PASSWORD).status_code == 429
    assert _login(same_room, "colleague@example.se", PASSWORD).status_code == 302
    # A password sprayer: one wrong try each on many accounts from one address.
    clock.now += 3600
    sprayer = client_at(app, CLASS)
    statuses = [_login(sprayer, f"user{i}@example.se", "123456").status_code for i in range(21)]
    assert statuses == [401] * 21
    assert _login(sprayer, "user99@example.se", "123456").status_code == 429
    assert _login(client_at(app, CLASS), EMAIL, PASSWORD).status_code == 429
    assert _login(client_at(app, ELSEWHERE), EMAIL, PASSWORD).status_code == 302
    clock.now += 2
    assert _login(client_at(app, CLASS), "colleague@example.se", PASSWORD).status_code == 302


@pytest.fixture
def proxied_app(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Any:
    """The app behind one trusted reverse proxy (WORKSHOP_TRUSTED_PROXIES=1)."""
    monkeypatch.setenv("WORKSHOP_TRUSTED_PROXIES", "1")
    return request.getfixturevalue("app")


def _wrong_codes(app: Any, forwarded_for: str, count: int) -> list[int]:
    proxy = client_at(app, {"REMOTE_ADDR": "127.0.0.1"})
    headers = {"X-Forwarded-For": forwarded_for}
    return [proxy.get("/j/ZZZZZZ", headers=headers).status_code for _ in range(count)]


def test_behind_a_trusted_proxy_the_limits_count_the_forwarded_address(proxied_app: Any) -> None:
    assert _wrong_codes(proxied_app, "10.0.0.1", 51) == [404] * 50 + [429]
    # Another client behind the same proxy is counted apart ...
    assert _wrong_codes(proxied_app, "10.0.0.2", 1) == [404]
    # ... and only the proxy's own entry is believed: a client cannot prepend another address.
    assert _wrong_codes(proxied_app, "10.0.0.7, 10.0.0.1", 1) == [429]


def test_without_trusted_proxies_a_spoofed_forwarded_header_is_ignored(app: Any) -> None:
    assert app.config["TRUSTED_PROXIES"] == 0
    assert _wrong_codes(app, "10.0.0.1", 51) == [404] * 50 + [429]
    # A phone on a laptop install cannot become someone new by sending the header.
    assert _wrong_codes(app, "10.0.0.2", 1) == [429]


def test_joins_per_address_are_limited_with_a_translated_page(app: Any, clock: FakeClock) -> None:
    code = make_workshop(app, make_facilitator(app))["join_code"]
    limit = app.config["JOINS_PER_MIN"]
    assert limit == 120  # the default: a big class on one address joins within a minute
    too_long = client_at(app, CLASS).post(f"/j/{code}", data={"nickname": "x" * 1000})
    assert too_long.status_code == 400  # a refused join uses up no place
    statuses = [client_at(app, CLASS).post(f"/j/{code}", data={}).status_code for _ in range(limit)]
    assert statuses == [302] * limit
    refused = client_at(app, CLASS).post(f"/j/{code}?lang=en", data={"nickname": "Kim"})
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "60"
    text = refused.get_data(as_text=True)
    assert "Very many people joined from this network in the last minute." in text
    assert 'value="Kim"' in text  # the form is kept for the next try
    swedish = client_at(app, CLASS).post(f"/j/{code}?lang=sv", data={}).get_data(as_text=True)
    assert "Väldigt många har gått med från det här nätverket den senaste minuten." in swedish
    assert client_at(app, ELSEWHERE).post(f"/j/{code}", data={}).status_code == 302
    clock.now += 60
    assert client_at(app, CLASS).post(f"/j/{code}", data={}).status_code == 302
    print(f"{limit} joins from one address in a minute, the next one refused with 429")
