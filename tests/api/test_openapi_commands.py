"""The OpenAPI document's socket commands are derived from the declarations the socket serves:
the same names, roles, quotas and payload classes (issue 22), and every schema in it resolves."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from workshop.realtime import handlers  # noqa: F401  (registers every event into COMMANDS)
from workshop.realtime.commands import COMMANDS
from workshop.services.runner import declared_commands
from workshop.web.api import OPENAPI

# The socket's own events, handled in realtime/handlers.py: not commands of a service.
SPECIAL = {"sync", "clock", "board.drag", "team.here", "team.history"}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return OPENAPI


def test_the_api_serves_this_document(client: Any) -> None:
    served = client.get("/api/v1/openapi.json").get_json()
    assert served["x-socket-commands"] == OPENAPI["x-socket-commands"]
    assert served["components"] == OPENAPI["components"]


def _validator(document: dict[str, Any], schema: dict[str, Any]) -> Draft202012Validator:
    # The document's references point into its own components: carried along, they resolve.
    return Draft202012Validator({**schema, "components": document["components"]})


def test_the_document_lists_every_socket_command_as_served(document: dict[str, Any]) -> None:
    listed = document["x-socket-commands"]
    assert set(listed) == set(COMMANDS) - SPECIAL
    for name, entry in listed.items():
        spec = COMMANDS[name]
        assert (entry["roles"], entry["quota"]) == (sorted(spec.roles), spec.category), name
        ref = entry["payload"]["$ref"]
        assert ref == f"#/components/schemas/{spec.payload.__name__}", name
        assert entry["summary"], f"{name}: its service has no docstring"


def test_command_schemas_leave_the_api_s_own_schemas_alone(document: dict[str, Any]) -> None:
    own = {"Error", "Workshop", "Topic", "Round", "Board", "Action", "Decision", "WorkshopCreate"}
    payloads = {command.payload.__name__ for command in declared_commands().values()}
    assert not own & payloads, "a payload class named like one of the API's schemas"
    assert own <= set(document["components"]["schemas"])


def test_every_reference_resolves_and_every_schema_is_valid(document: dict[str, Any]) -> None:
    refs: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("$ref"), str):
                refs.append(value["$ref"])
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(document)
    schemas = document["components"]["schemas"]
    assert refs
    unresolved = [ref for ref in refs if ref.removeprefix("#/components/schemas/") not in schemas]
    assert unresolved == []
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"op_id": "a"},
        {"op_id": ""},
        {"op_id": "a", "surprise": 1},
        {"op_id": "a", "topic_id": 3},
        {"op_id": "a", "topic_id": "3"},
        {"op_id": "a", "title": "T"},
        {"op_id": "a", "card_id": 1, "version": 0, "x": 1, "y": 2},
    ],
)
def test_the_document_accepts_what_the_socket_accepts(
    document: dict[str, Any], body: dict[str, Any]
) -> None:
    """The same body, through the document's schema and through the payload class."""
    disagree = []
    for name, entry in document["x-socket-commands"].items():
        by_document = _validator(document, entry["payload"]).is_valid(body)
        try:
            COMMANDS[name].payload.model_validate(body)
            by_socket = True
        except ValidationError:
            by_socket = False
        if by_document != by_socket:
            disagree.append(name)
    assert disagree == []
