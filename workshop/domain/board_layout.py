"""Where the board's picture puts everything (issue 23): the four sectors meet at the child and
family, each sector's cards sit in blocks (a group the cards share, or else their organisation)
packed outward from the family, no card on a card, and every title whole (wrapped, hyphenated
only when a word is wider than a card).

Pure geometry, in the picture's own units: no text is under 24 units, which is 12 px on a
1280x800 wall as long as the picture is at most about 1700 units wide (a family's map; the whole
catalogue of 62 titles needs about 2250). Text is measured by text_measure.py (DejaVu Sans' own
advance widths, so a line that fits here fits on the wall and in the PDF). A card
a person moved by hand keeps its place (mapped from the board's coordinates); the blocks are
packed around it. The rules are in docs/architecture.md ("The board's picture").
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from . import board
from .catalog import SECTORS
from .text_measure import text_width, wrap

# Sizes in picture units. Every text is at least MIN_FONT: 12 px on a 1280x800 wall as long as
# the picture is at most twice WALL_BOX's width and height in units.
MIN_FONT = 24
TITLE_FONT = MIN_FONT
TITLE_LINE = 28
LABEL_FONT = MIN_FONT  # a group's name (bold) and an organisation's (regular)
LABEL_LINE = 28
SECTOR_FONT = 30
CENTRE_FONT = 28
# A card is as wide as its title's longest line, between these; the title wraps at CARD_MAX_W.
CARD_MIN_W, CARD_MAX_W = 130, 300
# A word longer than a line widens its card up to this before it is hyphenated.
CARD_WIDE_W = 380
CARD_PAD_X, CARD_PAD_Y = 9, 6
# When families answered, a pill at a card's bottom right says how many met the role.
COUNT_PAD = 8
NOTE_LINES = 5  # a note shows its start; its whole text is the card's tooltip
CARD_GAP = 8  # between cards in a block
BLOCK_GAP = 18  # between blocks, and between a block and a card someone placed
FRAME_PAD = 8  # inside a group's frame
MARGIN = 10  # between a block and its sector's edges
SECTOR_BAND = 46  # the strip along a sector's outer edge that holds its name
# The whole picture's shape, headline and legend included: A4 landscape's 277 x 190 mm inside
# its margins, near the wall's box too.
ASPECT = 1.46
# Widths tried, narrowest first: the narrowest one everything fits in is drawn, so a board of a
# few cards is drawn large and one of 62 roles still fits.
WIDTHS = tuple(range(1100, 3301, 50))
# The box a 1280x800 wall gives the picture (the stage beside the join panel, measured in
# Chromium by tests/browser/test_board_picture.py), in px.
WALL_BOX = (851, 637)

# --- geometry ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    """A rectangle: top-left corner, width and height."""

    x: float
    y: float
    w: float
    h: float

    @property
    def x1(self) -> float:
        return self.x + self.w

    @property
    def y1(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        """Whether the two share any area, or come closer than `gap`."""
        return (
            self.x < other.x1 + gap
            and other.x < self.x1 + gap
            and self.y < other.y1 + gap
            and other.y < self.y1 + gap
        )

    def inside(self, other: Box) -> bool:
        """Whether this box lies within `other`."""
        return (
            self.x >= other.x and self.y >= other.y and self.x1 <= other.x1 and self.y1 <= other.y1
        )

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.w, self.h)


@dataclass(frozen=True)
class LayoutCard:
    """A card as the layout sees it. `at` is the board position (board.WIDTH x board.HEIGHT) a
    person moved it to; None lets the layout place it."""

    id: int
    title: str
    sector: str = ""
    organisation: str = ""
    group: str = ""
    kind: str = "role"
    at: tuple[float, float] | None = None
    met_by: int = 0


@dataclass(frozen=True)
class PlacedCard:
    """Where a card is drawn, its title in lines, and whether a person chose the place."""

    box: Box
    lines: tuple[str, ...]
    by_hand: bool


@dataclass(frozen=True)
class Block:
    """A group's frame (with its name) or an organisation's cards (named above them)."""

    kind: str  # "group" or "organisation"
    key: str
    sector: str
    box: Box
    label: tuple[str, ...]
    label_box: Box


@dataclass(frozen=True)
class Layout:
    """The whole picture's board part: `width` x `height` units, the sectors' rectangles and
    where their names go, the family's circle, the blocks and every card."""

    width: float
    height: float
    sectors: dict[str, Box]
    sector_labels: dict[str, Box]
    centre: tuple[float, float, float]
    centre_lines: tuple[str, ...]
    blocks: list[Block] = field(default_factory=list)
    cards: dict[int, PlacedCard] = field(default_factory=dict)


