"""Quick questions in the browser: the coordinator asks a word question and then a sealed 1–5
scale from the console; two phones at 320 px answer at the top of their screens (one changes
its answer); the wall at 1280x800 shows the word cloud, then the turnout only, then the
distribution and the median, one main view with no text over text; a hidden word leaves the
wall; no serious or critical axe violation on the three screens, in Swedish and English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    axe_violations,
    csp_violations,
    join,
    login,
    screenshot_dir,
    watch,
)
from tests.browser.test_wall_layout import MAIN_VIEWS, MEASURE, problems, settle
from tests.integration.helpers import Client, close_all, phones
from tests.support.live import LiveServer

SMALL = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}
WALL = {"viewport": {"width": 1280, "height": 800}}


@pytest.fixture
def screens(browser: Browser, server: LiveServer) -> Iterator[dict[str, Any]]:
    """A workshop with its console, two phones at 320x640 and the wall at 1280x800."""
    workshop = server.create_workshop(server.login(), title="Snabbfrågor i dag")
    contexts = [browser.new_context(**WALL), *(browser.new_context(**SMALL) for _ in range(2))]
    console_context = browser.new_context(viewport={"width": 1280, "height": 900})
    console = console_context.new_page()
    seen = watch(console, server.base)
    login(console, server.base)
    console.goto(f"{server.base}/console/{workshop['id']}#questions")
    wall = contexts[0].new_page()
    wall_seen = watch(wall, server.base)
    wall.goto(f"{server.base}/w/{workshop['join_code']}/wall")
    phones = [context.new_page() for context in contexts[1:]]
    for n, phone in enumerate(phones):
        join(phone, server.base, workshop["join_code"], nickname=f"P{n}")
    yield {
        "console": console,
        "wall": wall,
        "phones": phones,
        "seen": [seen, wall_seen],
        "code": workshop["join_code"],
        "id": workshop["id"],
    }
    for context in (console_context, *contexts):
        context.close()


def _ask(console: Page, kind: str, prompt: str, *, live: bool) -> None:
    console.check(f"input[name=question-kind][value={kind}]")
    console.fill("#question-prompt", prompt)
    console.set_checked("#question-live", live)
    console.click("#question-form button[type=submit]")
    expect(console.locator("#question-close")).to_be_visible()


def _first_on_phone(phone: Page) -> None:
    """The question is on the phone's first screen, and nothing is wider than the phone."""
    phone.evaluate("window.scrollTo(0, 0)")
    box = phone.locator("#question-phone").bounding_box()
    assert box is not None and 0 <= box["y"] < 320, box
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320


def _wall_fits(wall: Page, name: str) -> None:
    settle(wall)
    # This room has no countdown or announcement: the strip's checks are test_wall_layout's.
    found = [
        problem
        for problem in problems(wall.evaluate(MEASURE, [MAIN_VIEWS]), "question")
        if not problem.startswith(("the countdown", "the announcement"))
    ]
    wall.screenshot(path=str(screenshot_dir() / f"questions-wall-{name}.png"))
    assert found == [], found
    assert wall.locator("body").get_attribute("data-wall-view") == "question"


