"""Bar charts of each round's result as SVG, drawn from the report model alone."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .model import Report, RoundReport

WIDTH, ROW, LABEL, TOP = 760, 28, 300, 44


def _clip(text: str, limit: int = 42) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chart_key(round_: RoundReport, key: str) -> str:
    """A chart label's key: rounds on themes count dots per theme, not per topic."""
    return f"{key}_themes" if round_.scope == "themes" else key


def round_chart(report: Report, round_: RoundReport) -> str:
    """One round's ranking as horizontal bars, readable on A4 (black on white, 13 px text)."""
    lines, _rest = report.top(round_)
    height = TOP + ROW * max(1, len(lines)) + 16
    most = max([line.total for line in lines] + [1])
    span = WIDTH - LABEL - 60
    title = report.label(chart_key(round_, "chart_title"), n=round_.number)
    label = quoteattr(title)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label={label} '
        'font-family="DejaVu Sans, Arial, sans-serif" font-size="13">',
        f"<title>{escape(title)}</title>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<text x="0" y="22" font-size="16" font-weight="bold" fill="#111">{escape(title)}</text>',
    ]
    for index, line in enumerate(lines):
        y = TOP + index * ROW
        bar = round(span * line.total / most) if line.total else 0
        label = f"{line.rank}. {_clip(line.title)}"
        out += [
            f'<text x="0" y="{y + 17}" fill="#111">{escape(label)}</text>',
            f'<rect x="{LABEL}" y="{y + 4}" width="{span}" height="18" fill="#e5e7eb"/>',
            f'<rect x="{LABEL}" y="{y + 4}" width="{bar}" height="18" fill="#1d4ed8"/>',
            f'<text x="{LABEL + span + 8}" y="{y + 17}" fill="#111">{line.total}</text>',
        ]
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


def svg_files(report: Report) -> dict[str, bytes]:
    """One chart per closed round (round-1.svg, ...) and the board (board.svg)."""
    return {f"{name}.svg": svg.encode() for name, svg in pictures(report).items()}


# Sharp in print at the width Word gives them (16 cm: about 190 dpi; the board 23 cm, 260 dpi),
# small enough to mail.
PNG_WIDTH = {"board": 2400}
CHART_PNG_WIDTH = 1200


def png_files(report: Report) -> dict[str, bytes]:
    """The same pictures as PNG, for slides and anything that does not open SVG."""
    from .raster import svg_to_png

    return {
        f"{name}.png": svg_to_png(svg, PNG_WIDTH.get(name, CHART_PNG_WIDTH))
        for name, svg in pictures(report).items()
    }
