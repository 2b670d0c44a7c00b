"""Socket.IO adapters: parse and validate, check the role, call one service, publish, answer."""

from __future__ import annotations

from flask import Flask

from ..extensions import socketio


def init_app(app: Flask) -> None:
    """Bind Socket.IO to the app with explicit, safe options (see docs/deploy.md)."""
    from .. import notify
    from . import broadcast, handlers  # noqa: F401  (handlers registers the events)

    origins = app.config["CORS_ALLOWED_ORIGINS"] or None  # None: same origin only
    socketio.init_app(
        app,
        async_mode="threading",
        message_queue=app.config["MESSAGE_QUEUE"],
        channel=app.config["MESSAGE_QUEUE_CHANNEL"],
        cors_allowed_origins=origins,
        max_http_buffer_size=app.config["SOCKET_MAX_MESSAGE_BYTES"],
        # Pings every 10 s with a 30 s timeout: clients give up after a silence of
        # max(interval, timeout) + 5 s (python-engineio) or interval + timeout (browsers), so a
        # short interval leaves 25-40 s of slack for a server that sends its pings late under
        # a vote burst. The browser's own offline events show the banner sooner.
        ping_interval=10,
        ping_timeout=app.config["PING_TIMEOUT"],
        manage_session=False,
        logger=False,
        engineio_logger=False,
        always_connect=False,
    )
    # What the web adapter and the CLI announce reaches the room through the one emitter.
    notify.committed.connect(broadcast.publish)
    notify.login_ended.connect(broadcast.login_ended)
    notify.workshop_deleted.connect(broadcast.workshop_deleted)
