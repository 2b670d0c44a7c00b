"""The translation catalogues, read without Flask: the pages reach them through Flask-Babel
(workshop/i18n/), a report through `translations(language)` in the workshop's own language, since a
report may be written in a worker process or a command, far from any request."""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

TRANSLATIONS = Path(__file__).parent / "translations"
# The easy-read overrides: only the messages whose ordinary Swedish uses words a child does not
# use ("ämne", "omgång", "integritet"); every other text falls through to messages.po.
EASY_CATALOG = TRANSLATIONS / "sv_easy.po"


@lru_cache(maxsize=1)
def easy_overrides() -> Translations:
    """The override catalogue, read once from its .po: read at run time rather than compiled
    by the setup step, so an override can never be stale or missing beside a fresh messages.mo."""
    with EASY_CATALOG.open("rb") as handle:
        catalog = read_po(handle, locale="sv")
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(fp=compiled)


def with_easy_read(ordinary: Translations | NullTranslations) -> Translations:
    """A copy of the Swedish catalogue with the easy-read overrides laid over it."""
    merged = Translations()
    merged.merge(ordinary)
    # merge() copies the messages only; the plural rule is Swedish's own.
    merged.plural = getattr(ordinary, "plural", merged.plural)
    merged.merge(easy_overrides())
    return merged


@lru_cache(maxsize=4)
def translations(language: str) -> NullTranslations:
    """The catalogue of "sv", "sv_easy" or "en" (the texts are written in English)."""
    if language == "en":
        return NullTranslations()
    found = Translations.load(str(TRANSLATIONS), ["sv"])
    if not isinstance(found, Translations):
        raise RuntimeError(f"no compiled Swedish catalogue in {TRANSLATIONS}: run `workshop setup`")
    return with_easy_read(found) if language == "sv_easy" else found
