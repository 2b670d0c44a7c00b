"""Fixtures shared by every test: an app on a fresh database, clients, and factories."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from workshop import create_app, limits
from workshop.cli import upgrade_database
from workshop.extensions import get_db, socketio
from workshop.realtime.quota import quota
from workshop.services import accounts, workshops

PASSWORD = "correct horse battery"

# QUALITY.md: every check prints its figure. pytest hides a passing test's output, so what the
# tests print is collected here and shown in a "figures" section at the end of every run (CI too).
_figures: list[tuple[str, str]] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.passed and report.capstdout.strip():
        _figures.append((report.nodeid, report.capstdout.strip()))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _figures:
        return
    terminalreporter.section("figures")
    for nodeid, text in _figures:
        terminalreporter.write_line(nodeid)
        for line in text.splitlines():
            terminalreporter.write_line(f"    {line}")


# A test under tests/browser/ or tests/integration/ starts a real server (and Chromium): it is
# marked by its folder, so the fast loop (-m "not slow and not browser and not integration")
# never runs one because a file forgot its `pytestmark` (test_hostile_requests.py once did).
FOLDER_MARKS = {"browser": "browser", "integration": "integration"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        folder = item.path.parent.name
        if folder in FOLDER_MARKS and item.path.parent.parent.name == "tests":
            item.add_marker(FOLDER_MARKS[folder])


# pyproject's addopts run the suite on two pytest-xdist workers. Every real-server test starts
# processes that use both cores: the integration folder is one unit of work, its tests one after
# another on one worker (never two 200-phone bursts at once). A browser test file is a unit of
# its own (its module fixtures, a room or a server, are built once): while one worker runs the
# integration folder the other runs browser files, and both take browser files once it is done.
# The browser folder as one unit made it the suite's critical path (about 9 minutes alone, 15
# minutes of CI beside the rest). Grouped here by path rather than by xdist_group marks: under
# pytest 9 `--dist loadgroup` silently ignores those (xdist 3.8 renames `item._nodeid`, which
# pytest 9 no longer reads).
XDIST_GROUPS = {"integration"}
FILE_GROUPS = {"browser"}
# A file whose module-scoped fixture is its cost (the registry's 1,000-event scenario, about
# half a minute): one unit, built once, instead of once on each worker.
FILE_UNITS = {"tests/services/test_registry.py"}


@pytest.hookimpl(optionalhook=True, tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    from xdist.scheduler import LoadScopeScheduling

    class ByFolder(LoadScopeScheduling):
        """LoadScopeScheduling (the largest unit first) with the units above."""

        def _split_scope(self, nodeid: str) -> str:
            parts = nodeid.split("/")
            if len(parts) > 2 and parts[0] == "tests" and parts[1] in XDIST_GROUPS:
                return parts[1]
            path = nodeid.split("::", 1)[0]
            in_file_group = len(parts) > 2 and parts[0] == "tests" and parts[1] in FILE_GROUPS
            return path if in_file_group or path in FILE_UNITS else nodeid

    return ByFolder(config, log)


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashes() -> Iterator[None]:
    """Passwords hashed with one round of PBKDF2 instead of scrypt in tests: a scrypt hash and
    its check take about 0.2 s each, paid by almost every test that logs in. Production keeps
    werkzeug's default (scrypt); a stored hash names its own method, so checks still verify."""
    from functools import partial

    from werkzeug.security import generate_password_hash

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            accounts,
            "generate_password_hash",
            partial(generate_password_hash, method="pbkdf2:sha256:1"),
        )
        yield


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated with Alembic (every migration, like a real installation), made
    once per run: each test gets a copy. Migrating ten versions for each of some 400 tests cost
    about half a second each."""
    path = tmp_path_factory.mktemp("migrated") / "migrated.sqlite3"
    upgrade_database(f"sqlite:///{path}")
    return path


def make_app(folder: Path, migrated_database: Path) -> Flask:
    """An app on a fresh SQLite file in `folder`: a copy of the one migrated with Alembic."""
    shutil.copyfile(migrated_database, folder / "test.sqlite3")
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{folder / 'test.sqlite3'}",
            "WTF_CSRF_ENABLED": False,
            "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
            # The test client reads what was emitted right after each call: no batching window.
            "BROADCAST_COALESCE_MAX_SECONDS": 0,
            # Tests call broadcast.announce_heads() themselves instead of waiting for a thread.
            "HEAD_INTERVAL_SECONDS": 0,
        }
    )
    quota.reset()
    limits.reset()
    return app


@pytest.fixture
def app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, migrated_database: Path
) -> Iterator[Flask]:
    """An app on a fresh SQLite file: a copy of the one migrated with Alembic."""
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.delenv("WORKSHOP_DATABASE_URL", raising=False)
    app = make_app(tmp_path, migrated_database)
    yield app
    get_db_of(app).dispose()


def get_db_of(app: Flask) -> Any:
    """The app's Database outside a request."""
    return app.extensions["workshop_db"]


