"""Production refuses settings that are only safe on a developer machine (security review,
issue 8): a guessable secret key, any wildcard in an allowed origin."""

from __future__ import annotations

import secrets
from typing import Any

import pytest

from workshop import create_app
from workshop.config import check_production

GOOD_KEY = secrets.token_urlsafe(48)


def _production(**overrides: Any) -> dict[str, Any]:
    config = {
        "SECRET_KEY_FROM_ENV": True,
        "SECRET_KEY": GOOD_KEY,
        "DEBUG": False,
        "CORS_ALLOWED_ORIGINS": ["https://workshop.example.se"],
    }
    return {**config, **overrides}


def test_production_accepts_a_random_key_and_exact_origins() -> None:
    check_production(_production())
    # `openssl rand -hex 32`, one that happens to miss a hex digit
    check_production(
        _production(SECRET_KEY="82153fb22fe377a4111f81a9b79175a2a2c583e9602e0e22ee1b2a9f86bb85c6")
    )


@pytest.mark.parametrize(
    "key",
    [
        "a" * 40,
        "ab" * 20,
        "correct horse battery staple correct horse",
        "0123456789" * 4,
        # Random but short; a fixed id, so that each pytest-xdist worker collects the same test.
        pytest.param(secrets.token_urlsafe(16), id="random-but-short"),
    ],
)
def test_production_refuses_a_guessable_secret_key(key: str) -> None:
    with pytest.raises(RuntimeError, match="WORKSHOP_SECRET_KEY"):
        check_production(_production(SECRET_KEY=key))


@pytest.mark.parametrize(
    "origin", ["*", "http://*", "https://*.example.se", "https://workshop.example.se:*"]
)
def test_production_refuses_any_wildcard_origin(origin: str) -> None:
    origins = ["https://workshop.example.se", origin]
    with pytest.raises(RuntimeError, match="WORKSHOP_ALLOWED_ORIGINS"):
        check_production(_production(CORS_ALLOWED_ORIGINS=origins))


def test_the_app_refuses_to_start_in_production_with_a_weak_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    monkeypatch.setenv("WORKSHOP_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("WORKSHOP_PRODUCTION", "1")
    monkeypatch.setenv("WORKSHOP_SECRET_KEY", "a" * 40)
    with pytest.raises(RuntimeError, match="guessable"):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"})
    monkeypatch.setenv("WORKSHOP_SECRET_KEY", GOOD_KEY)
    monkeypatch.setenv("WORKSHOP_ALLOWED_ORIGINS", "http://*")
    with pytest.raises(RuntimeError, match="without any"):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"})
