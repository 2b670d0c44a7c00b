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


def test_the_process_cap_lets_a_few_new_websockets_through_marked_then_answers_503() -> None:
    seen: list[dict[str, Any]] = []

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.append(environ)
        start_response("200 OK", [])
        return [b"ok"]

    cap = admission.SocketCap(app, 0, total=2)
    statuses: list[str] = []

    def call(query: str, address: str) -> Any:
        environ = {"PATH_INFO": "/socket.io/", "REMOTE_ADDR": address, "QUERY_STRING": query}
        return cap(environ, lambda status, headers: statuses.append(status))

    websocket = "EIO=4&transport=websocket"
    held = [call(websocket, "10.0.0.1"), call(websocket, "10.0.0.2")]
    assert cap.is_full() and not any(admission.OVER_CAP in e for e in seen)
    # Past the cap: new websockets are marked for the connect handler, up to OVERFLOW of them.
    over = [call(websocket, f"10.0.1.{i}") for i in range(admission.OVERFLOW)]
    assert all(e.get(admission.OVER_CAP) for e in seen[2:]) and len(seen) == 2 + len(over)
    refused = call(websocket, "10.0.2.1")
    assert statuses[-1].startswith("503") and len(seen) == 2 + len(over)
    assert b"try again" in b"".join(refused)
    # A polling request or an upgrade of a known session cannot be told why: 503 at once.
    over[0].close()
    call("EIO=4&transport=polling", "10.0.2.2")
    assert statuses[-1].startswith("503")
    call("EIO=4&transport=websocket&sid=abc", "10.0.2.3")
    assert statuses[-1].startswith("503")
    # Marked ones leaving do not open the cap; an admitted one leaving does.
    assert cap.is_full()
    held[0].close()
    assert not cap.is_full() and cap.in_flight() == 1
    call(websocket, "10.0.2.4")
    assert statuses[-1].startswith("200") and admission.OVER_CAP not in seen[-1]


def test_the_default_cap_keeps_a_sixteenth_of_the_threads_at_least_thirty_two() -> None:
    assert admission.default_total(1700) == 1594  # serve's default
    assert admission.default_total(1600) == 1500
    assert admission.default_total(100) == 68
    assert admission.default_total(10) == 1  # a pool too small for a reserve still serves one


class _App:
    """What `server._cap_sockets` reads of a Flask app."""

    def __init__(self, total: int | None, per_address: int = 300) -> None:
        self.config: dict[str, Any] = {
            "MAX_SOCKETS": total,
            "MAX_SOCKETS_PER_ADDRESS": per_address,
        }
        self.extensions = {"workshop_admission": admission.SocketCap(lambda e, s: [], 0)}


def test_serve_derives_the_cap_from_its_threads_and_warns_about_a_cap_without_reserve(
    caplog: Any,
) -> None:
    from workshop.serve import server

    derived = _App(None)
    server._cap_sockets(derived, 1600)
    assert derived.config["MAX_SOCKETS"] == 1500 == admission.of(derived).total
    assert not caplog.records

    configured = _App(400)
    server._cap_sockets(configured, 1600)
    assert admission.of(configured).total == 400 and not caplog.records

    for too_many in (_App(1590), _App(0)):
        caplog.clear()
        server._cap_sockets(too_many, 1600)
        assert "threads" in caplog.text and "page" in caplog.text
    caplog.clear()
    server._cap_sockets(_App(None, per_address=2000), 1600)
    assert "one address can hold them all" in caplog.text
