"""A small Open Space in real browsers: three phones put their topics on the agenda, one walks
to another session and the counts follow on the agenda wall; axe on the new screens."""

from __future__ import annotations

import json
import re
import time

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PHONE, axe_violations, join, login, watch
from tests.integration.helpers import Client
from tests.realtime.test_photos import noisy_jpeg
from tests.support.live import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def post_and_claim(page: Page, title: str, cell: str) -> None:
    page.fill("#post-title", title)
    page.click("#post-form button[type=submit]")
    form = page.locator("#convene-list form").first
    expect(form).to_be_visible()
    form.locator("select").select_option(label=cell)
    form.locator("button[type=submit]").click()
    expect(page.locator(".agenda-talk", has_text=title)).to_be_visible()


def test_three_conveners_claim_cells_and_counts_follow_a_person(
    browser: Browser, server: LiveServer
) -> None:
    base = server.base
    facilitator = server.login()
    workshop = server.create_workshop(facilitator, title="Open Space", theme="En väg in?")
    code, wid = workshop["join_code"], workshop["id"]
    console = Client(server, facilitator, view="console", workshop_id=wid)
    try:
        slots = [
            console.command("slot.save", starts=s, ends=e)["slot"]["id"]
            for s, e in (("10:00", "10:45"), ("11:00", "11:45"))
        ]
        for name in ("Sal A", "Sal B", "Sal C"):
            assert console.command("space.save", name=name, capacity=2)["ok"]
        assert len(slots) == 2

        wall_context = browser.new_context(viewport={"width": 1280, "height": 800})
        wall = wall_context.new_page()
        seen = watch(wall, base)
        wall.goto(f"{base}/w/{code}/agenda?lang=sv")
        expect(wall.locator("#agenda-wall-grid td.free")).to_have_count(6)

        phones = []
        for n, (title, cell) in enumerate(
            (
                ("Skolan och socialtjänsten", "10:00–10:45 · Sal A"),
                ("Föräldrastöd tidigt", "10:00–10:45 · Sal B"),
                ("En väg in", "11:00–11:45 · Sal C"),
            )
        ):
            context = browser.new_context(**PHONE)
            page = context.new_page()
            watch(page, base)
            join(page, base, code, nickname=f"P{n}")
            post_and_claim(page, title, cell)
            phones.append(page)
        expect(wall.locator("#agenda-wall-grid td.taken")).to_have_count(3)
        expect(wall.locator("td.taken", has_text="Skolan och socialtjänsten")).to_be_visible()

        # Two people are in the school session; then one walks over (the law of two feet).
        school = "Skolan och socialtjänsten"
        for page in phones[:2]:
            page.locator(".agenda-talk", has_text=school).get_by_role(
                "button", name=re.compile("Jag är här")
            ).click()
        expect(wall.locator("td.taken", has_text=school)).to_contain_text("2 är här nu")
        phones[1].locator(".agenda-talk", has_text="Föräldrastöd").get_by_role(
            "button", name=re.compile("Jag är här")
        ).click()
        expect(wall.locator("td.taken", has_text=school)).to_contain_text("1 är här nu")
        expect(wall.locator("td.taken", has_text="Föräldrastöd")).to_contain_text("1 är här nu")
        # The wire: counts only, never who is where; the console learns conveners, not names.
        placed = [
            e["payload"]["session"]["id"] for e in console.events if e["type"] == "session.placed"
        ]
        assert all(
            e["payload"]["session"]["convener"]
            for e in console.events
            if e["type"] == "session.placed"
        )
        walked = {"counts": {str(sid): {"going": 0, "here": 1} for sid in placed[:2]}}
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and walked not in [
            e["payload"] for e in console.events if e["type"] == "attendance.counted"
        ]:
            time.sleep(0.05)
        counted = [e["payload"] for e in console.events if e["type"] == "attendance.counted"]
        assert counted[-1] == walked, counted
        expect(phones[1].locator("#my-day")).to_contain_text("Föräldrastöd")

        # A tap is a press and a release; counts that arrive in between must not swallow it
        # (a list rebuilt under the finger did, now and then, in a busy room).
        holder = phones[2]
        here_button = holder.locator(".agenda-talk", has_text=school).get_by_role(
            "button", name=re.compile("Jag är här")
        )
        box = here_button.bounding_box()
        assert box
        holder.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        holder.mouse.down()
        phones[0].locator(".agenda-talk", has_text="En väg in").get_by_role(
            "button", name=re.compile("Jag går dit")
        ).click()
        expect(holder.locator(".agenda-talk", has_text="En väg in")).to_contain_text("1 går dit")
        holder.mouse.up()
        expect(here_button).to_have_attribute("aria-pressed", "true")
        expect(wall.locator("td.taken", has_text=school)).to_contain_text("2 är här nu")

        # The countdown runs on the wall (on the server's clock) and an announcement reaches
        # every screen.
        assert console.command("timer.start", slot_id=slots[0], minutes=45)["ok"]
        countdown = wall.locator("#countdowns li").first
        expect(countdown).to_contain_text(re.compile(r"10:00–10:45: 4[45]:\d\d kvar"))
        first = countdown.text_content()
        expect(countdown).not_to_have_text(first)  # a second later it shows less
        assert console.command("announcement.send", text="Lunch klockan 12")["ok"]
        for page in (wall, *phones):
            expect(page.locator("#announcement")).to_contain_text("Lunch klockan 12")

        # Notes written on one phone appear live on the news wall and the console.
        news = wall_context.new_page()
        watch(news, base)
        news.goto(f"{base}/w/{code}/news?lang=sv")
        admin = wall_context.new_page()
        login(admin, base)
        admin.goto(f"{base}/console/{wid}#agenda")
        expect(admin.locator(".agenda-session")).to_have_count(3)
        writer = phones[2]
        writer.select_option("#notes-session", label="11:00 · Sal C · En väg in")
        writer.fill("#notes-discussion", "Familjer vill ha en väg in.")
        writer.fill("#notes-count-parent", "4")
        writer.click("#notes-form button[type=submit]")
        for page in (news, admin):
            card = page.locator(".news-card", has_text="En väg in")
            expect(card).to_contain_text("Familjer vill ha en väg in.")
            expect(card).to_contain_text("Föräldrar: 4")
        # A photo of the flip chart as a phone takes it (4.9 MB, 2600 x 1950), sent over HTTP
        # from the same form on slow wifi (2 MB/s up): the bar moves, then it shows up live.
        photo = noisy_jpeg(2600, 1950)
        assert len(photo) > 4_000_000
        network = writer.context.new_cdp_session(writer)
        network.send("Network.enable")
        slow = {"offline": False, "latency": 50, "downloadThroughput": 2_000_000}
        network.send("Network.emulateNetworkConditions", {**slow, "uploadThroughput": 2_000_000})
        writer.set_input_files(
            "#photos-file",
            files=[{"name": "IMG_0001.jpg", "mimeType": "image/jpeg", "buffer": photo}],
        )
        writer.wait_for_function(
            "() => { const bar = document.getElementById('photos-progress');"
            " return !bar.hidden && bar.value > 0 && bar.value < 100; }"
        )
        expect(writer.locator("#photos-list img")).to_have_count(1, timeout=30_000)
        expect(writer.locator("#photos-progress")).to_be_hidden()
        expect(writer.locator("#photos-error")).to_be_hidden()
        network.send("Network.emulateNetworkConditions", {**slow, "uploadThroughput": -1})
        for page in (news, admin):
            picture = page.locator(".news-card", has_text="En väg in").locator("img")
            expect(picture).to_have_attribute("alt", "Bild av blädderblocket, 1")
            picture.scroll_into_view_if_needed()  # loading="lazy": fetched when in view
            page.wait_for_function(
                "() => [...document.querySelectorAll('.news-card img')].some(i => i.naturalWidth)"
            )
        added = [e["payload"] for e in console.events if e["type"] == "notes.photo_added"]
        assert [(a["width"], a["height"]) for a in added] == [(2000, 1500)]

        assert seen["errors"] == [] and seen["foreign"] == []
    finally:
        console.close()


