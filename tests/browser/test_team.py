"""The team in a real browser: the owner invites a note-taker, who makes an account on the
invitation page, writes a session's notes on the console and cannot open the Deliver part (and
is told why); axe on the team page, the invitation and the note-taker's console, sv and en."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, axe_violations, login, screenshot_dir, watch
from tests.integration.helpers import Client
from tests.support.live import LiveServer, csrf_token

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_owner_invites_a_note_taker_who_writes_notes_but_not_deliver(
    browser: Browser, server: LiveServer
) -> None:
    base = server.base
    owner_http = server.login()
    workshop = server.create_workshop(owner_http, title="Teamets dag", theme="Fråga?")
    wid = workshop["id"]
    room = Client(server, owner_http, view="console", workshop_id=wid)
    try:
        slot = room.command("slot.save", starts="10:00", ends="10:45")["slot"]["id"]
        space = room.command("space.save", name="Sal A")["space"]["id"]
        topic = room.command("topic.post", title="En väg in")["topic"]["id"]
        placed = room.command("session.place", topic_id=topic, slot_id=slot, space_id=space)
        session_id = placed["session"]["id"]
        found: dict[str, list[object]] = {}

        owner_context = browser.new_context(**DESKTOP)
        owner = owner_context.new_page()
        owner_seen = watch(owner, base)
        login(owner, base)
        owner.goto(f"{base}/console/{wid}?lang=en#setup")
        expect(owner.locator("#team-card")).to_be_visible()
        owner.click("#team-card a")
        owner.wait_for_url(f"{base}/console/{wid}/team")
        owner.check("#invite-note_taker")
        owner.click("form[action$='/team/invite'] button[type=submit]")
        link = owner.input_value("#invitation-link")
        assert f"/console/{wid}/join/" in link
        found["team-en"] = axe_violations(owner)
        owner.screenshot(path=str(screenshot_dir() / "team-page.png"), full_page=True)

        taker_context = browser.new_context(**DESKTOP)
        taker = taker_context.new_page()
        taker_seen = watch(taker, base)
        refused: list[str] = []
        taker.on("response", lambda r: refused.append(r.url) if r.status == 403 else None)
        taker.goto(f"{link}?lang=sv")
        found["invitation-sv"] = axe_violations(taker)
        taker.goto(f"{link}?lang=en")
        expect(taker.locator("h1")).to_contain_text("Teamets dag")
        found["invitation-en"] = axe_violations(taker)
        taker.screenshot(path=str(screenshot_dir() / "team-invitation.png"), full_page=True)
        taker.fill("#email", "karin@example.se")
        taker.fill("#password", "a long enough password")
        taker.click("form button[type=submit]")
        taker.wait_for_url(f"{base}/console/{wid}")

        # The Deliver part says why it is not hers, and shows none of its tools.
        for lang in ("sv", "en"):
            taker.goto(f"{base}/console/{wid}?lang={lang}#deliver")
            reason = taker.locator("#part-deliver .part-not-yours")
            expect(reason).to_be_visible()
            expect(taker.locator("#deliver h2")).to_be_hidden()
            found[f"console-deliver-{lang}"] = axe_violations(taker)
        expect(reason).to_contain_text("not in your role")
        expect(taker.locator("a[data-part=deliver]")).to_contain_text("not your role")

        # Her own part: the agenda, where she writes the session's notes.
        taker.goto(f"{base}/console/{wid}?lang=en#agenda")
        expect(taker.locator("#part-agenda .part-not-yours")).to_have_count(0)
        # The grid is hers to read, not to change: no Move, Merge or Take off, no placing, no
        # countdown controls, no announcement (the server would refuse them with the reason).
        expect(taker.locator(".agenda-session").first).to_be_visible()
        for tool in (".agenda-actions", "#place-form", "#timer-controls button", "#announce-form"):
            assert (
                taker.locator(tool).evaluate_all(
                    "nodes => nodes.filter(n => n.offsetParent !== null).length"
                )
                == 0
            ), tool
        taker.select_option("#notes-session", str(session_id))
        taker.fill("#notes-discussion", "Vi pratade om en väg in")
        taker.click("#notes-form button[type=submit]")
        found["console-agenda-en"] = axe_violations(taker)
        deadline = time.monotonic() + 10
        written = []
        while not written and time.monotonic() < deadline:
            written = [e for e in room.events if e["type"].startswith("notes.")]
            time.sleep(0.1)
        assert written, "the note-taker's notes never reached the owner's console"

        # The owner's console shows who of the team is where, and passes axe with its Team card.
        owner.goto(f"{base}/console/{wid}?lang=en#setup")
        present = owner.locator("#team-present")
        expect(present).to_contain_text("karin@example.se (Note-taker): Agenda")
        found["console-setup-en"] = axe_violations(owner)
        taker.goto(f"{base}/console/{wid}?lang=en#board")
        expect(present).to_contain_text("karin@example.se (Note-taker): Board")
        owner.goto(f"{base}/console/{wid}/team?lang=sv")
        expect(owner.locator(".team-table")).to_contain_text("karin@example.se")
        found["team-sv"] = axe_violations(owner)
        assert {name: v for name, v in found.items() if v} == {}
        # Nothing the note-taker's console asks is refused: the export is not offered to her.
        assert refused == []
        for seen in (owner_seen, taker_seen):
            assert seen["errors"] == [] and seen["foreign"] == [] and seen["csp"] == []
        owner_context.close()
        taker_context.close()
    finally:
        room.close()


def test_an_invited_moderator_approves_a_waiting_topic(
    browser: Browser, server: LiveServer
) -> None:
    """The owner invites a moderator over plain HTTP; the moderator joins in the browser and
    approves a participant's waiting topic from the Marketplace part, which passes axe."""
    base = server.base
    owner_http = server.login()
    workshop = server.create_workshop(owner_http, title="Ungas röster", review_topics="on")
    wid, code = workshop["id"], workshop["join_code"]
    room = Client(server, owner_http, view="console", workshop_id=wid)
    phone = Client(server, server.join(code, nickname="A"), view="phone", workshop_id=wid)
    try:
        topic = phone.command("topic.post", title="Fler fritidsgårdar")["topic"]["id"]
        token = csrf_token(owner_http.get(f"{base}/console/{wid}/team").text)
        made = owner_http.post(
            f"{base}/console/{wid}/team/invite", data={"csrf_token": token, "role": "moderator"}
        )
        link = re.search(r'id="invitation-link"[^>]*value="([^"]+)"', made.text)
        assert link, made.text

        context = browser.new_context(**DESKTOP)
        page = context.new_page()
        seen = watch(page, base)
        refused: list[str] = []
        page.on("response", lambda r: refused.append(r.url) if r.status == 403 else None)
        page.goto(f"{link.group(1)}?lang=en")
        page.fill("#email", "anna@example.se")
        page.fill("#password", "a long enough password")
        page.click("form button[type=submit]")
        page.wait_for_url(f"{base}/console/{wid}")
        found = {}
        for lang in ("sv", "en"):
            page.goto(f"{base}/console/{wid}?lang={lang}#marketplace")
            expect(page.locator("#part-marketplace .part-not-yours")).to_have_count(0)
            expect(page.locator("#topics .waiting-badge")).to_be_visible()
            found[lang] = axe_violations(page)
        page.locator("#topics button.primary", has_text="Approve").click()
        expect(page.locator("#topics .waiting-badge")).to_be_hidden()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if any(e["type"] == "topic.approved" for e in room.events):
                break
            time.sleep(0.1)
        approved = [e for e in room.events if e["type"] == "topic.approved"]
        assert approved and approved[0]["payload"]["topic"]["id"] == topic
        assert {name: v for name, v in found.items() if v} == {}
        assert refused == []
        assert seen["errors"] == []
        context.close()
    finally:
        room.close()
        phone.close()
