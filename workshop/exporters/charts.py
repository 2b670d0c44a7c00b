"""Bar charts of each round's result as SVG, drawn from the report model alone."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..domain.text_measure import wrap
from . import describes
from .model import Report, RoundReport

WIDTH, LABEL, TOP = 760, 300, 44
FONT, LINE = 13, 16  # px: readable on A4 at the width Word and the PDF give a chart
ROW_PAD = 12
LABEL_LINES = 3  # a title longer than this many lines ends with "…" (the whole one is in the CSVs)


def chart_key(round_: RoundReport, key: str) -> str:
    """A chart label's key: rounds on themes count dots per theme, not per topic."""
    return f"{key}_themes" if round_.scope == "themes" else key


def label_lines(rank: int, title: str) -> tuple[str, ...]:
    """A bar's label in lines that end before the bar starts (it once ran under the bar)."""
    return wrap(f"{rank}. {title}", LABEL - 12, FONT, max_lines=LABEL_LINES)


def round_chart(report: Report, round_: RoundReport) -> str:
    """One round's ranking as horizontal bars, readable on A4 (black on white, 13 px text)."""
    lines, _rest = report.top(round_)
    labels = [label_lines(line.rank, line.title) for line in lines]
    heights = [LINE * len(label) + ROW_PAD for label in labels]
    height = TOP + sum(heights or [LINE + ROW_PAD]) + 16
    most = max([line.total for line in lines] + [1])
    span = WIDTH - LABEL - 60
    title = report.label(chart_key(round_, "chart_title"), n=round_.number)
    label = quoteattr(title)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label={label} '
        f'font-family="DejaVu Sans, Arial, sans-serif" font-size="{FONT}">',
        f"<title>{escape(title)}</title>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<text x="0" y="22" font-size="16" font-weight="bold" fill="#111">{escape(title)}</text>',
    ]
    y = TOP
    for line, text, row in zip(lines, labels, heights, strict=True):
        bar = round(span * line.total / most) if line.total else 0
        middle = y + row / 2
        first = middle - LINE * (len(text) - 1) / 2 + 5
        out += [
            f'<text x="0" y="{first + LINE * n:.1f}" fill="#111">{escape(part)}</text>'
            for n, part in enumerate(text)
        ]
        out += [
            f'<rect x="{LABEL}" y="{middle - 9:.1f}" width="{span}" height="18" fill="#e5e7eb"/>',
            f'<rect x="{LABEL}" y="{middle - 9:.1f}" width="{bar}" height="18" fill="#1d4ed8"/>',
            f'<text x="{LABEL + span + 8}" y="{middle + 5:.1f}" fill="#111">{line.total}</text>',
        ]
        y += row
    out.append("</svg>")
    return "\n".join(out)


def pictures(report: Report) -> dict[str, str]:
    """Every picture of the report as SVG by name: round-1, round-2, ..., and board."""
    out = {
        f"round-{round_.number}": round_chart(report, round_)
        for round_ in report.rounds
        if round_.status == "closed"
    }
    if report.board is not None and report.board.svg is not None:
        out["board"] = report.board.svg
    return out


@describes(content_types={"svg": "image/svg+xml"}, draws="pictures")
def svg_files(report: Report) -> dict[str, bytes]:
    """One chart per closed round (round-1.svg, ...) and the board (board.svg)."""
    return {f"{name}.svg": svg.encode() for name, svg in pictures(report).items()}


# Sharp in print at the width Word gives them (16 cm: about 190 dpi; the board 23 cm, 260 dpi),
# small enough to mail.
PNG_WIDTH = {"board": 2400}
CHART_PNG_WIDTH = 1200


@describes(content_types={"png": "image/png"}, draws="pictures")
def png_files(report: Report) -> dict[str, bytes]:
    """The same pictures as PNG, for slides and anything that does not open SVG."""
    from .raster import svg_to_png

    return {
        f"{name}.png": svg_to_png(svg, PNG_WIDTH.get(name, CHART_PNG_WIDTH))
        for name, svg in pictures(report).items()
    }
