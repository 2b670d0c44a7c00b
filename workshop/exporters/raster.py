"""The board picture as PNG: the server-side SVG rasterised with CairoSVG (libcairo2).

Shared by the console's PNG download and the report renderers, which embed the picture where a
format cannot take SVG. Only the SVG text goes in, so it stays within the exporters' rule of
seeing the report model alone; the SVG loads nothing from anywhere, and CairoSVG is told not to
fetch anything either (its safe mode).
"""

from __future__ import annotations

import cairosvg

# Beyond this a PNG is tens of megabytes and takes seconds: more than any A4 page or wall needs.
MAX_WIDTH_PX = 6000


def board_png(svg_text: str, width_px: int) -> bytes:
    """The SVG drawn as a PNG `width_px` wide (the height follows the SVG's own proportions)."""
    if not 16 <= width_px <= MAX_WIDTH_PX:
        raise ValueError(f"width_px must be between 16 and {MAX_WIDTH_PX}")
    return cairosvg.svg2png(
        bytestring=svg_text.encode("utf-8"),
        output_width=width_px,
        # CairoSVG's safe mode: no external files, no XML entities (the SVG never needs them).
        unsafe=False,
    )
