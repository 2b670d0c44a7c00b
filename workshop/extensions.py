"""Extensions, created unbound and initialised in the app factory: nothing connects at import."""

from __future__ import annotations

from flask_babel import Babel
from flask_socketio import SocketIO
from flask_wtf.csrf import CSRFProtect

# threading + simple-websocket: see docs/deploy.md for why (SQLite's blocking calls, psycopg,
# no monkey-patching). The real options are passed in create_app.
socketio = SocketIO()
babel = Babel()
csrf = CSRFProtect()
