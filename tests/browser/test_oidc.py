"""Sign-in through an OpenID Connect provider in a real browser: a server configured with the
provider (started here, tests/support/oidc_provider.py) offers "Sign in with ..." on its login
page; the click goes to the provider and back, and the new account's list of workshops opens.
axe on the login page with the button, sv and en."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, axe_violations, watch
from tests.support.live import LiveServer
from tests.support.oidc_provider import OIDCProvider

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def provided() -> Iterator[tuple[OIDCProvider, LiveServer]]:
    with OIDCProvider() as provider:
        live = LiveServer(
            env={
                "WORKSHOP_OIDC_ISSUER": provider.issuer,
                "WORKSHOP_OIDC_CLIENT_ID": "workshop",
                "WORKSHOP_OIDC_CLIENT_SECRET": "a-client-secret",
                "WORKSHOP_OIDC_NAME": "Kommunens inloggning",
            }
        )
        live.env["WORKSHOP_PUBLIC_URL"] = live.base
        provider.add_client("workshop", "a-client-secret", f"{live.base}/login/oidc/callback")
        with live:
            live.add_facilitator()  # the installation's admin
            yield provider, live


def test_the_login_page_signs_in_through_the_provider(
    browser: Browser, provided: tuple[OIDCProvider, LiveServer]
) -> None:
    provider, live = provided
    provider.user = {"sub": "k-42", "email": "karin@kommun.se", "name": "Karin Lind"}
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    seen = watch(page, live.base)
    found = {}
    page.goto(f"{live.base}/login?lang=sv")
    expect(page.locator("a[href='/login/oidc']")).to_have_text("Logga in med Kommunens inloggning")
    found["login-sv"] = axe_violations(page)
    page.goto(f"{live.base}/login?lang=en")
    button = page.locator("a[href='/login/oidc']")
    expect(button).to_have_text("Sign in with Kommunens inloggning")
    found["login-en"] = axe_violations(page)
    button.click()
    page.wait_for_url(f"{live.base}/console/")
    expect(page.locator("main")).to_contain_text("karin@kommun.se")
    # The account page knows her by the provider's name for her, and she has no password.
    page.goto(f"{live.base}/account?lang=en")
    expect(page.locator("#display_name")).to_have_value("Karin Lind")
    assert {name: v for name, v in found.items() if v} == {}
    # The provider is another origin: the only requests that left the server are its own.
    foreign = [url for url in seen["foreign"] if not url.startswith(provider.issuer)]
    assert seen["errors"] == [] and foreign == [] and seen["csp"] == []
    context.close()
