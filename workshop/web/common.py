"""Small helpers shared by the views: the current facilitator, the public URL, page context."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import abort, current_app, g, redirect, request, session, url_for

from ..domain import team as team_rules
from ..extensions import get_db
from ..i18n import js_strings, reading_mode
from ..services import accounts, catalog, team, workshops


def current_user_id() -> int | None:
    """The logged-in facilitator, checked against the login session table on every request."""
    if "user_id" not in g:
        g.user_id = accounts.user_for_login(get_db(), session.get("login"))
    return g.user_id


def login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Send anonymous visitors to the login page, then back."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_user_id() is None:
            return redirect(url_for("auth.login", next=request.path))
        return view(*args, **kwargs)

    return wrapped


def owned_workshop(workshop_id: int, permission: str = "run") -> dict[str, Any]:
    """The workshop if the current facilitator's role in its team grants `permission`
    (domain/team.py; "run" unless the route says otherwise): 404 for someone not in the team
    (ids are not secrets), 403 with the reason for a member whose role does not grant it."""
    workshop = workshops.get_workshop(get_db(), workshop_id)
    role = None if workshop is None else team.role_in(get_db(), workshop_id, current_user_id())
    if workshop is None or role is None:
        abort(404)
    g.workshop_language = workshop["language"]
    if not team_rules.allows(role, permission):
        abort(403)
    workshop["team_role"] = role
    workshop["may"] = sorted(team_rules.GRANTS[role])  # type: ignore[index]
    return workshop


def public_base_url() -> str:
    """Where phones reach this server: the configured or detected address, else the address the
    server is bound to. Never the request's Host header: anybody can forge it, and a wall that
    showed a forged host in its QR code would send a whole room to somebody else's server."""
    configured = current_app.config.get("PUBLIC_URL")
    if configured:
        return str(configured).rstrip("/")
    return bound_url(request.environ.get("SERVER_NAME", ""), request.environ.get("SERVER_PORT", ""))


def bound_url(host: str, port: str | int) -> str:
    """http://host:port for a listening address (0.0.0.0 and :: mean this machine). The server
    itself speaks plain HTTP; behind a TLS proxy WORKSHOP_PUBLIC_URL says where phones go."""
    if host in ("", "0.0.0.0", "::"):  # noqa: S104 - naming the wildcard, not binding to it
        host = "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}" if str(port) in ("", "80") else f"http://{host}:{port}"


def join_url(code: str) -> str:
    """The address a QR code points to."""
    return f"{public_base_url()}/j/{code}"


def client_config(**extra: Any) -> dict[str, Any]:
    """What a page's script needs, passed through one data- attribute with |tojson."""
    from flask_babel import get_locale

    from .assets import vendor_url

    return {
        "strings": js_strings(),
        "lang": str(get_locale()),
        # "sv", "sv_easy" or "en": which of the workshop's own texts this reader gets.
        "reading": reading_mode(str(get_locale())),
        "socketio_url": vendor_url(current_app.static_folder or "", "socket.io-client"),
        **extra,
    }


def board_config(**extra: Any) -> dict[str, Any]:
    """What the board page's script needs: the geometry, the catalogue and the fixed words, in
    the page's language (passed with |tojson like every page's config)."""
    from flask_babel import get_locale

    from ..domain import board as board_rules
    from ..domain.catalog import SECTORS
    from ..i18n import board_labels, board_strings

    lang = str(get_locale())
    config = client_config(**extra)
    config["strings"] = {**config["strings"], **board_strings()}
    config["board"] = {
        "width": board_rules.WIDTH,
        "height": board_rules.HEIGHT,
        "card_w": board_rules.CARD_W,
        "card_h": board_rules.CARD_H,
        "centre": {"x": board_rules.CENTRE_X, "y": board_rules.CENTRE_Y, "r": board_rules.CENTRE_R},
        "areas": board_rules.AREAS,
        "sector_labels": board_rules.LABELS,
        # |tojson sorts keys: the order of the sectors travels as a list.
        "sectors": list(SECTORS),
        "groups": list(board_rules.GROUPS),
        "link_kinds": list(board_rules.LINK_KINDS),
        "labels": board_labels(),
        # Hidden roles too: a card placed before its role was hidden still shows its name.
        "roles": catalog.roles_in(get_db(), extra["workshop_id"], lang, hidden=True),
    }
    return config
