"""The setup step: npm packages into static/vendor, translations compiled, chromium for tests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import click

# What the pages load, copied out of node_modules (nothing is fetched at run time).
VENDOR_FILES = {
    "socket.io-client": ["dist/socket.io.esm.min.js", "dist/socket.io.esm.min.js.map"],
    "axe-core": ["axe.min.js"],
}


def vendor_packages(root: Path) -> None:
    """`npm ci` from package-lock.json, then copy the files into static/vendor/<name>-<version>/."""
    npm = shutil.which("npm")
    if npm is None:
        raise click.ClickException("npm is needed once for setup (Debian: apt-get install npm)")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=root, check=True)
    vendor = root / "static" / "vendor"
    manifest: dict[str, str] = {}
    for name, files in VENDOR_FILES.items():
        package_dir = root / "node_modules" / name
        version = json.loads((package_dir / "package.json").read_text())["version"]
        target = vendor / f"{name}-{version}"
        target.mkdir(parents=True, exist_ok=True)
        for relative in files:
            source = package_dir / relative
            if source.exists():
                shutil.copy2(source, target / Path(relative).name)
        manifest[name] = f"vendor/{name}-{version}/{Path(files[0]).name}"
    (vendor / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    click.echo(f"vendored: {', '.join(sorted(manifest.values()))}")


def compile_translations(root: Path) -> None:
    """Compile every messages.po into the .mo file Flask-Babel reads."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in (root / "workshop" / "translations").glob("*/LC_MESSAGES/messages.po"):
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        with po_path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        click.echo(f"compiled {po_path.relative_to(root)}")


def _apt_install(packages: list[str], missing: str) -> None:
    """Install Debian packages when running as root with apt-get; otherwise say what is missing."""
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        click.echo(missing)
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([apt, "update", "-qq"], check=True, env=env)
    subprocess.run([apt, "install", "-y", "-qq", *packages], check=True, env=env)


def check_cairo() -> None:
    """libcairo2 for the board's PNG (CairoSVG); Debian ships it with most desktops and with
    WeasyPrint's dependencies, so only a bare system needs it installed."""
    import ctypes.util

    if not ctypes.util.find_library("cairo"):
        _apt_install(["libcairo2"], "libcairo2 is missing: no board PNG until it is installed")


def install_chromium() -> None:
    """Debian's chromium for the browser tests (never a browser downloaded by a test tool)."""
    if not shutil.which("chromium"):
        _apt_install(
            ["chromium", "fonts-dejavu-core"],
            "chromium is missing and cannot be installed here: browser tests will skip",
        )
