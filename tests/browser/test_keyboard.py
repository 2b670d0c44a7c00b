"""Everything by keyboard, and live updates that never take the focus away (QUALITY.md)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, PHONE, csp_violations, login, screenshot_dir, watch
from tests.support.live import LiveServer

pytestmark = pytest.mark.browser


def tab_to(page: Page, selector: str, limit: int = 80) -> int:
    """Press Tab until the focus is on `selector`; returns how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return presses
    raise AssertionError(f"{selector} cannot be reached with Tab in {limit} presses")


def focused(page: Page) -> str:
    """Who has the focus: its id, or its aria-label, or its text."""
    return page.evaluate(
        """() => { const e = document.activeElement;
            return e.id || e.getAttribute('aria-label') || e.textContent.trim(); }"""
    )


def test_a_whole_round_by_keyboard_with_the_focus_kept_through_live_updates(
    browser: Browser, server: LiveServer
) -> None:
    base = server.base
    workshop = server.create_workshop(server.login(), title="Tangentbord", dot_budget=3)
    code, wid = workshop["join_code"], workshop["id"]

    # Joining: code on the home page, then the join form, all with Tab, typing and Enter.
    phone = browser.new_context(**PHONE).new_page()
    seen = watch(phone, base)
    phone.goto(base + "/")
    tab_to(phone, "#code")
    phone.keyboard.type(code.lower())
    phone.keyboard.press("Enter")
    phone.wait_for_url(f"{base}/j/{code}")
    tab_to(phone, "#nickname")
    phone.keyboard.type("Tangent")
    tab_to(phone, "form button[type=submit]")
    phone.keyboard.press("Enter")
    phone.wait_for_url(f"{base}/w/{code}")

    # Posting a topic.
    tab_to(phone, "#post-title")
    phone.keyboard.type("Samma kontaktperson hela vägen")
    tab_to(phone, "#post-form button[type=submit]")
    phone.keyboard.press("Enter")
    expect(phone.locator(".topic-title")).to_have_text(["Samma kontaktperson hela vägen"])
    # The form clears on the answer, which may come a moment after the room's event.
    expect(phone.locator("#post-title")).to_have_value("")
    assert focused(phone) == "post-title", "after posting, the next topic is typed right away"

    # The facilitator opens voting, by keyboard too.
    console = browser.new_context(**DESKTOP).new_page()
    login(console, base)
    console.goto(f"{base}/console/{wid}")
    tab_to(console, "#round-open")
    console.keyboard.press("Enter")
    expect(console.locator("#round-close")).to_be_visible()

    # Voting: Tab to the + of the topic, Enter casts a dot, Space another; the focus stays.
    add = "li.topic button.dot-button.primary"
    expect(phone.locator(add)).to_be_enabled()
    tab_to(phone, add)
    plus = focused(phone)
    phone.keyboard.press("Enter")
    expect(phone.locator("#dots-left")).to_contain_text("2")
    phone.keyboard.press("Space")
    expect(phone.locator("#dots-left")).to_contain_text("1")
    assert focused(phone) == plus

    # Someone else posts while this phone's focus is on the + button: the list grows, the
    # status region announces it, and the focus has not moved.
    status_before = phone.locator("#live-status").text_content()
    other = browser.new_context(**PHONE).new_page()
    other.goto(f"{base}/j/{code}")
    other.click("form button[type=submit]")
    # Voting is open: the other phone's form is folded away until its button opens it (and the
    # button shows only once the page is live, so the post is not a plain form submit).
    other.click("#post-toggle")
    other.fill("#post-title", "Ett nytt ämne medan du röstar")
    other.click("#post-form button[type=submit]")
    expect(phone.locator("li.topic")).to_have_count(2)
    expect(phone.locator("#live-status")).not_to_have_text(status_before or "")
    assert focused(phone) == plus, "a live update took the focus away"

    # Taking a dot back: Shift+Tab to the − button, Enter.
    phone.keyboard.press("Shift+Tab")
    minus = focused(phone)
    phone.keyboard.press("Enter")
    expect(phone.locator("#dots-left")).to_contain_text("2")
    assert focused(phone) == minus
    phone.keyboard.press("Enter")
    expect(phone.locator("#dots-left")).to_contain_text("3")
    assert focused(phone) == minus, "taking back the last dot dropped the focus"
    phone.keyboard.press("Enter")  # nothing to take back: no command, no error
    expect(phone.locator("#dots-left")).to_contain_text("3")
    phone.screenshot(path=str(screenshot_dir() / "keyboard-phone.png"))
    assert seen["errors"] == [] and csp_violations(phone) == []
    for page in (phone, console, other):
        page.context.close()