# --- which places were chosen by a person ---------------------------------------------------


@lru_cache(maxsize=1)
def _automatic_places() -> frozenset[tuple[int, int]]:
    places = {p for sector in SECTORS for p in board.slots(sector)}
    for sector in SECTORS:  # a full sector's stacked places (board.free_slot)
        x0, y0, _x1, _y1 = board.AREAS[sector]
        places |= {board.clamp(x0 + 30 + 12 * step, y0 + 60 + 12 * step) for step in range(20)}
    return frozenset(places)


def placed_by_hand(x: int, y: int) -> bool:
    """Whether a card stands where a person put it: cards placed without a position go to one of
    the board's free slots (board.free_slot), so any other place was chosen by someone dragging
    the card or moving it with the arrow keys."""
    return (x, y) not in _automatic_places()


# --- blocks ------------------------------------------------------------------------------


@dataclass
class _Shape:
    """A block laid out at the origin: its size, its cards' boxes, its name's lines and box."""

    w: float
    h: float
    cards: dict[int, Box]
    lines: dict[int, tuple[str, ...]]
    label: tuple[str, ...]
    label_box: Box


def count_width(most: int) -> float:
    """The pill that holds how many families met a role, sized for the largest count."""
    return text_width(str(most), TITLE_FONT, bold=True) + 2 * COUNT_PAD if most else 0.0


def card_lines(title: str, kind: str = "role") -> tuple[str, ...]:
    """A card's title in lines (a note shows only its start)."""
    limit = NOTE_LINES if kind == "note" else None
    longest = max([text_width(word, TITLE_FONT) for word in title.split()] + [0.0])
    inner = min(max(CARD_MAX_W - 2 * CARD_PAD_X, longest), CARD_WIDE_W - 2 * CARD_PAD_X)
    return wrap(title, inner, TITLE_FONT, max_lines=limit)


def card_size(lines: Sequence[str], pill: float = 0.0) -> tuple[float, float]:
    """A card's width and height for its title's lines; with a count `pill` wide at the bottom
    right, the card is wider or a line taller where the last line leaves no room for it."""
    inner = max([text_width(line, TITLE_FONT) for line in lines] + [0.0])
    rows = max(1, len(lines))
    if pill:
        last = text_width(lines[-1], TITLE_FONT) + 6 + pill
        if last <= max(CARD_MAX_W - 2 * CARD_PAD_X, inner):
            inner = max(inner, last)
        else:
            rows += 1
    width = min(CARD_WIDE_W, max(CARD_MIN_W, math.ceil(inner + 2 * CARD_PAD_X)))
    return width, 2 * CARD_PAD_Y + TITLE_LINE * rows


def _shape(
    kind: str, label: str, members: Sequence[LayoutCard], target: float, most: int
) -> _Shape:
    """A block's cards in rows of at most `target` units, the tallest first so that a row's
    cards are about as tall; every card of a row as tall as its tallest."""
    lines = {card.id: card_lines(card.title, card.kind) for card in members}
    sizes = {
        card.id: card_size(lines[card.id], count_width(most) if card.met_by else 0.0)
        for card in members
    }
    ordered = sorted(members, key=lambda card: -sizes[card.id][1])
    rows: list[list[LayoutCard]] = [[]]
    used = 0.0
    for card in ordered:
        w = sizes[card.id][0]
        if rows[-1] and used + CARD_GAP + w > target:
            rows.append([])
            used = 0.0
        used += (CARD_GAP if rows[-1] else 0) + w
        rows[-1].append(card)
    pad = FRAME_PAD if kind == "group" else 0
    cards_w = max(sum(sizes[c.id][0] for c in row) + CARD_GAP * (len(row) - 1) for row in rows)
    label_lines = wrap(label, cards_w, LABEL_FONT, bold=kind == "group") if label else ()
    band = LABEL_LINE * len(label_lines) + (4 if label_lines else 0)
    boxes: dict[int, Box] = {}
    y = pad + band
    for row in rows:
        height = max(sizes[c.id][1] for c in row)
        x = float(pad)
        for card in row:
            boxes[card.id] = Box(x, y, sizes[card.id][0], height)
            x += sizes[card.id][0] + CARD_GAP
        y += height + CARD_GAP
    y -= CARD_GAP
    label_w = max(
        [text_width(line, LABEL_FONT, bold=kind == "group") for line in label_lines] + [0.0]
    )
    return _Shape(
        w=cards_w + 2 * pad,
        h=y + pad,
        cards=boxes,
        lines=lines,
        label=label_lines,
        label_box=Box(pad, pad, label_w, LABEL_LINE * len(label_lines)),
    )


