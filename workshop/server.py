"""Run the app under gunicorn: one process, a thread per connection (see docs/deploy.md)."""

from __future__ import annotations

import signal
from typing import Any

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):  # type: ignore[misc]
    def __init__(self, app: Any, options: dict[str, Any]) -> None:
        self._app = app
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self._app


def _on_worker_term(worker: Any) -> None:
    """Before the worker stops, tell its clients; they reconnect and resync by themselves."""
    from .realtime import broadcast, connections

    try:
        broadcast.server_restarting(connections.all_sids())
    except Exception:  # noqa: BLE001, S110 - shutting down: never block the exit
        pass


def run_gunicorn(app: Any, *, host: str, port: int, threads: int) -> None:
    """Serve until SIGTERM/SIGINT; in-flight commands finish, then exit within 10 s."""
    options = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": 1,  # Socket.IO needs sticky sessions; scale out with processes + Redis
        "worker_class": "gthread",
        "threads": threads,
        "timeout": 0,  # long-lived websockets are not stuck workers
        "graceful_timeout": 8,
        "keepalive": 5,
        "accesslog": None,  # access logs would carry join codes and addresses
        "errorlog": "-",
        "loglevel": "warning",
        "worker_int": lambda worker: _on_worker_term(worker),
        "worker_abort": lambda worker: None,
        "on_exit": lambda server: None,
    }
    options["post_worker_init"] = _install_term_hook
    _Server(app, options).run()


def _install_term_hook(worker: Any) -> None:
    previous = signal.getsignal(signal.SIGTERM)

    def handle_term(signum: int, frame: Any) -> None:
        _on_worker_term(worker)
        if callable(previous):
            previous(signum, frame)

    signal.signal(signal.SIGTERM, handle_term)
