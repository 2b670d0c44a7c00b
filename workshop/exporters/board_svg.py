"""The board as a standalone SVG, drawn on the server from the data (reports, downloads, the wall).

It takes the plain board view (services.board.board_view) and the translated fixed words, and
returns one SVG document: the journey figures as its headline, the board laid out by
domain.board_layout (sectors around the family, groups and organisations as blocks, no card on
a card, every title whole), each card as warm as the number of families who met the role, and a
legend. Printed 277 mm wide it fits A4 landscape; on a 1280x800 wall the layout's sizes are
chosen so its text stays readable. Every text is escaped; nothing is loaded from anywhere.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..domain import board_layout as layout_rules
from ..domain.board_layout import Box
from ..domain.text_measure import text_width, wrap

SECTOR_COLOURS = {
    "kommun": ("#eff6ff", "#1d4ed8"),
    "region": ("#f0fdf4", "#166534"),
    "stat": ("#faf5ff", "#6b21a8"),
    "civil": ("#f0fdfa", "#115e59"),
}
LINK_STYLES = {
    "works_with": ('stroke="#166534" stroke-width="5"', ""),
    "refers_to": ('stroke="#1d4ed8" stroke-width="5"', ' marker-end="url(#arrow)"'),
    "double_work": ('stroke="#b45309" stroke-width="5" stroke-dasharray="18 10"', ""),
    "between_chairs": ('stroke="#b3261e" stroke-width="6" stroke-dasharray="4 10"', ""),
}
# Warmth: how many answers met a role, as five steps of fill behind dark text (contrast >= 4.5).
HEAT_FILLS = ("#ffffff", "#fef3c7", "#fde68a", "#fbbf24", "#f59e0b")
INK = "#111827"
FONT = layout_rules.MIN_FONT
TITLE_FONT = 34
PAD = 20  # around the headline and the legend
PRINT_MM = (277, 190)  # A4 landscape inside 10 mm margins


def heat_step(n: int, most: int) -> int:
    """Which of the five heat fills a count gets, relative to the most-met role."""
    if n <= 0 or most <= 0:
        return 0
    return min(4, 1 + (3 * n) // most)


def heat_ranges(most: int) -> list[tuple[int, int, int]]:
    """The steps in use as (step, fewest, most answers): what the legend's swatches mean."""
    found: dict[int, list[int]] = {}
    for n in range(most + 1):
        found.setdefault(heat_step(n, most), []).append(n)
    return [(step, min(ns), max(ns)) for step, ns in sorted(found.items())]


def _attrs(attrs: dict[str, Any]) -> str:
    return "".join(
        f" {k.rstrip('_').replace('_', '-')}={quoteattr(str(v))}" for k, v in attrs.items()
    )


def _rect(x: float, y: float, w: float, h: float, **attrs: Any) -> str:
    return f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}"{_attrs(attrs)}/>'


def _text(x: float, y: float, body: str, **attrs: Any) -> str:
    return f'<text x="{x:g}" y="{y:g}"{_attrs(attrs)}>{escape(body)}</text>'


def _baseline(top: float, size: float, line: float) -> float:
    """Where a line of text `size` high sits in a row `line` high starting at `top`."""
    return round(top + (line - size) / 2 + 0.8 * size, 1)


def _layout_cards(cards: list[dict[str, Any]]) -> list[layout_rules.LayoutCard]:
    return [
        layout_rules.LayoutCard(
            id=card["id"],
            title=card["title"],
            sector=card["sector"],
            organisation=card.get("organisation", ""),
            group=card["group"] or "",
            kind=card.get("kind", "role"),
            at=(
                (card["x"], card["y"])
                if layout_rules.placed_by_hand(card["x"], card["y"])
                else None
            ),
            met_by=card["met_by"] if card.get("kind", "role") == "role" else 0,
        )
        for card in cards
    ]


def _headline(title: str, view: dict[str, Any], labels: dict[str, Any], width: float) -> list[str]:
    """The title, then the journey figures: what families met."""
    met = view["aggregates"]
    lines = [title]
    if not met["answers"]:
        return lines

    def spread(name: str) -> str:
        s = met[name]
        return labels["met_median_range"] % {
            "median": s["median"],
            "low": s["low"],
            "high": s["high"],
        }

    figures = [
        labels["met_answers"] % {"n": met["answers"]},
        f"{labels['met_titles']}: {spread('titles')}",
        f"{labels['met_organisations']}: {spread('organisations')}, "
        + labels["met_organisations_total"] % {"n": met["organisations_total"]},
        f"{labels['met_retold']}: {spread('retold')}, "
        + labels["met_retold_total"] % {"n": met.get("retold_total", 0)},
    ]
    # As many figures on a line as fit, a dot between them; a figure never split across two
    # lines unless it is longer than a line on its own.
    line = ""
    for figure in figures:
        joined = f"{line}  ·  {figure}" if line else figure
        if text_width(joined, FONT + 2) <= width - 2 * PAD:
            line = joined
            continue
        if line:
            lines.append(line)
        *whole, line = wrap(figure, width - 2 * PAD, FONT + 2)
        lines.extend(whole)
    lines.append(line)
    return lines


