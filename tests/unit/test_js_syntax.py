"""Every browser module parses as an ES module: a syntax error would otherwise only show as an
empty screen in the browser tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.support.node import NODE, needs_node

STATIC = Path(__file__).resolve().parents[2] / "static" / "js"
MODULES = sorted(p.relative_to(STATIC).as_posix() for p in STATIC.rglob("*.js"))


@needs_node
@pytest.mark.parametrize(
    "module", sorted(p.relative_to(STATIC).as_posix() for p in STATIC.rglob("*.js"))
)
def test_the_module_parses(module: str) -> None:
    done = subprocess.run(
        [NODE or "node", "--experimental-default-type=module", "--check", str(STATIC / module)],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
