"""A youth consultation on a small, old phone (320x640), end to end in real Chromium: the
invitation, the notice, a post that waits for review, a vote from home during the window, the
refusal after it (on the wire and on the screen), then the feedback page through the same link;
axe-core on every consultation screen in Swedish, easy-read Swedish and English."""

from __future__ import annotations

import json
import re
import shutil
import time
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, axe_violations, login, screenshot_dir, watch
from tests.browser.test_crowded_room import Frames
from tests.support.live import LiveServer, csrf_token
from tests.support.notices import WRITTEN
from workshop.domain.consultation import PLACEHOLDER

pytestmark = pytest.mark.browser

OLD_PHONE = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}
MODES = {"sv": "?lang=sv&easy=0", "sv_easy": "?lang=sv&easy=1", "en": "?lang=en&easy=0"}
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def local(moment: datetime) -> str:
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%dT%H:%M")


def console_post(
    server: LiveServer, session: Any, wid: int, path: str, data: dict[str, str]
) -> None:
    token = csrf_token(session.get(f"{server.base}/console/{wid}").text)
    response = session.post(
        f"{server.base}/console/{wid}/{path}",
        data={"csrf_token": token, **data},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]


def until(page: Page, found: Any, seconds: float = 5) -> Any:
    """What `found()` returns once it is truthy (frames arrive a moment after the screen);
    waiting through Playwright, which delivers the frames only while it is called."""
    deadline = time.monotonic() + seconds
    while not (result := found()) and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert result, "not received in time"
    return result


def shot(page: Page, name: str) -> None:
    path = screenshot_dir("docs") / f"consult-{name}.png"
    page.screenshot(path=str(path), full_page=True)


