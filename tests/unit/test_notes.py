"""Session notes' merge rule without a database: a stale write keeps both texts."""

from __future__ import annotations

import pytest

from tests.support.refusals import refused
from workshop.domain import notes
from workshop.domain.errors import DomainError


def test_a_write_from_the_current_version_replaces_the_text() -> None:
    assert notes.write("old", 3, "new", 3, 100) == notes.Written("new", 4, conflict=False)


def test_a_stale_write_keeps_both_texts_and_says_so() -> None:
    written = notes.write("Anna's words", 4, "Bo's words", 3, 100)
    assert written.conflict and written.version == 5
    assert written.text == f"Anna's words{notes.BOTH_KEPT}Bo's words"


def test_a_stale_write_that_loses_nothing_changes_nothing() -> None:
    assert notes.write("A and B", 4, "B", 3, 100) == notes.Written("A and B", 4, conflict=False)
    assert notes.write("", 2, "first", 1, 100) == notes.Written("first", 3, conflict=False)


def test_both_texts_over_the_limit_are_refused_rather_than_cut() -> None:
    with pytest.raises(DomainError) as caught:
        notes.write("x" * 60, 2, "y" * 60, 1, 100)
    assert caught.value.code == "notes_too_long"


def test_fields_counts_and_merges_are_checked() -> None:
    assert notes.clean_field("title", "  Skolan   och  BUP ") == ("title", "Skolan och BUP")
    for bad in ("author", None, 3):
        with refused("bad_request"):
            notes.clean_field(bad, "x")
    assert notes.clean_counts({"young": 3, "kommun": 0}) == {"young": 3, "kommun": 0}
    for bad in ({"names": 1}, {"young": -1}, {"young": True}, [1]):
        with refused("bad_request"):
            notes.clean_counts(bad)
    merged = notes.merged_notes(
        {"discussion": ("A", 2)}, {"discussion": ("B", 5), "title": ("T", 1)}
    )
    assert merged["discussion"] == (f"A{notes.BOTH_KEPT}B", 3)
    assert merged["title"] == ("T", 1)
