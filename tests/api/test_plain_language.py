"""How easy the participant pages of a consultation are to read: LIX (läsbarhetsindex) of the
text people read on the join page, the phone's consultation notes and the feedback page, in
Swedish, easy-read Swedish and English, kept under 30 (very easy; children's books are 25-30).

LIX = words per sentence + 100 x the share of words longer than six letters. Every block a
screen shows on its own (a heading, a label, a button, a paragraph) ends a sentence, as it does
for the reader."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from tests.conftest import joined_client, make_facilitator, make_workshop
from tests.support.notices import with_notice_written
from workshop.domain.actors import Actor
from workshop.services import consultation, feedback

BLOCKS = {"p", "li", "h1", "h2", "h3", "label", "legend", "button", "summary", "a", "q"}
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class _Blocks(HTMLParser):
    """The visible text of <main>, one string per block (hidden elements left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.in_main = False
        self.hidden_at: int | None = None
        self.blocks: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "main":
            self.in_main = True
        hidden = tag in ("script", "style") or any(name == "hidden" for name, _ in attrs)
        if hidden and self.hidden_at is None:
            self.hidden_at = len(self.stack)
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not self.stack:
            return
        if tag in BLOCKS or tag == "main":
            self._flush()
        if self.hidden_at is not None and len(self.stack) == self.hidden_at:
            self.hidden_at = None
        self.stack.pop()
        if tag == "main":
            self.in_main = False

    def handle_data(self, data: str) -> None:
        if self.in_main and self.hidden_at is None:
            self.current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []


def lix(blocks: list[str]) -> float:
    """LIX of these blocks: a sentence ends at . ! ? : and at the end of every block."""
    words = [w for block in blocks for w in WORD.findall(block)]
    sentences = sum(max(1, len(re.findall(r"[.!?:]+(?:\s|$)", block))) for block in blocks)
    long_words = [w for w in words if len(w.replace("-", "")) > 6]
    return len(words) / sentences + 100 * len(long_words) / len(words)


def page_blocks(html: str) -> list[str]:
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    return parser.blocks


def test_the_helper_gives_the_textbook_figures() -> None:
    # Nine words, one sentence, three long words: 9 + 33.3.
    assert round(lix(["Läsbarhetsindex räknar meningarnas längd och andelen långa ord här."])) == 42
    assert lix(["Du väljer själv.", "Du kan sluta när du vill."]) == 4.5


# Words a child does not use, or uses for something else: easy-read Swedish never shows them
# (the override catalogue workshop/translations/sv_easy.po replaces every text that did).
BANNED = re.compile(
    r"\b(ämne\w*|integritet\w*|deltagar\w*|omgång\w*|\w*budget\w*|anonym\w*|frivillig\w*"
    r"|workshop\w*|yrkesverksam\w*|vårdnadshavare\w*)\b",
    re.IGNORECASE,
)
READ_ATTRIBUTES = {"aria-label", "title", "alt", "placeholder", "content", "aria-description"}


class _AllText(HTMLParser):
    """Everything a reader or a screen reader can meet: the text of the whole document (the
    head's title included), the attributes read aloud, and the strings handed to the script."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        for name, value in attrs:
            if value and name in READ_ATTRIBUTES:
                self.texts.append(value)
            if value and name == "data-config":
                self.texts.extend(_strings_of(json.loads(value).get("strings", {})))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.texts.append(data)


def _strings_of(strings: dict[str, Any]) -> list[str]:
    return [
        s for value in strings.values() for s in (value if isinstance(value, list) else [value])
    ]


def banned_words(html: str) -> list[str]:
    """The banned words anywhere a reader meets them on this page."""
    parser = _AllText()
    parser.feed(html)
    parser.close()
    # A placeholder such as %(budget)s is filled with a number before anyone reads it.
    texts = [re.sub(r"%\(\w+\)s", "", text) for text in parser.texts]
    return sorted({m.group(0) for text in texts for m in BANNED.finditer(text)})


FEEDBACK_LINE = {
    "said": "Mer tid med kuratorn",
    "did": "Kuratorn är på skolan varje dag.",
    "outcome": "will",
    "when": "Från januari",
    "published": True,
}
MODES = (("sv", "lang=sv&easy=0"), ("sv_easy", "lang=sv&easy=1"), ("en", "lang=en&easy=0"))


def _pages(app: Any, code: str, phone: Any, query: str) -> dict[str, Any]:
    return {
        "join": app.test_client().get(f"/j/{code}?{query}"),
        "phone": phone.get(f"/w/{code}?{query}"),
        "feedback": app.test_client().get(f"/w/{code}/feedback?{query}"),
        "privacy": app.test_client().get(f"/privacy?{query}"),
    }


@pytest.mark.parametrize("template", ["youth", "parents", None])
def test_every_participant_page_reads_easily_and_easy_read_has_no_hard_words(
    app: Any, db: Any, template: str | None
) -> None:
    owner = make_facilitator(app)
    fields = (
        with_notice_written(consultation.template_fields(db, owner, template, "sv"))
        if template
        else {}
    )
    w = make_workshop(app, owner, **{**fields, "title": "Din röst"})
    if template:
        # A consultation as people meet it: a window, and a published line of feedback.
        fac = Actor("facilitator", w["id"], owner)
        window = {"opens_at": "2026-12-01T18:00", "closes_at": "2099-12-08T18:00"}
        consultation.update_consultation(db, fac, "c", window)
        feedback.add_item(db, fac, "f", FEEDBACK_LINE)
    phone = joined_client(app, w["join_code"])
    figures: dict[str, float] = {}
    found: dict[str, list[str]] = {}
    for mode, query in MODES:
        for name, response in _pages(app, w["join_code"], phone, query).items():
            assert response.status_code == 200, (mode, name)
            html = response.get_data(as_text=True)
            figures[f"{mode} {name}"] = round(lix(page_blocks(html)), 1)
            if mode == "sv_easy":
                found[name] = banned_words(html)
    print(f"LIX {template or 'plain'}: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    assert {name: words for name, words in found.items() if words} == {}
    assert {k: v for k, v in figures.items() if v >= 30} == {}
    for name in ("join", "phone", "feedback", "privacy"):
        assert figures[f"sv_easy {name}"] <= figures[f"sv {name}"], name


def test_the_banned_words_are_found_in_ordinary_swedish(app: Any) -> None:
    # The check can fail: ordinary Swedish keeps the words staff use ("Nytt ämne: ...").
    w = make_workshop(app, make_facilitator(app), title="Din röst")
    phone = joined_client(app, w["join_code"])
    html = phone.get(f"/w/{w['join_code']}?lang=sv&easy=0").get_data(as_text=True)
    assert "ämne" in banned_words(html)


def test_error_messages_in_easy_read_swedish(app: Any) -> None:
    from workshop.domain.errors import DomainError
    from workshop.i18n import error_body

    with app.test_request_context("/?lang=sv&easy=1"):
        easy = error_body(DomainError("over_topic_limit", max=2))["error"]["message"]
    with app.test_request_context("/?lang=sv&easy=0"):
        ordinary = error_body(DomainError("over_topic_limit", max=2))["error"]["message"]
    assert (easy, ordinary) == ("Högst 2 prickar på en sak.", "Högst 2 prickar på ett ämne.")
