"""Real clients for real server processes: python-socketio sockets, counting in the database.

Shared by tests/integration and benchmarks/. Every socket here is a `socketio.Client` speaking
the same protocol as the phones, console and wall (cookie from an HTTP join, websocket only).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import random
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import engineio
import pytest
import requests
import socketio
import sqlalchemy as sa

from tests.support.live import LiveServer, cookie_header, fresh_postgres_url, postgres_available
from workshop.domain.state import apply

# The load tests are about correctness under concurrency, not about flooding.
NO_QUOTA = {"WORKSHOP_QUOTA_VOTES": "1000000", "WORKSHOP_QUOTA_TOPICS": "1000000"}


def start_server(
    kind: str, env: dict[str, str] | None = None, *, skip: Callable[[str], Any] = pytest.skip
) -> tuple[LiveServer, Callable[[], None]]:
    """A live server on SQLite or on a fresh PostgreSQL schema; returns it and a cleanup."""
    drop = None
    url = None
    if kind == "postgres":
        reason = postgres_available()
        if reason:
            skip(reason)
        url, drop = fresh_postgres_url()
    server = LiveServer(database_url=url, env=env)
    try:
        server.start()
    except BaseException:
        server.cleanup()
        if drop:
            drop()
        raise

    def cleanup() -> None:
        server.cleanup()
        if drop:
            drop()

    return server, cleanup


class _MessagesOnTheReadingThread(engineio.Client):
    """python-engineio's client, handing each message to its handler on the thread that read it.

    The stock client starts a new OS thread for every message it receives (so that a handler may
    block on `call`). Two hundred phones in one test process each receiving some 170 batches
    started about 34,000 threads; with the other pytest worker running Chromium, the starting
    alone (each `Thread.start` waits for the new thread to get the GIL) was two thirds of what
    the reading threads did (py-spy), 10 MB stayed unread in the kernel's buffers, and the
    server's ping waited behind it until the client gave up after 35 s ("packet queue is empty,
    aborting"). A browser handles its messages one after another on its one event loop; so does
    this. The handlers here only record what arrived; none calls `call`.
    """

    def _trigger_event(self, event: str, *args: Any, **kwargs: Any) -> Any:
        if event == "message":
            kwargs["run_async"] = False
        return super()._trigger_event(event, *args, **kwargs)


class _SocketIOClient(socketio.Client):
    def _engineio_client_class(self) -> type[engineio.Client]:
        return _MessagesOnTheReadingThread


class Client:
    """A python-socketio client that records what it receives, with arrival times.

    `events` collects the log events (the server sends them one by one as `event` or batched
    as `events`); `messages` collects everything else in order, including ("disconnect", None).
    """

    def __init__(
        self,
        server: LiveServer | str,
        session: requests.Session | None,
        *,
        reconnection: bool = False,
        connect: bool = True,
        **auth: Any,
    ) -> None:
        self.base = server if isinstance(server, str) else server.base
        self.headers = {"Cookie": cookie_header(session)} if session else {}
        self.auth = auth
        self.sio = _SocketIOClient(
            reconnection=reconnection,
            reconnection_delay=0.5,
            # websocket-client checks every text frame's UTF-8 in pure Python (a tenth of the
            # reading threads' samples with 200 phones); the server is ours, json.loads checks.
            websocket_extra_options={"skip_utf8_validation": True},
        )
        self.events: list[dict[str, Any]] = []
        self.arrivals: list[tuple[float, dict[str, Any]]] = []
        self.messages: list[tuple[str, Any]] = []
        self.lock = threading.Lock()
        self.connects = 0
        # Commands sent with `send` and not yet answered, by op_id (a phone's outbox).
        self.outbox: dict[str, tuple[str, dict[str, Any], Callable[[Any], None]]] = {}
        self.sio.on("event", lambda event: self._on_events([event]))
        self.sio.on("events", self._on_events)
        self.sio.on("connect", self._on_connect)
        self.sio.on("disconnect", lambda *reason: self._on_message("disconnect", reason))
        for name in (
            "me",
            "head",
            "warning",
            "server.restarting",
            "workshop.deleted",
            "session.ended",
        ):
            self.sio.on(name, lambda body, name=name: self._on_message(name, body))
        if connect:
            self.connect()

    def connect(self, attempts: int = 3) -> Client:
        """Connect, retrying a refused handshake a few times (a busy 2-core CI machine)."""
        for attempt in range(attempts):
            try:
                self.sio.connect(
                    self.base,
                    headers=self.headers,
                    auth=self.auth,
                    transports=["websocket"],
                    wait_timeout=30,
                )
                return self
            except socketio.exceptions.ConnectionError:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.5)
        return self

    def _on_connect(self) -> None:
        with self.lock:
            self.connects += 1
            again = list(self.outbox) if self.connects > 1 else []
        # Like static/js/socket.js: after a reconnection the outbox goes again with the same
        # op_ids; the server answers a known op_id with its first result and changes nothing.
        for op_id in again:
            self._emit_kept(op_id)

    def send(self, event: str, payload: dict[str, Any], on_ack: Callable[[Any], None]) -> None:
        """Emit a command as a phone does: kept until answered, sent again after a reconnection.

        python-socketio forgets every pending ack when the connection drops, so a command whose
        answer was lost would otherwise never be answered. `on_ack` is called once per op_id.
        """
        with self.lock:
            self.outbox[payload["op_id"]] = (event, payload, on_ack)
        self._emit_kept(payload["op_id"])

    def _emit_kept(self, op_id: str) -> None:
        with self.lock:
            kept = self.outbox.get(op_id)
        if kept is None:
            return
        event, payload, on_ack = kept

        def answered(body: Any) -> None:
            with self.lock:
                first = self.outbox.pop(op_id, None) is not None
            if first:
                on_ack(body)

        # Disconnected right now: the reconnection sends it.
        with contextlib.suppress(socketio.exceptions.BadNamespaceError):
            self.sio.emit(event, payload, callback=answered)

    def _on_events(self, events: list[dict[str, Any]]) -> None:
        now = time.monotonic()
        with self.lock:
            self.events.extend(events)
            self.arrivals.extend((now, event) for event in events)

    def _on_message(self, name: str, body: Any) -> None:
        with self.lock:
            self.messages.append((name, body))

    def received(self, name: str) -> list[Any]:
        """The bodies of every message `name` received so far."""
        with self.lock:
            return [body for kind, body in self.messages if kind == name]

    def max_seq(self) -> int:
        with self.lock:
            return max((e["seq"] for e in self.events), default=0)

    def call(self, event: str, payload: dict[str, Any], timeout: float = 120) -> dict[str, Any]:
        return self.sio.call(event, payload, timeout=timeout)

    def command(self, event: str, **payload: Any) -> dict[str, Any]:
        """Send a command with a fresh op_id and wait for its ack."""
        return self.call(event, {"op_id": uuid.uuid4().hex, **payload})

    def close(self) -> None:
        if self.sio.connected:
            self.sio.disconnect()

    def drop(self) -> None:
        """Cut the network under the socket: no close frame, the server only sees silence."""
        ws = getattr(self.sio.eio, "ws", None)
        sock = getattr(ws, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        wait_until(lambda: not self.sio.connected, timeout=10)


def fire_at_once(
    client: Client, payloads: list[tuple[str, dict[str, Any]]], timeout: float = 240
) -> list[dict[str, Any]]:
    """Emit every command without waiting, then collect the acks (in arrival order)."""
    acks: list[dict[str, Any]] = []
    done = threading.Event()
    lock = threading.Lock()

    def on_ack(body: dict[str, Any]) -> None:
        with lock:
            acks.append(body)
            if len(acks) == len(payloads):
                done.set()

    for event, payload in payloads:
        client.sio.emit(event, payload, callback=on_ack)
    assert done.wait(timeout), f"only {len(acks)} of {len(payloads)} acks arrived in {timeout} s"
    return acks


def burst(
    plan: list[tuple[Client, str, dict[str, Any]]], timeout: float = 240, spread: float = 0.0
) -> list[tuple[Client, dict[str, Any], dict[str, Any], float]]:
    """Emit every (client, event, payload) from one thread without waiting, then collect acks.

    Emitting only queues the frame for the client's writer thread, so 1600 commands leave
    within a fraction of a second. With `spread`, each command leaves at a random moment within
    that many seconds instead (people tapping over a minute, not in one millisecond). Each goes
    through the client's outbox (`Client.send`): a client made with `reconnection=True` whose
    connection drops sends its unanswered commands again, as a phone does.
    Returns (client, payload, ack, seconds to ack) per command.
    """
    results: list[tuple[Client, dict[str, Any], dict[str, Any], float]] = []
    done = threading.Event()
    lock = threading.Lock()

    def waiter(client: Client, payload: dict[str, Any], sent: float) -> Callable[[Any], None]:
        def on_ack(body: dict[str, Any]) -> None:
            with lock:
                results.append((client, payload, body, time.monotonic() - sent))
                if len(results) == len(plan):
                    done.set()

        return on_ack

    rng = random.Random(7)
    schedule = sorted((rng.uniform(0, spread), i) for i in range(len(plan)))
    began = time.monotonic()
    for at, i in schedule:
        time.sleep(max(0.0, at - (time.monotonic() - began)))
        client, event, payload = plan[i]
        client.send(event, payload, waiter(client, payload, time.monotonic()))
    if not done.wait(timeout):
        dropped = {id(c) for c, _, _ in plan if c.received("disconnect")}
        raise AssertionError(
            f"only {len(results)} of {len(plan)} acks arrived in {timeout} s; "
            f"{len(dropped)} sockets were disconnected meanwhile"
        )
    return results


def parallel(function: Callable[[Any], Any], items: Iterable[Any], workers: int = 32) -> list[Any]:
    """Run function over items on a thread pool; exceptions propagate."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(function, items))


