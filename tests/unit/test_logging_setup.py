"""Malformed Socket.IO and Engine.IO packets make one short, rate-limited log line, without a
traceback or the client's bytes (security review, issue 8)."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from workshop.logging_setup import MalformedPacketFilter


def _decode_error(encoded: str) -> BaseException:
    """The exception python-socketio or python-engineio raises for a packet it cannot decode."""
    import engineio.packet
    import socketio.packet

    try:
        if encoded.startswith("4"):
            socketio.packet.Packet(encoded_packet=encoded[1:])
        else:
            engineio.packet.Packet(encoded_packet=encoded)
    except Exception as error:  # noqa: BLE001 - whatever the decoders raise
        return error
    raise AssertionError(f"{encoded!r} decoded")


def test_malformed_packets_make_one_short_line_a_minute(
    app: Any, caplog: pytest.LogCaptureFixture
) -> None:
    engineio_log = logging.getLogger("engineio.server")
    assert any(isinstance(f, MalformedPacketFilter) for f in engineio_log.filters)
    our_filter = next(f for f in engineio_log.filters if isinstance(f, MalformedPacketFilter))
    our_filter.reset()
    caplog.set_level(logging.WARNING)
    secret = "Hemligt ämne"
    packets = ["x" + secret, '42["topic.add", {' + secret, "4zz", "40{bad"] * 50
    for encoded in packets:
        error = _decode_error(encoded)
        try:
            raise error
        except Exception:
            engineio_log.exception("message handler error")
    lines = [r for r in caplog.records if r.name == "engineio.server"]
    assert len(lines) == 1
    assert lines[0].exc_info is None and lines[0].levelno == logging.WARNING
    assert "malformed" in lines[0].getMessage() and secret not in caplog.text
    assert "Traceback" not in caplog.text
    assert our_filter.total == len(packets)
    # The next line, a window later, reports how many were held back.
    our_filter._last_line -= our_filter.window
    try:
        raise _decode_error("x")
    except Exception:
        engineio_log.exception("message handler error")
    last = [r for r in caplog.records if r.name == "engineio.server"][-1].getMessage()
    assert f"ignored {len(packets)} malformed" in last
    print(f"{len(packets) + 1} malformed packets logged as {len(lines) + 1} short lines")


def test_other_errors_keep_their_traceback(app: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    try:
        raise KeyError("a real bug")
    except KeyError:
        logging.getLogger("engineio.server").exception("message handler error")
    (record,) = [r for r in caplog.records if r.name == "engineio.server"]
    assert record.exc_info is not None and record.getMessage() == "message handler error"


def test_a_failure_user_input_can_repeat_writes_one_traceback_a_minute(
    app: Any, client: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A bug any visitor can reach (here: the feedback page failing for every request) writes
    its traceback once; its repeats are counted into the next line a minute later (issue 20)."""
    from workshop import logging_setup
    from workshop.web import pages

    logging_setup.repeated_tracebacks.reset()
    caplog.set_level(logging.ERROR)

    def broken(code: str) -> Any:
        raise RuntimeError("a bug on the feedback page")

    monkeypatch.setattr(pages, "_workshop_for_code", broken)
    for _ in range(50):
        assert client.get("/w/ABCDEF/feedback").status_code == 500
    written = [r for r in caplog.records if r.name == "workshop.web.errors"]
    assert len(written) == 1 and written[0].exc_info is not None
    assert logging_setup.repeated_tracebacks.held_total == 49

    # Another kind of failure is its own: its first traceback is written at once.
    def other(code: str) -> Any:
        raise KeyError("another bug")

    monkeypatch.setattr(pages, "_workshop_for_code", other)
    client.get("/w/ABCDEF/feedback")
    written = [r for r in caplog.records if r.name == "workshop.web.errors"]
    assert len(written) == 2 and written[1].exc_info[0] is KeyError

    # A window later the first kind writes its traceback again, saying how many were held.
    monkeypatch.setattr(pages, "_workshop_for_code", broken)
    with logging_setup.repeated_tracebacks._lock:
        for kind, (last, held) in list(logging_setup.repeated_tracebacks._seen.items()):
            logging_setup.repeated_tracebacks._seen[kind] = (last - 61, held)
    client.get("/w/ABCDEF/feedback")
    last = [r for r in caplog.records if r.name == "workshop.web.errors"][-1]
    assert last.exc_info is not None and "and 49 more like it" in last.getMessage()


def test_a_command_s_repeated_failure_writes_one_traceback(
    app: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """The socket commands' unexpected failures go through the same filter."""
    from workshop import logging_setup

    assert (
        logging_setup.repeated_tracebacks in logging.getLogger("workshop.realtime.commands").filters
    )
    assert (
        logging_setup.repeated_tracebacks in logging.getLogger("workshop.services.exports").filters
    )
