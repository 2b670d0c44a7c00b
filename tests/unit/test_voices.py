"""Voices side by side: dots per person per group, and the small-group rule (4: not shown
apart; 5: shown)."""

from __future__ import annotations

from workshop.domain import voices as rules

TITLES = {"skolan": "Skolan", "samverkan": "Samverkan", "fritid": "Fritid"}


def dots(group: str, people: int, each: list[str], start: int = 0) -> list[rules.Dot]:
    return [
        rules.Dot(theme, group, (group, start + person))
        for person in range(people)
        for theme in each
    ]


def test_four_young_people_are_not_shown_apart_five_are() -> None:
    four = rules.voices(dots("young", 4, ["skolan"]), TITLES)
    (young,) = [g for g in four.groups if g.group == "young"]
    assert (young.voters, young.shown, young.per_person, young.ranks) == (4, False, {}, {})
    assert [g.group for g in four.held_back] == ["young"] and four.shown == []
    five = rules.voices(dots("young", 5, ["skolan"]), TITLES)
    (young,) = [g for g in five.groups if g.group == "young"]
    assert young.shown and young.voters == 5 and young.per_person["skolan"] == 1.0
    assert five.held_back == []
    assert rules.shown_apart(rules.MIN_GROUP) and not rules.shown_apart(rules.MIN_GROUP - 1)


def test_figures_are_dots_per_person_so_a_big_group_does_not_drown_a_small_one() -> None:
    many = dots("professional", 40, ["samverkan", "samverkan", "skolan"])
    few = dots("young", 8, ["skolan", "skolan", "fritid"])
    result = rules.voices(many + few, TITLES)
    pro, young, parent = result.groups
    assert pro.per_person == {"skolan": 1.0, "samverkan": 2.0, "fritid": 0.0}
    assert young.per_person == {"skolan": 2.0, "samverkan": 0.0, "fritid": 1.0}
    assert pro.ranks["samverkan"] == 1 and young.ranks["skolan"] == 1
    # Parents did not vote: neither shown nor named as held back.
    assert (parent.voters, parent.shown) == (0, False) and result.held_back == []
    # Skolan leads over the groups shown (1 + 2), then Samverkan (2 + 0), then Fritid (0 + 1).
    assert [title for _key, title in result.themes] == ["Skolan", "Samverkan", "Fritid"]


def test_equal_figures_share_a_rank_and_voters_without_a_group_are_no_voice() -> None:
    even = dots("parent", 5, ["skolan", "fritid"]) + dots("", 30, ["samverkan"])
    result = rules.voices(even, TITLES)
    parent = result.groups[2]
    assert parent.ranks == {"skolan": 1, "fritid": 1, "samverkan": 3}
    assert [g.group for g in result.groups] == ["professional", "young", "parent"]
    assert result.groups[0].voters == 0


def test_the_same_theme_across_workshops_is_the_same_title() -> None:
    assert rules.theme_key("  Skolan ") == rules.theme_key("skolan") == "skolan"
    assert rules.theme_key("Tidigt  stöd") == "tidigt stöd"
    # A dot on a theme not in the titles (deleted since) counts for nothing, nor its voter.
    result = rules.voices(dots("young", 5, ["borta"]) + dots("young", 5, ["skolan"], 5), TITLES)
    assert result.groups[1].voters == 5
    assert result.groups[1].per_person == {"skolan": 1.0, "samverkan": 0.0, "fritid": 0.0}
