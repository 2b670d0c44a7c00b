"""The opening circle's text: both languages, four principles and the law, within limits."""

from __future__ import annotations

from tests.support.refusals import refused
from workshop.domain import opening


def test_the_defaults_are_the_four_principles_and_the_law_in_both_languages() -> None:
    texts = opening.default_texts()
    assert set(texts) == {"sv", "en"}
    assert texts["en"]["principles"][0] == "Whoever comes are the right people."
    assert texts["sv"]["principles"][3] == "När det är slut, är det slut."
    assert "två fötterna" in texts["sv"]["law"]
    assert opening.clean_texts(texts) == texts


def test_a_reworded_circle_is_cleaned_and_checked() -> None:
    texts = opening.default_texts()
    texts["sv"]["principles"][0] = "  De som  kommer\när rätt. "
    assert opening.clean_texts(texts)["sv"]["principles"][0] == "De som kommer är rätt."
    for broken, code in (
        ({"sv": texts["sv"]}, "bad_request"),
        (
            {**texts, "sv": {**texts["sv"], "principles": texts["sv"]["principles"][:3]}},
            "bad_request",
        ),
        ({**texts, "en": {**texts["en"], "law": ""}}, "empty"),
        ({**texts, "en": {**texts["en"], "law": "x" * (opening.LAW_MAX + 1)}}, "too_long"),
        (None, "bad_request"),
    ):
        with refused(code):
            opening.clean_texts(broken)
