"""Run the app under gunicorn: one process, a thread per connection (see docs/deploy.md)."""

from __future__ import annotations

import contextlib
import logging
import resource
import signal
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):  # type: ignore[misc]
    """gunicorn driven from Python, so `workshop serve` is the one way to start."""

    def __init__(self, app: Any, options: dict[str, Any]) -> None:
        self._app = app
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self._app


def _tell_clients_we_restart() -> None:
    from ..realtime import broadcast, connections

    # Shutting down: a failure here must never keep the process alive.
    with contextlib.suppress(Exception):
        broadcast.server_restarting(connections.all_sids())


def _install_term_hook(worker: Any) -> None:
    """On SIGTERM, warn the clients and drop their transports before gunicorn's own exit."""
    gunicorn_handler = signal.getsignal(signal.SIGTERM)

    def handle_term(signum: int, frame: Any) -> None:
        _tell_clients_we_restart()
        if callable(gunicorn_handler):
            gunicorn_handler(signum, frame)

    signal.signal(signal.SIGTERM, handle_term)


def _allow_open_files(wanted: int) -> None:
    """Raise the soft limit of open files towards `wanted` (many systems start at 1024)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    if target < wanted:
        logging.getLogger(__name__).warning(
            "only %d open files allowed; %d connections may be refused", target, wanted
        )


def _cap_sockets(app: Any, threads: int) -> None:
    """Set the process-wide socket cap from the thread count unless configured, and warn when a
    configuration lets websockets take the threads that pages and /healthz need."""
    from .. import admission

    logger = logging.getLogger(__name__)
    configured = app.config.get("MAX_SOCKETS")
    total = admission.default_total(threads) if configured is None else configured
    app.config["MAX_SOCKETS"] = total
    admission.of(app).total = total
    per_address = app.config["MAX_SOCKETS_PER_ADDRESS"]
    if total <= 0:
        logger.warning(
            "WORKSHOP_MAX_SOCKETS=0: websockets may take all %d threads, and then nobody can "
            "load a page",
            threads,
        )
    elif total + admission.OVERFLOW + admission.RESERVE_MIN > threads:
        logger.warning(
            "WORKSHOP_MAX_SOCKETS=%d with %d threads leaves too few for pages and /healthz "
            "(up to %d sockets past the cap are let through to be refused); "
            "use --threads %d or more",
            total,
            threads,
            admission.OVERFLOW,
            total + admission.OVERFLOW + admission.RESERVE_MIN,
        )
    if per_address and per_address >= (total or threads):
        logger.warning(
            "WORKSHOP_MAX_SOCKETS_PER_ADDRESS=%d with room for %d sockets: one address can "
            "hold them all",
            per_address,
            total or threads,
        )


def run_gunicorn(
    app: Any, *, host: str, port: int, threads: int, in_worker: Callable[[], Any] | None = None
) -> None:
    """Serve until SIGTERM/SIGINT; in-flight commands finish, then exit within 10 s.

    `in_worker` starts background work in the worker process. Nothing may run beside the master
    when it forks: the worker would inherit that thread's locks, held, with no thread to release
    them.
    """

    def worker_started(worker: Any) -> None:
        _install_term_hook(worker)
        if in_worker is not None:
            in_worker()

    from .worker import guarded_worker

    # Connections beyond the threads are idle kept-alive ones and requests still arriving: they
    # wait in the event loop and hold no thread (workshop/serve/worker.py). One address may fill at
    # most half of these spare places with half-open requests.
    spare = 1000
    connections = threads + spare
    _cap_sockets(app, threads)
    _allow_open_files(connections + 200)
    options = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": 1,  # Socket.IO needs sticky sessions; scale out with processes + Redis
        # gthread, with each request read by the event loop under a deadline.
        "worker_class": guarded_worker(app.config["HEADER_TIMEOUT_SECONDS"], spare // 2),
        "threads": threads,
        "worker_connections": connections,
        "timeout": 0,  # long-lived websockets are not stuck workers
        "graceful_timeout": 8,
        "keepalive": 5,
        "accesslog": None,  # access logs would carry join codes and addresses
        "errorlog": "-",
        "loglevel": "warning",
        "post_worker_init": worker_started,
        # gunicorn's control socket: a file in the user's home shared by every server on the
        # machine, and a thread in the master that has to be stopped at each fork. Unused here.
        "control_socket_disable": True,
        # Pooled connections opened before the fork belong to the master: the worker starts afresh.
        "post_fork": lambda server, worker: app.extensions["workshop_db"].engine.dispose(
            close=False
        ),
        "worker_int": lambda worker: _tell_clients_we_restart(),
    }
    _Server(app, options).run()