def _head_height(lines: list[str]) -> float:
    return PAD + TITLE_FONT + 12 + (FONT + 10) * (len(lines) - 1) + PAD / 2


def _most(view: dict[str, Any]) -> int:
    """The largest number of families that met one role on this board (a page of the wall's
    keeps the whole board's, so a card is as warm on its page as on the whole picture)."""
    if "most" in view:
        return int(view["most"])
    return max(
        [card["met_by"] for card in view["cards"] if card.get("kind", "role") == "role"] + [0]
    )


def _frame(
    view: dict[str, Any], labels: dict[str, Any], title: str
) -> tuple[layout_rules.Layout, list[str], float, list[str], float]:
    """The layout, the headline's lines and height, the legend and its height."""
    most = _most(view)
    lay = layout_rules.layout(
        _layout_cards(view["cards"]),
        centre=labels["centre"],
        sector_names=labels["sectors"],
        group_names=labels["groups"],
        most=most,
        # the headline and legend as drawn 1600 units wide: the picture keeps its shape
        reserve=_head_height(_headline(title, view, labels, 1600))
        + _legend(view, labels, most, 1600, 0)[1],
    )
    head_lines = _headline(title, view, labels, lay.width)
    head_h = _head_height(head_lines)
    legend, legend_h = _legend(view, labels, most, lay.width, head_h + lay.height)
    return lay, head_lines, head_h, legend, legend_h


def wall_px(view: dict[str, Any], labels: dict[str, Any], *, title: str) -> float:
    """The smallest text of the picture in px, drawn in the wall's box at 1280x800."""
    lay, _lines, head_h, _legend_items, legend_h = _frame(view, labels, title)
    box_w, box_h = layout_rules.WALL_BOX
    return FONT * min(box_w / lay.width, box_h / (head_h + lay.height + legend_h))


# The back row reads a projector's text at about 12 px on a 1280x800 wall (issue 23).
WALL_MIN_PX = 12.0


def wall_pages(view: dict[str, Any], labels: dict[str, Any], *, title: str) -> list[dict[str, Any]]:
    """The wall's pages of the board (`_wall_pages`), worked out once per board: the wall asks
    for them, then for each page's picture, and each answer needs them."""
    key = json.dumps([view, labels, title], sort_keys=True, ensure_ascii=False)
    return copy.deepcopy(_wall_pages_of(key))


@lru_cache(maxsize=16)
def _wall_pages_of(key: str) -> list[dict[str, Any]]:
    view, labels, title = json.loads(key)
    return _wall_pages(view, labels, title=title)


def _wall_pages(
    view: dict[str, Any], labels: dict[str, Any], *, title: str
) -> list[dict[str, Any]]:
    """What the wall shows of the board, page by page: the whole board when its text reads at
    WALL_MIN_PX or more; else each sector with cards on a page of its own, in the sectors'
    order, a crowded one cut into parts (whole groups and organisations, as the picture puts
    them) until each part reads so. Each page: its title and the ids of its cards."""
    if not view["cards"] or wall_px(view, labels, title=title) >= WALL_MIN_PX:
        return [{"title": title, "sector": "", "cards": [card["id"] for card in view["cards"]]}]
    blocks = layout_rules.sector_blocks(_layout_cards(view["cards"]), labels["groups"])
    pages: list[dict[str, Any]] = []
    for sector in layout_rules.SECTORS:
        if not blocks[sector]:
            continue
        for parts in range(1, len(blocks[sector]) + 1):
            runs = layout_rules.split_blocks(blocks[sector], parts)
            found = [
                {
                    "title": f"{title} · {labels['sectors'][sector]}"
                    + (f" {n}/{len(runs)}" if len(runs) > 1 else ""),
                    "sector": sector,
                    "cards": [card_id for block in run for card_id in block],
                }
                for n, run in enumerate(runs, start=1)
            ]
            readable = all(
                wall_px(page_view(view, page), labels, title=page["title"]) >= WALL_MIN_PX
                for page in found
            )
            if readable or len(runs) < parts:
                break
        pages.extend(found)
    return pages