def test_the_new_screens_pass_axe_in_both_languages_on_a_phone_and_a_laptop(
    browser: Browser, server: LiveServer
) -> None:
    """The phone's agenda and notes, the console's grid, the agenda wall and the news wall:
    axe finds nothing serious or critical in sv and en at 320 and 1280 px."""
    base = server.base
    facilitator = server.login()
    workshop = server.create_workshop(facilitator, title="Tillgänglighet", theme="Fråga?")
    code, wid = workshop["join_code"], workshop["id"]
    console = Client(server, facilitator, view="console", workshop_id=wid)
    phone_http = server.join(code, nickname="A")
    phone = Client(server, phone_http, view="phone", workshop_id=wid)
    try:
        slot = console.command("slot.save", starts="10:00", ends="10:45")["slot"]["id"]
        space = console.command("space.save", name="Sal A", capacity=1)["space"]["id"]
        console.command("space.save", name="Sal B")
        topic = phone.command("topic.post", title="En väg in")["topic"]["id"]
        session = phone.command("session.place", topic_id=topic, slot_id=slot, space_id=space)
        sid = session["session"]["id"]
        phone.command("session.going", session_id=sid, going=True)
        phone.command("notes.write", session_id=sid, field="discussion", text="Ja", version=0)
        console.command("timer.start", slot_id=slot, minutes=45)
        console.command("announcement.send", text="Lunch klockan 12")
        context = browser.new_context()
        for name, value in phone_http.cookies.items():
            context.add_cookies([{"name": name, "value": value, "url": base}])
        page = context.new_page()
        seen = watch(page, base)
        admin = context.new_page()
        login(admin, base)
        screens = {
            "phone": (page, f"{base}/w/{code}", ".agenda-talk", ""),
            "console": (admin, f"{base}/console/{wid}", ".agenda-session", "#agenda"),
            "wall": (admin, f"{base}/w/{code}/agenda", "td.taken", ""),
            "news": (admin, f"{base}/w/{code}/news", ".news-card", ""),
        }
        found = {}
        for lang in ("en", "sv"):
            for name, (tab, url, ready, part) in screens.items():
                tab.goto(f"{url}?lang={lang}{part}")
                expect(tab.locator(ready).first).to_be_visible()
                expect(tab.locator("#announcement")).to_contain_text("Lunch")
                for width in (320, 1280):
                    tab.set_viewport_size({"width": width, "height": 800})
                    found[f"{name} {lang} {width}"] = axe_violations(tab)
        failing = {k: v for k, v in found.items() if v}
        assert failing == {}, json.dumps(failing, indent=1)
        assert len(found) == 16
        assert seen["errors"] == [] and seen["foreign"] == []
    finally:
        console.close()
        phone.close()
