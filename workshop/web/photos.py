"""Photos of a session's flip chart over HTTP: the upload from a phone or the console, and the
picture for the screens of the same workshop only.

Uploads do not go over Socket.IO: its frames are kept small on purpose (SOCKET_MAX_MESSAGE_BYTES),
and a browser sends a file over HTTP with its own progress and retry.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, abort, current_app, request, send_file
from flask_wtf.csrf import CSRFError, same_origin, validate_csrf
from wtforms import ValidationError

from .. import limits, notify
from ..domain.actors import Actor
from ..domain.errors import DomainError
from ..extensions import csrf, get_db
from ..i18n import error_body
from ..services import photos, review, team
from .common import current_user_id, login_required, owned_workshop
from .pages import _participant, _workshop_for_code

bp = Blueprint("photos", __name__)

# Room for the multipart form around the file (boundary, headers, op_id).
FORM_OVERHEAD = 64 * 1024


def _uploader(workshop: dict[str, Any]) -> Actor | None:
    """A participant of this workshop (the join cookie) or a member of its team (logged in);
    whether their role takes photos is the upload command's permission ("notes")."""
    participant = _participant(workshop)
    if participant is not None:
        return participant
    user_id = current_user_id()
    if team.role_in(get_db(), workshop["id"], user_id) is not None:
        return Actor("facilitator", workshop["id"], user_id)
    return None


def _refused(error: DomainError, status: int = 400) -> tuple[dict[str, Any], int]:
    return error_body(error), status


def _check_csrf_header() -> None:
    """The CSRF token from its header. The app-wide check looks in the form first, and reading
    the form reads the whole body (under the app's 256 KB limit, so every real phone photo was
    a 413); this route is exempt from it and asks here instead, before the body."""
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    try:
        validate_csrf(request.headers.get("X-CSRFToken"))
    except ValidationError as error:
        raise CSRFError(error.args[0]) from error
    # Behind TLS, as Flask-WTF's own check: the request must come from a page of this host.
    strict = request.is_secure and current_app.config.get("WTF_CSRF_SSL_STRICT", True)
    if strict and not same_origin(request.referrer or "", f"https://{request.host}/"):
        raise CSRFError("The referrer does not match the host.")


def _take_rate(actor: Actor) -> bool:
    """One upload for the person and for the address this minute, or False (nothing counted)."""
    person = f"person:{actor.key}"
    if not limits.photo_uploads.take(person, current_app.config["PHOTOS_PER_MIN"]):
        return False
    address = f"address:{request.remote_addr or '?'}"
    if not limits.photo_uploads.take(address, current_app.config["PHOTOS_PER_MIN_PER_ADDRESS"]):
        limits.photo_uploads.give_back(person)
        return False
    return True


@csrf.exempt
@bp.post("/w/<code>/sessions/<int:session_id>/photos")
def upload(code: str, session_id: int) -> Any:
    """Attach a photo to a session's notes; every screen of the workshop shows it live.

    Who, where and how much are settled before a byte of the body is read: the person, the CSRF
    header, the declared size, the room and the session (`photos.check_may_upload`), the rate.
    """
    workshop = _workshop_for_code(code)
    actor = _uploader(workshop)
    if actor is None:
        abort(403)
    _check_csrf_header()
    limit = int(current_app.config["PHOTO_MAX_BYTES"])
    declared = request.content_length
    if declared is None:
        return _refused(DomainError("bad_request", field="Content-Length"), 411)
    if declared > limit + FORM_OVERHEAD:
        # Said before reading the body, so a phone on slow wifi is not kept waiting for a no.
        return _refused(DomainError("photo_too_large", max=max(1, limit // (1024 * 1024))), 413)
    db = get_db()
    try:
        photos.check_may_upload(db, actor, session_id)
    except DomainError as error:
        return _refused(error, 403 if error.code == "forbidden" else 400)
    if not _take_rate(actor):
        return _refused(DomainError("rate_limited"), 429)
    request.max_content_length = limit + FORM_OVERHEAD
    upload = request.files.get("photo")
    if upload is None:
        return _refused(DomainError("not_a_photo"))
    raw = upload.stream.read(limit + 1)
    try:
        op_id = request.form.get("op_id") or None
        outcome = photos.add_photo(db, actor, op_id, session_id, raw, limit)
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
    # Never in a shared cache: the picture belongs to the people of one workshop.
    return _jpeg(path, max_age=3600, cache_control="private, max-age=3600")


@bp.get("/console/<int:workshop_id>/held/<int:held_id>.jpg")
@login_required
def held_picture(workshop_id: int, held_id: int) -> Any:
    """A photo waiting for review, for its workshop's facilitator only (nobody else sees it
    until it is let through)."""
    item = owned_workshop(workshop_id, "moderate")
    path = review.held_photo(get_db(), item["id"], held_id)
    if path is None:
        abort(404)
    return _jpeg(path, max_age=0, cache_control="private, no-store")


def _jpeg(path: Any, *, max_age: int, cache_control: str) -> Any:
    """A stored JPEG, with its own caching rule."""
    response = send_file(path, mimetype="image/jpeg", max_age=max_age, conditional=True)
    response.headers["Cache-Control"] = cache_control
    return response


def init_app(app: Flask) -> None:
    """Register the photo routes."""
    app.register_blueprint(bp)
