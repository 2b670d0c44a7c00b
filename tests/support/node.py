"""Run one of the node scripts in tests/support/ with a JSON request on stdin, JSON back."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE = shutil.which("node")
# On a developer's machine without node the browser halves are skipped with the reason; in CI
# (`CI` set, as .ci/run does) they run, and a missing node fails them instead of passing quietly.
IN_CI = bool(os.environ.get("CI"))
needs_node = pytest.mark.skipif(
    NODE is None and not IN_CI, reason="node is not installed (npm needs it too)"
)


def run_node(script: str, request: dict[str, Any]) -> Any:
    """`node tests/support/<script>` from the project root (so node_modules resolves)."""
    return _node([str(ROOT / "tests" / "support" / script)], json.dumps(request))


def run_node_module(source: str) -> Any:
    """An ES module given as text, run from the project root; its stdout read as JSON."""
    return _node(["--input-type=module", "-e", source], "")


def _node(arguments: list[str], stdin: str) -> Any:
    done = subprocess.run(
        [NODE or "node", *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
