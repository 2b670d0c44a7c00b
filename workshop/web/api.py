"""The JSON API under /api/v1 for facilitators' scripts; bearer tokens, described by OpenAPI.

The document also carries the socket's commands (`x-socket-commands`), derived from the same
declarations and payload classes the socket serves (`services.runner.declared_commands`).
"""

from __future__ import annotations

from typing import Annotated, Any

from flask import Blueprint, abort, g, request
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic.json_schema import models_json_schema

from ..domain import rules
from ..domain.errors import DomainError
from ..extensions import csrf, get_db
from ..i18n import error_body
from ..services import accounts, board, decisions, sync, workshops
from ..services.runner import declared_commands

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # no cookies here: a bearer token cannot be sent by a foreign page


def _whole(value: Any) -> Any:
    # JSON Schema (and so our OpenAPI document) counts 8.0 as an integer, and some clients'
    # encoders send it that way; strict pydantic alone would refuse it.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


WholeNumber = Annotated[int, BeforeValidator(_whole)]


class WorkshopCreate(BaseModel):
    """Body of POST /api/v1/workshops."""

    model_config = ConfigDict(extra="forbid", strict=True)
    title: str = Field(min_length=1, max_length=rules.WORKSHOP_TITLE_MAX)
    theme: str = Field(default="", max_length=rules.THEME_MAX)
    language: str = Field(default="sv", pattern="^(sv|en)$")
    dot_budget: WholeNumber = Field(default=5, ge=rules.BUDGET_MIN, le=rules.BUDGET_MAX)
    max_per_topic: WholeNumber = Field(default=3, ge=1, le=rules.BUDGET_MAX)


def _fail(code: str, status: int, **params: Any) -> tuple[dict[str, Any], int]:
    return error_body(DomainError(code, **params)), status


@bp.before_request
def authenticate() -> Any:
    """Every route but the OpenAPI document needs `Authorization: Bearer <token>`."""
    if request.endpoint == "api.openapi":
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    user_id = None
    if scheme.lower() == "bearer" and token.strip():
        user_id = accounts.user_for_api_token(get_db(), token.strip())
    if user_id is None:
        body, _ = _fail("forbidden", 401)
        return body, 401, {"WWW-Authenticate": "Bearer"}
    g.api_user_id = user_id
    return None


def _owned(workshop_id: int) -> dict[str, Any]:
    workshop = workshops.get_workshop(get_db(), workshop_id)
    if workshop is None or workshop["owner_id"] != g.api_user_id:
        abort(404)
    return workshop


@bp.get("/workshops")
def list_workshops() -> Any:
    """The caller's workshops."""
    return {"ok": True, "workshops": workshops.list_workshops(get_db(), g.api_user_id)}


@bp.post("/workshops")
def create_workshop() -> Any:
    """Create a workshop."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return _fail("bad_request", 400)
    try:
        body = WorkshopCreate.model_validate(data)
    except ValidationError:
        return _fail("bad_request", 400)
    try:
        workshop = workshops.create_workshop(get_db(), g.api_user_id, body.model_dump())
    except DomainError as error:
        return error_body(error), 400
    return {"ok": True, "workshop": workshop}, 201


@bp.get("/workshops/<int:workshop_id>")
def workshop_state(workshop_id: int) -> Any:
    """The room state snapshot, as the console holds it (hidden topics included)."""
    _owned(workshop_id)
    return {"ok": True, "state": sync.snapshot(get_db(), workshop_id, include_hidden=True)}


@bp.get("/workshops/<int:workshop_id>/topics")
def topics(workshop_id: int) -> Any:
    """Visible topics with their dots in the latest round, ranked (ties share a rank)."""
    _owned(workshop_id)
    return {"ok": True, "topics": sync.topics_with_totals(get_db(), workshop_id)}


@bp.get("/workshops/<int:workshop_id>/rounds")
def rounds(workshop_id: int) -> Any:
    """Every voting round in order, each closed one with the ranking announced at its close."""
    _owned(workshop_id)
    return {"ok": True, "rounds": sync.rounds_with_results(get_db(), workshop_id)}


@bp.get("/workshops/<int:workshop_id>/board")
def board_state(workshop_id: int) -> Any:
    """The board: cards with their roles spelled out, links, the families' aggregates."""
    workshop = _owned(workshop_id)
    lang = request.args.get("lang", workshop["language"])
    # Strict like every payload: an unknown parameter is refused, not ignored.
    if lang not in rules.LANGUAGES or set(request.args) - {"lang"}:
        return _fail("bad_request", 400, field="lang")
    return {"ok": True, "board": board.board_view(get_db(), workshop_id, lang)}


@bp.get("/workshops/<int:workshop_id>/actions")
def actions(workshop_id: int) -> Any:
    """Deliver: the action cards and the decisions, who spelled out in `?lang=sv|en`."""
    workshop = _owned(workshop_id)
    lang = request.args.get("lang", workshop["language"])
    if lang not in rules.LANGUAGES or set(request.args) - {"lang"}:
        return _fail("bad_request", 400, field="lang")
    return {"ok": True, **decisions.actions_view(get_db(), workshop_id, lang)}


