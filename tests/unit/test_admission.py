"""The cap of Socket.IO requests per address, as a WSGI middleware (security review, issue 8);
tests/integration/test_slow_clients.py measures it on a real server."""

from __future__ import annotations

from typing import Any

from workshop import admission


def test_the_socket_cap_refuses_the_excess_and_releases_when_a_request_ends() -> None:
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [])
        return [b"ok"]

    cap = admission.SocketCap(app, 2)
    statuses: list[str] = []

    def call(path: str, address: str = "10.0.0.1") -> Any:
        environ = {"PATH_INFO": path, "REMOTE_ADDR": address}
        return cap(environ, lambda status, headers: statuses.append(status))

    held = [call("/socket.io/"), call("/socket.io/")]
    refused = call("/socket.io/")
    assert statuses[-1].startswith("429") and b"Too many" in b"".join(refused)
    assert call("/socket.io/", "10.0.0.2") and statuses[-1].startswith("200")
    assert call("/healthz") and statuses[-1].startswith("200")  # only Socket.IO is counted
    assert cap.open_count("10.0.0.1") == 2
    held[0].close()
    assert cap.open_count("10.0.0.1") == 1
    call("/socket.io/")
    assert statuses[-1].startswith("200")
