"""The HTML report and the Markdown report (rendered as HTML, as a wiki or a mail reader would)
with the XSS corpus in every text field, in Chromium: nothing runs, no element comes out of what
people typed, and the HTML shows every text as it was typed (QUALITY.md, issue 11)."""

from __future__ import annotations

from typing import Any

import markdown as markdown_lib
import pytest

from tests.browser.test_xss import MARK, payloads
from workshop.exporters.document import html_text
from workshop.exporters.documents import combined
from workshop.exporters.labels import LABELS
from workshop.exporters.model import Report, ResultLine, RoundReport, TopicLine
from workshop.exporters.sections import with_sections
from workshop.exporters.text import markdown

pytestmark = pytest.mark.browser

# What a page made only of our own markup holds; anything beyond came from a payload.
COUNT_ELEMENTS = """() => ({
    script: document.querySelectorAll('script').length,
    // Our own pictures (the Markdown refers to round-1.svg, board.svg) are not a payload's.
    img: [...document.querySelectorAll('img')].filter(
        (img) => !/^(round-[0-9]+|board)[.]svg$/.test(img.getAttribute('src'))).length,
    iframe: document.querySelectorAll('iframe, object, embed, form, input, details, math').length,
    links: document.querySelectorAll('a[href]').length,
    xss: window.__xss === 1,
})"""


def hostile_report() -> Report:
    texts = payloads()
    topics = [TopicLine(text, texts[-1 - i], [texts[i - 1]]) for i, text in enumerate(texts)]
    results = [ResultLine(i + 1, text, len(texts) - i) for i, text in enumerate(texts)]
    rounds = [RoundReport(1, texts[0], 5, 3, "closed", 51, 250, results)]
    raw = Report(
        title=texts[1],
        theme=texts[2],
        language="sv",
        status="closed",
        generated_at="2026-11-27 09:00 UTC",
        draft=False,
        participants_total=51,
        participants_by_group={"young": 51},
        topics=topics,
        rounds=rounds,
        labels=LABELS["sv"],
    )
    return with_sections(raw)


def test_the_html_report_shows_hostile_text_as_text(browser: Any) -> None:
    report = hostile_report()
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_content(html_text(combined(report)), wait_until="load")
    page.wait_for_timeout(300)
    found = page.evaluate(COUNT_ELEMENTS)
    assert found == {"script": 0, "img": 0, "iframe": 0, "links": 0, "xss": False}, found
    assert dialogs == []
    shown = page.evaluate("() => document.body.textContent")
    missing = [t for t in {topic.title for topic in report.topics} if t not in shown]
    assert missing == []
    print(f"report.html: {len(report.topics)} hostile topics, 0 ran, 0 elements parsed")
    page.close()


def test_the_markdown_report_is_safe_when_rendered_as_html(browser: Any) -> None:
    report = hostile_report()
    rendered = markdown_lib.markdown(markdown(report)["report.md"].decode(), extensions=["tables"])
    page = browser.new_page()
    page.set_content(f"<!doctype html><meta charset=utf-8><body>{rendered}</body>")
    page.wait_for_timeout(300)
    found = page.evaluate(COUNT_ELEMENTS)
    assert found == {"script": 0, "img": 0, "iframe": 0, "links": 0, "xss": False}, found
    shown = page.evaluate("() => document.body.textContent")
    assert "<script>" in shown and MARK in shown, "the words are there, as text"
    page.close()
