"""Which language a reader gets: the locale (?lang=, the cookie, the workshop's language, the
browser) and easy-read Swedish laid over the Swedish catalogue."""

from __future__ import annotations

from babel.support import NullTranslations, Translations
from flask import current_app, g, has_request_context, request
from flask_babel import Domain, get_locale

from ..catalogues import with_easy_read

LANG_COOKIE = "lang"
# Easy-read Swedish (lättläst) is a choice remembered beside the language, not a locale: dates
# and numbers stay Swedish (Babel knows no "sv_easy" locale), and only the texts change.
EASY_COOKIE = "easy"


def easy_read() -> bool:
    """True when the reader chose easy-read Swedish (?easy=1, then the cookie). A socket event
    runs in a copy of its handshake's request, so its acks follow the cookie too."""
    if not has_request_context():
        return False
    chosen = request.args.get("easy")
    if chosen in ("0", "1"):
        return chosen == "1"
    return request.cookies.get(EASY_COOKIE) == "1"


class EasyReadDomain(Domain):
    """Flask-Babel's domain, with the easy-read overrides laid over the Swedish catalogue when
    the reader chose Lättläst. Every gettext path (templates, gettext, lazy_gettext, the
    JavaScript strings, error acks) goes through get_translations, so none can miss it."""

    def get_translations(self) -> Translations | NullTranslations:
        """The ordinary catalogue, or in easy-read Swedish a merged copy cached beside it."""
        ordinary = super().get_translations()
        locale = get_locale()
        if locale is None or locale.language != "sv" or not easy_read():
            return ordinary
        key = (f"{locale}+easy", self.domain[0])
        merged = self.cache.get(key)
        if merged is None:
            merged = with_easy_read(ordinary)
            self.cache[key] = merged
        return merged


def reading_mode(lang: str) -> str:
    """ "sv", "sv_easy" or "en": which of a consultation's texts this reader gets."""
    return "sv_easy" if lang == "sv" and easy_read() else lang


def select_locale() -> str:
    """Explicit choice (?lang= or cookie) first, then the workshop's language, then the browser."""
    languages = current_app.config["LANGUAGES"]
    for candidate in (
        g.get("socket_lang"),
        request.args.get("lang"),
        request.cookies.get(LANG_COOKIE),
        g.get("workshop_language"),
    ):
        if candidate in languages:
            return candidate
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )
