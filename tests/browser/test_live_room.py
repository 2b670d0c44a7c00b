"""A facilitator and two phones in separate browsers, against a real server."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, PHONE, join, login, screenshot_dir, watch
from tests.support.live import LiveServer

pytestmark = pytest.mark.browser


def test_topics_and_votes_reach_every_screen_without_reload(
    browser: Browser, server: LiveServer
) -> None:
    base = server.base
    workshop = server.create_workshop(server.login(), title="En väg in", theme="Hur?")
    code = workshop["join_code"]
    console = browser.new_context(**DESKTOP).new_page()
    login(console, base)
    console.goto(f"{base}/console/{workshop['id']}")
    wall = browser.new_context(**DESKTOP).new_page()
    wall_seen = watch(wall, base)
    wall.goto(f"{base}/w/{code}/wall")
    phone_a = browser.new_context(**PHONE).new_page()
    phone_b = browser.new_context(**PHONE).new_page()
    seen_a = watch(phone_a, base)
    join(phone_a, base, code, "Sara")
    join(phone_b, base, code)

    phone_a.fill("#post-title", "Samma socialsekreterare hela vägen")
    phone_a.click("#post-form button[type=submit]")
    expect(wall.locator(".wall-topic")).to_have_text(["Samma socialsekreterare hela vägen"])
    expect(phone_b.locator(".topic-title")).to_have_text(["Samma socialsekreterare hela vägen"])
    expect(console.locator(".topic-title")).to_have_count(1)
    phone_b.fill("#post-title", "Stöd till föräldrar tidigt")
    phone_b.click("#post-form button[type=submit]")
    phone_b.fill("#post-title", "En väg in")
    phone_b.click("#post-form button[type=submit]")
    expect(wall.locator(".wall-topic")).to_have_count(3)

    console.fill("#round-budget", "2")
    console.fill("#round-cap", "2")
    console.click("#round-open")
    expect(phone_a.locator("#dots-left")).to_contain_text("2")
    expect(wall.locator(".bar-row")).to_have_count(3)

    first = phone_a.locator("li.topic").filter(has_text="Samma socialsekreterare")
    first.locator("button.dot-button.primary").click()
    bar = wall.locator(".bar-row").filter(has_text="Samma socialsekreterare")
    expect(bar).to_have_attribute("data-total", "1")
    first.locator("button.dot-button.primary").click()
    expect(bar).to_have_attribute("data-total", "2")
    expect(phone_a.locator("#dots-left")).to_contain_text("0")

    # The third dot is over the budget: the server's message shows next to the button.
    other = phone_a.locator("li.topic").filter(has_text="Stöd till föräldrar")
    other.locator("button.dot-button.primary").click()
    alert = other.locator("[role=alert]")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("2")
    expect(bar).to_have_attribute("data-total", "2")
    phone_a.screenshot(path=str(screenshot_dir() / "phone-voting.png"), full_page=True)
    wall.screenshot(path=str(screenshot_dir() / "wall-voting.png"))
    assert seen_a["errors"] == [] and wall_seen["errors"] == []
    assert seen_a["foreign"] == [] and wall_seen["foreign"] == []


def test_a_phone_that_loses_the_server_keeps_its_vote_and_counts_it_once(
    browser: Browser, server: LiveServer
) -> None:
    base = server.base
    workshop = server.create_workshop(server.login(), title="Avbrott")
    code = workshop["join_code"]
    console = browser.new_context(**DESKTOP).new_page()
    login(console, base)
    console.goto(f"{base}/console/{workshop['id']}")
    console.fill("#post-title", "Ett ämne")
    console.click("#post-form button[type=submit]")
    console.click("#round-open")
    phone = browser.new_context(**PHONE).new_page()
    join(phone, base, code)
    expect(phone.locator("li.topic")).to_have_count(1)
    expect(phone.locator("#dots-left")).to_be_visible()

    server.stop()
    expect(phone.locator("#connection")).to_be_visible(timeout=40_000)
    phone.locator("button.dot-button.primary").click()
    expect(phone.locator("#connection")).to_contain_text("(1)")
    server.start()
    expect(phone.locator("#connection")).to_be_hidden(timeout=40_000)
    expect(phone.locator(".my-dots")).to_contain_text("1", timeout=20_000)
    engine = sa.create_engine(server.database_url)
    with engine.connect() as connection:
        votes = connection.execute(
            sa.text(
                "select count(*) from votes join voting_rounds r on r.id = votes.round_id"
                " where r.workshop_id = :w"
            ),
            {"w": workshop["id"]},
        ).scalar_one()
    engine.dispose()
    assert votes == 1


def test_no_horizontal_scroll_at_320_px(browser: Browser, server: LiveServer) -> None:
    base = server.base
    workshop = server.create_workshop(server.login(), title="Smal skärm")
    page = browser.new_context(viewport={"width": 320, "height": 640}).new_page()
    join(page, base, workshop["join_code"])
    page.fill("#post-title", "Ett mycket långt ord: " + "Socialtjänstsekreterarutbildning" * 3)
    page.click("#post-form button[type=submit]")
    expect(page.locator("li.topic")).to_have_count(1)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320
