"""A consultation's notice as a coordinator leaves it: the template's "[datum]", "[namn]" and
"[telefon]" written in. Nobody can join while one is left (domain/consultation.py)."""

from __future__ import annotations

from typing import Any

from workshop.domain.consultation import PLACEHOLDER, unfilled

WRITTEN = {
    "[datum]": "15 januari",
    "[date]": "15 January",
    "[namn]": "Karin på elevhälsan",
    "[name]": "Karin at the pupil health team",
    "[telefon]": "0690-123 45",
    "[telefon eller mejl]": "0690-123 45",
    "[phone or email]": "0690-123 45",
}


def written(texts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """The notice with every part a template leaves to write written in."""
    done = {
        mode: {
            field: PLACEHOLDER.sub(lambda found: WRITTEN[found.group(0)], text)
            for field, text in fields.items()
        }
        for mode, fields in texts.items()
    }
    assert unfilled(done) == []
    return done


def with_notice_written(fields: dict[str, Any]) -> dict[str, Any]:
    """A template's workshop fields (consultation.template_fields) ready for people to join."""
    return {**fields, "texts": written(fields.get("texts") or {})}
