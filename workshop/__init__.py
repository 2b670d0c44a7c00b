"""A self-hosted, real-time room for Open Space and double-diamond co-design workshops."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from .config import Config, check_production

ROOT = Path(__file__).resolve().parent.parent


def _secret_key(instance_path: Path) -> str:
    """A random key made once per installation, so no two laptops share a signing key."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(48)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: config, database, translations, security, pages, API and Socket.IO."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("WORKSHOP_INSTANCE_PATH") or str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_object(Config(app.instance_path))
    if test_config:
        app.config.update(test_config)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _secret_key(Path(app.instance_path))
    if app.config["PRODUCTION"]:
        check_production(app.config)

    from . import admission, i18n, logging_setup, security
    from .extensions import csrf, init_db
    from .realtime import init_app as init_realtime
    from .web import init_app as init_web

    init_db(app)
    logging_setup.init_app(app)
    i18n.init_app(app)
    csrf.init_app(app)
    security.init_app(app)
    init_web(app)
    init_realtime(app)
    admission.init_app(app)  # counts Socket.IO requests per client address
    # Outermost, so the cap on sockets and the sockets themselves see the client's address.
    hops = app.config["TRUSTED_PROXIES"]
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # 0: ignored
    return app
