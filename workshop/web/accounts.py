"""Facilitator accounts in the web app: one's own account (the name the team sees, the
password), the installation's admin page (add and remove accounts, one-time password links,
every workshop with its owner and purge date) and the password link's page."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext

from .. import limits, notify
from ..domain import accounts as account_rules
from ..domain.errors import DomainError
from ..extensions import get_db
from ..i18n import error_body
from ..services import accounts, team
from .auth import begin_login
from .common import current_user_id, login_required, public_base_url

bp = Blueprint("accounts", __name__)


def _end_logins(hashes: list[str]) -> None:
    """End the sockets of logins the service revoked, as a logout does."""
    for login_hash in hashes:
        notify.login_ended.send(login_hash)


def _message(error: DomainError) -> str:
    """A refused form's message in the reader's language, with the field named."""
    field = error.params.get("field")
    if error.code == "bad_request" and field == "password":
        return gettext("Choose a password of at least 8 characters.")
    if error.code == "bad_request" and field == "email":
        return gettext(
            "Write an e-mail address, like name@example.se, that has no account here yet."
        )
    return str(error_body(error)["error"]["message"])


def _wait(account_email: object) -> int:
    """Wrong passwords and unknown links are counted as login's wrong passwords are (per
    account where there is one, and per address): a guesser gets no more tries here."""
    config = current_app.config
    keys = {limits.address_key(request.remote_addr or "?"): config["LOGIN_FAILURES_PER_ADDRESS"]}
    if account_email is not None:
        keys[limits.account_key(account_email)] = config["LOGIN_FAILURES_PER_ACCOUNT"]
    return limits.login_failures.attempt(keys, config["LOGIN_MAX_WAIT"])


def _forgive(account_email: object, *, right: bool) -> None:
    """Take back this try's count: it was no wrong guess. `right`: the password was right,
    so the account's earlier failures are forgotten too, as a correct login forgets them."""
    if account_email is not None:
        key = limits.account_key(account_email)
        if right:
            limits.login_failures.clear(key)
        else:
            limits.login_failures.forgive(key)
    limits.login_failures.forgive(limits.address_key(request.remote_addr or "?"))


def _too_many(wait: int) -> str:
    return gettext("Too many wrong passwords. Try again in %(seconds)s s.", seconds=wait)


# --- one's own account ----------------------------------------------------------------------


def _me() -> int:
    """The logged-in facilitator (the views below are all behind `login_required`)."""
    user_id = current_user_id()
    assert user_id is not None
    return user_id


def _account_page(status: int = 200, **shown: Any) -> Any:
    me = accounts.account(get_db(), _me())
    teams = team.report_names_of(get_db(), _me())
    return render_template("account.html", me=me, teams=teams, **shown), status


@bp.get("/account")
@login_required
def account() -> Any:
    """The facilitator's own account: the name the team sees and the password."""
    return _account_page(saved=request.args.get("saved"))


@bp.post("/account/name")
@login_required
def name() -> Any:
    """Set the name the team sees in the console's history and list of who is where."""
    try:
        accounts.set_display_name(get_db(), _me(), request.form.get("display_name"))
    except DomainError as error:
        return _account_page(400, name_error=_message(error))
    return redirect(url_for("accounts.account", saved="name"))


@bp.post("/account/report-names")
@login_required
def report_names() -> Any:
    """In which of their workshops' reports the facilitator is named (`named`: workshop ids);
    in the others the report counts them only. Nobody else sets it."""
    wanted = [int(raw) for raw in request.form.getlist("named") if raw.isdigit() and len(raw) < 19]
    team.set_report_names(get_db(), _me(), wanted)
    return redirect(url_for("accounts.account", saved="report"))


@bp.post("/account/password")
@login_required
def password() -> Any:
    """Change one's own password; the current one is required and counted as login's is.
    The account's other logins end, with their sockets."""
    user_id = _me()
    me = accounts.account(get_db(), user_id)
    assert me is not None
    wait = _wait(me["email"])
    if wait:
        page, _status = _account_page(429, password_error=_too_many(wait))
        return page, 429, {"Retry-After": str(wait)}
    try:
        ended = accounts.change_password(
            get_db(),
            user_id,
            request.form.get("current_password"),
            request.form.get("new_password"),
            session["login"],
        )
    except DomainError as error:
        if error.code != "wrong_password":
            # A too short new password is no guess at the current one (it is not checked).
            _forgive(me["email"], right=False)
        return _account_page(
            400 if error.code != "wrong_password" else 401, password_error=_message(error)
        )
    _forgive(me["email"], right=True)
    _end_logins(ended)
    return redirect(url_for("accounts.account", saved="password"))


