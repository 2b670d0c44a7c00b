"""One configuration object, read from the environment (WORKSHOP_*)."""

from __future__ import annotations

import os
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
        # Socket.IO frames are small JSON commands; anything big goes over HTTP.
        self.SOCKET_MAX_MESSAGE_BYTES = int(env.get("WORKSHOP_SOCKET_MAX_BYTES", 64 * 1024))
        # Events committed within this many seconds reach the room in one message (0: at once).
        self.BROADCAST_BATCH_SECONDS = float(env.get("WORKSHOP_BROADCAST_BATCH_SECONDS", 0.05))
        # Every this many seconds each process tells its screens the latest seq, so a screen
        # that lost a broadcast (Redis down in scaled mode) catches up in a quiet room (0: off).
        self.HEAD_INTERVAL_SECONDS = float(env.get("WORKSHOP_HEAD_INTERVAL", 15))
        # Seconds a client may take to answer a ping before it counts as gone. Generous because
        # a server busy with a 200-phone vote burst sends its pings late, and a phone dropped
        # for that has to reconnect and replay in the middle of the burst.
        self.PING_TIMEOUT = int(env.get("WORKSHOP_PING_TIMEOUT", 30))
        # How many socket commands run at once in one process (the rest wait, asleep).
        self.COMMAND_CONCURRENCY = int(env.get("WORKSHOP_COMMAND_CONCURRENCY", 8))
        self.CORS_ALLOWED_ORIGINS = [
            o.strip() for o in env.get("WORKSHOP_ALLOWED_ORIGINS", "").split(",") if o.strip()
        ]
        self.BABEL_DEFAULT_LOCALE = env.get("WORKSHOP_DEFAULT_LANGUAGE", "sv")
        self.LANGUAGES = ("sv", "en")
        # Quotas per participant and minute (QUALITY.md): topics, votes, everything else.
        self.QUOTA_TOPICS_PER_MIN = int(env.get("WORKSHOP_QUOTA_TOPICS", 10))
        self.QUOTA_VOTES_PER_MIN = int(env.get("WORKSHOP_QUOTA_VOTES", 60))
        self.QUOTA_OTHER_PER_MIN = int(env.get("WORKSHOP_QUOTA_OTHER", 100))
        # Positions streamed while a card is dragged: the board sends at most about 12 a second.
        self.QUOTA_DRAG_PER_MIN = int(env.get("WORKSHOP_QUOTA_DRAG", 1200))
        # Wrong join codes per address and minute. A school class shares one address and a few
        # children mistype; 50 still leaves a guesser about 1 chance in 20 million per minute
        # (32^6 codes) for each open workshop.
        self.JOIN_FAILURES_PER_MIN = int(env.get("WORKSHOP_JOIN_FAILURES_PER_MIN", 50))
        # Only for the test that proves the vote lock matters: never set it in real use.
        self.UNSAFE_DISABLE_VOTE_LOCK = _bool(env.get("WORKSHOP_UNSAFE_DISABLE_VOTE_LOCK"))
        # Topics one workshop holds at most (rejoining makes new identities, not more room).
        self.MAX_TOPICS = int(env.get("WORKSHOP_MAX_TOPICS", rules.TOPICS_PER_WORKSHOP))
        self.RETENTION_DAYS = int(env.get("WORKSHOP_RETENTION_DAYS", 30))
        self.EXPORT_DIR = env.get("WORKSHOP_EXPORT_DIR", "exports")
        self.TESTING = False


def check_production(config: Mapping[str, Any]) -> None:
    """Refuse to run in production with settings that are only safe on a developer machine."""
    problems = []
    if not config.get("SECRET_KEY_FROM_ENV") or len(config.get("SECRET_KEY", "")) < 32:
        problems.append("WORKSHOP_SECRET_KEY must be set to a random value of 32+ characters")
    if config.get("DEBUG"):
        problems.append("WORKSHOP_DEBUG must be off")
    if "*" in config.get("CORS_ALLOWED_ORIGINS", ()):
        problems.append("WORKSHOP_ALLOWED_ORIGINS must not be '*'")
    if problems:
        raise RuntimeError("refusing to start in production: " + "; ".join(problems))
