"""Sign-in through an OpenID Connect provider, against a real one started here
(tests/support/oidc_provider.py, Authlib's server classes on a local port): the full redirect
flow, the browser's part played by the Flask test client and `requests`, the app's part (the
discovery document, the token, the ID token's signature from the JWKS) over real HTTP."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from flask import Flask

from tests.conftest import get_db_of, logged_in_client, make_facilitator
from tests.support.oidc_provider import OIDCProvider
from workshop import create_app
from workshop.services import accounts

PUBLIC = "http://workshop.test"
CALLBACK = f"{PUBLIC}/login/oidc/callback"


@pytest.fixture
def provider() -> Iterator[OIDCProvider]:
    with OIDCProvider() as running:
        running.add_client("workshop", "a-client-secret", CALLBACK)
        yield running


@pytest.fixture
def oidc_app(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    migrated_database: Path,
    provider: OIDCProvider,
) -> Iterator[Flask]:
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("WORKSHOP_OIDC_ISSUER", provider.issuer)
    monkeypatch.setenv("WORKSHOP_OIDC_CLIENT_ID", "workshop")
    monkeypatch.setenv("WORKSHOP_OIDC_CLIENT_SECRET", "a-client-secret")
    monkeypatch.setenv("WORKSHOP_OIDC_NAME", "Kommunens inloggning")
    shutil.copyfile(migrated_database, tmp_path / "test.sqlite3")
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'test.sqlite3'}",
            "WTF_CSRF_ENABLED": False,
            "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
            "PUBLIC_URL": PUBLIC,
        }
    )
    yield app
    get_db_of(app).dispose()


def sign_in(app: Flask) -> tuple[Any, Any]:
    """The whole redirect flow; returns the browser (test client) and the app's last answer."""
    browser = app.test_client()
    page = browser.get("/login?lang=en")
    assert b"Sign in with Kommunens inloggning" in page.data
    to_provider = browser.get("/login/oidc")
    assert to_provider.status_code == 302
    authorize = to_provider.headers["Location"]
    assert authorize.startswith(app.config["OIDC_ISSUER"] + "/authorize?")
    assert "nonce=" in authorize and "state=" in authorize
    back = requests.get(authorize, allow_redirects=False, timeout=10)
    assert back.status_code == 302, back.text
    callback = urlsplit(back.headers["Location"])
    assert f"{callback.scheme}://{callback.netloc}{callback.path}" == CALLBACK
    answer = browser.get(f"{callback.path}?{callback.query}")
    return browser, answer


def test_the_first_sign_in_makes_an_account_and_the_next_finds_it(
    oidc_app: Flask, provider: OIDCProvider
) -> None:
    make_facilitator(oidc_app, "admin@example.se")  # the installation's admin already exists
    provider.user = {"sub": "k-123", "email": "Karin@Kommun.se", "name": "Karin Lind"}
    browser, answer = sign_in(oidc_app)
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/console/")
    assert browser.get("/console/").status_code == 200
    db = get_db_of(oidc_app)
    user_id = accounts.user_id_for_email(db, "karin@kommun.se")
    assert user_id is not None
    made = accounts.account(db, user_id)
    assert made == {
        "id": user_id,
        "email": "karin@kommun.se",
        "display_name": "Karin Lind",
        "is_admin": False,
        "has_password": False,
    }
    # The same subject again, with another e-mail at the provider: the same account.
    provider.user = {"sub": "k-123", "email": "karin.lind@kommun.se"}
    _browser, again = sign_in(oidc_app)
    assert again.status_code == 302
    assert accounts.user_id_for_email(db, "karin.lind@kommun.se") is None
    # No password opens the account: it has none.
    assert not accounts.log_in(db, "karin@kommun.se", "")
    assert browser.post("/logout").status_code == 302


def test_an_account_with_a_password_is_linked_only_by_a_verified_e_mail(
    oidc_app: Flask, provider: OIDCProvider
) -> None:
    owner = make_facilitator(oidc_app, "anna@kommun.se")
    provider.user = {"sub": "a-1", "email": "anna@kommun.se", "email_verified": False}
    _browser, refused = sign_in(oidc_app)
    assert refused.status_code == 400 and b"not linked" in refused.data
    provider.user = {"sub": "a-1", "email": "anna@kommun.se", "email_verified": True}
    browser, linked = sign_in(oidc_app)
    assert linked.status_code == 302 and browser.get("/console/").status_code == 200
    assert accounts.user_id_for_email(get_db_of(oidc_app), "anna@kommun.se") == owner
    # Her password still works beside it.
    assert logged_in_client(oidc_app, "anna@kommun.se").get("/console/").status_code == 200
    # Another subject claiming her e-mail is refused: the account is someone's already.
    provider.user = {"sub": "someone-else", "email": "anna@kommun.se", "email_verified": True}
    _browser, taken = sign_in(oidc_app)
    assert taken.status_code == 400


def test_a_forged_answer_opens_nothing(oidc_app: Flask, provider: OIDCProvider) -> None:
    browser = oidc_app.test_client()
    browser.get("/login/oidc")
    # A code and state the provider never gave this browser.
    answer = browser.get("/login/oidc/callback?code=made-up&state=made-up&lang=en")
    assert answer.status_code == 400 and b"did not work" in answer.data
    assert browser.get("/console/").status_code == 302


def test_an_id_token_not_signed_with_the_provider_s_published_key_opens_nothing(
    oidc_app: Flask, provider: OIDCProvider
) -> None:
    from joserfc.jwk import RSAKey

    provider.published = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig"})
    provider.user = {"sub": "m-1", "email": "mallory@kommun.se"}
    browser, answer = sign_in(oidc_app)
    assert answer.status_code == 400
    assert accounts.user_id_for_email(get_db_of(oidc_app), "mallory@kommun.se") is None
    assert browser.get("/console/").status_code == 302


def test_without_a_provider_the_login_page_is_as_it_was(app: Flask) -> None:
    page = app.test_client().get("/login?lang=en")
    assert page.status_code == 200 and b"Sign in with" not in page.data
    assert app.test_client().get("/login/oidc").status_code == 404
    assert app.test_client().get("/login/oidc/callback?code=x&state=y").status_code == 404
