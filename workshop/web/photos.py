"""Photos of a session's flip chart over HTTP: the upload from a phone or the console, and the
picture for the screens of the same workshop only.

Uploads do not go over Socket.IO: its frames are kept small on purpose (SOCKET_MAX_MESSAGE_BYTES),
and a browser sends a file over HTTP with its own progress and retry.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, abort, current_app, request, send_file

from .. import notify
from ..domain.actors import Actor
from ..domain.errors import DomainError
from ..i18n import error_body
from ..services import photos
from ..store.db import get_db
from .common import current_user_id
from .pages import _participant, _workshop_for_code

bp = Blueprint("photos", __name__)

# Room for the multipart form around the file (boundary, headers, CSRF token, op_id).
FORM_OVERHEAD = 64 * 1024


def _uploader(workshop: dict[str, Any]) -> Actor | None:
    """A participant of this workshop (the join cookie) or its facilitator (logged in)."""
    participant = _participant(workshop)
    if participant is not None:
        return participant
    user_id = current_user_id()
    if user_id is not None and user_id == workshop["owner_id"]:
        return Actor("facilitator", workshop["id"], user_id)
    return None


def _refused(error: DomainError, status: int = 400) -> tuple[dict[str, Any], int]:
    return error_body(error), status


@bp.post("/w/<code>/sessions/<int:session_id>/photos")
def upload(code: str, session_id: int) -> Any:
    """Attach a photo to a session's notes; every screen of the workshop shows it live."""
    workshop = _workshop_for_code(code)
    actor = _uploader(workshop)
    if actor is None:
        abort(403)
    limit = int(current_app.config["PHOTO_MAX_BYTES"])
    if (request.content_length or 0) > limit + FORM_OVERHEAD:
        # Said before reading the body, so a phone on slow wifi is not kept waiting for a no.
        return _refused(DomainError("photo_too_large", max=max(1, limit // (1024 * 1024))), 413)
    request.max_content_length = limit + FORM_OVERHEAD
    upload = request.files.get("photo")
    if upload is None:
        return _refused(DomainError("not_a_photo"))
    raw = upload.stream.read(limit + 1)
    try:
        outcome = photos.add_photo(
            get_db(), actor, request.form.get("op_id") or None, session_id, raw, limit
        )
    except DomainError as error:
        return _refused(error, 413 if error.code == "photo_too_large" else 400)
    notify.committed.send(outcome)
    return {"ok": True, **outcome.result}


@bp.get("/w/<code>/photos/<int:photo_id>.jpg")
def picture(code: str, photo_id: int) -> Any:
    """A photo for the screens that hold this workshop's code (phones, the console, the walls);
    a photo of another workshop is not found, whatever its id."""
    workshop = _workshop_for_code(code)
    path = photos.photo_file(get_db(), workshop["id"], photo_id)
    if path is None:
        abort(404)
    response = send_file(path, mimetype="image/jpeg", max_age=3600, conditional=True)
    # Never in a shared cache: the picture belongs to the people of one workshop.
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


def init_app(app: Flask) -> None:
    """Register the photo routes."""
    app.register_blueprint(bp)
