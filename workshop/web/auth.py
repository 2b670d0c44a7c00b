"""Facilitator login and logout; logout also ends the privileges of that login's sockets."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext

from .. import limits, notify
from ..extensions import get_db
from ..services import accounts

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
    """Check the password; a new session id on success (no fixation).

    Wrong passwords are counted per account and per address, never together with wrong join
    codes, so a class mistyping codes cannot slow the facilitator's login. Past a few failures
    the account (or the address, across accounts) waits 2, 4, 8 ... s, capped, and tries within
    the wait are refused unchecked, a correct password too: checking it is what a guesser wants.
    """
    next_url = request.form.get("next", "")
    account = limits.account_key(request.form.get("email"))
    address = limits.address_key(request.remote_addr or "?")
    config = current_app.config
    wait = limits.login_failures.attempt(
        {
            account: config["LOGIN_FAILURES_PER_ACCOUNT"],
            address: config["LOGIN_FAILURES_PER_ADDRESS"],
        },
        config["LOGIN_MAX_WAIT"],
    )
    if wait:
        message = gettext("Too many wrong passwords. Try again in %(seconds)s s.", seconds=wait)
        page = render_template("login.html", error=message, next=next_url)
        return page, 429, {"Retry-After": str(wait)}
    token = accounts.log_in(get_db(), request.form.get("email"), request.form.get("password"))
    if token is None:
        message = gettext("Wrong email or password.")
        return render_template("login.html", error=message, next=next_url), 401
    limits.login_failures.clear(account)
    limits.login_failures.forgive(address)
    begin_login(token)
    return redirect(_safe_next(next_url))


def begin_login(token: str) -> None:
    """Start a facilitator's session with a fresh session (no fixation); a participant's join
    cookies in this browser stay."""
    participants = session.get("participants")
    session.clear()
    if participants:
        session["participants"] = participants
    session["login"] = token
    session.permanent = True


@bp.post("/logout")
def logout() -> Any:
    """Revoke the login; its sockets lose their rights at once and are disconnected here."""
    token = session.pop("login", None)
    if token:
        accounts.log_out(get_db(), token)
        notify.login_ended.send(accounts.hash_token(token))
    return redirect(url_for("pages.home"))
