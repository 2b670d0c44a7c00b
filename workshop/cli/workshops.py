"""`workshop create`, `demo`, `purge`, `export` and `roles`: workshops, their reports and
their role catalogue."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import click

from . import base
from .base import main
from .database import upgrade_database


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
    from ..domain.actors import Actor
    from ..domain.errors import DomainError
    from ..extensions import get_db
    from ..services import accounts, consultation, workshops

    app = base.load_app()
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


DEMO_EMAIL = "demo@workshop.local"


def ensure_demo(app: Any) -> dict[str, Any] | None:
    """Create the demo facilitator and workshop once; returns login details when it did."""
    from ..extensions import get_db
    from ..services import accounts, workshops

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
    app = base.load_app()
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
    from ..extensions import get_db
    from ..services import workshops

    app = base.load_app()
    upgrade_database(app.config["DATABASE_URL"])
    with app.app_context():
        removed = workshops.purge_expired(get_db(), days or app.config["RETENTION_DAYS"])
    click.echo(f"purged {len(removed)} workshop(s)")


ALL_FORMATS = "md,html,docx,pdf,csv,json,svg,png"


def _find_workshop(db: Any, workshop: str) -> dict[str, Any]:
    """A workshop by its id or its join code, or a clear message."""
    from ..domain import rules
    from ..domain.errors import DomainError
    from ..services import workshops

    found = workshops.get_workshop(db, int(workshop)) if workshop.isdigit() else None
    if found is None:
        try:
            found = workshops.workshop_by_code(db, rules.normalise_join_code(workshop))
        except DomainError:
            found = None
    if found is None:
        raise click.ClickException(f"no workshop with the id or join code {workshop!r}")
    return found


@main.group()
def roles() -> None:
    """A workshop's own role catalogue as CSV (roles.csv's columns, plus hidden and kind)."""


@roles.command("export")
@click.argument("workshop")
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=True))
def roles_export(workshop: str, file: str | None) -> None:
    """Write WORKSHOP's catalogue (its id or join code) to FILE, or to standard output."""
    from ..extensions import get_db
    from ..services import catalog

    app = base.load_app()
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
    from .. import notify
    from ..domain.actors import Actor
    from ..domain.errors import DomainError
    from ..extensions import get_db
    from ..services import catalog

    try:
        with click.open_file(file, encoding="utf-8-sig") as handle:
            text = handle.read()
    except UnicodeDecodeError as error:
        raise click.ClickException(f"{file} is not UTF-8 text; nothing was imported") from error
    app = base.load_app()
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
    from ..domain.errors import DomainError
    from ..extensions import get_db
    from ..i18n import board_labels_in
    from ..services import reports

    app = base.load_app()
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