@bp.get("/openapi.json")
def openapi() -> Any:
    """The OpenAPI 3.1 document of this API."""
    return OPENAPI


_ERROR = {
    "type": "object",
    "required": ["ok", "error"],
    "properties": {
        "ok": {"const": False},
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        },
    },
}
_WORKSHOP = {
    "type": "object",
    "required": ["id", "title", "theme", "language", "dot_budget", "max_per_topic", "join_code"],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "theme": {"type": "string"},
        "language": {"type": "string", "enum": ["sv", "en"]},
        "dot_budget": {"type": "integer"},
        "max_per_topic": {"type": "integer"},
        "join_code": {"type": "string"},
        "status": {"type": "string", "enum": ["open", "closed"]},
    },
}
_TOPIC = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "description": {"type": "string"},
        "hidden": {"type": "boolean"},
        "created_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"},
        "total": {"type": "integer"},
        "rank": {"type": "integer"},
    },
}


_ROUND = {
    "type": "object",
    "required": ["id", "number", "status", "sealed", "results"],
    "properties": {
        "id": {"type": "integer"},
        "number": {"type": "integer"},
        "purpose": {"type": "string"},
        "budget": {"type": "integer"},
        "max_per_topic": {"type": "integer"},
        "status": {"type": "string", "enum": ["open", "closed"]},
        "sealed": {"type": "boolean"},
        "scope": {"type": "string", "enum": ["topics", "themes"]},
        "results": {
            "type": ["array", "null"],
            "items": {
                "type": "object",
                "required": ["rank", "topic_id", "total", "title"],
                "properties": {
                    "rank": {"type": "integer"},
                    # null on a round on themes (`scope`), whose lines name a `theme_id`.
                    "topic_id": {"type": ["integer", "null"]},
                    "theme_id": {"type": "integer"},
                    "total": {"type": "integer"},
                    "title": {"type": ["string", "null"]},
                },
            },
        },
    },
}


_SPREAD = {
    "type": "object",
    "required": ["median", "low", "high"],
    "properties": {
        "median": {"type": "number"},
        "low": {"type": "integer"},
        "high": {"type": "integer"},
    },
}
_BOARD = {
    "type": "object",
    "required": ["locked", "cards", "links", "aggregates"],
    "properties": {
        "locked": {"type": "boolean"},
        "cards": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "id",
                    "role_id",
                    "kind",
                    "text",
                    "x",
                    "y",
                    "group",
                    "version",
                    "title",
                    "met_by",
                ],
                "properties": {
                    "id": {"type": "integer"},
                    "role_id": {"type": "string", "description": "empty on a card of words"},
                    "kind": {"type": "string", "enum": ["role", "text", "note"]},
                    "text": {"type": "string", "description": "the words of a text card or note"},
                    "x": {"type": "integer"},
                    "y": {"type": "integer"},
                    "group": {"type": "string"},
                    "version": {"type": "integer"},
                    "title": {"type": "string"},
                    "sector": {"type": "string"},
                    "organisation": {"type": "string"},
                    "met_by": {"type": "integer", "description": "answers that met this role"},
                },
            },
        },
        "links": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "source_id", "target_id", "kind"],
                "properties": {
                    "id": {"type": "integer"},
                    "source_id": {"type": "integer"},
                    "target_id": {"type": "integer"},
                    "kind": {
                        "type": "string",
                        "enum": ["works_with", "refers_to", "double_work", "between_chairs"],
                    },
                },
            },
        },
        "aggregates": {
            "type": "object",
            "description": "What participants answered, as aggregates only (never who)",
            "required": ["answers", "heat", "titles", "organisations", "retold"],
            "properties": {
                "answers": {"type": "integer"},
                "heat": {"type": "object", "additionalProperties": {"type": "integer"}},
                "titles": _SPREAD,
                "organisations": _SPREAD,
                "organisations_total": {"type": "integer"},
                "retold": _SPREAD,
                "retold_total": {
                    "type": "integer",
                    "description": "how many times, in all the answers together, a story was "
                    "told again",
                },
            },
        },
    },
}


_TEXT = {"type": "string"}
_ISO_DATE = {"type": "string", "description": "YYYY-MM-DD, or empty when not set"}
_ACTION = {
    "type": "object",
    "required": ["id", "what", "role", "organisation", "first_step", "due", "follow_up", "status"],
    "properties": {
        "id": {"type": "integer"},
        "what": _TEXT,
        "role": _TEXT,
        "organisation": _TEXT,
        "first_step": _TEXT,
        "due": _ISO_DATE,
        "follow_up": _ISO_DATE,
        "theme_id": {"type": ["integer", "null"]},
        "status": {"type": "string", "enum": ["planned", "started", "done", "dropped"]},
    },
}
_DECISION = {
    "type": "object",
    "required": ["id", "text", "role", "organisation", "decided_on"],
    "properties": {
        "id": {"type": "integer"},
        "text": _TEXT,
        "role": _TEXT,
        "organisation": _TEXT,
        "decided_on": _ISO_DATE,
        "action_id": {"type": ["integer", "null"]},
    },
}


