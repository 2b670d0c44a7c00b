"""Socket.IO adapters: parse and validate, check the role, call one service, publish, answer."""

from __future__ import annotations

from flask import Flask

from ..extensions import socketio


def init_app(app: Flask) -> None:
    """Bind Socket.IO to the app with explicit, safe options (see docs/deploy.md)."""
    from . import handlers  # noqa: F401  (registers the events)

    origins = app.config["CORS_ALLOWED_ORIGINS"] or None  # None: same origin only
    socketio.init_app(
        app,
        async_mode="threading",
        message_queue=app.config["MESSAGE_QUEUE"],
        cors_allowed_origins=origins,
        max_http_buffer_size=app.config["SOCKET_MAX_MESSAGE_BYTES"],
        # A phone under load or on weak Wi-Fi gets 20 s to answer before it counts as gone;
        # the browser's own offline events show the banner sooner.
        ping_interval=15,
        ping_timeout=app.config["PING_TIMEOUT"],
        manage_session=False,
        logger=False,
        engineio_logger=False,
        always_connect=False,
    )