def wait_until(predicate: Callable[[], bool], timeout: float = 30, interval: float = 0.05) -> bool:
    """Poll until predicate() is true; the deadline only ends the wait, callers assert."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def query(server: LiveServer, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """Run one SQL query on the server's own database (a separate connection)."""
    engine = sa.create_engine(server.database_url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(sa.text(sql), params)]
    finally:
        engine.dispose()


def scalar(server: LiveServer, sql: str, **params: Any) -> Any:
    return query(server, sql, **params)[0][0]


def last_seq(server: LiveServer, workshop_id: int) -> int:
    return scalar(server, "select last_seq from workshops where id = :w", w=workshop_id)


def db_tally(server: LiveServer, workshop_id: int) -> dict[int, int]:
    """Votes per topic in the workshop's latest round."""
    rows = query(
        server,
        "select topic_id, count(*) from votes where round_id ="
        " (select max(id) from voting_rounds where workshop_id = :w) group by topic_id",
        w=workshop_id,
    )
    return {int(topic): int(n) for topic, n in rows}


def tally_from_events(events: list[dict[str, Any]]) -> dict[int, int]:
    """The last total per topic a screen saw, applying vote events in seq order."""
    tally: dict[int, int] = {}
    for event in sorted(events, key=lambda e: e["seq"]):
        if event["type"] in ("vote.cast", "vote.retracted"):
            tally[event["payload"]["topic_id"]] = event["payload"]["total"]
        elif event["type"] == "round.opened":
            tally = {}
    return {topic: total for topic, total in tally.items() if total}