def _sizes(cards: Sequence[LayoutCard], most: int) -> list[Box]:
    """Each card's size, as a box at the origin."""
    found = []
    for card in cards:
        w, h = card_size(card_lines(card.title, card.kind), count_width(most) if card.met_by else 0)
        found.append(Box(0, 0, w + CARD_GAP, h + CARD_GAP))
    return found


def _targets(members: Sequence[LayoutCard], most: int) -> list[float]:
    """Row widths worth trying for a block: one column, about square, ..., one long row (a
    block of many cards fits a narrow sector as a column)."""
    sizes = [
        card_size(card_lines(c.title, c.kind), count_width(most) if c.met_by else 0)
        for c in members
    ]
    area = sum((w + CARD_GAP) * (h + CARD_GAP) for w, h in sizes)
    widest = max(w for w, _h in sizes)
    total = sum(w + CARD_GAP for w, _h in sizes)
    found = [widest] if widest < total else []
    for ratio in (1.0, 1.6, 2.5, 4.0):
        target = max(widest, math.sqrt(area * ratio))
        if target < total and target not in found:
            found.append(target)
    return [*found, total]


@dataclass
class _Unit:
    """What goes into a sector as one piece: a group or an organisation's cards."""

    kind: str
    key: str
    label: str
    sector: str
    members: list[LayoutCard]


def _units(cards: Sequence[LayoutCard], group_names: Mapping[str, str]) -> dict[str, list[_Unit]]:
    """Each sector's blocks: the groups whose members are mostly of that sector first (they are
    where the roles meet, nearest the family), then its organisations, largest first, and the
    cards in people's own words (in civil society, where they are placed)."""
    home = {card.id: card.sector if card.sector in SECTORS else "civil" for card in cards}
    grouped: dict[str, list[LayoutCard]] = {}
    by_organisation: dict[tuple[str, str], list[LayoutCard]] = {}
    for card in cards:
        if card.group:
            grouped.setdefault(card.group, []).append(card)
        else:
            key = card.organisation if card.kind == "role" else ""
            by_organisation.setdefault((home[card.id], key), []).append(card)
    units: dict[str, list[_Unit]] = {sector: [] for sector in SECTORS}
    for group, members in grouped.items():
        counted = [home[card.id] for card in members]
        sector = max(SECTORS, key=lambda s: (counted.count(s), -SECTORS.index(s)))
        units[sector].append(_Unit("group", group, group_names.get(group, group), sector, members))
    for (sector, organisation), members in by_organisation.items():
        units[sector].append(
            _Unit("organisation", organisation, _short(organisation), sector, members)
        )
    for sector in SECTORS:
        units[sector].sort(key=lambda u: (u.kind != "group", -len(u.members), u.label))
    return units


def sector_blocks(
    cards: Sequence[LayoutCard], group_names: Mapping[str, str]
) -> dict[str, list[tuple[int, ...]]]:
    """Each sector's blocks as the picture puts them (a group where most of its members are,
    then the organisations), as card ids in order; a card placed by hand is a block of its own
    in its sector. The wall pages a crowded board by these, never splitting a group."""
    auto = [card for card in cards if card.at is None]
    blocks = {
        sector: [tuple(card.id for card in unit.members) for unit in units]
        for sector, units in _units(auto, group_names).items()
    }
    for card in cards:
        if card.at is not None:
            blocks[card.sector if card.sector in SECTORS else "civil"].append((card.id,))
    return blocks


def split_blocks(blocks: Sequence[tuple[int, ...]], parts: int) -> list[list[tuple[int, ...]]]:
    """`blocks` in order, cut into at most `parts` runs of about as many cards each (a block is
    never cut: one larger than a share is a run of its own)."""
    target = sum(len(block) for block in blocks) / max(parts, 1)
    runs: list[list[tuple[int, ...]]] = [[]]
    count = 0
    for block in blocks:
        # The next run starts where this block's middle lies past the runs' shares so far.
        if runs[-1] and len(runs) < parts and count + len(block) / 2 > target * len(runs):
            runs.append([])
        runs[-1].append(block)
        count += len(block)
    return runs


