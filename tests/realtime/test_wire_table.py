"""The wire protocol, frozen: every Socket.IO event the server accepts, with who may send it,
its quota category, the service it calls and its payload's JSON schema, compared with
`wire_table.json`.

Declaring the commands on the service decorator (issue 22) was to change no byte on the wire;
this table was written from the hand-kept `expose(...)` list before that move. Changing the
wire on purpose: run `python -m tests.realtime.test_wire_table` and let the diff of the JSON
file show the change in review.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from workshop.extensions import socketio
from workshop.realtime import handlers  # noqa: F401  (registers every event into COMMANDS)
from workshop.realtime.commands import COMMANDS

TABLE = Path(__file__).with_name("wire_table.json")


def _service(fn: Callable[..., Any], depth: int = 0) -> str | None:
    """The service command a handler ends in (a function with declared roles), found through
    the closures the adapter wraps it in; None for the special events handled in realtime."""
    if hasattr(fn, "roles") and fn.__module__.startswith("workshop.services"):
        return f"{fn.__module__}.{fn.__qualname__}"
    if depth > 4:
        return None
    wrapped = getattr(fn, "__wrapped__", None)
    if wrapped is not None:
        return _service(wrapped, depth + 1)
    for cell in getattr(fn, "__closure__", None) or ():
        value = cell.cell_contents
        candidates = [value, getattr(value, "service", None)]
        for candidate in candidates:
            if callable(candidate) and not isinstance(candidate, type):
                found = _service(candidate, depth + 1)
                if found is not None:
                    return found
    return None


def wire_table() -> dict[str, Any]:
    """name -> roles, category, service, payload rules and schema, for every exposed event."""
    # Registered before any app binds Socket.IO: kept on the extension until `init_app`.
    handlers_ = {name: fn for name, fn, namespace in socketio.handlers if namespace == "/"}
    table = {}
    for name, spec in sorted(COMMANDS.items()):
        config = spec.payload.model_config
        table[name] = {
            "roles": sorted(spec.roles),
            "category": spec.category,
            "service": _service(handlers_[name]),
            "strict": config.get("strict"),
            "extra": config.get("extra"),
            "schema": spec.payload.model_json_schema(),
        }
    return table


def test_the_wire_is_what_it_was() -> None:
    expected = json.loads(TABLE.read_text())
    actual = wire_table()
    assert sorted(actual) == sorted(expected), "events added or gone"
    changed = [name for name in sorted(expected) if actual[name] != expected[name]]
    assert changed == [], f"these events changed on the wire: {changed}"


def test_every_registered_event_is_in_the_table() -> None:
    registered = {name for name, _fn, _ns in socketio.handlers} - {"connect", "disconnect"}
    assert registered == set(json.loads(TABLE.read_text()))


def test_the_table_names_a_service_for_every_command() -> None:
    """The closure walk above finds something: only the events handled in realtime have none."""
    without = {name for name, row in wire_table().items() if row["service"] is None}
    assert without == {"sync", "clock", "board.drag", "team.here", "team.history"}


if __name__ == "__main__":
    TABLE.write_text(json.dumps(wire_table(), indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    print(f"wrote {TABLE}")
