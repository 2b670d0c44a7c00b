"""A workshop walked through Discover → Define → Develop → Deliver on a console, a phone and a
wall, in real Chromium: clustering by keyboard, a problem statement, an idea from the phone
marked low-hanging fruit on the console and shown on the wall, an action card answering the
theme, and the Word report downloaded from the console and read back; the phone's frames carry
no hidden words."""

from __future__ import annotations

import time
from typing import Any

import pytest
from docx import Document
from playwright.sync_api import Browser, Page, expect

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


class Frames:
    """Every text frame a page's websockets receive."""

    def __init__(self, page: Page) -> None:
        self.texts: list[str] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload: str | bytes) -> None:
        self.texts.append(
            payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
        )

    def since(self, start: int) -> str:
        return "\n".join(self.texts[start:])


def cluster_by_keyboard(console: Page, title: str, theme: str) -> None:
    """Pick the topic's theme in its select and press the button with the keyboard."""
    console.get_by_label(f"Theme for “{title}").select_option(label=theme)
    console.get_by_role("button", name=f"Put in theme: {title}").focus()
    console.keyboard.press("Enter")
    expect(console.locator(".theme-card .theme-sources", has_text=title)).to_have_count(1)


def test_four_phases_on_every_screen_and_the_word_report(
    browser: Browser, server: LiveServer
) -> None:
    started = time.monotonic()
    base = server.base
    workshop = server.create_workshop(server.login(), title="En väg in", language="en")
    code = workshop["join_code"]
    console = browser.new_context(**DESKTOP).new_page()
    seen: dict[str, Any] = {"console": watch(console, base)}
    login(console, base)
    console.goto(f"{base}/console/{workshop['id']}?lang=en")
    wall = browser.new_context(**DESKTOP).new_page()
    seen["wall"] = watch(wall, base)
    wall.goto(f"{base}/w/{code}/wall?lang=en")
    phone = browser.new_context(**PHONE).new_page()
    seen["phone"] = watch(phone, base)
    frames = Frames(phone)
    join(phone, base, code)
    expect(phone.locator("#phase-name")).to_have_text("Discover")

    # Discover: two topics from the phone, one the coordinator takes off the wall.
    for title in ("One way in", "Support parents early", "Lisa in 7B is bullied"):
        phone.fill("#post-title", title)
        phone.click("#post-form button[type=submit]")
        expect(phone.locator(".topic-title", has_text=title)).to_have_count(1)
    secret = console.locator("li.topic", has_text="Lisa in 7B")
    secret.locator("summary").click()
    secret.get_by_role("button", name="Hide: Lisa in 7B is bullied").click()
    expect(phone.locator(".topic-title", has_text="Lisa")).to_have_count(0)
    after_hiding = len(frames.texts)

    # Define: the switcher moves every screen; two topics clustered by keyboard alone.
    console.locator("#phase-buttons [data-phase=define]").focus()
    console.keyboard.press("Enter")
    expect(console.locator("#phase-buttons [data-phase=define]")).to_have_attribute(
        "aria-pressed", "true"
    )
    for page in (phone, wall):
        expect(page.locator("#phase-name")).to_have_text("Define")
        expect(page.locator("#phase-steps [aria-current=step]")).to_have_text("Define")
    expect(phone.locator("#post-panel")).to_be_hidden()
    console.fill("#theme-title", "A single door")
    console.press("#theme-title", "Enter")
    theme = console.locator("li.theme-card", has_text="A single door")
    theme_id = theme.get_attribute("data-theme-id")
    cluster_by_keyboard(console, "One way in", "A single door")
    cluster_by_keyboard(console, "Support parents early", "A single door")
    cluster_by_keyboard(console, "Lisa in 7B", "A single door")
    console.fill(f"#theme-statement-{theme_id}", "How might we give families one way in?")
    console.fill(f"#theme-initiator-{theme_id}", "Head of pupil health")
    theme.get_by_role("button", name="Save").focus()
    console.keyboard.press("Enter")
    on_phone = phone.locator(f"li.theme-card[data-theme-id='{theme_id}']")
    expect(on_phone.locator(".theme-statement")).to_have_text(
        "How might we give families one way in?"
    )
    expect(on_phone.locator(".theme-sources li")).to_have_text(
        ["One way in", "Support parents early"]
    )
    expect(wall.locator(".theme-initiator")).to_have_text("Initiator: Head of pupil health")

    # The themes prioritised with a dot round on themes: the phone's dots go on the theme.
    # Voting is on the console's marketplace part.
    console.locator("#console-rail a[data-part=marketplace]").click()
    console.select_option("#round-scope", "themes")
    console.click("#round-open")
    on_phone.get_by_role("button", name="Add a dot to A single door").click()
    expect(on_phone.locator(".my-dots")).to_have_text("Your dots: 1")
    expect(phone.locator("li.topic .voting").first).to_be_hidden()
    console.click("#round-close")
    expect(on_phone.locator(".theme-dots")).to_have_text("Place 1 · 1 dot")
    expect(wall.locator(".theme-dots")).to_have_text("Place 1 · 1 dot")
    # The rankings every screen already had show the themes of a round on themes.
    expect(phone.locator("#results")).to_contain_text("A single door")
    expect(wall.locator("#bars")).to_contain_text("A single door")
    expect(console.locator("#results")).to_contain_text("A single door")

    # Develop: the phone posts ideas; the console marks one low-hanging fruit, hides another.
    console.locator("#phase-buttons [data-phase=develop]").click()
    expect(phone.locator("#phase-name")).to_have_text("Develop")
    for text in ("A number to call", "Kalle in 8C knows"):
        phone.fill(f"#idea-text-{theme_id}", text)
        phone.press(f"#idea-text-{theme_id}", "Enter")
        expect(console.locator(".idea-text", has_text=text)).to_have_count(1)
    console.get_by_role("button", name="Low-hanging fruit: A number to call").click()
    console.get_by_role("button", name="Hide: Kalle in 8C knows").click()
    after_idea_hidden = len(frames.texts)
    fruit = wall.locator("li.idea.is-fruit")
    expect(fruit).to_have_count(1)
    expect(fruit.locator(".idea-text")).to_have_text("A number to call")
    expect(fruit.locator(".fruit-badge")).to_be_visible()
    expect(phone.locator("li.idea.is-fruit .fruit-badge")).to_be_visible()
    expect(phone.locator(".idea-text", has_text="Kalle")).to_have_count(0)
    expect(wall.locator(".idea-text", has_text="Kalle")).to_have_count(0)
    if_docs = screenshot_dir("docs")
    console.screenshot(path=str(if_docs / "phases-console.png"), full_page=True)
    wall.screenshot(path=str(if_docs / "phases-wall.png"))
    phone.screenshot(path=str(if_docs / "phases-phone.png"), full_page=True)
    for name, page in (("console", console), ("phone", phone), ("wall", wall)):
        assert axe_violations(page) == [], name

    # What went over the phone's wire: the hidden topic's words never again after hiding,
    # the hidden idea's never after hiding, and a fresh load carries neither.
    assert "Lisa" not in frames.since(after_hiding)
    assert "Kalle" not in frames.since(after_idea_hidden)
    reload_from = len(frames.texts)
    phone.reload()
    expect(phone.locator("li.idea.is-fruit")).to_have_count(1)
    reloaded = frames.since(reload_from)
    assert "low_hanging" in reloaded
    assert "Lisa" not in reloaded and "Kalle" not in reloaded

    # Deliver: an action card that answers the theme, on the console, the phone and the wall.
    console.locator("#phase-buttons [data-phase=deliver]").click()
    expect(phone.locator("#phase-name")).to_have_text("Deliver")
    console.fill("#action-what", "Put the number on every school's website")
    console.select_option("#action-role-id", "rektor")
    console.fill("#action-organisation", "Compulsory school")
    console.fill("#action-step", "Ask the communicator")
    console.select_option("#action-theme", label="A single door")
    console.click("#action-submit")
    expect(console.locator("#action-list li")).to_have_count(1)
    expect(console.locator("#action-list")).to_contain_text("Theme: A single door")
    for page in (phone, wall):
        expect(page.locator("#deliver-view-list .deliver-what")).to_have_text(
            "Put the number on every school's website"
        )
    wall.screenshot(path=str(if_docs / "phases-wall-deliver.png"))

    # The Word report from the console: four phases in order, what each recorded, no hidden
    # words and no nickname.
    console.locator("#console-rail a[data-part=reports]").click()
    with console.expect_download() as download:
        console.get_by_role("link", name="Word report").click()
    report = Document(download.value.path())
    text = "\n".join(p.text for p in report.paragraphs) + "\n".join(
        cell.text for table in report.tables for row in table.rows for cell in row.cells
    )
    headings = [p.text for p in report.paragraphs if p.style.name == "Heading 1"]
    assert [h for h in headings if h in ("Discover", "Define", "Develop", "Deliver")] == [
        "Discover",
        "Define",
        "Develop",
        "Deliver",
    ], headings
    for words in (
        "How might we give families one way in?",
        "Head of pupil health",
        "A number to call",
        "Low-hanging fruit",
        "Put the number on every school's website",
        "Ask the communicator",
    ):
        assert words in text, words
    assert "Lisa" not in text and "Kalle" not in text
    for name, found in seen.items():
        assert found["errors"] == [] and found["csp"] == [] and found["foreign"] == [], name
    print(f"Four phases on three screens and the Word report in {time.monotonic() - started:.1f} s")
