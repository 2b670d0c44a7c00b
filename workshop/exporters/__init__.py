"""Report renderers: each turns the plain report model (model.py) into files of one format.

Built-in renderers are registered through the same entry-point group as anyone else's
(`workshop.exporters` in pyproject.toml), so a municipality can add its own template as a
package. A renderer sees only the report model: never the database, Flask or a request (an
import-linter contract keeps it so).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import entry_points
from typing import Any

from .model import Report

Renderer = Callable[[Report], dict[str, bytes]]
GROUP = "workshop.exporters"
# What a renderer can draw of a report: its documents (the combined report, one per phase, the
# feedback sheets), its data, or its pictures.
PARTS = ("documents", "data", "pictures")


def describes(*, content_types: dict[str, str], draws: str) -> Callable[[Any], Any]:
    """Declares what a renderer writes: the content type of each file ending it makes, and
    which part of the report it draws. The console's downloads are read from this, so a
    renderer installed by a municipality is offered like the built-in ones."""
    if draws not in PARTS:
        raise ValueError(f"a renderer draws one of {PARTS}, not {draws!r}")

    def mark(render: Any) -> Any:
        render.content_types = dict(content_types)
        render.draws = draws
        return render

    return mark


def renderers() -> dict[str, Renderer]:
    """Every installed renderer by format name (md, html, docx, pdf, csv, json, svg, ...)."""
    return {point.name: point.load() for point in entry_points(group=GROUP)}


# Installed renderers do not change while the server runs: read their declarations once.
@lru_cache(maxsize=1)
def content_types() -> dict[str, str]:
    """Each file ending the installed renderers make, with its content type."""
    out: dict[str, str] = {}
    for render in renderers().values():
        out.update(getattr(render, "content_types", {}))
    return out


@lru_cache(maxsize=len(PARTS))
def formats_drawing(part: str) -> tuple[str, ...]:
    """The formats whose renderer draws `part` (e.g. the documents: md, html, docx, pdf)."""
    return tuple(
        sorted(name for name, render in renderers().items() if getattr(render, "draws", "") == part)
    )
