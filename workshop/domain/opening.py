"""The opening circle of an Open Space: the four principles and the law of two feet.

Workshop text, not interface text: the coordinator may reword it for the room (shorter for
14-year-olds, another register for officials), in Swedish and in English. Until they do, every
screen shows the defaults below, in the plain words the brief asks for.
"""

from __future__ import annotations

import copy
from collections.abc import Set
from dataclasses import dataclass, field
from typing import Any, ClassVar

from . import rules
from .errors import DomainError
from .events import Event, State, Subject, blank, empty_slice, event

LANGUAGES = ("sv", "en")
PRINCIPLES = 4
PRINCIPLE_MAX = 200
LAW_MAX = 600

DEFAULTS: dict[str, dict[str, Any]] = {
    "sv": {
        "principles": [
            "De som kommer är de rätta personerna.",
            "Det som händer är det enda som kunde hända.",
            "När det börjar är rätt tid.",
            "När det är slut, är det slut.",
        ],
        "law": (
            "Lagen om de två fötterna: om du varken lär dig något eller bidrar där du är, "
            "gå till ett annat samtal. Det är helt okej, och ingen blir ledsen."
        ),
    },
    "en": {
        "principles": [
            "Whoever comes are the right people.",
            "Whatever happens is the only thing that could have.",
            "Whenever it starts is the right time.",
            "When it's over, it's over.",
        ],
        "law": (
            "The law of two feet: if you are neither learning nor adding anything where you "
            "are, go to another talk. That is fine, and nobody minds."
        ),
    },
}

# Empty here and in the browser; every snapshot carries the texts (the defaults until reworded),
# so the defaults are written once, in this module.
empty_slice("opening", {"texts": {}, "custom": False})


def default_texts() -> dict[str, dict[str, Any]]:
    """A fresh copy of the default texts (callers may change it)."""
    return copy.deepcopy(DEFAULTS)


def clean_texts(texts: object) -> dict[str, dict[str, Any]]:
    """Both languages' four principles and law, each filled in and within its limit."""
    if not isinstance(texts, dict) or set(texts) != set(LANGUAGES):
        raise DomainError("bad_request", field="texts")
    out: dict[str, dict[str, Any]] = {}
    for lang in LANGUAGES:
        one = texts[lang]
        if not isinstance(one, dict):
            raise DomainError("bad_request", field=lang)
        principles = one.get("principles")
        if not isinstance(principles, list) or len(principles) != PRINCIPLES:
            raise DomainError("bad_request", field="principles")
        out[lang] = {
            "principles": [
                rules.clean_line(p, field="principle", max_length=PRINCIPLE_MAX, required=True)
                for p in principles
            ],
            "law": rules.clean_text(one.get("law"), field="law", max_length=LAW_MAX, required=True),
        }
    return out


@event
@dataclass(frozen=True)
class OpeningUpdated(Event):
    """The coordinator reworded the opening circle (`custom` False: back to the defaults)."""

    type: ClassVar[str] = "opening.updated"
    same_for_everyone: ClassVar[bool] = True
    texts: dict[str, Any] = field(default_factory=dict)
    custom: bool = True

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["opening"] = {"texts": copy.deepcopy(self.texts), "custom": self.custom}

    words_about: ClassVar[str] = "opening"

    def words(self) -> tuple[Subject, ...]:
        return (("opening", 0),)

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        return blank(self, "texts") if subjects else self