def _responses(ok_schema: dict[str, Any], ok_status: str = "200") -> dict[str, Any]:
    error = {"description": "error", "content": {"application/json": {"schema": _ERROR}}}
    return {
        ok_status: {
            "description": "success",
            "content": {"application/json": {"schema": ok_schema}},
        },
        "400": error,
        "401": error,
        "404": error,
    }


def _ok(**properties: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["ok", *properties],
        "properties": {"ok": {"const": True}, **properties},
    }


_WORKSHOP_ID = [
    {
        "name": "workshop_id",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1, "maximum": rules.ID_MAX},
    }
]


def _socket_commands() -> tuple[dict[str, Any], dict[str, Any]]:
    """The socket's commands as their services declare them: each payload class's JSON schema
    (the very class the socket validates with), and by event name who may send it, the quota it
    counts against and the schema of its payload. Nothing here is written by hand."""
    declared = declared_commands()
    models = sorted({command.payload for command in declared.values()}, key=lambda m: m.__name__)
    refs, top = models_json_schema(
        [(model, "validation") for model in models], ref_template="#/components/schemas/{model}"
    )
    commands = {
        wire: {
            "summary": " ".join((command.service.__doc__ or "").split("\n\n")[0].split()),
            "roles": sorted(command.roles),
            "quota": command.category,
            "payload": refs[(command.payload, "validation")],
        }
        for wire, command in declared.items()
    }
    return top.get("$defs", {}), commands


_COMMAND_SCHEMAS, _SOCKET_COMMANDS = _socket_commands()

OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "Workshop API",
        "version": "1",
        "description": "Facilitators' API. Send `Authorization: Bearer <token>`; make a token "
        "with `workshop facilitator token EMAIL`.",
    },
    "servers": [{"url": "/api/v1"}],
    "security": [{"bearer": []}],
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Error": _ERROR,
            "Workshop": _WORKSHOP,
            "Topic": _TOPIC,
            "Round": _ROUND,
            "Board": _BOARD,
            "Action": _ACTION,
            "Decision": _DECISION,
            "WorkshopCreate": WorkshopCreate.model_json_schema(),
            **_COMMAND_SCHEMAS,
        },
    },
    # Not HTTP: the Socket.IO events a console or phone sends (docs/protocol.md), each answered
    # with an ack `{ok: true, ...}` or `{ok: false, error: {code, message}}`.
    "x-socket-commands": _SOCKET_COMMANDS,
    "paths": {
        "/workshops": {
            "get": {
                "operationId": "listWorkshops",
                "summary": "The caller's workshops",
                "responses": _responses(_ok(workshops={"type": "array", "items": _WORKSHOP})),
            },
            "post": {
                "operationId": "createWorkshop",
                "summary": "Create a workshop",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": WorkshopCreate.model_json_schema()}},
                },
                "responses": _responses(_ok(workshop=_WORKSHOP), "201"),
            },
        },
        "/workshops/{workshop_id}": {
            "get": {
                "operationId": "getWorkshopState",
                "summary": "A workshop's state snapshot",
                "parameters": _WORKSHOP_ID,
                "responses": _responses(_ok(state={"type": "object"})),
            }
        },
        "/workshops/{workshop_id}/board": {
            "get": {
                "operationId": "getBoard",
                "summary": "The board: cards, links and the families' aggregates",
                "parameters": [
                    *_WORKSHOP_ID,
                    {
                        "name": "lang",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "enum": ["sv", "en"]},
                    },
                ],
                "responses": _responses(_ok(board=_BOARD)),
            }
        },
        "/workshops/{workshop_id}/actions": {
            "get": {
                "operationId": "listActions",
                "summary": "Deliver: the action cards and the decisions",
                "parameters": [
                    *_WORKSHOP_ID,
                    {
                        "name": "lang",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "enum": ["sv", "en"]},
                    },
                ],
                "responses": _responses(
                    _ok(
                        actions={"type": "array", "items": _ACTION},
                        decisions={"type": "array", "items": _DECISION},
                    )
                ),
            }
        },
        "/workshops/{workshop_id}/topics": {
            "get": {
                "operationId": "listTopics",
                "summary": "Topics with vote totals, ranked",
                "parameters": _WORKSHOP_ID,
                "responses": _responses(_ok(topics={"type": "array", "items": _TOPIC})),
            }
        },
        "/workshops/{workshop_id}/rounds": {
            "get": {
                "operationId": "listRounds",
                "summary": "Every voting round with its announced ranking",
                "parameters": _WORKSHOP_ID,
                "responses": _responses(_ok(rounds={"type": "array", "items": _ROUND})),
            }
        },
    },
}