def test_a_word_cloud_then_a_sealed_scale_from_console_to_phones_and_wall(
    screens: dict[str, Any],
) -> None:
    console, wall, phones = screens["console"], screens["wall"], screens["phones"]
    _ask(console, "word", "Ett ord för hur du mår just nu?", live=True)
    for phone, word in zip(phones, ("Glad!", " GLAD "), strict=True):
        expect(phone.locator("#question-phone-prompt")).to_have_text(
            "Ett ord för hur du mår just nu?"
        )
        _first_on_phone(phone)
        phone.fill("#question-word", word)
        phone.click("#question-word-form button[type=submit]")
        expect(phone.locator("#question-mine")).to_contain_text("glad")
    cloud = wall.locator("#question-wall-result .q-word")
    expect(cloud).to_have_count(1)
    expect(wall.locator('.q-word[data-word="glad"]')).to_have_attribute("data-count", "2")
    # The second phone changes its answer; the coordinator hides the word.
    phones[1].fill("#question-word", "Dumt.")
    phones[1].click("#question-word-form button[type=submit]")
    expect(wall.locator('.q-word[data-word="dumt"]')).to_have_count(1)
    expect(wall.locator('.q-word[data-word="glad"]')).to_have_attribute("data-count", "1")
    phones[0].screenshot(path=str(screenshot_dir() / "questions-phone-word.png"))
    _wall_fits(wall, "cloud")
    console.click('#question-result .q-word[data-word="dumt"] button')
    expect(console.locator('#question-result .q-word[data-word="dumt"]')).to_have_class(
        "q-word q-word-hidden"
    )
    expect(wall.locator('.q-word[data-word="dumt"]')).to_have_count(0)
    expect(phones[0].locator('#question-phone-result .q-word[data-word="dumt"]')).to_have_count(0)
    console.screenshot(path=str(screenshot_dir() / "questions-console-word.png"), full_page=True)
    console.click("#question-close")
    expect(console.locator("#question-form")).to_be_visible()

    _ask(console, "scale", "Hur användbar var dagen?", live=False)
    for phone, value in zip(phones, ("4", "5"), strict=True):
        expect(phone.locator("#question-choices button")).to_have_count(5)
        _first_on_phone(phone)
        button = phone.get_by_role("button", name=value, exact=True)
        height = button.bounding_box()
        assert height is not None and height["height"] >= 48, height
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")
    phones[1].screenshot(path=str(screenshot_dir() / "questions-phone-scale.png"))
    # Sealed: the wall tells how many have answered, and nothing of what.
    expect(wall.locator("#question-wall-status")).to_contain_text("2 har svarat")
    expect(wall.locator("#question-wall-result .q-bar")).to_have_count(0)
    _wall_fits(wall, "sealed")
    console.click("#question-close")
    expect(wall.locator('.q-bar[data-answer="4"]')).to_have_attribute("data-count", "1")
    expect(wall.locator('.q-bar[data-answer="5"]')).to_have_attribute("data-count", "1")
    expect(wall.locator(".q-median")).to_have_text("Median: 4,5")
    expect(phones[0].locator("#question-phone-result .q-median")).to_have_text("Median: 4,5")
    _wall_fits(wall, "scale")
    for seen in screens["seen"]:
        assert seen["errors"] == [] and seen["foreign"] == []
    assert csp_violations(wall) == [] and csp_violations(console) == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_serious_axe_violations_on_the_three_screens(
    screens: dict[str, Any], server: LiveServer, lang: str
) -> None:
    console, wall, phone = screens["console"], screens["wall"], screens["phones"][0]
    console.goto(f"{server.base}/console/{screens['id']}?lang={lang}#questions")
    # The options field shows only for a single choice.
    expect(console.locator("#question-options")).to_be_hidden()
    console.check("input[name=question-kind][value=choice]")
    console.fill("#question-prompt", "Vilken dag passar?")
    console.fill("#question-options", "Tisdag\nTorsdag\nVet inte")
    console.check("#question-live")
    console.click("#question-form button[type=submit]")
    expect(console.locator("#question-close")).to_be_visible()
    phone.goto(f"{server.base}/w/{screens['code']}?lang={lang}")
    expect(phone.locator("#question-choices button")).to_have_count(3)
    phone.get_by_role("button", name="Torsdag").click()
    wall.goto(f"{server.base}/w/{screens['code']}/wall?lang={lang}")
    expect(wall.locator('.q-bar[data-answer="Torsdag"]')).to_have_attribute("data-count", "1")
    _wall_fits(wall, f"choice-{lang}")
    found = {
        name: axe_violations(page)
        for name, page in (("console", console), ("phone", phone), ("wall", wall))
    }
    assert {name: v for name, v in found.items() if v} == {}


def test_a_cloud_larger_than_the_wall_keeps_its_most_given_words_and_says_how_many_more(
    browser: Browser, server: LiveServer
) -> None:
    """Sixty different words (some given by several) on a 1280x800 wall: the most given come
    first and large, no word over another, none under 3 % of the height, the rest counted."""
    session = server.login()
    workshop = server.create_workshop(session, title="Ett stort moln")
    console = Client(server, session, view="console", workshop_id=workshop["id"])
    people = phones(server, workshop["join_code"], workshop["id"], 60)
    try:
        ask = {"kind": "word", "prompt": "Ett ord om samverkan?", "sealed": False}
        qid = console.command("question.ask", **ask)["question"]["id"]
        for n, phone in enumerate(people):
            # Three words are given by many; the rest once each, long Swedish compounds among them.
            word = (
                ("trygghet", "tid", "lyssna")[n % 3] if n < 18 else f"samverkansöverenskommelse{n}"
            )
            assert phone.command("question.answer", question_id=qid, word=word)["ok"]
        context = browser.new_context(**WALL)
        wall = context.new_page()
        wall.goto(f"{server.base}/w/{workshop['join_code']}/wall")
        expect(wall.locator("#question-wall-more")).to_be_visible()
        shown = wall.locator("#question-wall-result .q-word:not([hidden])")
        first = [shown.nth(i).get_attribute("data-word") for i in range(3)]
        assert sorted(first) == ["lyssna", "tid", "trygghet"]
        more = int(re.sub(r"\D", "", wall.locator("#question-wall-more").inner_text()))
        assert shown.count() + more == 45
        _wall_fits(wall, "large-cloud")
        context.close()
    finally:
        close_all([console, *people])
