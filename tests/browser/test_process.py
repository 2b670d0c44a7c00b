"""The process page in a real browser: the coordinator links three workshops into one process,
the page adds their groups up and sets the voices side by side, a follow-up recorded weeks
later (a moved clock) reaches the parents' feedback page, and axe finds nothing serious or
critical in Swedish or English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import DESKTOP, PHONE, axe_violations, screenshot_dir, watch
from tests.support.live import PASSWORD, LiveServer
from tests.support.process_script import DAYS, Script, build_process
from workshop import clock, create_app
from workshop.domain.actors import Actor
from workshop.domain.follow_up import local_day
from workshop.services import follow_up, workshops

pytestmark = pytest.mark.browser


@pytest.fixture
def in_process(server: LiveServer) -> Iterator[Any]:
    """The live server's database, reached through the services from this process (the
    script's rooms are run as the services run them; the browser does the rest)."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": server.database_url,
            "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
            "HEAD_INTERVAL_SECONDS": 0,
        }
    )
    yield app
    app.extensions["workshop_db"].dispose()


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{base}/console/")


def test_the_coordinator_links_three_workshops_and_follows_the_plan_up(
    browser: Browser, server: LiveServer, in_process: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = in_process.extensions["workshop_db"]
    email = f"samordnare-{dt.datetime.now().timestamp():.0f}@example.se"
    script: Script = build_process(in_process, db, email=email, linked=False)
    base = server.base
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    seen = watch(page, base)
    log_in(page, base, email)

    page.fill("#process-name", "Barn och unga i Ånge 2026")
    page.click("#processes-heading ~ form button[type=submit]")
    page.wait_for_url(f"{base}/console/processes/*")
    for day, wid in zip(DAYS, script.workshops, strict=True):
        page.select_option("#add-workshop", str(wid))
        page.select_option("#add-phase", day.phase)
        page.click("#add-step + form button[type=submit]")
        expect(page.locator(".process-step h3 a", has_text=day.title)).to_be_visible()
    titles = page.locator(".process-step h3 a").all_inner_texts()
    assert titles == [day.title for day in DAYS]
    url = page.url.split("?")[0].split("#")[0]

    found = {}
    for lang in ("en", "sv"):
        page.goto(f"{url}?lang={lang}")
        foot = page.locator(".process-table tfoot td").all_inner_texts()
        assert foot == ["5", "4", "7", "1", "17"]
        heads = page.locator(".voices-table thead th").all_inner_texts()
        assert len(heads) == 3  # the theme, professionals, young people: parents held back
        expect(page.locator(".voices-held-back")).to_be_visible()
        found[lang] = axe_violations(page)
    page.screenshot(path=str(screenshot_dir("docs") / "process.png"), full_page=True)
    # On a phone's width too: nothing wider than the screen but the tables, which scroll inside.
    page.set_viewport_size({"width": 360, "height": 640})
    found["narrow"] = axe_violations(page)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, f"the page scrolls sideways at 360 px: {width} px wide"
    page.set_viewport_size(DESKTOP["viewport"])

    # A follow-up from the page: the history shows it, dated today.
    (card,) = script.action_ids[script.workshops[2]]
    row = page.locator(f"#action-{card}")
    row.locator("summary").click()
    row.locator("select[name=status]").select_option("started")
    row.locator("textarea[name=note]").fill("Lokalen är bokad")
    row.locator("button[type=submit]").click()
    expect(page.locator(f"#action-{card} .action-history")).to_contain_text("Lokalen är bokad")

    # Six weeks on (the server's clock moved in this process), the action is dropped, and the
    # parents' feedback page, on the link they kept, shows it with its date.
    later = dt.datetime.now(dt.UTC) + dt.timedelta(weeks=6)
    monkeypatch.setattr(clock, "utcnow", lambda: later)
    parents = Actor("facilitator", script.workshops[2], script.owner)
    follow_up.follow_up_action(
        db, parents, None, {"action_id": card, "status": "dropped", "reason": "Inga ledare"}
    )
    code = workshops.get_workshop(db, script.workshops[2])["join_code"]
    phone = browser.new_context(**PHONE).new_page()
    phone_seen = watch(phone, base)
    for lang in ("sv", "en"):
        phone.goto(f"{base}/w/{code}/feedback?lang={lang}")
        since = phone.locator(".follow-up-since")
        expect(since.locator(f'time[datetime="{local_day(later).isoformat()}"]')).to_have_count(1)
        expect(since).to_contain_text("Inga ledare")
        expect(since).to_contain_text("Lokalen är bokad")
        found[f"feedback-{lang}"] = axe_violations(phone)
    phone.screenshot(path=str(screenshot_dir() / "process-feedback-since.png"), full_page=True)

    print(f"axe serious/critical: { {k: len(v) for k, v in found.items()} }")
    assert found == {"en": [], "sv": [], "narrow": [], "feedback-sv": [], "feedback-en": []}
    for watched in (seen, phone_seen):
        assert watched["errors"] == [] and watched["foreign"] == [] and watched["csp"] == []
