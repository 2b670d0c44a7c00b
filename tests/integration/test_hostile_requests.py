"""A real server against requests a browser would never send (security review, issue 8): a
forged Host header, a foreign Origin."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
import websocket

from tests.support.live import LiveServer


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    with LiveServer() as live:
        yield live


def test_a_forged_host_header_does_not_reach_the_wall_s_join_link(server: LiveServer) -> None:
    server.add_facilitator()
    code = server.create_workshop(server.login())["join_code"]
    page = requests.get(
        f"{server.base}/w/{code}/wall", headers={"Host": "evil.example"}, timeout=5
    ).text
    assert f"{server.base}/j/{code}" in page and "evil.example" not in page


def test_a_foreign_origin_gets_no_socket(server: LiveServer) -> None:
    url = f"ws://127.0.0.1:{server.port}/socket.io/?EIO=4&transport=websocket"
    with pytest.raises(websocket.WebSocketBadStatusException):
        websocket.create_connection(url, origin="http://evil.example", timeout=5)
    own = websocket.create_connection(url, origin=server.base, timeout=5)
    assert own.recv().startswith("0")  # the Engine.IO open packet
    own.close(timeout=0.2)
