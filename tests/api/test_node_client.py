"""A refused connection as the official JavaScript client sees it (issue 8): `connect_error`
carries the stable code in `data.code`, which is what the console and the phone act on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.live import LiveServer, cookie_header
from tests.support.node import needs_node, run_node

pytestmark = [pytest.mark.slow, needs_node]


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    with LiveServer() as live:
        live.add_facilitator()
        yield live


def connect(server: LiveServer, auth: dict[str, Any], cookie: str = "") -> dict[str, Any]:
    return run_node("connect.mjs", {"url": server.base, "auth": auth, "cookie": cookie})


def test_connect_error_carries_the_code_in_data(server: LiveServer) -> None:
    session = server.login()
    workshop = server.create_workshop(session)
    console = {"view": "console", "workshop_id": workshop["id"]}
    assert connect(server, console, cookie_header(session)) == {"connected": True}
    # After logout the old cookie is refused with `forbidden`, as data the client can read.
    token = session.get(f"{server.base}/console/").text
    from tests.support.live import csrf_token

    session.post(f"{server.base}/logout", data={"csrf_token": csrf_token(token)})
    refused = connect(server, console, cookie_header(session))
    assert refused == {"connected": False, "message": "forbidden", "data": {"code": "forbidden"}}
    phone = {"view": "phone", "workshop_id": workshop["id"]}
    assert connect(server, phone)["data"] == {"code": "not_joined"}
    assert connect(server, {"view": "wall", "join_code": "000000"})["data"] == {
        "code": "invalid_code"
    }
    assert connect(server, {"view": "nonsense"})["data"] == {"code": "bad_request"}
