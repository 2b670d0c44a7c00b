"""Carrying themes forward: once each, never a title twice, only from an earlier step, and
all or nothing when the workshop would overflow."""

from __future__ import annotations

from tests.support.refusals import refused
from workshop.domain import carry as rules
from workshop.domain.themes import THEMES_MAX

SOURCE = [
    rules.SourceTheme(1, "Samverkan", "Hur kan vi …?", "Rektor"),
    rules.SourceTheme(2, "Skolan", "", ""),
    rules.SourceTheme(3, "Fritid", "", ""),
]


def test_each_theme_is_carried_once_and_no_title_twice() -> None:
    first = rules.to_carry(SOURCE, carried=set(), titles_here=[], now=0)
    assert [t.id for t in first] == [1, 2, 3]
    again = rules.to_carry(SOURCE, carried={1, 2, 3}, titles_here=[], now=3)
    assert again == []
    # The workshop has " skolan" already: the same theme by its title, not carried twice.
    some = rules.to_carry(SOURCE, carried={1}, titles_here=[" skolan"], now=1)
    assert [t.title for t in some] == ["Fritid"]
    # Two source themes with one title become one.
    twins = [*SOURCE, rules.SourceTheme(4, "FRITID", "", "")]
    assert [t.id for t in rules.to_carry(twins, carried=set(), titles_here=[], now=0)] == [1, 2, 3]


def test_only_from_an_earlier_step() -> None:
    rules.check_earlier(1, 3)
    with refused("bad_request"):
        rules.check_earlier(3, 3)
    with refused("bad_request"):
        rules.check_earlier(4, 3)


def test_all_or_nothing_when_the_workshop_would_overflow() -> None:
    assert len(rules.to_carry(SOURCE, carried=set(), titles_here=[], now=THEMES_MAX - 3)) == 3
    with refused("too_many_themes"):
        rules.to_carry(SOURCE, carried=set(), titles_here=[], now=THEMES_MAX - 2)
    # Nothing new to carry is no overflow, however full the workshop is.
    assert rules.to_carry(SOURCE, carried={1, 2, 3}, titles_here=[], now=THEMES_MAX) == []
