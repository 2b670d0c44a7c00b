"""The front end's own unit tests (tests/js/*.test.mjs, node's built-in `node:test`) run in the
suite: the store's ordering, gaps and buffering, the board's move reconciliation, the
participant's `me`, the wall's choice of view, the modules' imports and that no browser function
is longer than 60 lines. Without node they are skipped on a developer's machine and fail in CI
(see tests/support/node.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.support.node import NODE, ROOT, needs_node

JS_TESTS = sorted((ROOT / "tests" / "js").glob("*.test.mjs"))


def test_there_are_js_tests_to_run() -> None:
    # A renamed folder or suffix would otherwise leave the parametrised test below empty.
    assert len(JS_TESTS) >= 6


@needs_node
@pytest.mark.parametrize("path", JS_TESTS, ids=lambda path: Path(path).name)
def test_the_js_unit_tests_pass(path: Path) -> None:
    done = subprocess.run(
        [NODE or "node", "--test", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
