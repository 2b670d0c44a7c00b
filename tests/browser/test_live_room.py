"""A facilitator, a wall and two phones in separate browsers, against a real server."""

from __future__ import annotations

import json
import re
import time

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, WebSocketRoute, expect

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    csp_violations,
    join,
    login,
    screenshot_dir,
    watch,
)
from tests.support.live import LiveServer

pytestmark = pytest.mark.browser


def count(server: LiveServer, sql: str, **params: object) -> int:
    """One number from the server's database."""
    engine = sa.create_engine(server.database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(sa.text(sql), params).scalar_one()
    finally:
        engine.dispose()


def post(page: Page, title: str) -> None:
    # During an open round the phone's form is folded away: open it first.
    toggle = page.locator("#post-toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    page.fill("#post-title", title)
    page.click("#post-form button[type=submit]")


def test_topics_and_votes_reach_every_screen_without_reload(
    browser: Browser, server: LiveServer
) -> None:
    started = time.monotonic()
    base = server.base
    workshop = server.create_workshop(
        server.login(), title="En väg in", theme="Hur ger vi barn och familjer en väg in?"
    )
    code = workshop["join_code"]
    console = browser.new_context(**DESKTOP).new_page()
    console_seen = watch(console, base)
    login(console, base)
    console.goto(f"{base}/console/{workshop['id']}")
    wall = browser.new_context(**DESKTOP).new_page()
    wall_seen = watch(wall, base)
    wall.goto(f"{base}/w/{code}/wall")
    phone_a = browser.new_context(**PHONE).new_page()
    phone_b = browser.new_context(**PHONE).new_page()
    seen_a, seen_b = watch(phone_a, base), watch(phone_b, base)
    join(phone_a, base, code, "Sara")
    join(phone_b, base, code)
    expect(wall.locator("#participant-total")).to_contain_text("2")

    # A topic from phone A reaches the wall, phone B and the console without a reload.
    post(phone_a, "Samma socialsekreterare hela vägen")
    expect(wall.locator(".wall-topic")).to_have_text(["Samma socialsekreterare hela vägen"])
    expect(phone_b.locator(".topic-title")).to_have_text(["Samma socialsekreterare hela vägen"])
    expect(console.locator(".console-topics .topic-title")).to_have_count(1)
    post(phone_b, "Stöd till föräldrar tidigt")
    expect(phone_b.locator("li.topic")).to_have_count(2)
    post(phone_b, "Kortare väntan till BUP")
    expect(wall.locator(".wall-topic")).to_have_count(3)
    expect(wall.locator("#topics")).to_have_class("wall-topics")  # three cards: full size
    expect(wall.locator("#topic-count")).to_have_text("(3)")
    expect(phone_a.locator("li.topic")).to_have_count(3)

    # The facilitator opens a round with a budget of 2, with the totals live (rounds are sealed
    # unless the coordinator chooses otherwise; a sealed round shows no bars).
    console.fill("#round-budget", "2")
    console.fill("#round-cap", "2")
    console.check("#round-live")
    console.click("#round-open")
    expect(console.locator("#round-close")).to_be_visible()
    expect(phone_a.locator("#dots-left")).to_contain_text("2")
    expect(wall.locator(".bar-row")).to_have_count(3)

    # A vote on phone A moves the bar on the wall.
    first = phone_a.locator("li.topic").filter(has_text="Samma socialsekreterare")
    bar = wall.locator(".bar-row").filter(has_text="Samma socialsekreterare")
    expect(bar).to_have_attribute("data-total", "0")
    width_before = bar.locator(".bar-fill").evaluate("(node) => node.getBoundingClientRect().width")
    first.locator("button.dot-button.primary").click()
    expect(bar).to_have_attribute("data-total", "1")
    expect(first.locator(".my-dots")).to_contain_text("1")
    first.locator("button.dot-button.primary").click()
    expect(bar).to_have_attribute("data-total", "2")
    expect(phone_a.locator("#dots-left")).to_contain_text("0")
    width_after = bar.locator(".bar-fill").evaluate("(node) => node.getBoundingClientRect().width")
    assert width_after > width_before

    # The third dot is over the budget: the server's message shows next to the button.
    other = phone_a.locator("li.topic").filter(has_text="Stöd till föräldrar")
    other.locator("button.dot-button.primary").click()
    alert = other.locator("[role=alert]")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("2")  # "Du har använt alla dina 2 prickar." or the like
    expect(bar).to_have_attribute("data-total", "2")

    # Phone B votes too, so the wall shows a race; then the screenshots for the README.
    phone_b.locator("li.topic").filter(has_text="Kortare väntan").locator(
        "button.dot-button.primary"
    ).click()
    expect(wall.locator(".bar-row").filter(has_text="Kortare väntan")).to_have_attribute(
        "data-total", "1"
    )
    # The whole page: the README should show the topics and their dot buttons, not only the top.
    phone_a.screenshot(path=str(screenshot_dir("docs") / "phone.png"), full_page=True)
    wall.screenshot(path=str(screenshot_dir("docs") / "wall.png"))
    console.screenshot(path=str(screenshot_dir() / "console.png"), full_page=True)

    # Closing the round shows the ranking on the wall and the phones.
    console.click("#round-close")
    expect(wall.locator(".bar-row .rank").first).to_be_visible()
    expect(phone_b.locator("#results .result")).to_have_count(3)
    expect(phone_b.locator("#results .rank").first).to_contain_text("1")
    wall.screenshot(path=str(screenshot_dir() / "wall-closed.png"))
    # "Plats 1" on one line: a too-narrow label column once broke it into "Pla / ts / 1".
    lines = wall.eval_on_selector_all(
        ".bar-row .rank",
        """nodes => nodes.map(n => n.getBoundingClientRect().height
            / parseFloat(getComputedStyle(n).lineHeight || '0') || 99)""",
    )
    assert lines and all(n < 1.5 for n in lines), lines

    pages = {"console": console, "wall": wall, "phone A": phone_a, "phone B": phone_b}
    seen = {"console": console_seen, "wall": wall_seen, "phone A": seen_a, "phone B": seen_b}
    for name, page in pages.items():
        assert csp_violations(page) == [], name
        assert seen[name]["csp"] == [], name
        assert seen[name]["foreign"] == [], name
        assert seen[name]["errors"] == [], name
    print(f"\nlive room across four browsers: {time.monotonic() - started:.1f} s")


def test_a_phone_offline_keeps_its_commands_and_nothing_counts_twice(
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
    expect(console.locator(".console-topics li")).to_have_count(1)
    console.click("#round-open")
    expect(console.locator("#round-close")).to_be_visible()
    context = browser.new_context(**PHONE)
    phone = context.new_page()
    seen = watch(phone, base)
    join(phone, base, code)
    expect(phone.locator("li.topic")).to_have_count(1)
    expect(phone.locator("#dots-left")).to_be_visible()
    my_dots = phone.locator("li.topic").filter(has_text="Ett ämne").locator(".my-dots")
    expect(phone.locator("#connection")).to_be_hidden()

    # The network goes: the browser's `offline` event shows the banner and drops the socket.
    context.set_offline(True)
    expect(phone.locator("#connection")).to_be_visible()
    phone.wait_for_function("() => !navigator.onLine")
    phone.locator("li.topic button.dot-button.primary").click()
    expect(phone.locator("li.topic .pending")).to_be_visible()
    post(phone, "Skrivet utan nät")
    expect(phone.locator("#post-pending")).to_be_visible()
    expect(phone.locator("#connection")).to_contain_text("(2)")
    topics_sql = "select count(*) from topics where workshop_id = :w"
    assert count(server, topics_sql, w=workshop["id"]) == 1
    # What the page keeps for a reload: both commands with their op_ids.
    key, queued = phone.evaluate(
        """() => Object.entries(sessionStorage).find(([k]) => k.startsWith('workshop-queue'))"""
    )
    assert '"vote.add"' in queued and '"topic.post"' in queued

    # Back online: the queue goes out by itself, once.
    context.set_offline(False)
    expect(phone.locator("#connection")).to_be_hidden(timeout=20_000)
    expect(phone.locator("li.topic")).to_have_count(2)
    expect(phone.locator("#post-pending")).to_be_hidden()
    expect(my_dots).to_contain_text("1")
    expect(console.locator(".console-topics li")).to_have_count(2)

    # As if the answers had been lost: the same commands (same op_ids) are sent again after a
    # reload. The server knows the op_ids, so nothing is done twice.
    phone.evaluate("([k, v]) => sessionStorage.setItem(k, v)", [key, queued])
    phone.reload()
    phone.wait_for_function(f"() => sessionStorage.getItem({key!r}) === '[]'", timeout=20_000)
    expect(phone.locator("li.topic")).to_have_count(2)
    votes = count(
        server,
        "select count(*) from votes join voting_rounds r on r.id = votes.round_id"
        " where r.workshop_id = :w",
        w=workshop["id"],
    )
    topics = count(
        server,
        "select count(*) from topics where workshop_id = :w and title = 'Skrivet utan nät'",
        w=workshop["id"],
    )
    print(f"\noffline phone: votes stored {votes}, topics stored {topics} (each sent twice)")
    assert (votes, topics) == (1, 1)
    expect(my_dots).to_contain_text("1")
    # The browser logs the reconnection attempts it refused while offline; nothing else.
    errors = [e for e in seen["errors"] if "ERR_INTERNET_DISCONNECTED" not in e]
    assert errors == [] and seen["foreign"] == [] and csp_violations(phone) == []


def test_no_horizontal_scroll_at_320_px(browser: Browser, server: LiveServer) -> None:
    base = server.base
    workshop = server.create_workshop(server.login(), title="Smal skärm", theme="Får allt plats?")
    page = browser.new_context(viewport={"width": 320, "height": 640}).new_page()
    seen = watch(page, base)
    join(page, base, workshop["join_code"])
    post(page, "Ett mycket långt ord: " + "Socialtjänstsekreterarutbildning" * 3)
    expect(page.locator("li.topic")).to_have_count(1)
    widths = {}
    widths["phone"] = page.evaluate("() => document.documentElement.scrollWidth")
    page.locator("li.topic button", has_text="Ändra").click()
    widths["phone editing"] = page.evaluate("() => document.documentElement.scrollWidth")
    pages = {"home": "/", "join": f"/j/{workshop['join_code']}", "privacy": "/privacy"}
    for name, url in pages.items():
        page.goto(base + url)
        widths[name] = page.evaluate("() => document.documentElement.scrollWidth")
    print(f"\nscroll widths at 320 px: {widths}")
    assert all(width <= 320 for width in widths.values()), widths

    # Touch targets of at least 24 x 24 CSS px (WCAG 2.5.8) on the phone page.
    page.goto(f"{base}/w/{workshop['join_code']}")
    page.wait_for_selector("li.topic")
    small = page.evaluate(
        """() => [...document.querySelectorAll('button, input:not([type=hidden]), select,'
              + ' textarea, summary, a.button, label.choice')]
            .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
            .map(e => [e.id || e.name || e.textContent.trim().slice(0, 20),
                       e.getBoundingClientRect()])
            .filter(([, r]) => r.width < 24 || r.height < 24)
            .map(([name, r]) => `${name} ${Math.round(r.width)}x${Math.round(r.height)}`)"""
    )
    assert small == [], small

    # Text at 200 % (WCAG 1.4.4) on a 640 px wide screen: still no sideways scrolling.
    zoomed = browser.new_context(viewport={"width": 640, "height": 800}).new_page()
    zoomed.add_init_script(
        "document.addEventListener('DOMContentLoaded',"
        " () => { document.documentElement.style.fontSize = '200%'; })"
    )
    zoom_widths = {}
    for name, url in {**pages, "phone": f"/w/{workshop['join_code']}"}.items():
        if name == "phone":
            join(zoomed, base, workshop["join_code"])
        else:
            zoomed.goto(base + url)
        text_size = zoomed.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
        assert text_size >= 32, f"{name}: text did not grow ({text_size}px)"
        zoom_widths[name] = zoomed.evaluate("() => document.documentElement.scrollWidth")
    print(f"scroll widths at 640 px with 200 % text: {zoom_widths}")
    assert all(width <= 640 for width in zoom_widths.values()), zoom_widths
    zoomed.context.close()
    assert seen["foreign"] == [] and csp_violations(page) == []


def test_a_wall_that_lost_a_broadcast_catches_up_from_the_head_beacon(
    browser: Browser, server: LiveServer
) -> None:
    """The `events` frame with the new topic never reaches the wall (as when Redis is down
    between two processes); the server's periodic `head` shows the wall it is behind, and it
    syncs by itself."""
    base = server.base
    code = server.create_workshop(server.login(), title="Tappat meddelande")["join_code"]
    title = "Förlorad på vägen"
    dropped: list[str] = []
    syncs: list[str] = []

    def between_wall_and_server(ws: WebSocketRoute) -> None:
        upstream = ws.connect_to_server()

        def to_wall(message: str | bytes) -> None:
            if (
                isinstance(message, str)
                and message.startswith('42["events"')
                and (
                    title in message or json.dumps(title)[1:-1] in message  # \u00f6 or ö
                )
            ):
                dropped.append(message)
                return
            ws.send(message)

        def to_server(message: str | bytes) -> None:
            if isinstance(message, str) and message.startswith("42") and '"sync"' in message:
                syncs.append(message)
            upstream.send(message)

        upstream.on_message(to_wall)
        ws.on_message(to_server)

    wall = browser.new_context(**DESKTOP).new_page()
    wall_seen = watch(wall, base)
    wall.route_web_socket(re.compile(r"/socket\.io/"), between_wall_and_server)
    wall.goto(f"{base}/w/{code}/wall")
    phone = browser.new_context(**PHONE).new_page()
    join(phone, base, code)
    expect(wall.locator("#participant-total")).to_contain_text("1")
    synced_before = len(syncs)

    post(phone, title)
    expect(phone.locator(".topic-title")).to_have_text([title])
    expect(wall.locator(".wall-topic")).to_have_text([title], timeout=15_000)
    assert len(dropped) == 1, "the broadcast was not intercepted: the test proves nothing"
    assert len(syncs) > synced_before
    assert wall_seen["errors"] == []
    for page in (wall, phone):
        page.context.close()


def test_a_topic_in_arabic_reads_right_to_left_on_a_swedish_page(
    browser: Browser, server: LiveServer
) -> None:
    base = server.base
    code = server.create_workshop(server.login(), title="Flera språk")["join_code"]
    wall = browser.new_context(**DESKTOP).new_page()
    wall.goto(f"{base}/w/{code}/wall")
    phone = browser.new_context(**PHONE).new_page()
    join(phone, base, code)
    arabic, swedish = "كيف نساعد الأسر مبكرا؟", "Stöd till föräldrar tidigt"
    post(phone, arabic)
    post(phone, swedish)
    expect(wall.locator(".wall-topic")).to_have_count(2)
    expect(phone.locator("li.topic")).to_have_count(2)
    # Where the text sits in its box: an Arabic title hugs the right edge, a Swedish one the left.
    measure = """(nodes, text) => { const n = nodes.find(e => e.textContent === text);
        const range = document.createRange(); range.selectNodeContents(n);
        const t = range.getBoundingClientRect(), b = n.getBoundingClientRect();
        return {left: t.left - b.left, right: b.right - t.right}; }"""
    for page, selector in ((wall, ".wall-topic-title"), (phone, ".topic-title")):
        rtl = page.eval_on_selector_all(selector, measure, arabic)
        ltr = page.eval_on_selector_all(selector, measure, swedish)
        assert rtl["right"] < 2 < rtl["left"], (selector, rtl)
        assert ltr["left"] < 2 < ltr["right"], (selector, ltr)
    for page in (wall, phone):
        page.context.close()


def test_the_facilitator_merges_a_duplicate_while_topics_keep_arriving(
    browser: Browser, server: LiveServer
) -> None:
    base = server.base
    workshop = server.create_workshop(server.login(), title="Dubbletter")
    code = workshop["join_code"]
    console = browser.new_context(**DESKTOP).new_page()
    seen = watch(console, base)
    login(console, base)
    console.goto(f"{base}/console/{workshop['id']}")
    wall = browser.new_context(**DESKTOP).new_page()
    wall.goto(f"{base}/w/{code}/wall")
    phone = browser.new_context(**PHONE).new_page()
    join(phone, base, code)
    post(phone, "En väg in")
    post(phone, "En enda väg in")
    expect(console.locator(".console-topics .topic-title")).to_have_count(2)

    duplicate = console.locator("li.topic").filter(
        has=console.get_by_role("heading", name="En enda väg in", exact=True)
    )
    # Hide, merge and delete sit behind the card's "Åtgärder" (Actions).
    duplicate.locator("summary").click()
    duplicate.locator("select").select_option(label="En väg in")
    chosen = duplicate.locator("select").input_value()
    # A new topic arrives while the choice is made: the choice stays.
    post(phone, "Stöd tidigt")
    expect(console.locator(".console-topics .topic-title")).to_have_count(3)
    assert duplicate.locator("select").input_value() == chosen
    duplicate.get_by_role("button", name="Slå ihop med").click()
    expect(console.locator(".console-topics .topic-title")).to_have_count(2)
    expect(wall.locator(".wall-topic-title")).to_have_text(["Stöd tidigt", "En väg in"])
    expect(phone.locator(".topic-title")).to_have_count(2)
    # The duplicate's title stays under the target, and the merge can be undone from there.
    target = console.locator("li.topic").filter(
        has=console.get_by_role("heading", name="En väg in", exact=True)
    )
    expect(target.locator(".topic-also")).to_contain_text("En enda väg in")
    target.get_by_role("button", name="Ångra sammanslagningen: En enda väg in").click()
    expect(console.locator(".console-topics .topic-title")).to_have_count(3)
    expect(wall.locator(".wall-topic-title")).to_have_count(3)
    expect(phone.locator(".topic-title")).to_have_count(3)
    assert seen["errors"] == [] and csp_violations(console) == []
    for page in (console, wall, phone):
        page.context.close()
