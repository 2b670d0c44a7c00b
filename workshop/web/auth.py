"""Facilitator login and logout; logout also ends the privileges of that login's sockets."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext

from .. import get_db, limits, services
from ..realtime import broadcast, connections

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
    if not limits.join_failures.allowed(address, current_app.config["JOIN_FAILURES_PER_MIN"]):
        message = gettext("Too many tries. Wait a minute and try again.")
        return render_template("login.html", error=message, next=next_url), 429
    token = services.log_in(get_db(), request.form.get("email"), request.form.get("password"))
    if token is None:
        limits.join_failures.record(address)
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
        services.log_out(get_db(), token)
        broadcast.session_ended(services.hash_token(token))
        broadcast.end_sockets(connections.sids_for_login(token))
    return redirect(url_for("pages.home"))
