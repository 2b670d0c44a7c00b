"""Language: which one a reader gets (choice.py), refusals in it (errors.py), the words the
screens draw themselves (screens.py; the board's in board.py). Words live in one gettext
catalogue (workshop/translations); easy-read Swedish is an override catalogue over the Swedish
one, and reports read the catalogue without Flask through workshop/catalogues.py."""

from __future__ import annotations

from typing import Any

from flask import Flask, request

from .board import board_labels, board_labels_in, board_strings
from .choice import EASY_COOKIE, LANG_COOKIE, EasyReadDomain, easy_read, reading_mode, select_locale
from .errors import ERROR_MESSAGES, error_body
from .screens import js_strings, phase_strings

__all__ = [
    "EASY_COOKIE",
    "ERROR_MESSAGES",
    "LANG_COOKIE",
    "EasyReadDomain",
    "board_labels",
    "board_labels_in",
    "board_strings",
    "easy_read",
    "error_body",
    "init_app",
    "js_strings",
    "phase_strings",
    "reading_mode",
    "select_locale",
]


def init_app(app: Flask) -> None:
    """Hook the locale selector in and remember an explicit ?lang= choice in a cookie."""
    from ..extensions import babel

    babel.init_app(app, locale_selector=select_locale)
    # Flask-Babel builds its default domain lazily (a cached property): put ours there so every
    # request, socket event and template uses it.
    babel.domain_instance = EasyReadDomain(domain=app.config.get("BABEL_DOMAIN", "messages"))

    @app.context_processor
    def language_context() -> dict[str, Any]:
        from flask_babel import get_locale

        lang = str(get_locale())
        return {
            "current_lang": lang,
            "languages": app.config["LANGUAGES"],
            "reading_mode": reading_mode(lang),
        }

    @app.after_request
    def remember_language(response: Any) -> Any:
        chosen = request.args.get("lang")
        if chosen in app.config["LANGUAGES"] and chosen != request.cookies.get(LANG_COOKIE):
            response.set_cookie(
                LANG_COOKIE,
                chosen,
                max_age=60 * 60 * 24 * 365,
                samesite="Lax",
                secure=app.config["SESSION_COOKIE_SECURE"],
                httponly=True,
            )
        easy = request.args.get("easy")
        if easy in ("0", "1") and easy != request.cookies.get(EASY_COOKIE, "0"):
            response.set_cookie(
                EASY_COOKIE,
                easy,
                max_age=60 * 60 * 24 * 365,
                samesite="Lax",
                secure=app.config["SESSION_COOKIE_SECURE"],
                httponly=True,
            )
        return response
