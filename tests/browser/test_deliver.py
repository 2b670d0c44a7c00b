"""Deliver in a real browser: the console writes an action and a decision, the wall shows the
action (what went over the wire, not only the page), and the Deliver section passes axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    axe_violations,
    join,
    login,
    screenshot_dir,
    watch,
)
from tests.support.live import LiveServer

pytestmark = pytest.mark.browser


def test_console_writes_an_action_and_a_decision_and_the_wall_shows_the_action(
    browser: Browser, server: LiveServer
) -> None:
    base = server.base
    workshop = server.create_workshop(server.login(), title="En väg in", theme="Hur kan vi?")
    context = browser.new_context(**DESKTOP)
    wall = context.new_page()
    wall_seen = watch(wall, base)
    frames: list[str] = []
    wall.on("websocket", lambda ws: ws.on("framereceived", lambda f: frames.append(str(f))))
    wall.goto(f"{base}/w/{workshop['join_code']}/wall?lang=sv")
    expect(wall.locator("#deliver-view")).to_be_hidden()

    console = context.new_page()
    seen = watch(console, base)
    login(console, base)
    found = {}
    for lang in ("en", "sv"):
        console.goto(f"{base}/console/{workshop['id']}?lang={lang}#deliver")
        expect(console.locator("#deliver h2")).to_be_visible()
        # Nothing pre-selected on either scale.
        assert console.locator("#scale-shier input:checked").count() == 0
        assert console.locator("#scale-trappa input:checked").count() == 0
        found[lang] = axe_violations(console)

    # An error in the user's language: a follow-up before the due date.
    console.fill("#action-what", "Bjud in unga till nästa möte")
    console.select_option("#action-role-id", "skolkurator")
    console.fill("#action-organisation", "Elevhälsan")
    console.fill("#action-step", "Fråga elevrådet <img src=x onerror=alert(1)>")
    console.fill("#action-due", "2027-03-01")
    console.fill("#action-follow-up", "2027-02-01")
    console.click("#action-submit")
    expect(console.locator("#action-error")).to_contain_text("Uppföljningen kan inte vara före")
    console.fill("#action-follow-up", "2027-04-01")
    # The keyboard: Enter on the focused submit button.
    console.focus("#action-submit")
    console.keyboard.press("Enter")
    expect(console.locator("#action-list li")).to_have_count(1)
    expect(console.locator("#action-error")).to_be_hidden()

    console.fill("#decision-text", "Vi provar en väg in under våren")
    console.fill("#decision-role", "Socialnämnden")
    console.fill("#decision-date", "2026-11-27")
    console.select_option("#decision-action", label="Bjud in unga till nästa möte")
    console.click("#decision-submit")
    expect(console.locator("#decision-list li")).to_have_count(1)
    expect(console.locator("#decision-list li")).to_contain_text("Leder till: Bjud in unga")

    console.check("#shier-3")
    console.check("#trappa-dialog")
    console.fill("#consent-notes", "Vårdnadshavarna samtyckte skriftligt")
    expect(console.locator("#participation-promise")).to_contain_text("vägs in i beslutet")
    console.click("#participation-form button[type=submit]")
    expect(console.locator("#participation-saved")).to_be_visible()

    item = wall.locator("#deliver-view-list li")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Bjud in unga till nästa möte")
    expect(item).to_contain_text("Vem: Skolkurator, Elevhälsan")
    # Typed text stays text: shown as typed, nothing parsed from it.
    expect(item).to_contain_text("Första steget: Fråga elevrådet <img src=x onerror=alert(1)>")
    assert wall.locator("#deliver-view img").count() == 0
    expect(item).to_contain_text("Klart senast 2027-03-01")
    # The wire: the wall received the action, and the participation without the notes.
    for _ in range(50):
        if any("participation.changed" in frame for frame in frames):
            break
        wall.wait_for_timeout(100)
    wire = "\n".join(frames)
    assert "action.added" in wire and "Bjud in unga" in wire
    assert "participation.changed" in wire and "samtyckte" not in wire

    # A phone shows the same list, read-only, with no control to change it.
    phone_context = browser.new_context(**PHONE)
    phone = phone_context.new_page()
    join(phone, base, workshop["join_code"])
    expect(phone.locator("#deliver-view-list li")).to_contain_text("Bjud in unga till nästa möte")
    assert phone.locator("#deliver-view button, #deliver-view input").count() == 0
    found["phone"] = axe_violations(phone)
    phone.locator("#deliver-view").screenshot(path=str(screenshot_dir() / "deliver-phone.png"))
    phone_context.close()

    console.locator("#deliver").screenshot(path=str(screenshot_dir("docs") / "deliver-console.png"))
    wall.screenshot(path=str(screenshot_dir("docs") / "deliver-wall.png"), full_page=True)
    assert seen["errors"] == [] and wall_seen["errors"] == []
    assert found == {"en": [], "sv": [], "phone": []}
    context.close()