# --- the admin's page -----------------------------------------------------------------------


def _admin() -> int:
    user_id = current_user_id()
    if not accounts.is_admin(get_db(), user_id):
        abort(403)
    assert user_id is not None
    return user_id


def _admin_page(status: int = 200, **shown: Any) -> Any:
    admin_id = _admin()
    return render_template(
        "admin.html",
        admin_id=admin_id,
        overview=accounts.overview(get_db(), current_app.config["RETENTION_DAYS"]),
        retention_days=current_app.config["RETENTION_DAYS"],
        link_hours=account_rules.PASSWORD_LINK_HOURS,
        **shown,
    ), status


def _link_url(token: str) -> str:
    return f"{public_base_url()}{url_for('accounts.set_password', token=token)}"


@bp.get("/admin")
@login_required
def admin() -> Any:
    """The installation's accounts and workshops (the admin only)."""
    return _admin_page()


@bp.post("/admin/accounts")
@login_required
def add() -> Any:
    """Add a facilitator account; its first password is set with the link shown now."""
    admin_id = _admin()
    email = request.form.get("email", "")
    try:
        _user_id, token = accounts.add_facilitator(
            get_db(), admin_id, email, request.form.get("display_name", "")
        )
    except DomainError as error:
        return _admin_page(400, error=_message(error))
    return _admin_page(link=_link_url(token), link_for=email.strip().lower(), link_new=True)


def _account_email(user_id: int) -> str:
    found = accounts.account(get_db(), user_id)
    if found is None:
        abort(404)
    return str(found["email"])


@bp.post("/admin/accounts/<int:user_id>/password-link")
@login_required
def reset(user_id: int) -> Any:
    """A one-time link that sets a new password for the account (the old one keeps working
    until the link is used); shown to the admin now, for them to pass on."""
    admin_id = _admin()
    email = _account_email(user_id)
    token = accounts.password_link(get_db(), admin_id, user_id)
    return _admin_page(link=_link_url(token), link_for=email, link_new=False)


@bp.post("/admin/accounts/<int:user_id>/remove")
@login_required
def remove(user_id: int) -> Any:
    """Remove an account after the typed e-mail; its workshops pass to the admin, its
    sockets end at once."""
    admin_id = _admin()
    email = _account_email(user_id)
    if request.form.get("confirm", "").strip().lower() != email:
        message = gettext("Type the e-mail %(email)s to confirm.", email=email)
        return _admin_page(400, error=message)
    try:
        removed = accounts.remove_facilitator(get_db(), admin_id, user_id)
    except DomainError as error:
        return _admin_page(400, error=_message(error))
    _end_logins(removed["logins"])
    # Answered with the page, not a redirect: the e-mail stays out of the address bar and logs.
    return _admin_page(removed=email, handed=len(removed["handed_over"]))


# --- the password link ----------------------------------------------------------------------


def _link_page(token: str, *, status: int = 200, error: str = "") -> Any:
    try:
        email = accounts.password_link_email(get_db(), token)
    except DomainError as refused:
        message = _message(refused)
        if refused.code == "not_found":
            message = gettext("This link is not valid. Check that it was copied whole.")
        return render_template("password_link.html", email=None, refused=message), 404
    return render_template("password_link.html", email=email, refused=None, error=error), status


@bp.get("/password/<token>")
def set_password(token: str) -> Any:
    """The page a password link opens: the account's e-mail and a new password."""
    return _link_page(token)


@bp.post("/password/<token>")
def set_password_post(token: str) -> Any:
    """Set the password, once; the account's every other login ends and this browser is
    logged in. Unknown links count as wrong passwords of the address."""
    wait = _wait(None)
    if wait:
        page = render_template("password_link.html", email=None, refused=_too_many(wait))
        return page, 429, {"Retry-After": str(wait)}
    try:
        email, ended = accounts.use_password_link(get_db(), token, request.form.get("password"))
    except DomainError as error:
        if error.code == "bad_request":
            _forgive(None, right=False)
            return _link_page(token, status=400, error=_message(error))
        return _link_page(token)
    _forgive(None, right=True)
    _end_logins(ended)
    login_token = accounts.log_in(get_db(), email, request.form.get("password"))
    assert login_token is not None
    begin_login(login_token)
    return redirect(url_for("console.index"))
