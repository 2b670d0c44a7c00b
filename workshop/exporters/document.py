"""Printable HTML (self-contained: styles and charts inside, no script) and PDF made from it."""

from __future__ import annotations

from importlib import resources

from jinja2 import Environment

from .charts import round_chart
from .model import Report

# Autoescaping on: every word people typed is text in the page, never markup.
_ENVIRONMENT = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
_PAGE = _ENVIRONMENT.from_string((resources.files(__package__) / "report.html").read_text("utf-8"))


def html_text(report: Report) -> str:
    """The report as one self-contained, printable HTML page."""
    from markupsafe import Markup

    # The charts are SVG we drew from the model with every text escaped (charts.py).
    charts = {
        round_.number: Markup(round_chart(report, round_))  # noqa: S704
        for round_ in report.rounds
        if round_.status == "closed"
    }
    return _PAGE.render(r=report, charts=charts)


def html_file(report: Report) -> dict[str, bytes]:
    """report.html."""
    return {"report.html": html_text(report).encode()}


def pdf_file(report: Report) -> dict[str, bytes]:
    """report.pdf, laid out by WeasyPrint from the HTML (A4, page numbers)."""
    from weasyprint import HTML

    return {"report.pdf": HTML(string=html_text(report)).write_pdf()}
