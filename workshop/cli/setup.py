"""`workshop setup`: front-end packages, translations and (for tests) the browser."""

from __future__ import annotations

import click

from .. import ROOT
from .base import main


@main.command("setup")
@click.option("--browser", is_flag=True, help="Also install Debian's chromium for browser tests.")
def setup(browser: bool) -> None:
    """Fetch front-end packages from npm into static/vendor and compile the translations."""
    from ..setup_steps import check_cairo, compile_translations, install_chromium, vendor_packages

    vendor_packages(ROOT)
    compile_translations(ROOT)
    check_cairo()
    if browser:
        install_chromium()
    click.echo("setup done")
