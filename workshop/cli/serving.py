"""`workshop serve`: the server with the database migrated, its address and the welcome."""

from __future__ import annotations

import socket
import threading
from pathlib import Path
from typing import Any

import click

from . import base
from .base import main
from .database import upgrade_database
from .workshops import ensure_demo


def _purge_every_hour(app: Any) -> threading.Event:
    """Retention runs by itself while the server is up (and once at start); set the returned
    event to stop it.

    `serve` starts it in gunicorn's worker, after the fork: started in the master, its first
    purge could be inside a write at the fork, and the worker inherited that write's locks held
    for ever (its first write, a facilitator's login, waited without end).
    """

    from .. import notify
    from ..extensions import get_db
    from ..services import workshops

    def loop() -> None:
        while True:
            with app.app_context():
                try:
                    for workshop_id in workshops.purge_expired(
                        get_db(), app.config["RETENTION_DAYS"]
                    ):
                        notify.workshop_deleted.send(workshop_id)
                except Exception:  # noqa: BLE001 - retry in an hour; the server must go on
                    app.logger.exception("retention purge failed")
            if stop.wait(3600):
                return

    stop = threading.Event()
    threading.Thread(target=loop, name="retention-purge", daemon=True).start()
    return stop


def lan_address() -> str | None:
    """This machine's address on the local network (no packet is sent to find it)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 9))  # UDP connect only picks a route
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") else address


def is_loopback_url(url: str) -> bool:
    """True when a join link names this machine only (127.x, localhost, ::1)."""
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower()
    return host == "localhost" or host.startswith("127.") or host == "::1"


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="0.0.0.0 for the LAN.")
@click.option("--port", default=5000, show_default=True, type=int)
@click.option(
    "--threads",
    default=1700,
    show_default=True,
    help="Connections served at once; each open phone holds one (docs/deploy.md).",
)
@click.option("--no-demo", is_flag=True, help="Do not create the demo workshop.")
def serve(host: str, port: int, threads: int, no_demo: bool) -> None:
    """Run the server (gunicorn, one process, threads) with the database migrated."""
    app = base.load_app()
    if not app.config.get("PUBLIC_URL"):
        # The QR code's address comes from here, never from a request's Host header.
        address = host
        if host in ("0.0.0.0", "::"):  # noqa: S104
            address = lan_address() or "127.0.0.1"
        shown = f"[{address}]" if ":" in address else address
        app.config["PUBLIC_URL"] = f"http://{shown}:{port}"
    upgrade_database(app.config["DATABASE_URL"])
    created = None if no_demo else ensure_demo(app)
    _print_welcome(app, host, port, created)
    from ..serve.server import run_gunicorn

    run_gunicorn(
        app, host=host, port=port, threads=threads, in_worker=lambda: _purge_every_hour(app)
    )


def _print_welcome(app: Any, host: str, port: int, created: dict[str, Any] | None) -> None:
    import segno

    from ..extensions import get_db
    from ..services import workshops

    local = f"http://127.0.0.1:{port}" if host in ("0.0.0.0", "::") else f"http://{host}:{port}"  # noqa: S104
    public = app.config.get("PUBLIC_URL") or local
    click.echo(f"\nWorkshop is running: {local}/")
    if is_loopback_url(public):
        click.echo(
            "  NOTE: phones cannot open this address (it is this laptop's own loopback).\n"
            "  To let phones on the same Wi-Fi join, start with: workshop serve --host 0.0.0.0\n"
            "  (or set WORKSHOP_PUBLIC_URL to the address phones can reach)."
        )
    click.echo(f"  facilitator console: {local}/console/")
    if created:
        click.echo(f"  demo login: {created['email']}  password: {created['password']}")
    else:
        login_file = Path(app.instance_path) / "demo-login.txt"
        if login_file.exists():
            click.echo(f"  demo login details: {login_file}")
    with app.app_context():
        latest = workshops.newest_open_workshop(get_db())
        if latest is not None:
            code = latest["join_code"]
            click.echo(f"  newest open workshop: {latest['title']}")
            click.echo(f"    phones join at:   {public}/j/{code}   (code {code})")
            click.echo(f"    wall / projector: {local}/w/{code}/wall")
            if public != local:
                segno.make(f"{public}/j/{code}", error="m").terminal(compact=True)
    click.echo("")
