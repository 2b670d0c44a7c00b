"""How wide a text is, and where it breaks into lines, without a font on the machine: DejaVu
Sans' own advance widths (the widest of the fonts a wall, a PDF or a PNG falls back to), so a
line that fits here fits there. The board's picture and the report's charts measure with it.
"""

from __future__ import annotations

_CHARS = (
    "".join(chr(c) for c in range(32, 127))  # printable ASCII
    + "ÅÄÖåäöÉéÜüèàáíóúñçøæØÆ–—…•·’‘“”«»×°§"
)
_REGULAR_WIDTHS = (
    "318 401 460 838 636 950 780 275 390 390 500 838 318 361 318 337 636 636 636 636 "
    "636 636 636 636 636 636 337 337 838 838 838 531 1000 684 686 698 770 632 575 775 "
    "752 295 295 656 557 863 748 787 603 787 695 635 611 732 684 989 685 611 685 390 "
    "337 390 838 500 500 613 635 550 635 615 352 635 634 278 278 579 278 974 634 612 "
    "635 635 411 521 392 634 592 818 592 592 525 636 337 636 838 684 684 787 613 613 "
    "612 632 615 732 634 615 613 613 278 612 634 634 550 612 982 787 974 500 1000 "
    "1000 590 318 318 318 518 518 612 612 838 500 500 "
)
_BOLD_WIDTHS = (
    "348 456 521 838 696 1002 872 306 457 457 523 838 380 415 380 365 696 696 696 696 "
    "696 696 696 696 696 696 400 400 838 838 838 580 1000 774 762 734 830 683 683 821 "
    "837 372 372 775 637 995 837 850 733 850 770 720 682 812 774 1103 771 724 725 457 "
    "365 457 838 500 500 675 716 593 716 678 435 716 712 343 343 665 343 1042 712 687 "
    "716 716 493 595 478 712 652 924 645 652 582 712 365 712 838 774 774 850 675 675 "
    "687 683 678 812 712 678 675 675 343 687 712 712 593 687 1048 850 1085 500 1000 "
    "1000 639 380 380 380 657 657 646 646 838 500 500 "
)
# Advance widths in thousandths of an em, one per letter of _CHARS (DejaVu Sans, Book and Bold).
_REGULAR = dict(zip(_CHARS, map(int, _REGULAR_WIDTHS.split()), strict=True))
_BOLD = dict(zip(_CHARS, map(int, _BOLD_WIDTHS.split()), strict=True))
_EM = 1000


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """How wide `text` is at font size `size` in DejaVu Sans (an unknown letter counts as an em)."""
    widths = _BOLD if bold else _REGULAR
    return sum(widths.get(c, _EM) for c in text) * size / _EM


def wrap(
    text: str, width: float, size: float, *, bold: bool = False, max_lines: int | None = None
) -> tuple[str, ...]:
    """`text` in lines no wider than `width`, breaking between words, after a hyphen or slash in
    a word that is longer than a line, and hyphenating only a word that still does not fit.
    With `max_lines` (notes only) the last line shown ends with an ellipsis."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        joined = f"{line} {word}" if line else word
        if text_width(joined, size, bold=bold) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        pieces = _break_word(word, width, size, bold)
        lines.extend(pieces[:-1])
        line = pieces[-1]
    if line or not lines:
        lines.append(line)
    if max_lines is not None and len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", size, bold=bold) > width:
            last = last[:-1].rstrip()
        lines = [*lines[: max_lines - 1], last + "…"]
    return tuple(lines)


def _break_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    """A word in pieces that fit: after its own hyphens and slashes first, else hyphenated."""
    pieces: list[str] = []
    rest = word
    while text_width(rest, size, bold=bold) > width:
        cut = 0
        for n in range(1, len(rest)):
            if rest[n - 1] in "-/" and text_width(rest[:n], size, bold=bold) <= width:
                cut = n
        if cut:
            pieces.append(rest[:cut])
            rest = rest[cut:]
            continue
        # At least three letters (not counting a closing bracket) on either side, and rather
        # between two consonants ("sjuk-sköterska", "mot-tagning") than anywhere.
        last = len(rest.rstrip(")]}.,;:!?\"'")) - 3
        fits = [
            n
            for n in range(3, last + 1)
            if text_width(rest[:n] + "-", size, bold=bold) <= width and rest[n - 1].isalpha()
        ]
        if not fits:  # not even three letters fit: a line of its own, whatever its width
            break
        between = [n for n in fits if _consonant(rest[n - 1]) and _consonant(rest[n])]
        n = max(between) if between and max(between) >= max(fits) - 6 else max(fits)
        pieces.append(rest[:n] + "-")
        rest = rest[n:]
    pieces.append(rest)
    return pieces


def _consonant(letter: str) -> bool:
    return letter.isalpha() and letter.lower() not in "aeiouyåäöéü"
