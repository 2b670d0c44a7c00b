"""The `workshop` command: serve, demo, facilitator accounts, database upgrades, setup."""

from __future__ import annotations

import os
import secrets
import socket
import sys
import threading
from pathlib import Path
from typing import Any

import click

from . import ROOT


def _app() -> Any:
    from . import create_app

    return create_app()


@click.group()
def main() -> None:
    """A real-time room for Open Space and double-diamond co-design workshops."""


# --- database ----------------------------------------------------------------------------


@main.group()
def db() -> None:
    """Database schema (Alembic)."""


def upgrade_database(url: str) -> None:
    """Bring the schema to the newest migration (safe to run every start)."""
    # Kept here by name: tests and benchmarks migrate their databases through the CLI's helper.
    from .store.schema import upgrade_database as upgrade

    upgrade(url)


@db.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the database to the newest schema."""
    app = _app()
    upgrade_database(app.config["DATABASE_URL"])
    click.echo("database is up to date")


# --- facilitators ------------------------------------------------------------------------


@main.group()
def facilitator() -> None:
    """Facilitator accounts."""


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return click.prompt(
        "Password (8 characters or more)", hide_input=True, confirmation_prompt=True
    )


@facilitator.command("add")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def facilitator_add(email: str, password_stdin: bool) -> None:
    """Create a facilitator account; the password comes from a prompt or standard input."""
    from .domain.errors import DomainError
    from .services import accounts
    from .store.db import get_db

    app = _app()
    upgrade_database(app.config["DATABASE_URL"])
    password = _read_password(password_stdin)
    with app.app_context():
        try:
            accounts.create_facilitator(get_db(), email, password)
        except DomainError as error:
            field = error.params.get("field", "")
            hint = {
                "password": "the password needs 8 characters or more",
                "email": "that email is not valid or already has an account",
            }.get(field, error.code)
            raise click.ClickException(hint) from error
    click.echo(f"facilitator {email} added")


@facilitator.command("password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def facilitator_password(email: str, password_stdin: bool) -> None:
    """Set a new password for a facilitator."""
    from .domain.errors import DomainError
    from .services import accounts
    from .store.db import get_db

    app = _app()
    password = _read_password(password_stdin)
    with app.app_context():
        try:
            accounts.set_facilitator_password(get_db(), email, password)
        except DomainError as error:
            raise click.ClickException(f"could not set the password: {error.code}") from error
    click.echo("password changed")


@facilitator.command("token")
@click.argument("email")
@click.option("--label", default="", help="What the token is for.")
def facilitator_token(email: str, label: str) -> None:
    """Make an API token for a facilitator (printed once)."""
    from .domain.errors import DomainError
    from .services import accounts
    from .store.db import get_db

    app = _app()
    with app.app_context():
        try:
            token = accounts.create_api_token(get_db(), email, label)
        except DomainError as error:
            raise click.ClickException(f"no facilitator {email}") from error
    click.echo(token)


# --- workshops ---------------------------------------------------------------------------


@main.command("create")
@click.argument("email")
@click.argument("title")
@click.option(
    "--template",
    "template_id",
    default="",
    help="open-space, youth, parents, or saved-ID of one you saved in the console.",
)
@click.option("--language", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
def create(email: str, title: str, template_id: str, language: str) -> None:
    """Create a workshop for a facilitator, from a template; prints its join code."""
    from .domain.actors import Actor
    from .domain.errors import DomainError
    from .services import accounts, consultation, workshops
    from .store.db import get_db

    app = _app()
    with app.app_context():
        db = get_db()
        owner = accounts.user_id_for_email(db, email)
        if owner is None:
            raise click.ClickException(f"no facilitator {email}")
        try:
            fields = consultation.template_fields(db, owner, template_id, language)
            made = workshops.create_workshop(
                db, owner, {**fields, "title": title, "language": language}
            )
            facilitator = Actor("facilitator", made["id"], owner)
            consultation.set_up_day(db, facilitator, template_id, language)
        except DomainError as error:
            raise click.ClickException(f"not created: {error.code} {error.params}") from error
    click.echo(f"{made['join_code']} {made['title']}")


# --- demo --------------------------------------------------------------------------------

DEMO_EMAIL = "demo@workshop.local"


def ensure_demo(app: Any) -> dict[str, Any] | None:
    """Create the demo facilitator and workshop once; returns login details when it did."""
    from .services import accounts, workshops
    from .store.db import get_db

    with app.app_context():
        db = get_db()
        if accounts.any_facilitator(db):
            return None
        password = secrets.token_urlsafe(9)
        user_id = accounts.create_facilitator(db, DEMO_EMAIL, password)
        workshop = workshops.create_workshop(
            db,
            user_id,
            {
                "title": "En väg in – demo",
                "theme": "Hur ger vi barn och familjer en väg in?",
                "language": "sv",
                "dot_budget": 5,
                "max_per_topic": 3,
            },
        )
        login_file = Path(app.instance_path) / "demo-login.txt"
        fd = os.open(login_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(f"{DEMO_EMAIL}\n{password}\n")
        return {"email": DEMO_EMAIL, "password": password, "workshop": workshop}


@main.command("demo")
def demo() -> None:
    """Create a demo facilitator and workshop if the database has no facilitator yet."""
    app = _app()
    upgrade_database(app.config["DATABASE_URL"])
    created = ensure_demo(app)
    if created is None:
        click.echo("a facilitator exists already; nothing created")
    else:
        click.echo(f"demo facilitator: {created['email']}  password: {created['password']}")


@main.command("purge")
@click.option("--days", type=int, default=None, help="Override WORKSHOP_RETENTION_DAYS.")
def purge(days: int | None) -> None:
    """Delete workshops closed longer ago than the retention time (default 30 days)."""
    from .services import workshops
    from .store.db import get_db

    app = _app()
    upgrade_database(app.config["DATABASE_URL"])
    with app.app_context():
        removed = workshops.purge_expired(get_db(), days or app.config["RETENTION_DAYS"])
    click.echo(f"purged {len(removed)} workshop(s)")


ALL_FORMATS = "md,html,docx,pdf,csv,json,svg,png"


def _find_workshop(db: Any, workshop: str) -> dict[str, Any]:
    """A workshop by its id or its join code, or a clear message."""
    from .domain import rules
    from .domain.errors import DomainError
    from .services import workshops

    found = workshops.get_workshop(db, int(workshop)) if workshop.isdigit() else None
    if found is None:
        try:
            found = workshops.workshop_by_code(db, rules.normalise_join_code(workshop))
        except DomainError:
            found = None
    if found is None:
        raise click.ClickException(f"no workshop with the id or join code {workshop!r}")
    return found


# --- a workshop's role catalogue -----------------------------------------------------------


@main.group()
def roles() -> None:
    """A workshop's own role catalogue as CSV (roles.csv's columns, plus hidden and kind)."""


@roles.command("export")
@click.argument("workshop")
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=True))
def roles_export(workshop: str, file: str | None) -> None:
    """Write WORKSHOP's catalogue (its id or join code) to FILE, or to standard output."""
    from .services import catalog
    from .store.db import get_db

    app = _app()
    with app.app_context():
        db = get_db()
        text = catalog.export_csv(db, _find_workshop(db, workshop)["id"])
    if file is None or file == "-":
        click.echo(text, nl=False)
    else:
        Path(file).write_text(text, encoding="utf-8")
        click.echo(f"wrote {file}", err=True)


