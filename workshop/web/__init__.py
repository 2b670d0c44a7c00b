"""HTTP entry points: pages, facilitator console, downloads and the JSON API."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register every blueprint and the error pages."""
    from . import api, assets, auth, console, deliver, errors, pages, photos

    app.register_blueprint(pages.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(console.bp)
    app.register_blueprint(api.bp)
    errors.init_app(app)
    assets.init_app(app)
    deliver.init_app(app)
    photos.init_app(app)