def _short(organisation: str) -> str:
    """An organisation's name without its sector ("Kommun – socialtjänst": the sector's own name
    stands on its part of the picture)."""
    _sector, dash, rest = organisation.partition(" – ")
    return rest if dash and rest else organisation


# --- packing -----------------------------------------------------------------------------


def _pack(
    blocks: Sequence[Sequence[tuple[float, float]]],
    room_u: float,
    room_v: float,
    keep_out: Sequence[Box],
) -> list[tuple[int, Box]] | None:
    """Blocks in a sector, in local coordinates (u away from the vertical line through the
    family, v away from the horizontal one). Each block has shapes to choose from; it goes in the
    shape and place where the blocks so far grow least beyond the family's corner (relative to
    the sector's size), clear of `keep_out`. None when they do not all fit."""
    placed: list[Box] = []
    chosen: list[tuple[int, Box]] = []
    for shapes in blocks:
        taken = [*keep_out, *placed]
        us = sorted({MARGIN, *(b.x1 + BLOCK_GAP for b in taken)})
        vs = sorted({MARGIN, *(b.y1 + BLOCK_GAP for b in taken)})
        best: tuple[float, float, int, Box] | None = None
        for n, (w, h) in enumerate(shapes):
            for v in vs:
                if v + h > room_v - MARGIN:
                    break
                for u in us:
                    if u + w > room_u - MARGIN:
                        break
                    grown = max((u + w) / room_u, (v + h) / room_v)
                    if best is not None and (grown, u + v) >= best[:2]:
                        continue
                    box = Box(u, v, w, h)
                    if any(box.overlaps(o, BLOCK_GAP - 0.01) for o in taken):
                        continue
                    best = (grown, u + v, n, box)
        if best is None:
            return None
        placed.append(best[3])
        chosen.append((best[2], best[3]))
    return chosen


_LEFT = {"kommun": True, "region": False, "stat": True, "civil": False}
_TOP = {"kommun": True, "region": True, "stat": False, "civil": False}


def _quadrant(sector: str, cx: float, cy: float, width: float, height: float) -> Box:
    x0, x1 = (0.0, cx) if _LEFT[sector] else (cx, width)
    y0, y1 = (0.0, cy) if _TOP[sector] else (cy, height)
    return Box(x0, y0, x1 - x0, y1 - y0)


def _to_local(sector: str, box: Box, cx: float, cy: float) -> Box:
    u = cx - box.x1 if _LEFT[sector] else box.x - cx
    v = cy - box.y1 if _TOP[sector] else box.y - cy
    return Box(u, v, box.w, box.h)


def _to_real(sector: str, box: Box, cx: float, cy: float) -> Box:
    x = cx - box.x - box.w if _LEFT[sector] else cx + box.x
    y = cy - box.y - box.h if _TOP[sector] else cy + box.y
    return Box(x, y, box.w, box.h)


def _sector_label_box(sector: str, name: str, quadrant: Box) -> Box:
    w = text_width(name, SECTOR_FONT, bold=True) + 8
    h = SECTOR_BAND - 10
    x = quadrant.x + MARGIN if _LEFT[sector] else quadrant.x1 - MARGIN - w
    y = quadrant.y + 6 if _TOP[sector] else quadrant.y1 - 6 - h
    return Box(x, y, w, h)


def layout(
    cards: Sequence[LayoutCard],
    *,
    centre: str,
    sector_names: Mapping[str, str],
    group_names: Mapping[str, str],
    most: int = 0,
    reserve: float = 0.0,
) -> Layout:
    """Every card's box and every block's frame and name (see the module's docstring).

    `most`: the largest number of families that met one role (cards keep room for a count
    that wide); `reserve`: the height the headline and legend take, so that the whole picture
    keeps ASPECT. The narrowest picture of WIDTHS that everything fits in is chosen; of its
    places for the family (where the sectors meet), the one nearest the middle. The wall asks
    for the same picture again and again: the last few layouts are kept."""
    # Only whether a card shows a count, and how wide the widest count is, move anything: a new
    # answer that changes neither finds the layout already made.
    digits = int("9" * len(str(most))) if most else 0
    return _layout(
        tuple(dataclasses.replace(card, met_by=min(card.met_by, 1)) for card in cards),
        centre,
        tuple(sorted(sector_names.items())),
        tuple(sorted(group_names.items())),
        digits,
        reserve,
    )


