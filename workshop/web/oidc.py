"""Sign-in through the municipality's OpenID Connect provider (Authlib's Flask client), where
WORKSHOP_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET are set: the login page offers
"Sign in with <provider>", the provider sends the browser back to the callback with a code,
and the app fetches the token and checks the ID token against the provider's keys. Without
the three settings the login page is as it was and these routes answer 404."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, abort, current_app, redirect, render_template, session, url_for
from flask_babel import gettext

from ..domain.errors import DomainError
from ..extensions import get_db
from ..i18n import error_body
from ..services import accounts
from .auth import begin_login
from .common import public_base_url

bp = Blueprint("oidc", __name__)
NAME = "provider"


def configured(app: Flask) -> bool:
    """Whether the installation signs in through an OpenID Connect provider."""
    config = app.config
    return bool(config["OIDC_ISSUER"] and config["OIDC_CLIENT_ID"] and config["OIDC_CLIENT_SECRET"])


def init_app(app: Flask) -> None:
    """Register the provider with Authlib (its discovery document is read at the first
    sign-in, not at start: a provider down at start stops nothing but its own button)."""
    app.register_blueprint(bp)
    if not configured(app):
        return
    from authlib.integrations.flask_client import OAuth

    oauth = OAuth(app)
    oauth.register(
        NAME,
        client_id=app.config["OIDC_CLIENT_ID"],
        client_secret=app.config["OIDC_CLIENT_SECRET"],
        server_metadata_url=f"{app.config['OIDC_ISSUER']}/.well-known/openid-configuration",
        client_kwargs={"scope": "openid email profile", "timeout": 10},
    )
    app.extensions["workshop_oidc"] = oauth


@bp.app_context_processor
def login_choices() -> dict[str, Any]:
    """The login page's button: the provider's name, or None without a provider."""
    return {"oidc_name": current_app.config["OIDC_NAME"] if configured(current_app) else None}


def _client() -> Any:
    oauth = current_app.extensions.get("workshop_oidc")
    if oauth is None:
        abort(404)
    return getattr(oauth, NAME)


@bp.get("/login/oidc")
def start() -> Any:
    """Send the browser to the provider (state and nonce kept in the signed session)."""
    client = _client()
    return client.authorize_redirect(f"{public_base_url()}{url_for('oidc.callback')}")


@bp.get("/login/oidc/callback")
def callback() -> Any:
    """The provider's answer: the token fetched and the ID token checked (issuer, audience,
    signature, nonce) by Authlib; then the account found, linked or made, and logged in."""
    client = _client()
    try:
        token = client.authorize_access_token()
        claims = dict(token.get("userinfo") or {})
        user_id = accounts.oidc_account(get_db(), current_app.config["OIDC_ISSUER"], claims)
    except DomainError as error:
        return _refused(str(error_body(error)["error"]["message"]))
    except Exception:  # any failure of the provider's answer: say so, and log it
        current_app.logger.warning("OpenID Connect sign-in refused", exc_info=True)
        return _refused(
            gettext(
                "The sign-in through %(name)s did not work. Try again.",
                name=current_app.config["OIDC_NAME"],
            )
        )
    begin_login(accounts.start_login(get_db(), user_id))
    return redirect(url_for("console.index"))


def _refused(message: str) -> Any:
    session.pop("login", None)
    return render_template("login.html", error=message, next=""), 400
