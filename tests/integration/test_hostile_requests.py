"""A real server against requests a browser would never send (security review, issue 8):
broken Socket.IO and Engine.IO packets, and a forged Host header."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
import requests
import websocket

from tests.support.live import LiveServer

SECRET = "Hemligt ämne 7f3a"
# Engine.IO frames that do not decode, and Socket.IO packets inside valid Engine.IO frames that
# do not either; each quotes something a participant might have typed.
BROKEN = ["x" + SECRET, "\x00" + SECRET, "42[" + SECRET, "4z" + SECRET, '40{"' + SECRET]
# Packets that decode but are no Socket.IO message python-socketio can handle (second review):
# an event that is an object or empty, a bare message, an unknown type, attachments never sent.
BROKEN += ['42{"x":"' + SECRET + '"}', "42[]", "4", "49" + SECRET]
BROKEN += ['451-["' + SECRET + '",{"_placeholder":true,"num":0}]']


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    with LiveServer() as live:
        yield live


def test_malformed_packets_leave_one_short_log_line_and_no_traceback(server: LiveServer) -> None:
    ws_url = f"ws://127.0.0.1:{server.port}/socket.io/?EIO=4&transport=websocket"
    sent = 0
    for _ in range(6):
        for frame in BROKEN:
            sock = websocket.create_connection(ws_url, timeout=5)
            sock.recv()  # the Engine.IO open packet
            sock.send(frame)
            sent += 1
            time.sleep(0.02)
            sock.close(timeout=0.2)
    polling = f"{server.base}/socket.io/?EIO=4&transport=polling"
    sid = re.search(r'"sid":"([^"]+)"', requests.get(polling, timeout=5).text)
    assert sid is not None
    for frame in BROKEN:
        requests.post(f"{polling}&sid={sid.group(1)}", data=frame.encode(), timeout=5)
        sent += 1
    assert requests.get(f"{server.base}/healthz", timeout=5).ok
    time.sleep(0.5)
    log = server.log_path.read_text(errors="replace")
    lines = [line for line in log.splitlines() if "malformed" in line]
    print(
        f"{sent} malformed packets: {len(lines)} log line(s), {log.count('Traceback')} tracebacks"
    )
    assert "Traceback" not in log and SECRET not in log
    assert len(lines) == 1, log


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
