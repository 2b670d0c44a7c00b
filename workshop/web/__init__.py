"""HTTP entry points: pages, facilitator console, downloads and the JSON API."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter

# The largest id a database row can have (SQLite's and PostgreSQL's bigint).
MAX_ID = 2**63 - 1


class RowId(IntegerConverter):
    """`<int:...>` in every route: a number past any row id does not match, so it is a 404.

    Werkzeug's own converter takes any length of digits; SQLite then raised OverflowError and
    every such request was a 500 with a 3 KB traceback in the log."""

    def __init__(self, url_map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def init_app(app: Flask) -> None:
    """Register every blueprint and the error pages."""
    from . import (
        accounts,
        api,
        assets,
        auth,
        console,
        deliver,
        errors,
        oidc,
        pages,
        photos,
        process,
        team,
    )

    app.url_map.converters["int"] = RowId

    app.register_blueprint(pages.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(console.bp)
    app.register_blueprint(team.bp)
    app.register_blueprint(accounts.bp)
    app.register_blueprint(process.bp)
    app.register_blueprint(api.bp)
    errors.init_app(app)
    assets.init_app(app)
    deliver.init_app(app)
    photos.init_app(app)
    oidc.init_app(app)
