"""Every button has a name in the HTML the server sends, before any script runs.

A button that only gets its label from the first state over the socket is nameless to a
screen reader (and to axe) for as long as that state takes: CI once caught the console's
open/close button empty on a slow machine. This reads the pages as sent, so it does not
depend on timing.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest

from tests.conftest import joined_client, logged_in_client, make_facilitator, make_workshop
from workshop.domain.actors import Actor
from workshop.services import workshops

NAMING_ATTRIBUTES = ("aria-label", "aria-labelledby", "title")


class _Buttons(HTMLParser):
    """Collects each <button>'s id, naming attributes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.buttons: list[dict[str, Any]] = []
        self._open: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "button":
            self._open = {"attrs": dict(attrs), "text": ""}
            self.buttons.append(self._open)
        elif tag == "img" and self._open is not None:
            self._open["text"] += dict(attrs).get("alt") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "button":
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open["text"] += data


def nameless_buttons(html: str) -> list[str]:
    """The ids (or the markup) of the buttons that have no accessible name."""
    parser = _Buttons()
    parser.feed(html)
    return [
        str(button["attrs"].get("id") or button["attrs"])
        for button in parser.buttons
        if not button["text"].strip()
        and not any((button["attrs"].get(name) or "").strip() for name in NAMING_ATTRIBUTES)
    ]


def html_pages(app: Any, workshop: dict[str, Any]) -> list[str]:
    """Every GET page of the app that takes a join code or a workshop id and answers HTML."""
    values = {"code": workshop["join_code"], "workshop_id": workshop["id"]}
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" not in (rule.methods or ()) or not set(rule.arguments) <= set(values):
                continue
            if rule.endpoint in ("static", "pages.health") or "." in rule.rule.rsplit("/", 1)[-1]:
                continue
            urls.append(rule.build({k: values[k] for k in rule.arguments})[1])
    return urls


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("status", ["open", "closed"])
def test_every_button_is_named_in_the_page_as_sent(
    app: Any, db: Any, language: str, status: str
) -> None:
    owner = make_facilitator(app)
    workshop = make_workshop(app, owner, language=language)
    facilitator = logged_in_client(app)
    participant = joined_client(app, workshop["join_code"], nickname="Kim", group="young")
    if status == "closed":
        workshops.close_workshop(db, Actor("facilitator", workshop["id"], owner), None, {})
    nameless: dict[str, list[str]] = {}
    pages = html_pages(app, workshop)
    for url in pages:
        for who, client in (("facilitator", facilitator), ("participant", participant)):
            response = client.get(url)
            if response.status_code != 200 or response.mimetype != "text/html":
                continue
            found = nameless_buttons(response.get_data(as_text=True))
            if found:
                nameless[f"{who} {url}"] = found
    assert len(pages) >= 10, pages
    assert nameless == {}
