"""Error pages and JSON errors: a clear message in the user's language, never a bare 500."""

from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def init_app(app: Flask) -> None:
    """Render HTTP errors as pages (or JSON under /api/)."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):  # type: ignore[no-untyped-def]
        message = gettext("The form had expired. Please go back, reload the page and try again.")
        return render_template("error.html", status=400, message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # type: ignore[no-untyped-def]
        status = error.code or 500
        messages = {
            403: gettext(
                "Your role in this workshop's team does not include this page. Ask the "
                "workshop's owner if you need it."
            ),
            404: gettext("That page does not exist."),
            405: gettext("That action is not possible here."),
            413: gettext("That was too much data at once."),
            429: gettext("Too many tries. Wait a minute and try again."),
        }
        message = messages.get(status, gettext("Something went wrong."))
        if _wants_json():
            return {"ok": False, "error": {"code": f"http_{status}", "message": message}}, status
        return render_template("error.html", status=status, message=message), status

    @app.errorhandler(Exception)
    def unexpected(error: Exception):  # type: ignore[no-untyped-def]
        log.exception("unexpected error on %s", request.path)
        message = gettext("Something went wrong on the server. Nothing was changed.")
        if _wants_json():
            return {"ok": False, "error": {"code": "unavailable", "message": message}}, 500
        return render_template("error.html", status=500, message=message), 500
