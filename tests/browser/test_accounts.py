"""Facilitator accounts in a real browser: the admin (the installation's first account) makes a
password link for a colleague who forgot theirs; the colleague opens it, sets a new password and
is logged in, the old password no longer works; axe on the admin's page, the link's page and
the account page, sv and en."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, axe_violations, login, screenshot_dir, watch
from tests.support.live import PASSWORD, LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_admin_resets_a_password_and_the_user_sets_a_new_one_with_the_link(
    browser: Browser, server: LiveServer
) -> None:
    base = server.base
    anna = server.add_facilitator("anna.reset@example.se")
    owner_http = server.login(anna)
    server.create_workshop(owner_http, title="Annas workshop")
    found: dict[str, list[object]] = {}

    admin_context = browser.new_context(**DESKTOP)
    admin = admin_context.new_page()
    admin_seen = watch(admin, base)
    login(admin, base)
    admin.goto(f"{base}/console/?lang=en")
    admin.click("a[href='/admin']")
    admin.wait_for_url(f"{base}/admin")
    row = admin.locator("table").first.locator("tr", has_text=anna)
    expect(row).to_contain_text("1")  # the workshop she owns
    expect(admin.locator("table").nth(1)).to_contain_text("Annas workshop")
    row.locator("button", has_text="Password link").click()
    link = admin.input_value("#password-link")
    assert "/password/" in link
    expect(admin.locator(".notice")).to_contain_text("works once, for 24 hours")
    found["admin-en"] = axe_violations(admin)
    admin.screenshot(path=str(screenshot_dir("docs") / "accounts-admin.png"), full_page=True)
    admin.goto(f"{base}/admin?lang=sv")
    expect(admin.locator("h1")).to_have_text("Samtalsledarnas konton")
    found["admin-sv"] = axe_violations(admin)

    anna_context = browser.new_context(**DESKTOP)
    page = anna_context.new_page()
    anna_seen = watch(page, base)
    page.goto(f"{link}?lang=sv")
    expect(page.locator("h1")).to_have_text("Sätt ditt lösenord")
    found["link-sv"] = axe_violations(page)
    page.goto(f"{link}?lang=en")
    expect(page.locator("main")).to_contain_text(anna)
    found["link-en"] = axe_violations(page)
    page.screenshot(path=str(screenshot_dir("docs") / "accounts-password-link.png"), full_page=True)
    page.fill("#password", "remembered at last")
    page.click("form button[type=submit]")
    page.wait_for_url(f"{base}/console/")
    expect(page.locator("main")).to_contain_text("Annas workshop")

    # Her own account page: the name the team sees, and the password form.
    page.click("a[href='/account']")
    page.wait_for_url(f"{base}/account")
    page.fill("#display_name", "Anna")
    page.click("form[action='/account/name'] button[type=submit]")
    expect(page.locator(".notice")).to_contain_text("Your name is saved.")
    found["account-en"] = axe_violations(page)
    page.goto(f"{base}/account?lang=sv")
    page.fill("#current_password", "not the password")
    page.fill("#new_password", "another long password")
    page.click("form[action='/account/password'] button[type=submit]")
    expect(page.locator(".error")).to_contain_text("inte ditt nuvarande lösenord")
    found["account-sv"] = axe_violations(page)

    # The link worked once, and the old password opens nothing any more.
    page.goto(f"{link}?lang=en")
    expect(page.locator(".error")).to_contain_text("already been used")
    fresh = browser.new_context(**DESKTOP).new_page()
    fresh.goto(f"{base}/login")
    fresh.fill("#email", anna)
    fresh.fill("#password", PASSWORD)
    fresh.click("form button[type=submit]")
    expect(fresh.locator(".error")).to_be_visible()
    fresh.fill("#email", anna)
    fresh.fill("#password", "remembered at last")
    fresh.click("form button[type=submit]")
    fresh.wait_for_url(f"{base}/console/")
    # She is no admin: her list has no link to the admin's page.
    expect(fresh.locator("a[href='/admin']")).to_have_count(0)
    fresh.context.close()

    assert {name: v for name, v in found.items() if v} == {}
    for seen in (admin_seen, anna_seen):
        # The wrong password's 401 and the used link's 404 are answers this test asked for.
        errors = [e for e in seen["errors"] if not e.startswith("Failed to load resource")]
        assert errors == [] and seen["foreign"] == [] and seen["csp"] == []
    admin_context.close()
    anna_context.close()
