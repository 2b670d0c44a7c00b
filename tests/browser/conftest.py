"""Real Chromium (Debian's, never a downloaded one) against a real server process."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.live import ROOT, LiveServer

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip(
        "Debian's chromium is not installed (run: workshop setup --browser)",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
AXE = next((ROOT / "static" / "vendor").glob("axe-core-*/axe.min.js"), None)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def server() -> Iterator[LiveServer]:
    # One server for the whole browser suite: each test makes its own workshop.
    # A head every 2 s (not 15): the lost-broadcast test need not wait long for it.
    with LiveServer(env={"WORKSHOP_HEAD_INTERVAL": "2"}) as live:
        live.add_facilitator()
        yield live


# Runs before any page script (Playwright injects it outside the page's CSP) on every navigation.
CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (e) => {
  try {
    const seen = JSON.parse(sessionStorage.getItem('__csp') || '[]');
    seen.push(`${e.violatedDirective} ${e.blockedURI}`);
    sessionStorage.setItem('__csp', JSON.stringify(seen));
  } catch {}
});
"""


def watch(page: Page, base: str) -> dict[str, list[Any]]:
    """Record console errors, CSP violations and any request that leaves the server.

    `seen["csp"]` collects violations reported in the console; `csp_violations(page)` also
    reads the ones the page's `securitypolicyviolation` listener kept.
    """
    seen: dict[str, list[Any]] = {"errors": [], "foreign": [], "csp": []}
    own = (base, base.replace("http://", "ws://", 1), "data:", "blob:")

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            seen["csp"].append(message.text)
        if message.type == "error":
            seen["errors"].append(message.text)

    page.add_init_script(CSP_LISTENER)
    page.on("console", on_console)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(own) else seen["foreign"].append(r.url))
    return seen


def csp_violations(page: Page) -> list[str]:
    """The CSP violations this tab's listener saw (kept across its navigations)."""
    return page.evaluate("() => JSON.parse(sessionStorage.getItem('__csp') || '[]')")


def login(page: Page, base: str) -> None:
    """Log in as the test facilitator."""
    from tests.support.live import PASSWORD

    page.goto(f"{base}/login")
    page.fill("#email", "facilitator@example.se")
    page.fill("#password", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{base}/console/")


def join(page: Page, base: str, code: str, nickname: str = "") -> None:
    """Join a workshop from its QR link."""
    page.goto(f"{base}/j/{code}")
    if nickname:
        page.fill("#nickname", nickname)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{base}/w/{code}")
    # The panel, not the form: during an open round the form is folded away behind a button.
    page.wait_for_selector("#post-panel")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it is now."""
    assert AXE is not None, "axe-core is missing: run workshop setup"
    # By URL from our own origin: the strict CSP (rightly) refuses an inline copy.
    origin = page.evaluate("() => location.origin")
    page.add_script_tag(url=f"{origin}/static/vendor/{AXE.parent.name}/{AXE.name}")
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def screenshot_dir(kind: str = "artifacts") -> Path:
    """test-artifacts/, or docs/screenshots/ for the README when WORKSHOP_SCREENSHOTS=docs."""
    import os

    if kind == "docs" and os.environ.get("WORKSHOP_SCREENSHOTS") == "docs":
        path = ROOT / "docs" / "screenshots"
    else:
        path = ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path