# The wall asks for the whole picture and each of its pages (exporters/board_svg.wall_pages).
@lru_cache(maxsize=32)
def _layout(
    cards: tuple[LayoutCard, ...],
    centre: str,
    sector_names_items: tuple[tuple[str, str], ...],
    group_names_items: tuple[tuple[str, str], ...],
    most: int,
    reserve: float,
) -> Layout:
    sector_names, group_names = dict(sector_names_items), dict(group_names_items)
    auto = [card for card in cards if card.at is None]
    manual = [card for card in cards if card.at is not None]
    units = _units(auto, group_names)
    centre_lines = wrap(centre, 2 * 78, CENTRE_FONT, bold=True)
    radius = max(
        78.0,
        max(text_width(line, CENTRE_FONT, bold=True) for line in centre_lines) / 2 + 20,
        (len(centre_lines) * (CENTRE_FONT + 4)) / 2 + 24,
    )
    args = (units, manual, radius, sector_names, most, reserve)
    found = _narrowest(args)
    # More than the widest picture holds: it grows taller, from about the height its cards'
    # area needs, until they fit (a column of every block fits a sector of the widest picture).
    area = sum(box.w * box.h for box in _sizes(cards, most))
    height = max(WIDTHS[-1] / ASPECT - reserve, 2.5 * area / WIDTHS[-1])
    for _ in range(100):
        if found is not None:
            break
        found = _try_width(float(WIDTHS[-1]), *args, height=height)
        height *= 1.3
    else:
        raise ValueError("the board's cards do not fit any picture")
    if not manual:  # a card placed by hand keeps its place relative to the whole board
        found = _trim(found, radius, sector_names, (WIDTHS[0], WIDTHS[0] / ASPECT - reserve))
    return Layout(
        width=found.width,
        height=found.height,
        sectors=found.sectors,
        sector_labels=found.sector_labels,
        centre=(*found.centre, radius),
        centre_lines=centre_lines,
        blocks=found.blocks,
        cards=found.cards,
    )


def _trim(
    found: _Result, radius: float, sector_names: Mapping[str, str], least: tuple[float, float]
) -> _Result:
    """The picture without the empty strips along its edges, down to `least` (width, height):
    everything moves in, the sectors' names keep to their corners, as long as no name then lies
    on a card, a block or the family."""
    cx, cy = found.centre
    content = [p.box for p in found.cards.values()] + [b.box for b in found.blocks]
    content.append(Box(cx - radius, cy - radius, 2 * radius, 2 * radius))
    room = {
        "left": min(b.x for b in content) - MARGIN,
        "top": min(b.y for b in content) - MARGIN,
        "right": found.width - max(b.x1 for b in content) - MARGIN,
        "bottom": found.height - max(b.y1 for b in content) - MARGIN,
    }
    # Never narrower or lower than `least`: a small board stays as large as it was drawn.
    spare_w = max(0.0, found.width - least[0]) / max(1.0, room["left"] + room["right"])
    spare_h = max(0.0, found.height - least[1]) / max(1.0, room["top"] + room["bottom"])
    limit = {"left": spare_w, "right": spare_w, "top": spare_h, "bottom": spare_h}
    for share in (1.0, 0.75, 0.5, 0.25):
        cut = {side: max(0.0, int(d * share * min(1.0, limit[side]))) for side, d in room.items()}
        width = found.width - cut["left"] - cut["right"]
        height = found.height - cut["top"] - cut["bottom"]
        ncx, ncy = cx - cut["left"], cy - cut["top"]
        moved = [b.moved(-cut["left"], -cut["top"]) for b in content]
        sectors = {s: _quadrant(s, ncx, ncy, width, height) for s in SECTORS}
        labels = {s: _sector_label_box(s, sector_names.get(s, s), sectors[s]) for s in SECTORS}
        if any(label.overlaps(b, 4) for label in labels.values() for b in moved):
            continue
        dx, dy = -cut["left"], -cut["top"]
        return _Result(
            width,
            height,
            sectors,
            labels,
            (ncx, ncy),
            [
                dataclasses.replace(b, box=b.box.moved(dx, dy), label_box=b.label_box.moved(dx, dy))
                for b in found.blocks
            ],
            {
                card_id: dataclasses.replace(p, box=p.box.moved(dx, dy))
                for card_id, p in found.cards.items()
            },
        )
    return found