def room(
    server: LiveServer, topics: int, *, reconnection: bool = False, **workshop: Any
) -> dict[str, Any]:
    """A facilitator console, a workshop with `topics` topics, and a wall."""
    server.add_facilitator()
    session = server.login()
    info = server.create_workshop(session, **workshop)
    console = Client(
        server, session, reconnection=reconnection, view="console", workshop_id=info["id"]
    )
    topic_ids = [
        console.command("topic.post", title=f"Topic {i}")["topic"]["id"] for i in range(topics)
    ]
    wall = Client(server, None, reconnection=reconnection, view="wall", join_code=info["join_code"])
    return {
        "id": info["id"],
        "code": info["join_code"],
        "session": session,
        "console": console,
        "topics": topic_ids,
        "wall": wall,
    }


def phones(
    server: LiveServer, code: str, workshop_id: int, n: int, *, reconnection: bool = False
) -> list[Client]:
    """`n` participants, each joined over HTTP and connected with their cookie."""
    sessions = parallel(lambda _: server.join(code), range(n))
    return parallel(
        lambda s: Client(
            server, s, reconnection=reconnection, view="phone", workshop_id=workshop_id
        ),
        sessions,
    )


def close_all(clients: Iterable[Client]) -> None:
    parallel(lambda c: c.close(), list(clients))


