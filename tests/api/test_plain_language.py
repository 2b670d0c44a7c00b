"""How easy the participant pages of a consultation are to read: LIX (läsbarhetsindex) of the
text people read on the join page, the phone's consultation notes and the feedback page, in
Swedish, easy-read Swedish and English, kept under 30 (very easy; children's books are 25-30).

LIX = words per sentence + 100 x the share of words longer than six letters. Every block a
screen shows on its own (a heading, a label, a button, a paragraph) ends a sentence, as it does
for the reader."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest

from tests.conftest import joined_client, make_facilitator, make_workshop
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


@pytest.mark.parametrize("template", ["youth", "parents"])
def test_every_participant_page_reads_easily_in_every_mode(
    app: Any, db: Any, template: str
) -> None:
    owner = make_facilitator(app)
    fields = consultation.template_fields(db, owner, template, "sv")
    w = make_workshop(app, owner, **{**fields, "title": "Din röst"})
    fac = Actor("facilitator", w["id"], owner)
    window = {"opens_at": "2026-12-01T18:00", "closes_at": "2099-12-08T18:00"}
    consultation.update_consultation(db, fac, "c", window)
    line = {
        "said": "Mer tid med kuratorn",
        "did": "Kuratorn är på skolan varje dag.",
        "outcome": "will",
        "when": "Från januari",
        "published": True,
    }
    feedback.add_item(db, fac, "f", line)
    phone = joined_client(app, w["join_code"])
    figures = {}
    for mode, query in (
        ("sv", "lang=sv&easy=0"),
        ("sv_easy", "lang=sv&easy=1"),
        ("en", "lang=en&easy=0"),
    ):
        pages = {
            "join": app.test_client().get(f"/j/{w['join_code']}?{query}"),
            "feedback": app.test_client().get(f"/w/{w['join_code']}/feedback?{query}"),
            "phone": phone.get(f"/w/{w['join_code']}?{query}"),
        }
        for name, response in pages.items():
            assert response.status_code == 200, (mode, name)
            figures[f"{mode} {name}"] = round(lix(page_blocks(response.get_data(as_text=True))), 1)
    print(f"LIX {template}: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    assert {k: v for k, v in figures.items() if v >= 30} == {}
    assert figures["sv_easy join"] < figures["sv join"]