@pytest.fixture
def db(app: Flask) -> Any:
    """The app's Database."""
    return get_db_of(app)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """An HTTP client with its own cookie jar."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> Any:
    """The CLI runner."""
    return app.test_cli_runner()


def make_facilitator(app: Flask, email: str = "facilitator@example.se") -> int:
    """A facilitator account with the shared test password."""
    with app.app_context():
        return accounts.create_facilitator(get_db(), email, PASSWORD)


def make_workshop(app: Flask, owner_id: int, **fields: Any) -> dict[str, Any]:
    """A workshop owned by `owner_id`."""
    data = {"title": "En väg in", "theme": "Hur ger vi familjer en väg in?", **fields}
    with app.app_context():
        return workshops.create_workshop(get_db(), owner_id, data)


def logged_in_client(app: Flask, email: str = "facilitator@example.se") -> FlaskClient:
    """An HTTP client logged in as the facilitator `email`."""
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302, response.data
    return client


def joined_client(app: Flask, join_code: str, **profile: str) -> FlaskClient:
    """An HTTP client that joined the workshop as a participant."""
    client = app.test_client()
    response = client.post(f"/j/{join_code}", data=profile)
    assert response.status_code == 302, response.data
    return client


def socket_for(app: Flask, http_client: FlaskClient, **auth: Any) -> Any:
    """A Socket.IO test client sharing the HTTP client's cookies."""
    return socketio.test_client(app, flask_test_client=http_client, auth=auth)


@pytest.fixture
def room(app: Flask) -> dict[str, Any]:
    """A workshop with a facilitator console, two phones and a wall, all connected."""
    owner = make_facilitator(app)
    workshop = make_workshop(app, owner)
    console_http = logged_in_client(app)
    phone_a_http = joined_client(app, workshop["join_code"], nickname="A", group="young")
    phone_b_http = joined_client(app, workshop["join_code"], nickname="B", group="parent")
    wid = workshop["id"]
    sockets = {
        "console": socket_for(app, console_http, view="console", workshop_id=wid),
        "phone_a": socket_for(app, phone_a_http, view="phone", workshop_id=wid),
        "phone_b": socket_for(app, phone_b_http, view="phone", workshop_id=wid),
        "wall": socket_for(app, app.test_client(), view="wall", join_code=workshop["join_code"]),
    }
    for sock in sockets.values():
        assert sock.is_connected()
        sock.get_received()
    return {
        "workshop": workshop,
        "owner_id": owner,
        "http": {"console": console_http, "phone_a": phone_a_http, "phone_b": phone_b_http},
        **sockets,
    }


def ack(sock: Any, event: str, payload: Any) -> dict[str, Any]:
    """Emit and return the ack."""
    return sock.emit(event, payload, callback=True)


def events_of(sock: Any) -> list[dict[str, Any]]:
    """The log events a socket received since the last call."""
    return [e for m in sock.get_received() if m["name"] == "events" for e in m["args"][0]]


_counter = iter(range(1, 10**9))


def op() -> str:
    """A fresh op_id."""
    return f"op-{next(_counter)}-{os.getpid()}"
