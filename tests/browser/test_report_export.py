"""Issue 23 in the browser: the console's Reports part starts "Export everything" on the export
workers, shows how many parts are done, then the zip and the single files; axe has nothing
serious or critical to say about the part while it runs or when it is done."""

from __future__ import annotations

import re
import zipfile

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, axe_violations, login, screenshot_dir, watch
from tests.integration.helpers import Client
from tests.support.live import LiveServer

pytestmark = pytest.mark.browser

# Every count the part shows, as it shows it: recorded in the page before the click.
RECORD_COUNTS = """() => {
  window.__counts = [];
  const count = document.getElementById('report-export-count');
  new MutationObserver(() => window.__counts.push(count.textContent))
    .observe(count, {childList: true, characterData: true, subtree: true});
}"""


def test_the_console_exports_everything_with_progress_and_downloads_the_zip(
    browser: Browser, server: LiveServer
) -> None:
    session = server.login()
    info = server.create_workshop(session, title="Exportdagen", theme="Vad gör vi nu?")
    console = Client(server, session, view="console", workshop_id=info["id"])
    for title in ("En väg in", "Tolk vid alla möten", "Samma person hela vägen"):
        assert console.command("topic.post", title=title)["ok"]
    console.close()
    page = browser.new_context(**DESKTOP, accept_downloads=True).new_page()
    seen = watch(page, server.base)
    login(page, server.base)
    page.goto(f"{server.base}/console/{info['id']}#reports")
    start = page.locator("#report-export-start")
    expect(start).to_have_text("Exportera allt")
    page.evaluate(RECORD_COUNTS)
    start.focus()
    page.keyboard.press("Enter")
    expect(start).to_be_disabled()  # no second export while this one runs
    expect(start).to_be_focused()  # aria-disabled: the keyboard stays where it was
    expect(page.locator("#report-export-count")).to_have_text(re.compile(r"\d+ av \d+ delar klara"))
    assert axe_violations(page) == []
    zip_link = page.locator("#report-export-zip-link")
    expect(zip_link).to_be_visible(timeout=90_000)
    expect(page.locator("#report-export-count")).to_have_text(re.compile(r"Exporten är klar"))
    counts = page.evaluate("() => window.__counts")
    print(f"the part showed: {counts}")
    assert any(re.fullmatch(r"\d+ av (\d+) delar klara", text) for text in counts)
    summary = page.locator("#report-export-summary")
    expect(summary).to_have_text(re.compile(r"En fil i taget \(\d+ filer\)"))
    summary.click()  # folded until asked for: a big workshop makes some 80 files
    expect(page.locator("#report-export-files a", has_text="feedback-sv.pdf")).to_be_visible()
    assert axe_violations(page) == []
    page.locator("#report-export").screenshot(path=str(screenshot_dir() / "report-export.png"))
    with page.expect_download() as download:
        zip_link.click()
    assert download.value.suggested_filename.startswith("exportdagen-")
    names = set(zipfile.ZipFile(download.value.path()).namelist())
    assert {
        "report.pdf",
        "report.docx",
        "report-discover.pdf",
        "feedback-sv.pdf",
        "feedback-en.pdf",
        "report.html",
        "report.md",
        "report.json",
        "topics.csv",
    } <= names
    shown = page.locator("#report-export-files a").all_text_contents()
    assert sorted(shown) == sorted(names)
    # A reload shows the same finished export, ready to download.
    page.reload()
    expect(page.locator("#report-export-zip-link")).to_be_visible()
    expect(start).to_have_text("Exportera igen")
    assert seen["errors"] == [] and seen["foreign"] == []
    page.context.close()
