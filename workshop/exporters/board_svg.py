"""The board as a standalone SVG, drawn on the server from the data (reports, downloads).

It takes the plain board view (services.board.board_view) and the translated fixed words, and
returns one SVG document sized for A4 landscape: 277 x 180 mm of drawing, so a card's title is
printed at about 7 pt. Every text is escaped; nothing is loaded from anywhere.
"""

from __future__ import annotations

import textwrap
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..domain import board as geometry

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
# Heat: how many answers met a role, as five steps of fill behind dark text (contrast >= 4.5).
HEAT_FILLS = ("#ffffff", "#fef3c7", "#fde68a", "#fbbf24", "#f59e0b")
LEGEND_H = 90


def heat_step(n: int, most: int) -> int:
    """Which of the five heat fills a count gets, relative to the most-met role."""
    if n <= 0 or most <= 0:
        return 0
    return min(4, 1 + (3 * n) // most)


def _attrs(attrs: dict[str, Any]) -> str:
    return "".join(
        f" {k.rstrip('_').replace('_', '-')}={quoteattr(str(v))}" for k, v in attrs.items()
    )


def _rect(x: float, y: float, w: float, h: float, **attrs: Any) -> str:
    return f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}"{_attrs(attrs)}/>'


def _text(x: float, y: float, body: str, **attrs: Any) -> str:
    return f'<text x="{x:g}" y="{y:g}"{_attrs(attrs)}>{escape(body)}</text>'


def _lines(title: str, width: int = 16) -> list[str]:
    words = [w if len(w) <= width else w[: width - 1] + "…" for w in title.split()]
    lines = textwrap.wrap(" ".join(words), width=width) or [""]
    if len(lines) > 2:
        lines = [lines[0], lines[1][: width - 1] + "…"]
    return lines


def render(view: dict[str, Any], labels: dict[str, Any], *, title: str) -> str:
    """The board (cards, links, groups, heat) with a legend, as an SVG document."""
    w, h = geometry.WIDTH, geometry.HEIGHT
    cw, ch = geometry.CARD_W, geometry.CARD_H
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<svg xmlns="http://www.w3.org/2000/svg" width="277mm" '
        f'height="{277 * (h + LEGEND_H) / w:.0f}mm" viewBox="0 0 {w} {h + LEGEND_H}" '
        'font-family="DejaVu Sans, Arial, sans-serif" '
        f'role="img" aria-label={quoteattr(title)}>',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" '
        'markerHeight="5" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#1d4ed8"/>'
        "</marker></defs>",
        f'<rect width="{w}" height="{h + LEGEND_H}" fill="#ffffff"/>',
    ]
    for sector, (x0, y0, x1, y1) in geometry.AREAS.items():
        fill, ink = SECTOR_COLOURS[sector]
        out.append(_rect(x0, y0, x1 - x0, y1 - y0, fill=fill, stroke="#c7cbd1"))
        lx, ly = geometry.LABELS[sector]
        out.append(
            _text(lx, ly, labels["sectors"][sector], font_size=34, font_weight=700, fill=ink)
        )
    cx, cy, r = geometry.CENTRE_X, geometry.CENTRE_Y, geometry.CENTRE_R
    out.append(
        f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="#fff7ed" stroke="#9a3412" stroke-width="4"/>'
    )
    for n, line in enumerate(_lines(labels["centre"], 14)):
        out.append(
            _text(
                cx,
                cy - 6 + 30 * n,
                line,
                font_size=26,
                font_weight=700,
                text_anchor="middle",
                fill="#431407",
            )
        )
    cards = {card["id"]: card for card in view["cards"]}
    # Groups: a dashed frame around the cards of each, named above it.
    for group in geometry.GROUPS:
        members = [c for c in cards.values() if c["group"] == group]
        if not members:
            continue
        gx0 = min(c["x"] for c in members) - 14
        gy0 = min(c["y"] for c in members) - 40
        gx1 = max(c["x"] for c in members) + cw + 14
        gy1 = max(c["y"] for c in members) + ch + 14
        out.append(
            _rect(
                gx0,
                gy0,
                gx1 - gx0,
                gy1 - gy0,
                rx=16,
                fill="none",
                stroke="#374151",
                stroke_width=3,
                stroke_dasharray="10 6",
            )
        )
        out.append(
            _text(
                gx0 + 12,
                gy0 + 26,
                labels["groups"][group],
                font_size=20,
                font_weight=700,
                fill="#1f2937",
            )
        )
    for link in view["links"]:
        a, b = cards.get(link["source_id"]), cards.get(link["target_id"])
        if a is None or b is None:
            continue
        stroke, marker = LINK_STYLES.get(link["kind"], LINK_STYLES["works_with"])
        x1, y1, x2, y2 = a["x"] + cw / 2, a["y"] + ch / 2, b["x"] + cw / 2, b["y"] + ch / 2
        if marker:  # stop the arrow at the target card's edge
            dx, dy = x2 - x1, y2 - y1
            scale = max(abs(dx) / (cw / 2 + 6), abs(dy) / (ch / 2 + 6), 1)
            x2, y2 = x2 - dx / scale, y2 - dy / scale
        out.append(f'<line x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" {stroke}{marker}/>')
    most = max([card["met_by"] for card in cards.values()] + [0])
    for card in cards.values():
        fill = HEAT_FILLS[heat_step(card["met_by"], most)]
        ink = SECTOR_COLOURS.get(card["sector"], ("", "#374151"))[1]
        x, y = card["x"], card["y"]
        out.append(f"<g><title>{escape(card['title'])}</title>")
        # Words of one's own look different from the catalogue's roles: a dashed frame for a
        # person named in free text, yellow paper for a note.
        kind = card.get("kind", "role")
        if kind == "note":
            out.append(_rect(x, y, cw, ch, rx=2, fill="#fef08a", stroke="#854d0e", stroke_width=2))
        elif kind == "text":
            out.append(
                _rect(
                    x,
                    y,
                    cw,
                    ch,
                    rx=8,
                    fill=fill,
                    stroke=ink,
                    stroke_width=3,
                    stroke_dasharray="8 5",
                )
            )
        else:
            out.append(_rect(x, y, cw, ch, rx=8, fill=fill, stroke=ink, stroke_width=3))
        lines = _lines(card["title"])
        for n, line in enumerate(lines):
            top = y + (26 if len(lines) == 2 else 38) + 24 * n
            out.append(_text(x + 10, top, line, font_size=22, fill="#111827"))
        if card["met_by"]:
            out.append(f'<circle cx="{x + cw - 4}" cy="{y + 4}" r="19" fill="#7c2d12"/>')
            out.append(
                _text(
                    x + cw - 4,
                    y + 11,
                    str(card["met_by"]),
                    font_size=20,
                    font_weight=700,
                    text_anchor="middle",
                    fill="#ffffff",
                )
            )
        out.append("</g>")
    # The legend: the kinds of link, and what the numbers on the cards mean.
    ly = h + 50
    lx = 20
    for kind, (stroke, marker) in LINK_STYLES.items():
        out.append(f'<line x1="{lx}" y1="{ly - 8}" x2="{lx + 70}" y2="{ly - 8}" {stroke}{marker}/>')
        out.append(_text(lx + 84, ly, labels["links"][kind], font_size=24, fill="#111827"))
        lx += 110 + 13 * len(labels["links"][kind])
    met = view["aggregates"]
    if met["answers"]:
        out.append(
            _text(lx + 20, ly, "● " + labels["met_by"] % {"n": "N"}, font_size=24, fill="#7c2d12")
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"
