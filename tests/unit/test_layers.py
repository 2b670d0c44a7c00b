"""The layer rules of DESIGN.md as import-linter contracts (pyproject.toml): they hold on the code,
and each one fails on a copy of the package with one forbidden import put in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = str(Path(sys.executable).with_name("lint-imports"))


def lint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run(
        [LINT, "--config", str(cwd / "pyproject.toml"), "--no-cache", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_layer_rules_hold() -> None:
    done = lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    print(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("contract", "module", "forbidden"),
    [
        ("domain", "domain/topics.py", "import sqlalchemy"),
        ("domain", "domain/voting.py", "from ..store import models"),
        ("store", "store/models.py", "from ..services import runner"),
        ("services", "services/topics.py", "from ..realtime import broadcast"),
        ("adapters", "web/pages.py", "from ..realtime import broadcast"),
        ("adapters", "realtime/handlers.py", "from ..web import common"),
    ],
)
def test_each_contract_fails_on_a_forbidden_import(
    tmp_path: Path, contract: str, module: str, forbidden: str
) -> None:
    shutil.copytree(
        ROOT / "workshop", tmp_path / "workshop", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "workshop" / module
    target.write_text(target.read_text() + f"\n{forbidden}  # noqa\n")
    done = lint(tmp_path, "--contract", contract)
    assert done.returncode != 0, f"{contract} did not catch `{forbidden}` in {module}"
    assert "BROKEN" in done.stdout
