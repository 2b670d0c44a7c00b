"""Extensions, created unbound and initialised in the app factory: nothing connects at import."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app
from flask_babel import Babel
from flask_socketio import SocketIO
from flask_wtf.csrf import CSRFProtect

from .store.db import Database as Database

# threading + simple-websocket: see docs/deploy.md for why (SQLite's blocking calls, psycopg,
# no monkey-patching). The real options are passed in create_app.
socketio = SocketIO()
babel = Babel()
csrf = CSRFProtect()


# The database is the app's like the extensions above: made in the app factory, reached through
# the current app. It lives here, not in the store, so the store knows nothing of Flask.
def init_db(app: Flask) -> None:
    """Give the app its database (one per app; it connects on first use)."""
    app.extensions["workshop_db"] = Database(
        app.config["DATABASE_URL"],
        row_locks=not app.config["UNSAFE_DISABLE_VOTE_LOCK"],
        max_topics=app.config["MAX_TOPICS"],
        photo_root=Path(app.instance_path) / "photos",
    )


def get_db() -> Database:
    """The current app's database."""
    return current_app.extensions["workshop_db"]