@roles.command("import")
@click.argument("workshop")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
def roles_import(workshop: str, file: str) -> None:
    """Replace WORKSHOP's catalogue with FILE's; one bad row and nothing is written."""
    from . import notify
    from .domain.actors import Actor
    from .domain.errors import DomainError
    from .services import catalog
    from .store.db import get_db

    try:
        with click.open_file(file, encoding="utf-8-sig") as handle:
            text = handle.read()
    except UnicodeDecodeError as error:
        raise click.ClickException(f"{file} is not UTF-8 text; nothing was imported") from error
    app = _app()
    with app.app_context():
        db = get_db()
        found = _find_workshop(db, workshop)
        actor = Actor("facilitator", found["id"], found["owner_id"])
        try:
            outcome = catalog.import_catalogue(db, actor, None, {"csv": text})
        except DomainError as error:
            raise click.ClickException(_import_problem(file, error)) from error
        notify.committed.send(outcome)
    result = outcome.result
    click.echo(f"imported {result['roles']} roles and {result['organisations']} organisations")


def _import_problem(file: str, error: Any) -> str:
    params = error.params
    if error.code == "bad_catalog_row":
        where = f"{file}, line {params.get('line')}"
        column = params.get("column")
        what = f"column {column!r} is missing, too long or not allowed" if column else "bad row"
        return f"{where}: {what}; nothing was imported"
    if error.code == "catalog_full":
        return f"{file} has more than {params.get('max')} roles; nothing was imported"
    return f"{file}: {error.code}; nothing was imported"


@main.command("export")
@click.argument("workshop")
@click.option(
    "--format", "formats", default=ALL_FORMATS, show_default=True, help="Comma-separated."
)
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None)
def export(workshop: str, formats: str, out_dir: str | None) -> None:
    """Write a workshop's report (WORKSHOP: its id or join code) into exports/<slug>-<date>/."""
    from .domain.errors import DomainError
    from .i18n import board_labels_in
    from .services import reports
    from .store.db import get_db

    app = _app()
    with app.app_context():
        db = get_db()
        found = _find_workshop(db, workshop)
        report = reports.build_report(db, found["id"], board_words=board_labels_in)
        try:
            files = reports.render(report, [f.strip() for f in formats.split(",") if f.strip()])
        except DomainError as error:
            raise click.ClickException(f"unknown format: {error.params.get('field')}") from error
        target = (
            Path(out_dir)
            if out_dir
            else Path(app.config["EXPORT_DIR"]) / reports.folder_name(report)
        )
        for path in reports.write(files, target):
            click.echo(str(path))


def _purge_every_hour(app: Any) -> threading.Event:
    """Retention runs by itself while the server is up (and once at start); set the returned
    event to stop it.

    `serve` starts it in gunicorn's worker, after the fork: started in the master, its first
    purge could be inside a write at the fork, and the worker inherited that write's locks held
    for ever (its first write, a facilitator's login, waited without end).
    """

    from . import notify
    from .services import workshops
    from .store.db import get_db

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


# --- serve -------------------------------------------------------------------------------


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
    app = _app()
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
    from .server import run_gunicorn

    run_gunicorn(
        app, host=host, port=port, threads=threads, in_worker=lambda: _purge_every_hour(app)
    )


def _print_welcome(app: Any, host: str, port: int, created: dict[str, Any] | None) -> None:
    import segno

    from .services import workshops
    from .store.db import get_db

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


# --- setup -------------------------------------------------------------------------------


@main.command("setup")
@click.option("--browser", is_flag=True, help="Also install Debian's chromium for browser tests.")
def setup(browser: bool) -> None:
    """Fetch front-end packages from npm into static/vendor and compile the translations."""
    from .setup_steps import check_cairo, compile_translations, install_chromium, vendor_packages

    vendor_packages(ROOT)
    compile_translations(ROOT)
    check_cairo()
    if browser:
        install_chromium()
    click.echo("setup done")


if __name__ == "__main__":  # pragma: no cover
    main()
