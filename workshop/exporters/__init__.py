"""Report renderers: each turns the plain report model (model.py) into files of one format.

Built-in renderers are registered through the same entry-point group as anyone else's
(`workshop.exporters` in pyproject.toml), so a municipality can add its own template as a
package. A renderer sees only the report model: never the database, Flask or a request (an
import-linter contract keeps it so).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points

from .model import Report

Renderer = Callable[[Report], dict[str, bytes]]
GROUP = "workshop.exporters"


def renderers() -> dict[str, Renderer]:
    """Every installed renderer by format name (md, html, docx, pdf, csv, json, svg, ...)."""
    return {point.name: point.load() for point in entry_points(group=GROUP)}