# --- the state a screen holds ------------------------------------------------------------


class Mirror:
    """What a screen holds: the `sync {since: 0}` answer plus every event it received since.

    Events are applied in seq order with `workshop.domain.state.apply`; on a gap, and after the
    socket reconnected (made with `reconnection=True`), the mirror asks `sync {since}` again, as
    the real screens do.
    """

    def __init__(self, client: Client, include_hidden: bool = False) -> None:
        self.client = client
        self.include_hidden = include_hidden
        self.state: dict[str, Any] = {}
        self.synced_connects = 0
        self.resync(0)

    def reconnected(self) -> bool:
        """The socket reconnected since the last sync: what it missed meanwhile never arrives."""
        return self.client.connects > self.synced_connects

    def resync(self, since: int) -> None:
        if not wait_until(lambda: self.client.sio.connected, timeout=60, interval=0.1):
            raise AssertionError("the screen did not reconnect within 60 s")
        self.synced_connects = self.client.connects
        body = self.client.call("sync", {"since": since})
        if "snapshot" in body:
            self.state = body["snapshot"]
        else:
            self._apply(body["events"])

    def _apply(self, events: list[dict[str, Any]]) -> None:
        for event in sorted(events, key=lambda e: e["seq"]):
            self.state = apply(self.state, event, include_hidden=self.include_hidden)

    def catch_up(self) -> dict[str, Any]:
        """Apply what arrived, in seq order; resync on a gap. Returns the state.

        Like the real screens, a `head` beyond what arrived is a gap too (a lost broadcast).
        """
        if self.reconnected() or not self.client.sio.connected:
            self.resync(self.state["seq"])
        with self.client.lock:
            pending = sorted(
                {e["seq"]: e for e in self.client.events if e["seq"] > self.state["seq"]}.values(),
                key=lambda e: e["seq"],
            )
        run: list[dict[str, Any]] = []
        for event in pending:
            if event["seq"] != self.state["seq"] + len(run) + 1:
                self.state = self._applied(self.state, run)
                run = []
                self.resync(self.state["seq"])
                if event["seq"] <= self.state["seq"]:
                    continue
            run.append(event)
        self.state = self._applied(self.state, run)
        heads = [h["seq"] for h in self.client.received("head") if isinstance(h, dict)]
        if heads and max(heads) > self.state["seq"]:
            self.resync(self.state["seq"])
        return self.state

    def _applied(self, state: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any]:
        # `apply` deep-copies the state per event; 200 screens holding the same start and the
        # same events share one computation (the key is the content, not the screen).
        if not events:
            return state
        key = hashlib.sha256(
            json.dumps([self.include_hidden, state, events], sort_keys=True).encode()
        ).hexdigest()
        with _memo_lock:
            if key in _memo:
                return _memo[key]
        for event in events:
            state = apply(state, event, include_hidden=self.include_hidden)
        with _memo_lock:
            _memo[key] = state
        return state


_memo: dict[str, dict[str, Any]] = {}
_memo_lock = threading.Lock()


def canonical(state: dict[str, Any]) -> str:
    """A hash of what everyone must agree on: topics (id -> title) and the tally."""
    body = {
        "topics": {tid: t["title"] for tid, t in state["topics"].items()},
        "tally": {tid: n for tid, n in state["tally"].items() if n},
    }
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def server_state(server: LiveServer, code: str) -> dict[str, Any]:
    """A fresh snapshot from the server, through a new wall socket."""
    wall = Client(server, None, view="wall", join_code=code)
    try:
        return wall.call("sync", {"since": 0})["snapshot"]
    finally:
        wall.close()


def percentiles(values: list[float]) -> dict[str, float]:
    """p50/p90/p99/max in milliseconds."""
    if not values:
        return {}
    ordered = sorted(values)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return {"p50": at(0.5), "p90": at(0.9), "p99": at(0.99), "max": ordered[-1] * 1000}
