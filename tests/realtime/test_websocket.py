"""The websocket read in the serving thread (workshop/realtime/websocket.py), over a real socket.

The phone's end is a raw socket speaking the websocket protocol by hand, so a test can make it
do what a browser never does on cue: stay silent after the server closes, or vanish.
"""

from __future__ import annotations

import os
import socket
import struct
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import simple_websocket

from workshop.realtime.websocket import InlineServer

KEY = "dGhlIHNhbXBsZSBub25jZQ=="  # RFC 6455's example key


def masked_frame(opcode: int, payload: bytes) -> bytes:
    """One final frame from a client (clients must mask), payload under 126 bytes."""
    mask = os.urandom(4)
    body = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return struct.pack("!BB", 0x80 | opcode, 0x80 | len(payload)) + mask + body


@pytest.fixture
def pair() -> Iterator[tuple[InlineServer, socket.socket]]:
    server_end, phone = socket.socketpair()
    environ = {
        "werkzeug.socket": server_end,
        "HTTP_HOST": "localhost",
        "HTTP_UPGRADE": "websocket",
        "HTTP_CONNECTION": "Upgrade",
        "HTTP_SEC_WEBSOCKET_KEY": KEY,
        "HTTP_SEC_WEBSOCKET_VERSION": "13",
    }
    threads_before = threading.active_count()
    ws = InlineServer(environ)
    assert threading.active_count() == threads_before  # no reader thread of its own
    answer = phone.recv(4096)
    assert answer.startswith(b"HTTP/1.1 101"), answer
    phone.settimeout(5)
    yield ws, phone
    phone.close()
    server_end.close()


def receive_in_thread(ws: InlineServer) -> tuple[threading.Thread, list[Any]]:
    got: list[Any] = []

    def read() -> None:
        try:
            got.append(ws.receive())
        except simple_websocket.ConnectionClosed as closed:
            got.append(closed)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader, got


def test_a_message_is_read_in_the_calling_thread(pair: tuple[InlineServer, socket.socket]) -> None:
    ws, phone = pair
    phone.sendall(masked_frame(0x1, b'42["vote.add",{}]') + masked_frame(0x1, b"3"))
    assert ws.receive() == '42["vote.add",{}]'
    assert ws.receive() == "3"  # the second frame came in the same read and waited in the buffer
    ws.send("2")
    assert phone.recv(16) == b"\x81\x012"  # the writer's side is unchanged


def test_a_ping_frame_is_answered_while_reading(pair: tuple[InlineServer, socket.socket]) -> None:
    ws, phone = pair
    phone.sendall(masked_frame(0x9, b"hi") + masked_frame(0x1, b"3"))
    assert ws.receive() == "3"
    assert phone.recv(16) == b"\x8a\x02hi"  # the pong


def test_nothing_within_the_timeout_is_none(pair: tuple[InlineServer, socket.socket]) -> None:
    ws, _phone = pair
    started = time.monotonic()
    assert ws.receive(timeout=0.2) is None
    assert 0.15 < time.monotonic() - started < 2
    assert ws.connected


def test_a_close_from_the_server_wakes_the_reader_of_a_silent_phone(
    pair: tuple[InlineServer, socket.socket],
) -> None:
    # engineio's writer closes the websocket when the server ends a socket (a deleted workshop,
    # a flood, a restart); the phone may never answer, and the serving thread must not wait
    # for it: that thread is what the next phone needs.
    ws, phone = pair
    reader, got = receive_in_thread(ws)
    time.sleep(0.2)
    assert reader.is_alive()  # blocked reading
    ws.close()
    reader.join(2)
    assert not reader.is_alive()
    assert isinstance(got[0], simple_websocket.ConnectionClosed)
    assert phone.recv(16)[:1] == b"\x88"  # the close frame went out first


def test_a_phone_that_sends_a_close_frame_ends_the_reading(
    pair: tuple[InlineServer, socket.socket],
) -> None:
    ws, phone = pair
    phone.sendall(masked_frame(0x8, struct.pack("!H", 1000)))
    with pytest.raises(simple_websocket.ConnectionClosed):
        ws.receive()
    assert not ws.connected
    assert phone.recv(16)[:1] == b"\x88"  # answered with a close frame


def test_a_phone_that_drops_the_connection_ends_the_reading(
    pair: tuple[InlineServer, socket.socket],
) -> None:
    ws, phone = pair
    reader, got = receive_in_thread(ws)
    phone.shutdown(socket.SHUT_RDWR)
    reader.join(2)
    assert not reader.is_alive()
    assert isinstance(got[0], simple_websocket.ConnectionClosed)
