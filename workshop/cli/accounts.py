"""`workshop facilitator`: facilitator accounts."""

from __future__ import annotations

import sys

import click

from . import base
from .base import main
from .database import upgrade_database


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
    from ..domain.errors import DomainError
    from ..extensions import get_db
    from ..services import accounts

    app = base.load_app()
    upgrade_database(app.config["DATABASE_URL"])
    password = _read_password(password_stdin)
    with app.app_context():
        try:
            user_id = accounts.create_facilitator(get_db(), email, password)
            admin = accounts.is_admin(get_db(), user_id)
        except DomainError as error:
            field = error.params.get("field", "")
            hint = {
                "password": "the password needs 8 characters or more",
                "email": "that email is not valid or already has an account",
            }.get(field, error.code)
            raise click.ClickException(hint) from error
    click.echo(f"facilitator {email} added" + (" (the installation's admin)" if admin else ""))


@facilitator.command("admin")
@click.argument("email")
def facilitator_admin(email: str) -> None:
    """Make an account an admin of the installation too (the first account already is)."""
    from ..domain.errors import DomainError
    from ..extensions import get_db
    from ..services import accounts

    app = base.load_app()
    upgrade_database(app.config["DATABASE_URL"])
    with app.app_context():
        try:
            accounts.set_admin(get_db(), email)
        except DomainError as error:
            raise click.ClickException(f"no facilitator {email}") from error
    click.echo(f"{email} is an admin")


@facilitator.command("password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def facilitator_password(email: str, password_stdin: bool) -> None:
    """Set a new password for a facilitator."""
    from ..domain.errors import DomainError
    from ..extensions import get_db
    from ..services import accounts

    app = base.load_app()
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
    from ..domain.errors import DomainError
    from ..extensions import get_db
    from ..services import accounts

    app = base.load_app()
    with app.app_context():
        try:
            token = accounts.create_api_token(get_db(), email, label)
        except DomainError as error:
            raise click.ClickException(f"no facilitator {email}") from error
    click.echo(token)
