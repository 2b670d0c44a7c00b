"""SVG pictures as PNG (CairoSVG, on libcairo2): the board and the vote charts.

Word shows SVG only from Office 2016 on and LibreOffice not in every version, so the Word report
embeds PNG; the console offers the board as PNG for anyone who cannot open SVG. Only SVG text
goes in, so this stays within the exporters' rule of seeing the report model alone. Our SVG
references nothing outside itself, and CairoSVG runs in its safe mode (no external files, no XML
entities); fonts come from the system (DejaVu Sans).
"""

from __future__ import annotations

from functools import lru_cache

# Beyond this a PNG is tens of megabytes and takes seconds: more than any A4 page or wall needs.
MAX_WIDTH_PX = 6000


@lru_cache(maxsize=64)
def svg_to_png(svg_text: str, width_px: int) -> bytes:
    """An SVG document as a PNG `width_px` wide, on white (the height follows the aspect)."""
    import cairosvg

    if not 16 <= width_px <= MAX_WIDTH_PX:
        raise ValueError(f"width_px must be between 16 and {MAX_WIDTH_PX}")
    return cairosvg.svg2png(
        bytestring=svg_text.encode("utf-8"),
        output_width=width_px,
        background_color="white",
        unsafe=False,
    )


def board_png(svg_text: str, width_px: int) -> bytes:
    """The board's picture as PNG (the name the board's download uses)."""
    return svg_to_png(svg_text, width_px)
