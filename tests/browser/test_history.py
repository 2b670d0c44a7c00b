"""The console's short history in a real browser: a moderator (named "Karin" on her account
page) hides a participant's topic from her console; the owner's console shows "Karin hid a
topic" with the time as it happens, and again in Swedish after a reload; axe on the console
with the card, sv and en."""

from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, axe_violations, login, screenshot_dir, watch
from tests.integration.helpers import Client
from tests.support.live import LiveServer, csrf_token

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _moderator(server: LiveServer, owner_http: requests.Session, wid: int) -> requests.Session:
    """An account made on an invitation's page, in the moderator's role, named Karin."""
    base = server.base
    token = csrf_token(owner_http.get(f"{base}/console/{wid}/team").text)
    made = owner_http.post(
        f"{base}/console/{wid}/team/invite", data={"csrf_token": token, "role": "moderator"}
    )
    link = re.search(r'id="invitation-link"[^>]*value="([^"]+)"', made.text)
    assert link, made.text
    karin = requests.Session()
    token = csrf_token(karin.get(link.group(1)).text)
    joined = karin.post(
        link.group(1),
        data={"csrf_token": token, "email": "karin.history@example.se", "password": "long enough"},
        allow_redirects=False,
    )
    assert joined.status_code == 302, joined.text
    token = csrf_token(karin.get(f"{base}/account").text)
    named = karin.post(
        f"{base}/account/name",
        data={"csrf_token": token, "display_name": "Karin"},
        allow_redirects=False,
    )
    assert named.status_code == 302
    return karin


def test_the_owner_s_console_shows_what_the_moderator_did_as_it_happens(
    browser: Browser, server: LiveServer
) -> None:
    base = server.base
    owner_http = server.login()
    workshop = server.create_workshop(owner_http, title="Historiken")
    wid, code = workshop["id"], workshop["join_code"]
    karin = Client(server, _moderator(server, owner_http, wid), view="console", workshop_id=wid)
    phone = Client(server, server.join(code, nickname="A"), view="phone", workshop_id=wid)
    try:
        topic = phone.command("topic.post", title="Fler fritidsgårdar")["topic"]["id"]
        context = browser.new_context(**DESKTOP)
        page = context.new_page()
        seen = watch(page, base)
        login(page, base)
        page.goto(f"{base}/console/{wid}?lang=en#marketplace")
        card = page.locator(".team-history")
        expect(card).to_be_visible()
        history = page.locator("#team-history")
        expect(history).to_contain_text("Nothing yet.")  # the phone's topic is nobody's
        assert karin.command("topic.hide", topic_id=topic, hidden=True)["ok"]
        first = history.locator("li").first
        expect(first).to_contain_text("Karin hid a topic")
        expect(first.locator("time")).to_have_text(re.compile(r"^\d\d:\d\d$"))
        found = {"console-en": axe_violations(page)}
        card.screenshot(path=str(screenshot_dir("docs") / "team-history.png"))
        page.goto(f"{base}/console/{wid}?lang=sv#marketplace")
        expect(history.locator("li").first).to_contain_text("Karin dolde ett ämne")
        found["console-sv"] = axe_violations(page)
        assert {name: v for name, v in found.items() if v} == {}
        assert seen["errors"] == [] and seen["foreign"] == [] and seen["csp"] == []
        context.close()
    finally:
        karin.close()
        phone.close()
