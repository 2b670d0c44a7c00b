"""Issue 14: the process-wide socket cap on a real server (workshop/admission.py).

Before it, every websocket held a pool thread for its life and nothing stopped them taking all
of them: with 600 threads the 599th phone's socket hung, and from then on nobody could load the
join page or /healthz. Here a small server (50 threads, at most 10 sockets) is filled with
joined phones; the next phones are refused at once with `server_full`, the join page is the
"full" page (503, Retry-After), /healthz and the console still answer, and once phones leave,
newcomers get in again. benchmarks/capacity.py measures the same at 1,500 phones.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests

from tests.support.live import LiveServer, cookie_header, proc_status
from tests.support.phones import PhoneHolder

pytestmark = pytest.mark.integration

THREADS = 50  # the cap + 32, the least `serve` accepts without a warning
CAP = 10
PING_INTERVAL = 10  # workshop/realtime/__init__.py
QUICK = 1.0  # seconds: /healthz or a page while the server is full
# A refused socket: TCP, the upgrade, Engine.IO's open and Socket.IO's connect and refusal.
REFUSED_WITHIN = 2.0


@pytest.fixture
def full_server() -> Iterator[tuple[LiveServer, dict[str, int | str], PhoneHolder]]:
    env = {"WORKSHOP_MAX_SOCKETS": str(CAP), "WORKSHOP_MAX_SOCKETS_PER_ADDRESS": "0"}
    with LiveServer(threads=THREADS, env=env) as server:
        server.add_facilitator()
        workshop = server.create_workshop(server.login())
        holder = PhoneHolder(server.port)
        try:
            yield server, workshop, holder
        finally:
            holder.stop()


def _phone_auth(workshop: dict[str, int | str]) -> dict[str, object]:
    return {"view": "phone", "workshop_id": workshop["id"], "lang": "en"}


def _timed_get(url: str) -> tuple[requests.Response, float]:
    started = time.monotonic()
    response = requests.get(url, timeout=10)
    return response, time.monotonic() - started


def test_past_the_cap_phones_are_told_the_room_is_full_and_pages_still_answer(
    full_server: tuple[LiveServer, dict[str, int | str], PhoneHolder],
) -> None:
    server, workshop, holder = full_server
    code = workshop["join_code"]
    cookies = [cookie_header(server.join(str(code))) for _ in range(CAP + 3)]

    held = holder.open(cookies[:CAP], _phone_auth(workshop))
    assert [o.status for o in held] == ["connected"] * CAP

    late = holder.open(cookies[CAP:], _phone_auth(workshop))
    assert [(o.status, o.code) for o in late] == [("refused", "server_full")] * 3
    assert max(o.seconds for o in late) < REFUSED_WITHIN
    assert holder.open_count() == CAP  # the refused ones are closed, the others still held

    page, seconds = _timed_get(f"{server.base}/j/{code}?lang=en")
    assert page.status_code == 503 and seconds < QUICK
    assert page.headers["Retry-After"].isdigit()
    assert "The room is full right now" in page.text and "<form" not in page.text
    swedish = requests.get(f"{server.base}/j/{code}?lang=sv", timeout=10)
    assert "Rummet är fullt just nu" in swedish.text

    for _ in range(5):
        health, seconds = _timed_get(f"{server.base}/healthz")
        assert health.status_code == 200 and seconds < QUICK

    # The coordinator's console is not a phone: it still gets in past the cap.
    console = server.login()
    staff = holder.open(
        [cookie_header(console)], {"view": "console", "workshop_id": workshop["id"]}
    )
    assert [o.status for o in staff] == ["connected"]

    holder.close(3)  # the first three phones leave (the console is held last)
    deadline = time.monotonic() + 10
    while requests.get(f"{server.base}/j/{code}", timeout=10).status_code != 200:
        assert time.monotonic() < deadline, "the cap was not released after sockets closed"
        time.sleep(0.1)
    # The three places free one by one as the server ends each socket: a refused phone tries
    # again, as the phone page does.
    waiting = cookies[CAP:]
    while waiting:
        assert time.monotonic() < deadline, "the freed places were not given to newcomers"
        again = holder.open(waiting, _phone_auth(workshop))
        assert {o.status for o in again} <= {"connected", "refused"}
        waiting = [c for c, o in zip(waiting, again, strict=True) if o.status != "connected"]
        time.sleep(0.2)
    assert holder.open_count() == CAP + 1  # seven phones, the console and the three newcomers


def test_a_polling_request_past_the_cap_gets_503_at_once(
    full_server: tuple[LiveServer, dict[str, int | str], PhoneHolder],
) -> None:
    server, workshop, holder = full_server
    cookies = [cookie_header(server.join(str(workshop["join_code"]))) for _ in range(CAP)]
    assert all(o.status == "connected" for o in holder.open(cookies, _phone_auth(workshop)))
    started = time.monotonic()
    polling = requests.get(f"{server.base}/socket.io/?EIO=4&transport=polling", timeout=10)
    assert polling.status_code == 503 and time.monotonic() - started < QUICK
    assert polling.headers["Retry-After"].isdigit()


def _threads(server: LiveServer) -> int:
    worker = [pid for pid in server.pids() if pid != server.process.pid][0]  # type: ignore[union-attr]
    return proc_status(worker)["Threads"]


@pytest.mark.slow
def test_held_phones_cost_two_threads_each_and_are_pinged_by_one_thread(
    full_server: tuple[LiveServer, dict[str, int | str], PhoneHolder],
) -> None:
    # Two threads per phone: the pool thread that serves and reads its websocket, and engineio's
    # writer. Before workshop/realtime/pinger.py a fourth slept in engineio's Socket._send_ping,
    # and before workshop/realtime/websocket.py a third read for the pool thread (4.0 and 3.0
    # threads per phone at 1,500 phones).
    server, workshop, holder = full_server
    cookies = [cookie_header(server.join(str(workshop["join_code"]))) for _ in range(CAP)]
    holder.open(cookies[:1], _phone_auth(workshop))  # the pool's first threads, the pinger
    time.sleep(1)
    before = _threads(server)
    assert all(o.status == "connected" for o in holder.open(cookies[1:], _phone_auth(workshop)))
    time.sleep(1)
    per_phone = (_threads(server) - before) / (CAP - 1)
    assert per_phone <= 2.2, per_phone
    time.sleep(PING_INTERVAL + 2)
    assert min(holder.pings()) >= 1  # still pinged, and they answered: all still held
    assert holder.open_count() == CAP