def page_view(view: dict[str, Any], page: dict[str, Any]) -> dict[str, Any]:
    """The board view with only the page's cards and the links between them; the families'
    figures stay whole (they are about every family, whatever the page shows)."""
    keep = set(page["cards"])
    return {
        **view,
        "most": _most(view),
        "cards": [card for card in view["cards"] if card["id"] in keep],
        "links": [
            link
            for link in view["links"]
            if link["source_id"] in keep and link["target_id"] in keep
        ],
    }


def render(view: dict[str, Any], labels: dict[str, Any], *, title: str) -> str:
    """The board (cards, links, groups, warmth) under its figures, with a legend, as SVG."""
    cards = {card["id"]: card for card in view["cards"]}
    most = _most(view)
    lay, head_lines, head_h, legend, legend_h = _frame(view, labels, title)
    w = lay.width
    total_h = head_h + lay.height + legend_h
    # Printed on A4 landscape inside its margins: 277 mm wide, or less if it is taller than 190.
    print_w = min(PRINT_MM[0], PRINT_MM[1] * w / total_h)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'width="{print_w:.0f}mm" height="{print_w * total_h / w:.0f}mm" '
        f'viewBox="0 0 {w:g} {total_h:g}" '
        'font-family="DejaVu Sans, Verdana, Arial, sans-serif" '
        f'role="img" aria-label={quoteattr(title)}>',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" '
        'markerHeight="5" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#1d4ed8"/>'
        "</marker></defs>",
        f'<rect width="{w:g}" height="{total_h:g}" fill="#ffffff"/>',
    ]
    # The headline: the title, then the figures.
    y = PAD + TITLE_FONT
    out.append(
        _text(
            PAD,
            y,
            head_lines[0],
            class_="headline",
            font_size=TITLE_FONT,
            font_weight=700,
            fill=INK,
        )
    )
    y += 12
    for line in head_lines[1:]:
        y += FONT + 10
        out.append(_text(PAD, y - 4, line, class_="figure", font_size=FONT + 2, fill=INK))
    dy = head_h
    for sector, box in lay.sectors.items():
        fill, ink = SECTOR_COLOURS[sector]
        out.append(_rect(box.x, box.y + dy, box.w, box.h, fill=fill, stroke="#c7cbd1"))
        label = lay.sector_labels[sector]
        out.append(
            _text(
                label.x + 4,
                _baseline(label.y + dy, layout_rules.SECTOR_FONT, label.h),
                labels["sectors"][sector],
                class_="sector-label",
                font_size=layout_rules.SECTOR_FONT,
                font_weight=700,
                fill=ink,
            )
        )
    cx, cy, r = lay.centre
    out.append(
        f'<circle cx="{cx:g}" cy="{cy + dy:g}" r="{r:g}" fill="#fff7ed" stroke="#9a3412" '
        'stroke-width="4"/>'
    )
    size = layout_rules.CENTRE_FONT
    top = cy + dy - len(lay.centre_lines) * (size + 4) / 2
    for n, line in enumerate(lay.centre_lines):
        out.append(
            _text(
                cx,
                _baseline(top + n * (size + 4), size, size + 4),
                line,
                class_="centre",
                font_size=size,
                font_weight=700,
                text_anchor="middle",
                fill="#431407",
            )
        )
    # Blocks: a group in a dashed frame named at its top, an organisation named above its cards.
    for block in lay.blocks:
        b = block.box
        if block.kind == "group":
            out.append(
                _rect(
                    b.x,
                    b.y + dy,
                    b.w,
                    b.h,
                    class_="group-frame",
                    rx=14,
                    fill="none",
                    stroke="#374151",
                    stroke_width=3,
                    stroke_dasharray="10 6",
                )
            )
        for n, line in enumerate(block.label):
            out.append(
                _text(
                    block.label_box.x,
                    _baseline(
                        block.label_box.y + dy + n * layout_rules.LABEL_LINE,
                        FONT,
                        layout_rules.LABEL_LINE,
                    ),
                    line,
                    class_=f"{block.kind}-label",
                    font_size=FONT,
                    font_weight=700 if block.kind == "group" else 400,
                    fill="#1f2937" if block.kind == "group" else "#374151",
                )
            )
    placed = lay.cards
    for link in view["links"]:
        a, b = placed.get(link["source_id"]), placed.get(link["target_id"])
        if a is None or b is None:
            continue
        out.append(_link(a.box, b.box, link["kind"], dy))
    for card_id, spot in placed.items():
        out.append(_card(cards[card_id], spot, most, dy))
    out.extend(legend)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _link(a: Box, b: Box, kind: str, dy: float) -> str:
    stroke, marker = LINK_STYLES.get(kind, LINK_STYLES["works_with"])
    x1, y1 = a.x + a.w / 2, a.y + a.h / 2 + dy
    x2, y2 = b.x + b.w / 2, b.y + b.h / 2 + dy
    if marker:  # stop the arrow at the target card's edge
        dx, dy_ = x2 - x1, y2 - y1
        scale = max(abs(dx) / (b.w / 2 + 6), abs(dy_) / (b.h / 2 + 6), 1)
        x2, y2 = x2 - dx / scale, y2 - dy_ / scale
    return f'<line x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" {stroke}{marker}/>'


