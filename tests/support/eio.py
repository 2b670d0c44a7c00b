"""A light Socket.IO client: Engine.IO v4 over one websocket, on asyncio.

python-socketio's own client runs three threads per connection; a thousand of them in one
process measure the client's scheduler more than the server. This one speaks only what the
benchmarks (benchmarks/scale.py) and the phones held by tests/support/phones.py need: connect to
the default namespace with an auth body, answer pings, emit with an ack, receive events, and
record when each message arrived.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

import websockets

Handler = Callable[[str, list[Any], float], None]


class ConnectRefused(Exception):
    """The server answered the namespace connect with an error (Socket.IO packet 44)."""

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        self.data = data


class Client:
    """One socket. `on_event(name, args, arrived)` is called for every server event."""

    def __init__(
        self, base: str, *, headers: dict[str, str] | None = None, auth: Any = None
    ) -> None:
        host = base.removeprefix("http://")
        self.url = f"ws://{host}/socket.io/?EIO=4&transport=websocket"
        self.headers = headers or {}
        self.auth = auth
        self.on_event: Handler | None = None
        self._ws: Any = None
        self._acks: dict[int, asyncio.Future[Any]] = {}
        self._next_ack = 0
        self._reader: asyncio.Task[None] | None = None
        self.closed = asyncio.Event()
        self.pings = 0  # Engine.IO pings answered

    async def connect(self, timeout: float = 30) -> Client:
        """Open the websocket and join the default namespace; raises ConnectRefused."""
        self._ws = await websockets.connect(
            self.url,
            additional_headers=self.headers,
            compression=None,
            max_size=None,
            ping_interval=None,  # Engine.IO has its own pings
            open_timeout=timeout,
            # A server busy ending a thousand sockets may not answer a close for long; the
            # benchmarks and tests only need their side closed.
            close_timeout=2,
        )
        opening = await asyncio.wait_for(self._ws.recv(), timeout)
        if not opening.startswith("0"):
            raise ConnectionError(f"unexpected Engine.IO open: {opening[:80]}")
        await self._ws.send("40" + (json.dumps(self.auth) if self.auth is not None else ""))
        while True:
            message = await asyncio.wait_for(self._ws.recv(), timeout)
            if message == "2":
                await self._ws.send("3")
            elif message.startswith("40"):
                break
            elif message.startswith("44"):
                await self._ws.close()
                raise ConnectRefused(json.loads(message[2:] or "{}"))
        self._reader = asyncio.create_task(self._read())
        return self

    async def _read(self) -> None:
        ws = self._ws
        try:
            async for message in ws:
                arrived = time.monotonic()
                if message == "2":
                    self.pings += 1
                    await ws.send("3")
                elif message.startswith("42"):
                    name, *args = json.loads(message[2:])
                    if self.on_event is not None:
                        self.on_event(name, args, arrived)
                elif message.startswith("43"):
                    bracket = message.index("[")
                    future = self._acks.pop(int(message[2:bracket]), None)
                    if future is not None and not future.done():
                        args = json.loads(message[bracket:])
                        future.set_result(args[0] if args else None)
        except websockets.ConnectionClosed:
            pass
        finally:
            self.closed.set()
            for future in self._acks.values():
                if not future.done():
                    future.set_exception(ConnectionError("socket closed"))

    async def call(self, event: str, data: Any, timeout: float = 120) -> Any:
        """Emit `event` with `data` and wait for the server's answer."""
        ack = self._next_ack
        self._next_ack += 1
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._acks[ack] = future
        await self._ws.send(f"42{ack}" + json.dumps([event, data]))
        return await asyncio.wait_for(future, timeout)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)


async def connect_many(factories: list[Callable[[], Client]], *, at_once: int = 50) -> list[Client]:
    """Connect many clients, `at_once` handshakes in flight (a room filling, not a SYN flood)."""
    gate = asyncio.Semaphore(at_once)

    async def one(make: Callable[[], Client]) -> Client:
        async with gate:
            return await make().connect()

    return list(await asyncio.gather(*(one(make) for make in factories)))
