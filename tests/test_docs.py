"""docs/protocol.md lists every event, event type, error code and route the server has."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

from workshop.domain.errors import ERROR_CODES
from workshop.domain.events import EVENT_TYPES
from workshop.domain.messages import MESSAGES
from workshop.extensions import socketio

ROOT = Path(__file__).resolve().parents[1]
PROTOCOL = (ROOT / "docs" / "protocol.md").read_text()


def documented(name: str) -> bool:
    return f"`{name}`" in PROTOCOL


def test_every_socket_event_is_documented(app: Any) -> None:
    events = set(socketio.server.handlers["/"]) - {"connect", "disconnect"}
    assert events and not [e for e in sorted(events) if not documented(e)]


def test_every_event_type_and_error_code_is_documented() -> None:
    missing = [name for name in [*EVENT_TYPES, *ERROR_CODES] if not documented(name)]
    assert missing == []


def test_every_route_is_documented(app: Any) -> None:
    missing = []
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"<\1>", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if f"`{method} {path}" not in PROTOCOL:
                missing.append(f"{method} {path}")
    assert missing == []


def test_server_messages_are_documented() -> None:
    source = (ROOT / "workshop" / "realtime" / "broadcast.py").read_text()
    emitted = set(re.findall(r'socketio\.emit\(\s*"([a-z.]+)"', source)) | set(MESSAGES)
    assert emitted >= {"events", "me", "head", "session.ended"}
    assert [m for m in sorted(emitted) if not documented(m)] == []


def test_the_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    blocks = re.findall(r"```sh\n(.+?)\n```", readme, flags=re.S)
    assert len(blocks) >= 2
    assert blocks[1].strip() in ci
    assert "python -m pytest" in blocks[1]
    assert subprocess.run(["bash", "-n", str(ROOT / ".ci" / "run")], check=False).returncode == 0
