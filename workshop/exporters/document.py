"""Printable HTML (self-contained: styles and pictures inside, no script) and PDF made from it:
the combined report, one per phase, and the one-page feedback sheets."""

from __future__ import annotations

import re
from importlib import resources

from jinja2 import Environment
from markupsafe import Markup

from . import describes
from .documents import Document, documents, map_text
from .model import Figure, Report

# Autoescaping on: every word people typed is text in the page, never markup.
_ENVIRONMENT = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
_PAGE = _ENVIRONMENT.from_string((resources.files(__package__) / "report.html").read_text("utf-8"))
_XML_DECLARATION = re.compile(r"^<\?xml[^>]*>\s*")
# A word longer than this gets a break opportunity every so many letters in the PDF, which is
# laid out with `overflow-wrap: break-word`: with `anywhere` WeasyPrint takes a minute over one
# 3,000-letter word (it sizes tables letter by letter); this way a second.
_LONG_WORD = re.compile(r"\S{40,}")
_ZWSP = "\u200b"


def _breakable(text: str) -> str:
    return _LONG_WORD.sub(
        lambda m: _ZWSP.join(m.group()[i : i + 20] for i in range(0, len(m.group()), 20)), text
    )


def _svg(figure: Figure) -> Markup:
    # Every Figure's SVG is drawn by the exporters (charts.py, board_svg.py) with every text
    # escaped; inside HTML it must not carry its own XML declaration.
    return Markup(_XML_DECLARATION.sub("", figure.svg))  # noqa: S704


def html_text(document: Document, *, pdf: bool = False) -> str:
    """One document as a self-contained, printable HTML page (`pdf`: laid out for WeasyPrint)."""
    return _PAGE.render(
        pdf=pdf,
        d=document,
        r=document.report,
        sheet=document.kind == "feedback",
        kind=lambda block: type(block).__name__,
        svg=_svg,
    )


@describes(content_types={"html": "text/html; charset=utf-8"}, draws="documents")
def html_file(report: Report) -> dict[str, bytes]:
    """report.html, report-<phase>.html, feedback-sv.html, feedback-en.html."""
    return {f"{doc.name}.html": html_text(doc).encode() for doc in documents(report)}


def pdf_bytes(document: Document) -> bytes:
    """One document as PDF, laid out by WeasyPrint from its HTML (A4, page numbers)."""
    from weasyprint import HTML

    return HTML(string=html_text(map_text(document, _breakable), pdf=True)).write_pdf()


@describes(content_types={"pdf": "application/pdf"}, draws="documents")
def pdf_file(report: Report) -> dict[str, bytes]:
    """The same documents as PDF."""
    return {f"{doc.name}.pdf": pdf_bytes(doc) for doc in documents(report)}
