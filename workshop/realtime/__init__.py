"""Socket.IO adapters: parse and validate, check the role, call one service, publish, answer."""

from __future__ import annotations

from flask import Flask

from ..extensions import socketio


def init_app(app: Flask) -> None:
    """Bind Socket.IO to the app with explicit, safe options (see docs/deploy.md)."""
    from .. import notify
    from . import broadcast, handlers, pinger, websocket  # noqa: F401  (handlers registers the events)

    pinger.install()  # one thread pings every socket, not a sleeping thread per socket

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
        # A socket's events are handled by the thread that reads it, one after the other, not
        # each on a new thread: a burst of 2,500 votes started 2,500 threads that starved the
        # one running the workshop's commands (nothing was answered for the first 4 s; the
        # burst took 13-35 s against 9-10.5 s this way, docs/performance.md). It also keeps a
        # phone's commands (an outbox sent on reconnect) in the order it sent them.
        async_handlers=False,
    )
    websocket.install(socketio.server.eio)  # the pool thread reads its websocket: no reader thread
    # What the web adapter and the CLI announce reaches the room through the one emitter.
    notify.committed.connect(broadcast.publish)
    notify.login_ended.connect(broadcast.login_ended)
    notify.member_removed.connect(broadcast.member_removed)
    notify.workshop_deleted.connect(broadcast.workshop_deleted)