def _narrowest(args: tuple[object, ...]) -> _Result | None:
    """The narrowest of WIDTHS that everything fits in (halving the range: a wider picture
    holds what a narrower one does)."""
    low, high, best = 0, len(WIDTHS) - 1, None
    while low <= high:
        middle = (low + high) // 2
        found = _try_width(float(WIDTHS[middle]), *args)
        if found is None:
            low = middle + 1
        else:
            best, high = found, middle - 1
    return best


@dataclass
class _Result:
    width: float
    height: float
    sectors: dict[str, Box]
    sector_labels: dict[str, Box]
    centre: tuple[float, float]
    blocks: list[Block]
    cards: dict[int, PlacedCard]


# Where the family may stand, as fractions of the picture: tried nearest the middle first.
_STEPS = [n / 20 for n in range(5, 18)]
_CROSSES = sorted(
    ((fx, fy) for fx in _STEPS for fy in _STEPS),
    key=lambda p: ((p[0] - 0.5) ** 2 + (p[1] - 0.5) ** 2, p),
)


def _try_width(
    width: float,
    units: Mapping[str, Sequence[_Unit]],
    manual: Sequence[LayoutCard],
    radius: float,
    sector_names: Mapping[str, str],
    most: int,
    reserve: float,
    height: float | None = None,
) -> _Result | None:
    height = height or max(width / ASPECT - reserve, width / 3)
    by_hand = {}
    for card in manual:
        lines = card_lines(card.title, card.kind)
        w, h = card_size(lines, count_width(most) if card.met_by else 0.0)
        assert card.at is not None
        x = min(max(card.at[0] * width / board.WIDTH, 0.0), width - w)
        y = min(max(card.at[1] * height / board.HEIGHT, 0.0), height - h)
        by_hand[card.id] = PlacedCard(Box(x, y, w, h), lines, by_hand=True)
    cache: dict[tuple[int, float], _Shape] = {}
    targets: dict[int, list[float]] = {}

    def shapes_of(unit: _Unit, room_u: float) -> list[_Shape]:
        """The block's shapes that fit the sector's width (at least its narrowest)."""
        pad = 2 * FRAME_PAD if unit.kind == "group" else 0
        if id(unit) not in targets:
            targets[id(unit)] = _targets(unit.members, most)
        options = targets[id(unit)]
        fitting = [t for t in options if t + pad <= room_u - 2 * MARGIN] or options[:1]
        found = []
        for target in fitting:
            key = (id(unit), target)
            if key not in cache:
                cache[key] = _shape(unit.kind, unit.label, unit.members, target, most)
            found.append(cache[key])
        return found

    # The most crowded sector first: a crossing that cannot hold it is dropped at once.
    order = sorted(SECTORS, key=lambda s: -sum(len(u.members) for u in units[s]))
    needed = {
        s: sum(sum(b.w * b.h for b in shapes_of(u, width)[0].cards.values()) for u in units[s])
        for s in SECTORS
    }
    for fx, fy in _CROSSES:
        cx, cy = round(fx * width), round(fy * height)
        centre_box = Box(cx - radius - 6, cy - radius - 6, 2 * radius + 12, 2 * radius + 12)
        fixed = [centre_box, *(p.box for p in by_hand.values())]
        sectors, labels, blocks, cards = {}, {}, [], {}
        for sector in order:
            quadrant = _quadrant(sector, cx, cy, width, height)
            if quadrant.w * quadrant.h < needed[sector]:
                break
            label = _sector_label_box(sector, sector_names.get(sector, sector), quadrant)
            keep_out = [
                _to_local(sector, b, cx, cy) for b in (*fixed, label) if b.overlaps(quadrant)
            ]
            options = [shapes_of(unit, quadrant.w) for unit in units[sector]]
            placed = _pack(
                [[(s.w, s.h) for s in shapes] for shapes in options],
                quadrant.w,
                quadrant.h,
                keep_out,
            )
            if placed is None:
                break
            sectors[sector], labels[sector] = quadrant, label
            for unit, shapes, (n, local) in zip(units[sector], options, placed, strict=True):
                s = shapes[n]
                at = _to_real(sector, local, cx, cy)
                blocks.append(
                    Block(unit.kind, unit.key, sector, at, s.label, s.label_box.moved(at.x, at.y))
                )
                for card_id, box in s.cards.items():
                    cards[card_id] = PlacedCard(box.moved(at.x, at.y), s.lines[card_id], False)
        else:
            cards.update(by_hand)
            return _Result(
                width,
                height,
                {s: sectors[s] for s in SECTORS},
                {s: labels[s] for s in SECTORS},
                (cx, cy),
                blocks,
                cards,
            )
    return None
