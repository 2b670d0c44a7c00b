"""The board picture's layout (domain/board_layout.py, issue 23): pure rules, no SVG."""

from __future__ import annotations

import pytest

from workshop.domain import board as geometry
from workshop.domain import board_layout as layout_rules
from workshop.domain.board_layout import Box, LayoutCard, layout
from workshop.domain.text_measure import text_width, wrap

NAMES = {"kommun": "Kommun", "region": "Region", "stat": "Stat", "civil": "Civilsamhälle"}
GROUPS = {"elevhalsa": "Elevhälsa", "barnahus": "Barnahus"}


def _layout(cards: list[LayoutCard], most: int = 0) -> layout_rules.Layout:
    return layout(
        cards, centre="Barnet och familjen", sector_names=NAMES, group_names=GROUPS, most=most
    )


def test_a_line_never_exceeds_its_width_and_words_break_only_when_they_must() -> None:
    assert wrap("Skolkurator", 300, 24) == ("Skolkurator",)
    assert wrap("Lärare i fritidshem (fritidspedagog)", 250, 24) == (
        "Lärare i fritidshem",
        "(fritidspedagog)",
    )
    # A word longer than a line: after its own hyphen first, then hyphenated, 3 letters or more.
    lines = wrap("BVC-sjuksköterska (barnhälsovårdssjuksköterska)", 230, 24)
    assert lines[0] == "BVC-" or lines[0].startswith("BVC-sjuksköterska")
    assert all(text_width(line, 24) <= 230 for line in lines)
    assert "".join(lines).replace("-", "").replace(" ", "") == (
        "BVCsjuksköterska(barnhälsovårdssjuksköterska)"
    )
    assert all(len(line.rstrip("-")) >= 3 for line in lines)
    # Only a note is cut, and says so.
    note = wrap("ord " * 200, 200, 24, max_lines=3)
    assert len(note) == 3 and note[-1].endswith("…")


def test_bold_text_is_wider_and_an_unknown_letter_counts_as_an_em() -> None:
    assert text_width("Barnahus", 24, bold=True) > text_width("Barnahus", 24)
    assert text_width("\u4e2d", 20) == 20


def test_cards_of_one_group_sit_together_in_its_frame_whatever_their_sector() -> None:
    cards = [
        LayoutCard(1, "Skolkurator", "kommun", "Kommun – elevhälsa", "elevhalsa"),
        LayoutCard(2, "Skolsköterska", "kommun", "Kommun – elevhälsa", "elevhalsa"),
        LayoutCard(3, "Åklagare", "stat", "Stat – Åklagarmyndigheten", "barnahus"),
        LayoutCard(4, "Barnläkare", "region", "Region – BUP", "barnahus"),
        LayoutCard(5, "Barnutredare", "stat", "Stat – Polisen", "barnahus"),
        LayoutCard(6, "Logoped", "region", "Region – BUP"),
    ]
    result = _layout(cards)
    frames = {b.key: b for b in result.blocks if b.kind == "group"}
    assert set(frames) == {"elevhalsa", "barnahus"}
    assert frames["barnahus"].sector == "stat"  # where most of its members belong
    for card_id, group in ((1, "elevhalsa"), (2, "elevhalsa"), (3, "barnahus"), (4, "barnahus")):
        assert result.cards[card_id].box.inside(frames[group].box)
    organisation = next(b for b in result.blocks if b.kind == "organisation")
    assert organisation.label == ("BUP",)  # the sector's name stands on its part already
    for block in result.blocks:
        assert block.box.inside(result.sectors[block.sector])


def test_no_card_on_a_card_nor_on_the_family_nor_a_sector_s_name() -> None:
    cards = [
        LayoutCard(
            n, f"Roll nummer {n} med en ganska lång titel", sector, f"{sector} – org {n % 3}"
        )
        for n, sector in enumerate(["kommun"] * 30 + ["region"] * 10 + ["stat", "civil"] * 4)
    ]
    result = _layout(cards)
    boxes = [placed.box for placed in result.cards.values()]
    assert all(not a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    cx, cy, r = result.centre
    family = Box(cx - r, cy - r, 2 * r, 2 * r)
    names = list(result.sector_labels.values())
    assert all(
        not box.overlaps(family) and not any(box.overlaps(n) for n in names) for box in boxes
    )


def test_a_small_board_is_drawn_narrow_so_it_shows_large() -> None:
    few = _layout([LayoutCard(1, "Skolkurator", "kommun", "Kommun – elevhälsa")])
    many = _layout([LayoutCard(n, f"Titel {n}", "kommun", "Kommun – skola") for n in range(60)])
    assert few.width == layout_rules.WIDTHS[0] < many.width


def test_a_card_moved_by_hand_keeps_its_place_and_the_others_go_around_it() -> None:
    x, y = 1000, 650  # on the board: its middle, where the family stands in the picture too
    cards = [LayoutCard(1, "Kontaktperson", "kommun", "Kommun – socialtjänst", at=(x, y))]
    cards += [LayoutCard(n, f"Titel {n}", "kommun", "Kommun – skola") for n in range(2, 30)]
    result = _layout(cards)
    moved = result.cards[1]
    assert moved.by_hand
    assert moved.box.x == pytest.approx(x * result.width / geometry.WIDTH)
    assert moved.box.y == pytest.approx(y * result.height / geometry.HEIGHT)
    others = [p.box for card_id, p in result.cards.items() if card_id != 1]
    assert not any(moved.box.overlaps(box) for box in others)


def test_the_same_board_gives_the_same_picture() -> None:
    cards = [LayoutCard(n, f"Titel {n}", "region", "Region – BVC") for n in range(12)]
    assert _layout(cards) == _layout(list(cards))


def test_count_pills_widen_or_heighten_a_card_never_cover_its_title() -> None:
    lines = layout_rules.card_lines("Logoped")
    plain, counted = layout_rules.card_size(lines), layout_rules.card_size(lines, 50)
    assert counted[0] > plain[0] or counted[1] > plain[1]
    long = layout_rules.card_lines("Handläggare, Försäkringskassan och mycket mer")
    width, height = layout_rules.card_size(long, 50)
    assert width <= layout_rules.CARD_WIDE_W and height >= layout_rules.card_size(long)[1]


def test_a_full_board_of_500_cards_still_has_no_card_on_a_card() -> None:
    """MAX_CARDS, many of them long notes in one block: the picture grows taller, never
    overlaps, and is found (it once searched taller pictures forever: a block wider than every
    sector)."""
    cards = [
        LayoutCard(n, "En lapp om ett möte " * (1 + n % 12), kind="note")
        if n % 3 == 0
        else LayoutCard(n, f"Roll {n}", ("kommun", "region", "stat")[n % 3], f"Org {n % 7}")
        for n in range(geometry.MAX_CARDS)
    ]
    result = _layout(cards)
    boxes = sorted((p.box for p in result.cards.values()), key=lambda b: (b.y, b.x))
    assert len(boxes) == geometry.MAX_CARDS
    for i, a in enumerate(boxes):  # sorted by top: only those starting above a's bottom
        for b in boxes[i + 1 :]:
            if b.y >= a.y1:
                break
            assert not a.overlaps(b), (a, b)


def test_an_empty_board_is_a_picture_of_the_sectors_and_the_family() -> None:
    result = _layout([])
    assert result.cards == {} and result.blocks == []
    assert set(result.sectors) == set(NAMES) and result.width == layout_rules.WIDTHS[0]