def test_a_young_person_takes_part_from_home_and_later_sees_what_was_done(
    browser: Browser, server: LiveServer
) -> None:
    session = server.login()
    made = server.create_workshop(
        session, title="Ungas röst", theme="", template="youth", language="sv"
    )
    wid, code = made["id"], made["join_code"]
    now = datetime.now(STOCKHOLM)
    window = {
        "opens_at": local(now - timedelta(days=1)),
        "closes_at": local(now + timedelta(days=6)),
    }
    console_post(server, session, wid, "consultation", {"ask_age_band": "on", **window})
    found: dict[str, Any] = {}

    phone = browser.new_context(**OLD_PHONE).new_page()
    seen = watch(phone, server.base)
    frames = Frames(phone)
    # The template's notice still says "[datum]" and "[namn]": nobody can join, and the
    # console names each part and takes the coordinator to it.
    phone.goto(f"{server.base}/j/{code}?lang=sv")
    expect(phone.locator("#notice-unfinished")).to_be_visible()
    expect(phone.locator("form button[type=submit]")).to_have_count(0)
    assert "[datum]" not in phone.content()
    console = browser.new_context(**DESKTOP).new_page()
    login(console, server.base)
    console.goto(f"{server.base}/console/{wid}?lang=sv#opening")
    unfilled = console.locator(".join-card .notice-unfilled")
    expect(unfilled).to_be_visible()
    found["console notice unfilled"] = axe_violations(console)
    unfilled.get_by_role("link", name=re.compile(r"\[datum\].*Lättläst svenska")).click()
    expect(console.locator("#sv_easy-hear_back")).to_be_focused()
    expect(console.locator("#sv_easy-hear_back")).to_be_in_viewport()
    targets = console.locator(".consult-card .notice-unfilled a").evaluate_all(
        "links => [...new Set(links.map(a => a.hash.slice(1)))]"
    )
    assert len(targets) >= 6, targets
    for target in targets:  # as the coordinator does: a link at a time, the text unfolds
        console.locator(f'.consult-card .notice-unfilled a[href="#{target}"]').first.click()
        box = console.locator(f"#{target}")
        expect(box).to_be_focused()
        box.fill(PLACEHOLDER.sub(lambda part: WRITTEN[part.group(0)], box.input_value()))
    console.get_by_role("button", name="Spara samrådet").click()
    expect(console.locator(".notice-unfilled")).to_have_count(0)
    # The invitation: the join link; the notice in each mode, nothing chosen for them.
    for mode, query in MODES.items():
        phone.goto(f"{server.base}/j/{code}{query}")
        expect(phone.locator("#consult-notice")).to_be_visible()
        assert phone.locator("input:checked").count() == 0
        found[f"join {mode}"] = axe_violations(phone)
        if mode == "sv_easy":
            shot(phone, "join-easy-read")
    phone.goto(f"{server.base}/j/{code}?lang=sv&easy=1")
    expect(phone.locator("#consult-notice")).to_contain_text("Skriv inga namn.")
    shot(phone, "join-sv")
    phone.click("form button[type=submit]")
    phone.wait_for_url(f"{server.base}/w/{code}")
    expect(phone.locator("#window-note")).to_be_visible()

    # A post waits for the organiser's review: the phone says so, the room gets the id alone.
    phone.fill("#post-title", "Mer tid med kuratorn")
    phone.click("#post-form button[type=submit]")
    expect(phone.locator("#waiting-panel")).to_be_visible()
    posted = until(
        phone, lambda: [e for e in frames.events() if e["type"] in ("topic.posted", "topic.hidden")]
    )
    assert all(e["type"] == "topic.hidden" for e in posted)
    # Before review its words went to this phone's own `me` and ack only, never to the room.
    assert not [e for e in frames.events() if "kuratorn" in json.dumps(e, ensure_ascii=False)]
    found["phone sv"] = axe_violations(phone)
    shot(phone, "waiting")

    console.goto(f"{server.base}/console/{wid}")
    console.locator(".console-topics button.primary").first.click()
    console.click("#round-open")
    expect(console.locator("#round-close")).to_be_visible()
    found["console"] = axe_violations(console)

    # Voting from home during the window.
    plus = phone.locator("button.dot-button.primary").first
    expect(plus).to_be_visible()
    plus.click()
    expect(phone.locator("#dots-left")).to_contain_text("2")
    # The phone joined in easy-read Swedish (the cookie): what its script writes while voting
    # uses words a child uses too, not "ämne" or "omgång".
    expect(phone.locator("#round-panel")).to_contain_text("Nu kan du rösta")
    expect(phone.locator("main")).not_to_contain_text(re.compile(r"ämne|omgång", re.IGNORECASE))
    found["phone voting sv_easy"] = axe_violations(phone)
    shot(phone, "voting-easy-read")

    # The window closes: the phone folds the dot buttons and the forms away and says why (the
    # server refuses every kind of input after it: tests/services/test_consultation.py).
    console_post(
        server,
        session,
        wid,
        "consultation",
        {"ask_age_band": "on", "closes_at": local(now - timedelta(minutes=1))},
    )
    # The note follows the coordinator's change live, written the reader's way.
    expect(phone.locator("#window-note")).to_contain_text("Det gick att vara med till")
    expect(plus).to_be_hidden()
    expect(phone.locator("#post-panel")).to_be_hidden()
    expect(phone.locator("#dots-bar")).to_be_hidden()
    found["phone window closed"] = axe_violations(phone)
    shot(phone, "refused")

    # Afterwards: the coordinator publishes a line; the phone shows News live; the same link
    # shows the feedback page.
    line = {
        "said": "Mer tid med kuratorn",
        "outcome": "will",
        "did": "Kuratorn är på skolan varje dag.",
        "when": "Från januari",
        "published": "on",
    }
    console_post(server, session, wid, "feedback", line)
    news = phone.locator("#feedback-news")
    expect(news).to_be_visible()
    until(phone, lambda: [e for e in frames.events() if e["type"] == "feedback.item_added"])
    news.locator("a").click()
    expect(phone.locator(".feedback-item")).to_contain_text("Kuratorn är på skolan varje dag.")
    for mode, query in MODES.items():
        phone.goto(f"{server.base}/w/{code}/feedback{query}")
        expect(phone.locator(".feedback-item")).to_have_count(1)
        found[f"feedback {mode}"] = axe_violations(phone)
        if mode == "sv":
            shot(phone, "feedback")
        phone.goto(f"{server.base}/w/{code}{query}")
        expect(phone.locator("#window-note")).to_be_visible()
        found[f"phone after {mode}"] = axe_violations(phone)
    assert {name: v for name, v in found.items() if v} == {}
    assert seen["foreign"] == []
    print(f"axe: 0 serious or critical on {len(found)} consultation screens")
    assert shutil.which("chromium")
