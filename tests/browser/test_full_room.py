"""Issue 14 on a real phone page: a full server says so, in the phone's words, and lets it in later.

A server with at most 3 sockets (workshop/admission.py) is filled by three held phones. A
participant who joined before then opens the phone page: its socket is refused with
`server_full`, and the banner must say the room is full (not stay silent as if connecting, nor
"offline"). When one held phone leaves, the page gets in by itself. The join page of a newcomer
meanwhile is the translated "room is full" page, with no form.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import PHONE, join, watch
from tests.support.live import LiveServer, cookie_header
from tests.support.phones import PhoneHolder

pytestmark = pytest.mark.browser

CAP = 3


def test_a_phone_in_a_full_room_says_so_and_gets_in_when_a_place_frees(browser: Browser) -> None:
    env = {"WORKSHOP_MAX_SOCKETS": str(CAP), "WORKSHOP_MAX_SOCKETS_PER_ADDRESS": "0"}
    with LiveServer(threads=CAP + 32, env=env) as server:
        server.add_facilitator()
        workshop = server.create_workshop(server.login())
        code = workshop["join_code"]
        context = browser.new_context(**PHONE, locale="sv-SE")
        page = context.new_page()
        seen = watch(page, server.base)
        join(page, server.base, code)
        page.close()  # its socket goes; it comes back below, once the room is full

        holder = PhoneHolder(server.port)
        try:
            cookies = [cookie_header(server.join(code)) for _ in range(CAP)]
            auth = {"view": "phone", "workshop_id": workshop["id"], "lang": "sv"}
            assert [o.status for o in holder.open(cookies, auth)] == ["connected"] * CAP

            newcomer = browser.new_context(**PHONE).new_page()
            response = newcomer.goto(f"{server.base}/j/{code}?lang=sv")
            assert response is not None and response.status == 503
            expect(newcomer.locator("h1")).to_have_text("Rummet är fullt just nu")
            assert newcomer.locator("form[method=post]").count() == 0

            page = context.new_page()
            page.goto(f"{server.base}/w/{code}")
            banner = page.locator("#connection")
            expect(banner).to_be_visible(timeout=10_000)
            expect(banner).to_have_attribute("data-state", "full")
            expect(banner).to_contain_text("Rummet är fullt just nu")

            holder.close(1)
            # The page asks again after 2, 4, 8 s (±25%) from its first refusal; a busy
            # machine may show the banner late, in the second or third wait.
            expect(banner).to_be_hidden(timeout=30_000)
            expect(banner).to_have_attribute("data-state", "online")
        finally:
            holder.stop()
        assert seen["foreign"] == []
