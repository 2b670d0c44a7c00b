"""One configuration object, read from the environment (WORKSHOP_*)."""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .domain import rules


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Settings for one app instance; every field can be overridden from WORKSHOP_* variables."""

    def __init__(self, instance_path: str | os.PathLike[str]) -> None:
        env = os.environ
        instance = Path(instance_path)
        # Without WORKSHOP_SECRET_KEY the factory makes a random key once and keeps it in instance/.
        self.SECRET_KEY_FROM_ENV = bool(env.get("WORKSHOP_SECRET_KEY"))
        self.SECRET_KEY = env.get("WORKSHOP_SECRET_KEY", "")
        self.DATABASE_URL = env.get(
            "WORKSHOP_DATABASE_URL", f"sqlite:///{instance / 'workshop.sqlite3'}"
        )
        # Where phones reach the server (the QR code and the join link). `workshop serve` fills it
        # in when unset: the LAN address with --host 0.0.0.0, else the address it is bound to.
        # Never taken from a request's Host header, which the sender chooses.
        self.PUBLIC_URL = (env.get("WORKSHOP_PUBLIC_URL") or "").strip().rstrip("/") or None
        self.MESSAGE_QUEUE = env.get("WORKSHOP_MESSAGE_QUEUE") or None
        # Redis pub/sub channels ignore the database number: two installations sharing one
        # Redis need their own channel, or their rooms would hear each other.
        self.MESSAGE_QUEUE_CHANNEL = env.get("WORKSHOP_MESSAGE_QUEUE_CHANNEL") or "workshop"
        self.PRODUCTION = _bool(env.get("WORKSHOP_PRODUCTION"))
        self.DEBUG = _bool(env.get("WORKSHOP_DEBUG"))
        # Behind TLS the cookies must be Secure and HSTS is sent.
        self.TLS = _bool(env.get("WORKSHOP_TLS"))
        self.SESSION_COOKIE_SECURE = self.TLS
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_NAME = "workshop_session"
        self.PERMANENT_SESSION_LIFETIME = 60 * 60 * 24 * rules.LOGIN_LIFETIME_DAYS
        self.WTF_CSRF_TIME_LIMIT = None  # a phone may keep the join page open for hours
        self.MAX_CONTENT_LENGTH = 256 * 1024
        # A flip chart photo from a phone camera; the one route that takes it raises the limit.
        self.PHOTO_MAX_BYTES = int(env.get("WORKSHOP_PHOTO_MAX_BYTES", 8 * 1024 * 1024))
        # Socket.IO frames are small JSON commands; anything big goes over HTTP.
        self.SOCKET_MAX_MESSAGE_BYTES = int(env.get("WORKSHOP_SOCKET_MAX_BYTES", 64 * 1024))
        # A room's events are sent at once, and coalesced only while its previous message is
        # still being written to its sockets, for at most this many seconds (0: every event on
        # its own, in the committing thread; the tests' in-process clients use that).
        self.BROADCAST_COALESCE_MAX_SECONDS = float(
            env.get("WORKSHOP_BROADCAST_COALESCE_MAX_SECONDS", 0.5)
        )
        # Every this many seconds each process tells its screens the latest seq, so a screen
        # that lost a broadcast (Redis down in scaled mode) catches up in a quiet room (0: off).
        self.HEAD_INTERVAL_SECONDS = float(env.get("WORKSHOP_HEAD_INTERVAL", 15))
        # Seconds a client may take to answer a ping before it counts as gone. Generous because
        # a server busy with a 200-phone vote burst sends its pings late, and a phone dropped
        # for that has to reconnect and replay in the middle of the burst.
        self.PING_TIMEOUT = int(env.get("WORKSHOP_PING_TIMEOUT", 30))
        # How many socket commands run at once in one process (the rest wait, asleep). Those on
        # one workshop queue in its line and run as one group (services/runner.py), so this is
        # also the largest group: 64 against 8 took a 500-phone burst from 33 s to 20 s.
        self.COMMAND_CONCURRENCY = int(env.get("WORKSHOP_COMMAND_CONCURRENCY", 64))
        self.CORS_ALLOWED_ORIGINS = [
            o.strip() for o in env.get("WORKSHOP_ALLOWED_ORIGINS", "").split(",") if o.strip()
        ]
        self.BABEL_DEFAULT_LOCALE = env.get("WORKSHOP_DEFAULT_LANGUAGE", "sv")
        self.LANGUAGES = ("sv", "en")
        # Quotas per participant and minute (QUALITY.md): topics, votes, everything else.
        self.QUOTA_TOPICS_PER_MIN = int(env.get("WORKSHOP_QUOTA_TOPICS", 10))
        self.QUOTA_VOTES_PER_MIN = int(env.get("WORKSHOP_QUOTA_VOTES", 60))
        self.QUOTA_OTHER_PER_MIN = int(env.get("WORKSHOP_QUOTA_OTHER", 100))
        # Bytes of text a minute in a participant's commands, per person and per address (a
        # class shares one): volume, not only counts. A note-taker saving a full 4,000-character
        # field every two seconds sends about 130 KB a minute.
        self.TEXT_BYTES_PER_MIN = int(env.get("WORKSHOP_TEXT_BYTES_PER_MIN", 256 * 1024))
        self.TEXT_BYTES_PER_MIN_PER_ADDRESS = int(
            env.get("WORKSHOP_TEXT_BYTES_PER_MIN_PER_ADDRESS", 3 * 1024 * 1024)
        )
        # Positions streamed while a card is dragged: the board sends at most about 12 a second.
        self.QUOTA_DRAG_PER_MIN = int(env.get("WORKSHOP_QUOTA_DRAG", 1200))
        # Wrong join codes per address and minute. A school class shares one address and a few
        # children mistype; 50 still leaves a guesser about 1 chance in 20 million per minute
        # (32^6 codes) for each open workshop.
        # Only failed look-ups count and only they are refused: a valid code always gets in.
        self.JOIN_FAILURES_PER_MIN = int(env.get("WORKSHOP_JOIN_FAILURES_PER_MIN", 50))
        # Successful joins per address and minute: one client cannot mint identities (each a
        # fresh dot budget) without end, while a class on one address still joins at once.
        self.JOINS_PER_MIN = int(env.get("WORKSHOP_JOINS_PER_MIN", 120))
        # Wrong passwords, counted apart from join codes: past this many per account (or per
        # address, across accounts) each failure makes it wait 2, 4, 8 ... s, at most the cap.
        self.LOGIN_FAILURES_PER_ACCOUNT = int(env.get("WORKSHOP_LOGIN_FAILURES_PER_ACCOUNT", 5))
        self.LOGIN_FAILURES_PER_ADDRESS = int(env.get("WORKSHOP_LOGIN_FAILURES_PER_ADDRESS", 20))
        self.LOGIN_MAX_WAIT = int(env.get("WORKSHOP_LOGIN_MAX_WAIT", 300))
        # Photo uploads per minute, counted before the body is read: per person (a note-taker
        # photographs a flip chart in a few shots) and per address (a class shares one).
        self.PHOTOS_PER_MIN = int(env.get("WORKSHOP_PHOTOS_PER_MIN", 12))
        self.PHOTOS_PER_MIN_PER_ADDRESS = int(env.get("WORKSHOP_PHOTOS_PER_MIN_PER_ADDRESS", 60))
        # Snapshots (the whole room, built anew each time) answered to `sync` per minute: per
        # socket (a screen needs one when it connects, now and then one more after a long
        # sleep; a reconnection is a new socket) and per address (every socket an address may
        # hold, MAX_SOCKETS_PER_ADDRESS, can start within a minute). Replays are not counted.
        self.SNAPSHOTS_PER_MIN = int(env.get("WORKSHOP_SNAPSHOTS_PER_MIN", 10))
        self.SNAPSHOTS_PER_MIN_PER_ADDRESS = int(
            env.get("WORKSHOP_SNAPSHOTS_PER_MIN_PER_ADDRESS", 300)
        )
        # Reverse proxies in front of the server whose X-Forwarded-* headers are believed (0:
        # none, so on a laptop a phone cannot pick its own address for the limits above).
        self.TRUSTED_PROXIES = int(env.get("WORKSHOP_TRUSTED_PROXIES", 0))
        # One address may hold at most this many Socket.IO requests at once, each of which holds
        # a thread (workshop/admission.py). A school class behind one NAT stays well below 300.
        # 0: no cap (behind a reverse proxy, which should cap instead).
        self.MAX_SOCKETS_PER_ADDRESS = int(env.get("WORKSHOP_MAX_SOCKETS_PER_ADDRESS", 300))
        # Socket.IO requests the whole process holds at once (workshop/admission.py); past it a
        # phone is told the room is full. None: `workshop serve` derives it from its threads,
        # keeping a reserve for pages and /healthz; 0: no cap.
        raw_total = env.get("WORKSHOP_MAX_SOCKETS", "").strip()
        self.MAX_SOCKETS: int | None = int(raw_total) if raw_total else None
        # A connection that has not sent its request (headers, and a body of known length) within
        # this many seconds is closed (workshop/serve/worker.py; waiting for it holds no thread).
        self.HEADER_TIMEOUT_SECONDS = float(env.get("WORKSHOP_HEADER_TIMEOUT", 10))
        # Only for the test that proves the vote lock matters: never set it in real use.
        self.UNSAFE_DISABLE_VOTE_LOCK = _bool(env.get("WORKSHOP_UNSAFE_DISABLE_VOTE_LOCK"))
        # Topics one workshop holds at most (rejoining makes new identities, not more room).
        self.MAX_TOPICS = int(env.get("WORKSHOP_MAX_TOPICS", rules.TOPICS_PER_WORKSHOP))
        self.RETENTION_DAYS = int(env.get("WORKSHOP_RETENTION_DAYS", 30))
        # Sign-in through the municipality's OpenID Connect provider (docs/accounts.md): offered
        # on the login page only when all three are set; passwords keep working beside it.
        self.OIDC_ISSUER = env.get("WORKSHOP_OIDC_ISSUER", "").strip().rstrip("/")
        self.OIDC_CLIENT_ID = env.get("WORKSHOP_OIDC_CLIENT_ID", "").strip()
        self.OIDC_CLIENT_SECRET = env.get("WORKSHOP_OIDC_CLIENT_SECRET", "").strip()
        # The provider's name on the button: "Sign in with <name>".
        self.OIDC_NAME = env.get("WORKSHOP_OIDC_NAME", "").strip() or "OpenID Connect"
        self.EXPORT_DIR = env.get("WORKSHOP_EXPORT_DIR", "exports")
        self.TESTING = False


# A key made by `secrets.token_urlsafe(48)` has 64 characters from 64 symbols: about 40 distinct
# ones and an estimate near 330 bits; `openssl rand -hex 32` gives 15 or 16 distinct and about
# 250 bits (14, not 16, so that a hex key missing a digit or two still passes: 1 in 1000 miss 3).
# A typed phrase, a repeated character or a short key falls below one of the two.
MIN_KEY_DISTINCT_CHARACTERS = 14
MIN_KEY_ENTROPY_BITS = 128


def estimated_entropy_bits(key: str) -> float:
    """Length times the Shannon entropy of the key's own character frequencies: an upper-bound
    style estimate that is 0 for "aaaa..." and low for any short or repetitive key."""
    if not key:
        return 0.0
    counts = Counter(key)
    per_character = -sum(n / len(key) * math.log2(n / len(key)) for n in counts.values())
    return per_character * len(key)


def secret_key_problem(key: str) -> str | None:
    """Why `key` is not good enough to sign cookies in production, or None."""
    if len(key) < 32:
        return "WORKSHOP_SECRET_KEY must be set to a random value of 32+ characters"
    if len(set(key)) < MIN_KEY_DISTINCT_CHARACTERS or (
        estimated_entropy_bits(key) < MIN_KEY_ENTROPY_BITS
    ):
        return (
            "WORKSHOP_SECRET_KEY looks guessable (too few different characters, or too "
            "repetitive); make one with "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )
    return None


def check_production(config: Mapping[str, Any]) -> None:
    """Refuse to run in production with settings that are only safe on a developer machine."""
    problems = []
    if not config.get("SECRET_KEY_FROM_ENV"):
        problems.append("WORKSHOP_SECRET_KEY must be set to a random value of 32+ characters")
    else:
        problem = secret_key_problem(config.get("SECRET_KEY", ""))
        if problem:
            problems.append(problem)
    if config.get("DEBUG"):
        problems.append("WORKSHOP_DEBUG must be off")
    # Any wildcard, not only a bare '*': 'http://*' or 'https://*.example.se' would let pages
    # from other sites open sockets with a participant's cookie.
    if any("*" in origin for origin in config.get("CORS_ALLOWED_ORIGINS", ())):
        problems.append("WORKSHOP_ALLOWED_ORIGINS must list exact origins, without any '*'")
    if problems:
        raise RuntimeError("refusing to start in production: " + "; ".join(problems))
