"""A console whose login ends is sent to the login page, in a real browser (issue 8): the
server ends the socket (found through its own rooms) and the refusal's code reaches the page."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from tests.browser.conftest import DESKTOP, login, watch

pytestmark = pytest.mark.browser


def test_an_expired_login_sends_the_console_to_the_login_page(browser: Any, server: Any) -> None:
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    seen = watch(page, server.base)
    login(page, server.base)
    page.fill("#title", "Utgången inloggning")
    page.click("form.stack button[type=submit]")
    page.wait_for_selector("#post-form")
    page.wait_for_selector("#connection[data-state=online]", state="attached")
    engine = sa.create_engine(server.database_url)
    with engine.begin() as connection:
        # Fifteen days old: past the login's lifetime, as if the console had been left open.
        connection.execute(
            sa.text(
                "update login_sessions set created_at = :old"
                " where created_at = (select max(created_at) from login_sessions)"
            ),
            {"old": "2000-01-01 00:00:00"},
        )
    engine.dispose()
    # The head beacon (every 2 s here) ends consoles whose login expired.
    page.wait_for_url(f"{server.base}/login*", timeout=15000)
    assert seen["errors"] == [] or all("WebSocket" in e for e in seen["errors"])
    context.close()
