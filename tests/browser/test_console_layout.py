"""Issue 21 on the console: the run of the day in parts, each a screen of its own, in a full room.

40 topics, 5 themes, 12 sessions in 3 slots x 6 spaces, actions and decisions: at 1280x800 no
part is taller than about three screens, the rail and the phase buttons bring a part up (its
address too, and the back button), clustering sits beside the themes, slots and spaces are
corrected in place, and taking a session off the agenda asks first and keeps the keyboard where
it was. axe on every part in Swedish and English.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, axe_violations, login, screenshot_dir, watch
from tests.browser.test_crowded_room import TOPICS
from tests.integration.helpers import NO_QUOTA, Client, close_all, phones
from tests.support.live import LiveServer

pytestmark = pytest.mark.browser

PARTS = [
    "setup",
    "opening",
    "marketplace",
    "agenda",
    "board",
    "define",
    "develop",
    "deliver",
    "reports",
]
THREE_SCREENS = 2400
THEMES = ["En väg in", "Tidigt stöd", "Skolan", "Samverkan", "Språk och information"]
SPACES = ["Sal A", "Sal B", "Sal C", "Biblioteket", "Matsalen", "Hörnan vid fönstret"]
SLOTS = [("10:00", "10:45"), ("11:00", "11:45"), ("13:00", "13:45")]


class FullRoom:
    """A workshop in Deliver with everything a day leaves on the console, built over Socket.IO."""

    def __init__(self, server: LiveServer, participants: int = 0) -> None:
        session = server.login()
        info = server.create_workshop(
            session, title="En väg in för barn och familjer", theme="Hur ger vi en väg in?"
        )
        self.id, self.code = info["id"], info["join_code"]
        self.console = Client(server, session, view="console", workshop_id=self.id)
        self.topics = [self.command("topic.post", title=t)["topic"]["id"] for t in TOPICS]
        self.people = phones(server, self.code, self.id, participants) if participants else []
        self.slots = [self.command("slot.save", starts=a, ends=b)["slot"]["id"] for a, b in SLOTS]
        self.spaces = [
            self.command("space.save", name=n, capacity=20)["space"]["id"] for n in SPACES
        ]
        # Twelve sessions: three slots, the first four spaces; two spaces stay free.
        self.sessions = [
            self.command(
                "session.place",
                topic_id=self.topics[n],
                slot_id=self.slots[n % 3],
                space_id=self.spaces[n // 3],
            )["session"]["id"]
            for n in range(12)
        ]
        self._vote()
        self._phases()

    def command(self, event: str, **payload: Any) -> dict[str, Any]:
        ack = self.console.command(event, **payload)
        assert ack["ok"], (event, ack)
        return ack

    def _vote(self) -> None:
        self.command("round.open", budget=5, max_per_topic=3)
        for n, phone in enumerate(self.people):
            for k in range(3):
                assert phone.command("vote.add", topic_id=self.topics[(n * 3 + k) % 40])["ok"]
        self.command("round.close")

    def _phases(self) -> None:
        self.command("phase.change", phase="define")
        themes = [
            self.command("theme.create", title=t, statement=f"Hur kan vi stärka {t.lower()}?")[
                "theme"
            ]["id"]
            for t in THEMES
        ]
        for n, topic in enumerate(self.topics[:30]):
            self.command("theme.add_topic", theme_id=themes[n % 5], topic_id=topic)
        self.command("phase.change", phase="develop")
        for n, theme in enumerate(themes):
            for k in range(2):
                self.command("idea.post", theme_id=theme, text=f"Idé {k + 1} för tema {n + 1}")
        self.command("phase.change", phase="deliver")
        for n in range(6):
            self.command(
                "action.add",
                what=f"Åtgärd {n + 1}: ett nummer att ringa för familjer",
                who={"role": "Rektor", "organisation": "Grundskolan"},
                first_step="Fråga kommunikatören",
                due="2027-03-01",
                follow_up="2027-04-01",
                theme_id=themes[n % 5],
            )
        for n in range(3):
            self.command(
                "decision.record",
                text=f"Beslut {n + 1}: vi provar en väg in",
                who={"role": "Socialnämnden"},
                decided_on="2026-11-27",
            )

    def close(self) -> None:
        close_all([self.console, *self.people])


@pytest.fixture(scope="module")
def room_server() -> Iterator[LiveServer]:
    with LiveServer(env={**NO_QUOTA, "WORKSHOP_PUBLIC_URL": "http://workshop.local:5000"}) as live:
        live.add_facilitator()
        yield live


@pytest.fixture(scope="module")
def full_room(room_server: LiveServer) -> Iterator[FullRoom]:
    room = FullRoom(room_server, participants=12)
    yield room
    room.close()


def console_page(browser: Browser, server: LiveServer) -> tuple[Page, dict[str, list[Any]]]:
    page = browser.new_context(**DESKTOP).new_page()
    seen = watch(page, server.base)
    login(page, server.base)
    return page, seen


def open_part(page: Page, part: str) -> None:
    """Choose a part from the rail, as a person would."""
    page.locator(f"#console-rail a[data-part={part}]").click()
    expect(page.locator(f"#part-{part}")).to_be_visible()


def shown_parts(page: Page) -> list[str]:
    return page.evaluate(
        "() => [...document.querySelectorAll('.console-part')]"
        ".filter((p) => !p.hidden).map((p) => p.dataset.part)"
    )


def test_every_part_fits_in_three_screens_and_passes_axe(
    browser: Browser, room_server: LiveServer, full_room: FullRoom
) -> None:
    page, seen = console_page(browser, room_server)
    heights: dict[str, int] = {}
    found: dict[str, Any] = {}
    for lang in ("sv", "en"):
        page.goto(f"{room_server.base}/console/{full_room.id}?lang={lang}")
        expect(page.locator("#action-list li")).to_have_count(6)
        expect(page.locator(".agenda-session")).to_have_count(12)
        # No part chosen: the room is in Deliver, so Deliver is what comes up.
        expect(page.locator("#part-deliver")).to_be_visible()
        for part in PARTS:
            open_part(page, part)
            assert shown_parts(page) == [part]
            expect(page.locator(f"#console-rail a[data-part={part}]")).to_have_attribute(
                "aria-current", "page"
            )
            expect(page.locator(f"#part-{part}-heading")).to_be_focused()
            # The review card and the wall's choice are there whatever the part.
            expect(page.locator("#wall-view")).to_be_visible()
            expect(page.locator("#review-card")).to_have_count(1)
            if lang == "sv":
                box = page.locator(f"#part-{part}").bounding_box()
                assert box is not None
                heights[part] = round(box["height"])
                page.screenshot(
                    path=str(screenshot_dir() / f"console-part-{part}.png"), full_page=True
                )
            found[f"{part} {lang}"] = axe_violations(page)
    print("\nconsole part heights at 1280x800 (px):", heights)
    assert {k: v for k, v in found.items() if v} == {}
    too_tall = {part: h for part, h in heights.items() if h > THREE_SCREENS}
    assert too_tall == {}, heights
    assert seen["errors"] == [] and seen["foreign"] == []
    page.context.close()


def test_clustering_sits_beside_the_themes(
    browser: Browser, room_server: LiveServer, full_room: FullRoom
) -> None:
    page, _ = console_page(browser, room_server)
    page.goto(f"{room_server.base}/console/{full_room.id}?lang=en#define")
    expect(page.locator("#part-define")).to_be_visible()
    expect(page.locator("#cluster-topics li")).to_have_count(40)
    themes = page.locator("#themes-panel").bounding_box()
    cluster = page.locator("#cluster-panel").bounding_box()
    assert themes is not None and cluster is not None
    # Side by side, level at the top: not 4,000 px below.
    assert cluster["x"] >= themes["x"] + themes["width"] - 1
    assert abs(cluster["y"] - themes["y"]) < 5
    # The first topic's controls are on the first screen, beside the first theme card.
    select = page.locator("#cluster-topics select").first.bounding_box()
    assert select is not None and select["y"] < 800
    # The same theme cards are worked on in Develop, with their ideas.
    open_part(page, "develop")
    expect(page.locator("#part-develop #themes-panel")).to_be_visible()
    expect(page.locator("#part-develop .idea-text").first).to_be_visible()
    page.context.close()


def test_deep_links_the_back_button_and_the_phase_buttons(
    browser: Browser, room_server: LiveServer
) -> None:
    room = FullRoom(room_server)
    page, seen = console_page(browser, room_server)
    try:
        base = f"{room_server.base}/console/{room.id}?lang=en"
        page.goto(f"{base}#agenda")
        expect(page.locator("#part-agenda")).to_be_visible()
        assert shown_parts(page) == ["agenda"]
        open_part(page, "reports")
        expect(page.locator("#part-reports-heading")).to_be_focused()
        assert page.evaluate("location.hash") == "#reports"
        page.go_back()
        expect(page.locator("#part-agenda")).to_be_visible()
        assert shown_parts(page) == ["agenda"]
        # A saved form's anchor (#consultation) opens the part it is in.
        page.goto(f"{base}#consultation")
        expect(page.locator("#part-setup")).to_be_visible()
        # Each phase button moves the room and brings its part into view, at the top.
        for phase, part in (
            ("discover", "marketplace"),
            ("define", "define"),
            ("develop", "develop"),
            ("deliver", "deliver"),
        ):
            page.locator(f"#phase-buttons [data-phase={phase}]").click()
            expect(page.locator(f"#part-{part}")).to_be_visible()
            expect(page.locator(f"#phase-buttons [data-phase={phase}]")).to_have_attribute(
                "aria-pressed", "true"
            )
            expect(page.locator(f"#part-{part}-heading")).to_be_focused()
            assert shown_parts(page) == [part]
            heading = page.locator(f"#part-{part}-heading").bounding_box()
            assert heading is not None and 0 <= heading["y"] < 800
        assert seen["errors"] == []
    finally:
        page.context.close()
        room.close()


def test_slots_and_spaces_are_corrected_in_place(browser: Browser, room_server: LiveServer) -> None:
    room = FullRoom(room_server)
    page, seen = console_page(browser, room_server)
    try:
        page.goto(f"{room_server.base}/console/{room.id}?lang=en#setup")
        slot, space = room.slots[2], room.spaces[4]
        page.fill(f"#slot-{slot}-starts", "14:00")
        page.fill(f"#slot-{slot}-ends", "14:50")
        page.get_by_role("button", name="Save 13:00–13:45").click()
        expect(page.get_by_role("button", name="Save 14:00–14:50")).to_be_visible()
        page.fill(f"#space-{space}-name", "Stora salen")
        page.fill(f"#space-{space}-places", "80")
        page.locator(f"#space-{space}-name").press("Enter")
        expect(page.get_by_role("button", name="Save Stora salen")).to_be_visible()
        open_part(page, "agenda")
        grid = page.locator("#agenda-grid")
        expect(grid.locator("tbody th").nth(2)).to_have_text("14:00–14:50")
        expect(grid.locator("thead th").nth(5)).to_contain_text("Stora salen")
        expect(grid.locator("thead th").nth(5)).to_contain_text("80 places")
        # A time that overlaps another slot is refused, in words, and the grid keeps its times.
        open_part(page, "setup")
        page.fill(f"#slot-{slot}-starts", "11:30")
        page.get_by_role("button", name="Save 14:00–14:50").click()
        expect(page.locator("#setup-error")).to_be_visible()
        assert seen["errors"] == []
    finally:
        page.context.close()
        room.close()


def focused_session(page: Page) -> str | None:
    return page.evaluate(
        "() => { const c = document.activeElement.closest('[data-session-id]');"
        " return c ? c.dataset.sessionId : null; }"
    )


def test_taking_a_session_off_asks_first_and_the_keyboard_stays(
    browser: Browser, room_server: LiveServer
) -> None:
    room = FullRoom(room_server)
    page, seen = console_page(browser, room_server)
    try:
        page.goto(f"{room_server.base}/console/{room.id}?lang=en#agenda")
        expect(page.locator(".agenda-session")).to_have_count(12)
        session = str(room.sessions[0])
        title = TOPICS[0]
        # A keyboard move: Move, pick a free cell, Enter; the focus stays on the moved session.
        page.get_by_role("button", name=f"Move “{title}”", exact=True).focus()
        page.keyboard.press("Enter")
        page.locator(f"#move-{session}").select_option(label="13:00–13:45 · Hörnan vid fönstret")
        page.locator(f"#move-{session}").focus()
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        moved = page.locator("#agenda-grid tbody tr").nth(2).locator("td").nth(5)
        expect(moved.locator(f"[data-session-id='{session}']")).to_have_count(1)
        expect(page.get_by_role("button", name=f"Move “{title}”", exact=True)).to_be_focused()
        assert focused_session(page) == session

        # Two Tabs from Move and Enter: a question, with the keyboard on "Keep it".
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        expect(page.locator(":focus")).to_have_accessible_name(f"Take off the agenda: “{title}”")
        page.keyboard.press("Enter")
        question = page.locator(f"[data-session-id='{session}'] .agenda-confirm")
        expect(question).to_contain_text("Its notes and everyone's “I'm going” go with it.")
        expect(page.locator(f"#unplace-keep-{session}")).to_be_focused()
        page.keyboard.press("Enter")
        expect(question).to_have_count(0)
        expect(page.locator(".agenda-session")).to_have_count(12)
        assert focused_session(page) == session

        # Asked again and answered yes: it goes, and the keyboard lands on a session nearby.
        page.keyboard.press("Enter")
        page.locator(f"#unplace-yes-{session}").click()
        expect(page.locator(".agenda-session")).to_have_count(11)
        expect(page.locator(f"[data-session-id='{session}']")).to_have_count(0)
        assert page.evaluate("document.activeElement !== document.body")
        assert page.evaluate(
            "document.getElementById('part-agenda').contains(document.activeElement)"
        )
        # Merge by keyboard: the focus goes to the session that took the other in.
        second, third = str(room.sessions[1]), str(room.sessions[2])
        page.locator(f"[data-session-id='{second}'] .agenda-actions button").nth(1).focus()
        page.keyboard.press("Enter")
        page.locator(f"#session-merge-{second}").select_option(value=third)
        page.locator(f"#session-merge-{second}").focus()
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(page.locator(".agenda-session")).to_have_count(10)
        expect(
            page.locator(f"[data-session-id='{third}'] .agenda-actions button").nth(1)
        ).to_be_focused()
        assert seen["errors"] == []
    finally:
        page.context.close()
        room.close()


CLIPPED = """() => [...document.querySelectorAll('#phase-buttons .button, #console-rail a')]
    .filter((b) => b.offsetParent && b.scrollWidth > b.clientWidth + 1)
    .map((b) => b.textContent.trim())"""


@pytest.mark.parametrize("width", [600, 800])
def test_on_a_narrow_screen_the_part_starts_high_and_nothing_is_cut(
    browser: Browser, room_server: LiveServer, full_room: FullRoom, width: int
) -> None:
    """A laptop split in two or a tablet: the rail wraps above, the phase and the wall's choice
    share one band, and every part's heading is on the first screen, no button text cut."""
    page = browser.new_context(viewport={"width": width, "height": 800}).new_page()
    login(page, room_server.base)
    try:
        page.goto(f"{room_server.base}/console/{full_room.id}?lang=sv")
        # The owner on two screens (this one and the room's console client) is no team to list.
        page.wait_for_function("() => document.querySelector('#team-present').childElementCount")
        expect(page.locator(".team-present")).to_be_hidden()
        # Measured once the room's state is drawn (the wall's choice has its options), not
        # while the first snapshot may still be on its way.
        page.wait_for_function("() => document.querySelector('#wall-view').options.length > 0")
        for part in PARTS:
            open_part(page, part)
            page.evaluate("window.scrollTo(0, 0)")
            heading = page.locator(f"#part-{part}-heading").bounding_box()
            assert heading is not None and heading["y"] < 560, (part, heading)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, part
            assert page.evaluate(CLIPPED) == [], part
        page.screenshot(path=str(screenshot_dir() / f"console-{width}.png"))
    finally:
        page.context.close()
