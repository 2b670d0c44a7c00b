"""Many phone sockets from one small process, held on their own event-loop thread.

python-socketio's client costs several threads per socket, so 1,500 of them would measure the
harness more than the server (benchmarks/README.md). A held phone is the light client of
tests/support/eio.py: it upgrades to a websocket with the phone's cookie, connects to the
Socket.IO namespace with the phone's auth, answers the server's pings and ignores everything
else, until it is closed. How each connection ended up (held, refused with a code, an HTTP
status with its headers, an error) is what the capacity tests and benchmark look at.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import websockets

from tests.support.eio import Client, ConnectRefused

OPEN_TIMEOUT = 10.0


@dataclass
class Outcome:
    """How one socket's connection ended up."""

    status: str  # "connected", "refused" (Socket.IO CONNECT_ERROR), "http <code>", "error: ..."
    seconds: float
    code: str | None = None  # the refusal's data.code
    message: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


async def open_phone(
    port: int, cookie: str, auth: dict[str, Any], host: str = "127.0.0.1"
) -> tuple[Outcome, Client | None]:
    """Upgrade, open Engine.IO, connect the Socket.IO namespace; the outcome and the held phone."""
    started = time.monotonic()

    def done(status: str, **kw: Any) -> Outcome:
        return Outcome(status, time.monotonic() - started, **kw)

    phone = Client(f"http://{host}:{port}", headers={"Cookie": cookie}, auth=auth)
    try:
        await phone.connect(timeout=OPEN_TIMEOUT)
    except ConnectRefused as refused:
        body = refused.data if isinstance(refused.data, dict) else {}
        data = body.get("data") or {}
        return done("refused", code=data.get("code"), message=body.get("message")), None
    except websockets.InvalidStatus as error:
        response = error.response
        headers = {name.lower(): value for name, value in response.headers.raw_items()}
        return done(f"http {response.status_code}", headers=headers), None
    except (OSError, TimeoutError, ValueError, websockets.WebSocketException) as error:
        return done(f"error: {error.__class__.__name__}"), None
    return done("connected"), phone


class PhoneHolder:
    """Holds phone sockets on its own event loop thread; call it from ordinary code."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.loop = asyncio.new_event_loop()
        self.phones: list[Client] = []
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()

    def _run(self, coroutine: Any, timeout: float | None = None) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def open(self, cookies: list[str], auth: dict[str, Any], *, at_once: int = 50) -> list[Outcome]:
        """Open one socket per cookie, `at_once` handshakes in flight; connected ones are held."""

        async def run() -> list[Outcome]:
            gate = asyncio.Semaphore(at_once)

            async def one(cookie: str) -> Outcome:
                async with gate:
                    outcome, phone = await open_phone(self.port, cookie, auth)
                if phone is not None:
                    self.phones.append(phone)
                return outcome

            return list(await asyncio.gather(*(one(c) for c in cookies)))

        return self._run(run())  # type: ignore[no-any-return]

    def open_count(self) -> int:
        """Held phones whose connection is still up."""

        async def count() -> int:
            return sum(1 for p in self.phones if not p.closed.is_set())

        return self._run(count(), 10)  # type: ignore[no-any-return]

    def pings(self) -> list[int]:
        """How many pings each held phone answered so far."""

        async def pings() -> list[int]:
            return [p.pings for p in self.phones]

        return self._run(pings(), 10)  # type: ignore[no-any-return]

    def close(self, count: int | None = None) -> None:
        """Close `count` held phones (all when None), with a websocket close frame."""

        async def close() -> None:
            # A copy: `del` below empties self.phones, which `chosen` must not be.
            chosen = self.phones[: len(self.phones) if count is None else count]
            del self.phones[: len(chosen)]
            # The close frames go out before the caller goes on (or stops the loop).
            closing = [p.close() for p in chosen]
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.gather(*closing, return_exceptions=True), 10)

        self._run(close(), 30)

    def stop(self) -> None:
        """Close everything and end the loop's thread."""
        self.close()

        async def cancel_the_rest() -> None:
            # Sockets the server ended on its own still have their readers: end them here, or
            # the stopped loop would destroy them pending.
            rest = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in rest:
                task.cancel()
            await asyncio.gather(*rest, return_exceptions=True)

        self._run(cancel_the_rest(), 10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)
