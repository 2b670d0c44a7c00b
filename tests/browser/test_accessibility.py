"""axe-core on every page and state, in Swedish and English, on a phone and a laptop."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, PHONE, axe_violations, join, login, watch
from tests.support.live import LiveServer

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_every_page_has_no_serious_or_critical_violations(
    browser: Browser, server: LiveServer, lang: str, size: str
) -> None:
    base = server.base
    workshop = server.create_workshop(server.login(), title="Tillgänglighet", theme="Fråga?")
    code = workshop["join_code"]
    context = browser.new_context(**(PHONE if size == "phone" else DESKTOP))
    page = context.new_page()
    seen = watch(page, base)
    found: dict[str, list[dict[str, object]]] = {}

    def check(name: str, url: str | None = None) -> None:
        if url:
            page.goto(url)
        assert page.evaluate("() => document.documentElement.lang") == lang, name
        found[name] = axe_violations(page)

    check("home", f"{base}/?lang={lang}")
    check("privacy", f"{base}/privacy")
    check("join", f"{base}/j/{code}")
    join(page, base, code)
    page.fill("#post-title", "Ett ämne att rösta på")
    page.click("#post-form button[type=submit]")
    expect(page.locator("li.topic")).to_have_count(1)
    check("phone")

    console = context.new_page()
    login(console, base)
    console.goto(f"{base}/console/?lang={lang}")
    page_for_console = page
    page = console
    check("console index")
    page.goto(f"{base}/console/{workshop['id']}")
    expect(page.locator(".console-topics li")).to_have_count(1)
    check("console")
    page.click("#round-open")
    expect(page.locator("#round-close")).to_be_visible()
    check("console voting")
    page = page_for_console
    expect(page.locator("button.dot-button.primary")).to_be_visible()
    check("phone voting")
    page.locator("button.dot-button.primary").click()
    check("wall", f"{base}/w/{code}/wall")
    check("login", f"{base}/login")
    check("error page", f"{base}/j/000000")

    counts = {name: len(violations) for name, violations in found.items()}
    print(f"\naxe serious+critical ({lang}, {size}): {counts}")
    assert {name: v for name, v in found.items() if v} == {}
    assert seen["foreign"] == []
