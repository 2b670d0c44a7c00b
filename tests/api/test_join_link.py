"""The QR code and the join link (security review, issue 8): they point where the server was
configured or detected to be, never where a request's Host header says."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
import segno
from click.testing import CliRunner

from tests.conftest import logged_in_client, make_facilitator, make_workshop
from workshop import cli
from workshop.serve import server
from workshop.web.common import join_url

FORGED = {"Host": "evil.example:666"}


def _qr_svg(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=10, border=2, dark="#000000", light="#ffffff", xmldecl=False
    )
    return buffer.getvalue()


def _join_links(html: str) -> set[str]:
    return set(re.findall(r"https?://[^\s\"'<]+/j/[0-9A-Z]{6}", html))


# --- the join link and QR code --------------------------------------------------------------


@pytest.mark.parametrize("public_url", [None, "http://192.168.1.20:5000"])
def test_a_forged_host_header_changes_neither_the_qr_code_nor_the_join_link(
    app: Any, public_url: str | None
) -> None:
    app.config["PUBLIC_URL"] = public_url
    workshop = make_workshop(app, make_facilitator(app))
    code = workshop["join_code"]
    # Without a configured address: where the server is bound (the test client's "localhost").
    expected = f"{public_url or 'http://localhost'}/j/{code}"
    for headers in ({}, FORGED):
        wall = app.test_client().get(f"/w/{code}/wall", headers=headers).get_data(as_text=True)
        assert _join_links(wall) == {expected}
        # The console builds its link with the same function (a forged Host header would not
        # carry the login cookie through the test client, so it is asked directly).
        with app.test_request_context(f"/console/{workshop['id']}", headers=headers):
            assert join_url(code) == expected
        page = logged_in_client(app).get(f"/console/{workshop['id']}").get_data(as_text=True)
        assert _join_links(page) == {expected}
        assert "evil.example" not in wall
        qr = app.test_client().get(f"/qr/{code}.svg", headers=headers)
        assert qr.data == _qr_svg(expected)


@pytest.mark.parametrize(
    ("host", "environ", "expected"),
    [
        ("127.0.0.1", {}, "http://127.0.0.1:5123"),
        ("0.0.0.0", {}, "http://192.168.1.20:5123"),  # noqa: S104 - gunicorn is not run
        ("0.0.0.0", {"WORKSHOP_PUBLIC_URL": "https://workshop.example.se/"}, None),  # noqa: S104
    ],
)
def test_serve_puts_the_configured_or_detected_address_in_the_qr_code(
    app: Any,
    monkeypatch: pytest.MonkeyPatch,
    host: str,
    environ: dict[str, str],
    expected: str | None,
) -> None:
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    served: dict[str, Any] = {}
    monkeypatch.setenv("WORKSHOP_DATABASE_URL", app.config["DATABASE_URL"])
    monkeypatch.setattr(cli.serving, "lan_address", lambda: "192.168.1.20")
    monkeypatch.setattr(server, "run_gunicorn", lambda app, **kw: served.update(app=app, **kw))
    result = CliRunner().invoke(cli.main, ["serve", "--host", host, "--port", "5123", "--no-demo"])
    assert result.exit_code == 0, result.output
    assert served["app"].config["PUBLIC_URL"] == (expected or "https://workshop.example.se")
