"""Renderers that fail in the three ways a worker process can: they are imported by name in the
export workers (tests/services/test_exports.py), so they live in a module that imports nothing."""

from __future__ import annotations

import os
import time
from typing import Any


def raises(_report: Any) -> dict[str, bytes]:
    raise ValueError("a renderer with a bug")


def dies(_report: Any) -> dict[str, bytes]:
    os._exit(3)  # as when the kernel kills a worker that ran out of memory


def hangs(_report: Any) -> dict[str, bytes]:
    time.sleep(600)
    return {}


def slow(_report: Any) -> dict[str, bytes]:
    time.sleep(1.5)
    return {"slow.txt": b"done"}