def _card(card: dict[str, Any], spot: layout_rules.PlacedCard, most: int, dy: float) -> str:
    box = spot.box
    x, y = box.x, box.y + dy
    kind = card.get("kind", "role")
    fill = HEAT_FILLS[heat_step(card["met_by"], most)] if kind == "role" else "#ffffff"
    ink = SECTOR_COLOURS.get(card["sector"], ("", "#374151"))[1]
    tip = (
        card["title"]
        if not card.get("organisation")
        else f"{card['title']} ({card['organisation']})"
    )
    out = [f'<g class="card" data-card-id="{int(card["id"])}"><title>{escape(tip)}</title>']
    # Words of one's own look different from the catalogue's roles: a dashed frame for a person
    # named in free text, yellow paper for a note.
    if kind == "note":
        out.append(
            _rect(
                x,
                y,
                box.w,
                box.h,
                class_="card-box",
                rx=2,
                fill="#fef08a",
                stroke="#854d0e",
                stroke_width=2,
            )
        )
    elif kind == "text":
        out.append(
            _rect(
                x,
                y,
                box.w,
                box.h,
                class_="card-box",
                rx=8,
                fill=fill,
                stroke=ink,
                stroke_width=3,
                stroke_dasharray="8 5",
            )
        )
    else:
        out.append(
            _rect(
                x, y, box.w, box.h, class_="card-box", rx=8, fill=fill, stroke=ink, stroke_width=3
            )
        )
    line_h = layout_rules.TITLE_LINE
    for n, line in enumerate(spot.lines):
        top = y + layout_rules.CARD_PAD_Y + n * line_h
        out.append(
            _text(
                x + layout_rules.CARD_PAD_X,
                _baseline(top, FONT, line_h),
                line,
                class_="card-title",
                font_size=FONT,
                fill=INK,
            )
        )
    if kind == "role" and card["met_by"]:
        pill = layout_rules.count_width(most)
        px = x + box.w - layout_rules.CARD_PAD_X - pill
        py = y + box.h - layout_rules.CARD_PAD_Y - line_h
        out.append(_rect(px, py + 1, pill, line_h - 2, rx=(line_h - 2) / 2, fill="#7c2d12"))
        out.append(
            _text(
                px + pill / 2,
                _baseline(py, FONT, line_h),
                str(card["met_by"]),
                class_="card-count",
                font_size=FONT,
                font_weight=700,
                text_anchor="middle",
                fill="#ffffff",
            )
        )
    out.append("</g>")
    return "".join(out)


def _legend(
    view: dict[str, Any], labels: dict[str, Any], most: int, width: float, top: float
) -> tuple[list[str], float]:
    """The kinds of link, and (once families answered) what each warmth means, in rows that
    wrap at the picture's width."""
    items: list[tuple[str, str, float]] = []  # (sample svg at 0,0 baseline, text, sample width)
    for kind, (stroke, marker) in LINK_STYLES.items():
        items.append(
            (f'<line x1="0" y1="-8" x2="60" y2="-8" {stroke}{marker}/>', labels["links"][kind], 60)
        )
    if view["aggregates"]["answers"] and most:
        for step, low, high in heat_ranges(most):
            n = str(low) if low == high else f"{low}–{high}"
            swatch = (
                f'<rect x="0" y="-24" width="40" height="30" rx="6" fill="{HEAT_FILLS[step]}" '
                'stroke="#374151" stroke-width="2"/>'
            )
            items.append((swatch, labels["met_by"] % {"n": n}, 40))
    out, x, y, row_h = [], float(PAD), top + PAD + FONT, FONT + 18
    for sample, words, sample_w in items:
        item_w = sample_w + 10 + text_width(words, FONT)
        if x > PAD and x + item_w > width - PAD:
            x, y = float(PAD), y + row_h
        out.append(f'<g class="legend-item" transform="translate({x:g} {y:g})">{sample}')
        out.append(_text(sample_w + 10, 0, words, font_size=FONT, fill=INK) + "</g>")
        x += item_w + 36
    return out, y - top + PAD
