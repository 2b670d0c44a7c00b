"""Facilitator login and logout; logout also ends the privileges of that login's sockets."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_babel import gettext

from .. import notify
from ..services import accounts
from ..store.db import get_db
from .limits import join_failures

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only ever redirect within this site after login."""
    if target and target.startswith("/") and not target.startswith("//"):
        parsed = urlparse(target)
        if not parsed.netloc and not parsed.scheme:
            return target
    return url_for("console.index")


@bp.get("/login")
def login() -> str:
    """The login form."""
    return render_template("login.html", error=None, next=request.args.get("next", ""))


@bp.post("/login")
def login_post() -> Any:
    """Check the password; a new session id on success (no fixation)."""
    address = request.remote_addr or "?"
    next_url = request.form.get("next", "")
    if not join_failures.allowed(address):
        message = gettext("Too many tries. Wait a minute and try again.")
        return render_template("login.html", error=message, next=next_url), 429
    token = accounts.log_in(get_db(), request.form.get("email"), request.form.get("password"))
    if token is None:
        join_failures.record(address)
        message = gettext("Wrong email or password.")
        return render_template("login.html", error=message, next=next_url), 401
    participants = session.get("participants")
    session.clear()
    if participants:
        session["participants"] = participants
    session["login"] = token
    session.permanent = True
    return redirect(_safe_next(next_url))


@bp.post("/logout")
def logout() -> Any:
    """Revoke the login; its sockets lose their rights at once and are disconnected here."""
    token = session.pop("login", None)
    if token:
        accounts.log_out(get_db(), token)
        notify.login_ended.send(accounts.hash_token(token))
    return redirect(url_for("pages.home"))
