"""SVG pictures as PNG (CairoSVG), for Word and for anyone who cannot open SVG.

Word shows SVG only from Office 2016 on and LibreOffice not in every version, so the Word
report embeds PNG. Everything is drawn locally: CairoSVG loads nothing from the network for our
SVG (it has no external references), and fonts come from the system (DejaVu Sans).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=64)
def svg_to_png(svg_text: str, width_px: int) -> bytes:
    """An SVG document as a PNG `width_px` wide, on white (the height follows the aspect)."""
    import cairosvg

    return cairosvg.svg2png(
        bytestring=svg_text.encode(), output_width=width_px, background_color="white"
    )


def board_png(svg_text: str, width_px: int) -> bytes:
    """The board's picture as PNG (the same as svg_to_png; the name the board code uses)."""
    return svg_to_png(svg_text, width_px)
