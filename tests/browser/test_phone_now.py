"""The phone shows what happens now first (issue 21): at 320x640, in every phase and round, the
thing to do now starts on the first screen, the dots left are in view while voting on themes,
and after the consultation's window closes nothing can be sent and the phone says why."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations, join, screenshot_dir, watch
from tests.integration.helpers import Client
from tests.support.live import LiveServer

SMALL = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def day(browser: Browser, server: LiveServer) -> Iterator[dict[str, Any]]:
    """A workshop with 30 topics, a console that drives it, and a phone at 320x640."""
    session = server.login()
    workshop = server.create_workshop(session, title="Ungas röster")
    console = Client(server, session, view="console", workshop_id=workshop["id"])
    topics = [
        console.command("topic.post", title=f"Ämne {n}: fler vuxna att prata med")["topic"]["id"]
        for n in range(30)
    ]
    context = browser.new_context(**SMALL)
    phone = context.new_page()
    seen = watch(phone, server.base)
    join(phone, server.base, workshop["join_code"], nickname="Alva")
    yield {"console": console, "phone": phone, "topics": topics, "seen": seen, "code": workshop}
    console.close()
    context.close()


def _starts_on_first_screen(page: Page, selector: str) -> None:
    """The element is shown and its top is on the first 640 px of the page."""
    page.evaluate("window.scrollTo(0, 0)")
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    assert 0 <= box["y"] < 640 - 48, f"{selector} starts at {box['y']:.0f} px"


def _shot(page: Page, name: str) -> None:
    """A screenshot to look at, and nothing wider than the phone (no sideways scrolling)."""
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshot_dir() / f"phone-now-{name}.png"))
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 320, f"{name}: the page is {wide} px wide on a 320 px phone"


def test_what_happens_now_is_on_the_first_screen_in_every_phase(day: dict[str, Any]) -> None:
    console, phone = day["console"], day["phone"]
    expect(phone.locator("#topics li")).to_have_count(30)
    _starts_on_first_screen(phone, "#post-panel")
    _shot(phone, "discover")

    assert console.command("round.open", budget=5, max_per_topic=3)["ok"]
    expect(phone.locator("#dots-bar")).to_be_visible()
    _shot(phone, "round")
    _starts_on_first_screen(phone, "#topics li")
    assert console.command("round.close")["ok"]

    assert console.command("phase.change", phase="define")["ok"]
    themes = [console.command("theme.create", title=f"Tema {n}")["theme"]["id"] for n in range(5)]
    for n, topic in enumerate(day["topics"][:15]):
        assert console.command("theme.add_topic", theme_id=themes[n % 5], topic_id=topic)["ok"]
    expect(phone.locator("#themes li.theme-card")).to_have_count(5)
    _starts_on_first_screen(phone, "#themes-panel")
    assert console.command("round.open", scope="themes", budget=3, max_per_topic=2)["ok"]
    expect(phone.locator("#dots-bar")).to_be_visible()
    _starts_on_first_screen(phone, "#themes li.theme-card")
    # Scrolled to the last theme, the dots left are still in view.
    phone.locator("#themes li.theme-card").last.scroll_into_view_if_needed()
    bar = phone.locator("#dots-bar").bounding_box()
    assert bar is not None and 0 <= bar["y"] < 640, bar
    _shot(phone, "themes-round")
    assert console.command("round.close")["ok"]

    assert console.command("phase.change", phase="develop")["ok"]
    expect(phone.locator(".idea-form").first).to_be_visible()
    _starts_on_first_screen(phone, ".idea-form")
    _shot(phone, "develop")

    assert console.command("phase.change", phase="deliver")["ok"]
    for n in range(8):
        assert console.command("action.add", what=f"Åtgärd {n}", theme_id=themes[n % 5])["ok"]
    expect(phone.locator("#deliver-view li")).to_have_count(8)
    _starts_on_first_screen(phone, "#deliver-view")
    _shot(phone, "deliver")
    assert axe_violations(phone) == []
    assert day["seen"]["errors"] == []


def test_after_the_window_closes_nothing_can_be_sent_and_the_phone_says_why(
    day: dict[str, Any],
) -> None:
    console, phone = day["console"], day["phone"]
    assert console.command("round.open")["ok"]
    expect(phone.locator("#dots-bar")).to_be_visible()
    shut = {"opens_at": "2026-01-01T09:00", "closes_at": "2026-01-08T18:00"}
    assert console.command("consultation.update", **shut)["ok"]
    phone.reload()
    expect(phone.locator("#window-note")).to_contain_text("8 januari")
    _starts_on_first_screen(phone, "#window-note")
    expect(phone.locator("#post-panel")).to_be_hidden()
    expect(phone.locator("#dots-bar")).to_be_hidden()
    expect(phone.locator("#round-panel")).to_be_hidden()
    expect(phone.locator("#topics li .dot-button").first).to_be_hidden()
    _shot(phone, "window-closed")


def test_a_youth_consultation_shows_its_question_not_the_method_until_asked(
    browser: Browser, server: LiveServer
) -> None:
    """The youth template shows neither the four design phases nor how today works; the
    coordinator turns the phases on and the phones show them at once, without a reload."""
    from tests.support.notices import written

    session = server.login()
    made = server.create_workshop(session, title="Ungas röst", theme="", template="youth")
    console = Client(server, session, view="console", workshop_id=made["id"])
    try:
        texts = console.call("sync", {"since": 0})["snapshot"]["workshop"]["texts"]
        answer = console.command("consultation.update", texts=written(texts))
        assert answer["ok"], answer
        context = browser.new_context(**SMALL)
        phone = context.new_page()
        seen = watch(phone, server.base)
        join(phone, server.base, made["join_code"])
        expect(phone.locator("#post-panel")).to_be_visible()
        expect(phone.locator("#phase-panel")).to_be_hidden()
        expect(phone.locator("#opening-phone")).to_be_hidden()
        expect(phone.locator("#titles-panel")).to_be_visible()
        _starts_on_first_screen(phone, "#post-panel")
        _shot(phone, "youth-question-first")
        # The coordinator wants the phases after all: every phone follows.
        parts = ["phases", "titles"]
        assert console.command("consultation.update", phone_parts=parts)["ok"]
        expect(phone.locator("#phase-panel")).to_be_visible()
        expect(phone.locator("#opening-phone")).to_be_hidden()
        # An English reader gets the title written for them, live as soon as it is written.
        phone.goto(f"{server.base}/w/{made['join_code']}?lang=en")
        expect(phone.locator("#workshop-title")).to_have_text("Ungas röst")
        english = {**written(texts)["en"], "title": "Young people's voice"}
        assert console.command("consultation.update", texts={"en": english})["ok"]
        expect(phone.locator("#workshop-title")).to_have_text("Young people's voice")
        refused = console.command("consultation.update", phone_parts=["phases", "agenda"])
        assert refused["error"]["code"] == "bad_request"
        assert axe_violations(phone) == []
        assert seen["errors"] == [] and seen["foreign"] == []
        context.close()
    finally:
        console.close()
