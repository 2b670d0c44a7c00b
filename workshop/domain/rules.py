"""Limits and checks that every entry point shares."""

from __future__ import annotations

import secrets
import unicodedata

from .errors import DomainError

TOPIC_TITLE_MAX = 120
TOPIC_DESCRIPTION_MAX = 1000
WORKSHOP_TITLE_MAX = 120
THEME_MAX = 500
NICKNAME_MAX = 40
ORGANISATION_MAX = 80
BUDGET_MIN, BUDGET_MAX = 1, 50
# JavaScript's safe integers: every id a browser can hold exactly. An id from outside (a URL,
# a payload) beyond this names nothing; the databases would refuse it with an overflow.
ID_MAX = 2**53 - 1
# A facilitator's login lasts two weeks, then the password is asked again; the session cookie
# and the login row on the server expire together, so an old copy of the cookie is worthless.
LOGIN_LIFETIME_DAYS = 14
# Topics one workshop holds at most (WORKSHOP_MAX_TOPICS): a room of 500 people posting two each
# fits, and identities made by rejoining cannot flood the wall without end.
TOPICS_PER_WORKSHOP = 1000
LANGUAGES = ("sv", "en")
GROUPS = ("young", "parent", "professional")

# Crockford's base32: 32 symbols without I, L, O and U, so a code read off a projector is typed
# right; the look-alikes are mapped back when typed (O -> 0, I and L -> 1).
JOIN_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
JOIN_CODE_LENGTH = 6
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_join_code() -> str:
    """A random join code: 6 symbols from a 32-symbol alphabet (about 10^9 codes)."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(raw: object) -> str:
    """Accept codes typed in lower case, with spaces or dashes, and the usual look-alike slips."""
    if not isinstance(raw, str) or len(raw) > 40:
        raise DomainError("invalid_code")
    code = "".join(ch for ch in raw.upper() if ch.isascii() and ch.isalnum()).translate(
        _LOOK_ALIKES
    )
    if len(code) != JOIN_CODE_LENGTH or any(ch not in JOIN_CODE_ALPHABET for ch in code):
        raise DomainError("invalid_code")
    return code


_FORBIDDEN_CATEGORIES = {"Cc", "Cs", "Co", "Cn"}


def clean_text(value: object, *, field: str, max_length: int, required: bool) -> str:
    """Trim, normalise and length-check user text; control characters other than newline go."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError("bad_request", field=field)
    text = unicodedata.normalize("NFC", value)
    text = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in _FORBIDDEN_CATEGORIES
    )
    text = text.replace("\t", " ").strip()
    if required and not text:
        raise DomainError("empty", field=field)
    if len(text) > max_length:
        raise DomainError("too_long", field=field, max=max_length)
    return text


def clean_line(value: object, *, field: str, max_length: int, required: bool) -> str:
    """Like clean_text, for one-line fields: newlines become spaces."""
    text = clean_text(value, field=field, max_length=max_length * 2, required=required)
    text = " ".join(text.split())
    if len(text) > max_length:
        raise DomainError("too_long", field=field, max=max_length)
    return text


def check_budget(budget: object, max_per_topic: object) -> tuple[int, int]:
    """A round's budget and per-topic cap: whole numbers, cap no larger than the budget."""
    if (
        isinstance(budget, bool)
        or isinstance(max_per_topic, bool)
        or not isinstance(budget, int)
        or not isinstance(max_per_topic, int)
    ):
        raise DomainError("invalid_budget")
    if not (BUDGET_MIN <= budget <= BUDGET_MAX) or not (1 <= max_per_topic <= budget):
        raise DomainError("invalid_budget")
    return budget, max_per_topic
