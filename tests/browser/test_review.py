"""Review before showing, in Chromium: a young person's note on the board waits on the
coordinator's console, the phone says so, and once shown it is on every screen."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    axe_violations,
    csp_violations,
    join,
    login,
    screenshot_dir,
    watch,
)
from tests.support.live import LiveServer

NOTE = "Ingen ringde tillbaka från BUP"


def test_a_note_waits_for_the_coordinator_and_then_reaches_every_screen(
    browser: Browser, server: LiveServer
) -> None:
    base = server.base
    workshop = server.create_workshop(server.login(), title="Ungas röster", review_topics="on")
    code, wid = workshop["join_code"], workshop["id"]
    console = browser.new_context(**DESKTOP).new_page()
    console_seen = watch(console, base)
    login(console, base)
    console.goto(f"{base}/console/{wid}")
    expect(console.locator("#review-card")).to_be_visible()
    expect(console.locator("#held-none")).to_be_visible()

    phone_context = browser.new_context(**PHONE)
    phone = phone_context.new_page()
    phone_seen = watch(phone, base)
    join(phone, base, code, nickname="Alva")
    phone.goto(f"{base}/w/{code}/board")
    phone.select_option("#write-kind", "note")
    phone.fill("#write-text", NOTE)
    phone.click("#write-form button[type=submit]")
    expect(phone.locator("#write-held")).to_have_text(
        "Skickat. Arrangören läser det innan det visas."
    )
    expect(phone.locator("#write-text")).to_have_value("")
    phone.wait_for_timeout(300)
    assert phone.locator("g.board-card").count() == 0

    item = console.locator("#held-list li")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(NOTE)
    expect(item).to_contain_text("Kort eller lapp på tavlan")
    expect(console.locator("#held-count")).to_have_text("(1)")
    assert axe_violations(console) == []
    console.screenshot(path=str(screenshot_dir() / "console-review.png"), full_page=False)

    item.get_by_role("button", name="Visa i rummet: Kort eller lapp på tavlan").click()
    expect(console.locator("#held-list li")).to_have_count(0)
    expect(console.locator("#held-none")).to_be_visible()
    expect(phone.locator("g.board-card")).to_have_count(1)
    expect(phone.locator("g.board-card")).to_contain_text("Ingen ringde")
    # Their own phone's page no longer lists it as waiting.
    phone.goto(f"{base}/w/{code}")
    expect(phone.locator("#waiting-panel")).to_be_hidden()
    assert console_seen["errors"] == [] and phone_seen["errors"] == []
    assert csp_violations(console) == [] and csp_violations(phone) == []
    console.context.close()
    phone_context.close()
