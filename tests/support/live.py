"""A real server process (`workshop serve`) on a free port, for browser and load tests."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[2]
WORKSHOP = str(Path(sys.executable).with_name("workshop"))
PASSWORD = "correct horse battery"
PG_URL = os.environ.get("WORKSHOP_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("WORKSHOP_TEST_REDIS", "redis://127.0.0.1:6379/0")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_available() -> str | None:
    """None when PostgreSQL answers, else the reason to skip."""
    try:
        import sqlalchemy as sa

        engine = sa.create_engine(PG_URL)
        with engine.connect() as connection:
            connection.execute(sa.text("select 1"))
        engine.dispose()
        return None
    except Exception as error:  # noqa: BLE001
        return f"PostgreSQL not reachable at {PG_URL}: {error.__class__.__name__}"


def redis_available() -> str | None:
    """None when Redis answers, else the reason to skip."""
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
        return None
    except Exception as error:  # noqa: BLE001
        return f"Redis not reachable at {REDIS_URL}: {error.__class__.__name__}"


class OwnRedis:
    """A private redis-server on a free port, which a test may kill and start again."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> OwnRedis:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import redis

        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(redis.RedisError):
                if redis.Redis.from_url(self.url, socket_connect_timeout=0.2).ping():
                    return self
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start in 10 s")

    def kill(self) -> None:
        """Gone at once, as when its machine fails: no goodbye to subscribers."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class CuttableProxy:
    """A TCP forwarder to a local port that a test can cut (as a dead database host or a
    partitioned network: open connections drop, new ones are refused) and restore."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()

    def open(self) -> CuttableProxy:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                near, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                far = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
            except OSError:
                near.close()
                continue
            with self._lock:
                self._open += [near, far]
            for source, sink in ((near, far), (far, near)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        if self._listener is not None:
            # shutdown, not only close: close does not wake a thread blocked in accept(), and
            # the socket would go on listening.
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            ends, self._open = self._open, []
        for end in ends:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()


def fresh_postgres_url() -> tuple[str, Any]:
    """A URL on its own schema in the test database, and a function that drops the schema."""
    import sqlalchemy as sa

    schema = "t_" + uuid.uuid4().hex[:12]
    engine = sa.create_engine(PG_URL)
    with engine.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = f"{PG_URL}?options=-csearch_path%3D{schema}"

    def drop() -> None:
        with engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()

    return url, drop


def children_of(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc; Linux only)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (its peak; KB) and Threads of a process, from /proc (Linux only)."""
    found: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM", "Threads"):
            found[name] = int(value.split()[0])
    return found


class LiveServer:
    """`workshop serve` in a subprocess with its own instance folder and database."""

    def __init__(
        self,
        database_url: str | None = None,
        env: dict[str, str] | None = None,
        *,
        threads: int | None = 1000,
    ) -> None:
        self.port = free_port()
        self.threads = threads
        self.base = f"http://127.0.0.1:{self.port}"
        self.instance = Path(tempfile.mkdtemp(prefix="workshop-live-"))
        self.database_url = database_url or f"sqlite:///{self.instance / 'live.sqlite3'}"
        self.env = {
            **os.environ,
            "WORKSHOP_INSTANCE_PATH": str(self.instance),
            "WORKSHOP_DATABASE_URL": self.database_url,
            "WORKSHOP_SECRET_KEY": "live-test-secret-key-0123456789-abcdefghijkl",
            "WORKSHOP_JOIN_FAILURES_PER_MIN": "1000",
            # Hundreds of test phones join from 127.0.0.1 within seconds.
            "WORKSHOP_JOINS_PER_MIN": "100000",
            **(env or {}),
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = self.instance / "server.log"

    def cli(self, *args: str, stdin: str | None = None) -> str:
        """Run a `workshop` command against this server's database."""
        result = subprocess.run(
            [WORKSHOP, *args],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return result.stdout

    def start(self) -> LiveServer:
        """Start the server and wait until it answers."""
        self.cli("db", "upgrade")
        # Appending keeps the log of an earlier run when the same server is started again.
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                WORKSHOP,
                "serve",
                "--port",
                str(self.port),
                "--no-demo",
                # None: `workshop serve`'s own default (benchmarks/capacity.py measures it).
                *(["--threads", str(self.threads)] if self.threads is not None else []),
            ],
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()}")
            try:
                if requests.get(f"{self.base}/healthz", timeout=1).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("server did not start in 30 s")

    def stop(self, sig: int | None = None, wait: float = 15) -> int | None:
        """Stop the server (SIGTERM unless told otherwise); returns its exit code.

        After `wait` seconds the master and its workers are killed (`kill -9`)."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            if sig is None:
                self.process.terminate()
            else:
                self.process.send_signal(sig)
            try:
                self.process.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()
        return self.process.returncode

    def pids(self) -> list[int]:
        """The gunicorn master and its worker processes (from /proc; Linux only)."""
        if self.process is None or self.process.poll() is not None:
            return []
        return [self.process.pid, *children_of(self.process.pid)]

    def kill(self) -> None:
        """`kill -9` the master and its workers at once, as a power cut would."""
        import signal

        for pid in self.pids()[::-1]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if self.process is not None:
            self.process.wait()
            self._log.close()

    def restart(self) -> LiveServer:
        """Start again on the same port, instance folder and database (after stop or kill)."""
        return self.start()

    def cleanup(self) -> None:
        """Stop and remove the instance folder."""
        # A worker still holding websockets makes gunicorn wait out its graceful timeout (8 s)
        # after SIGTERM, once per server and test. Nothing checks that exit here (the SIGTERM
        # test calls stop() itself), so after 2 s the process is killed instead.
        self.stop(wait=2)
        keep = os.environ.get("WORKSHOP_TEST_KEEP_LOGS")
        if keep and self.log_path.exists():
            # For a failure in CI: the server's own account of what happened.
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(self.log_path, Path(keep) / f"server-{self.port}.log")
        shutil.rmtree(self.instance, ignore_errors=True)

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, *_exc: object) -> None:
        if exc_type is not None:
            # Printed into the failing test's report: a hang in CI otherwise leaves only the
            # client's side of the story.
            print(self.post_mortem())
        self.cleanup()

    def post_mortem(self) -> str:
        """What the server was doing (each thread's stack, by py-spy) and the end of its log."""
        parts = []
        py_spy = Path(sys.executable).with_name("py-spy")
        for pid in self.pids() if py_spy.exists() else []:
            try:
                dump = subprocess.run(
                    [str(py_spy), "dump", "--pid", str(pid)],
                    capture_output=True,
                    text=True,
                    timeout=30,
                )
                parts.append(f"--- py-spy dump of {pid} ---\n{dump.stdout or dump.stderr}")
            except (OSError, subprocess.TimeoutExpired) as error:
                parts.append(f"--- py-spy dump of {pid} failed: {error}")
        if self.log_path.exists():
            log = self.log_path.read_text(errors="replace")[-8000:]
            parts.append(f"--- end of the server's log ---\n{log}")
        return "\n".join(parts)

    # --- people --------------------------------------------------------------------------

    def add_facilitator(self, email: str = "facilitator@example.se") -> str:
        """Create a facilitator account (CLI, password on stdin)."""
        self.cli("facilitator", "add", email, "--password-stdin", stdin=PASSWORD + "\n")
        return email

    def login(self, email: str = "facilitator@example.se") -> requests.Session:
        """An HTTP session logged in as the facilitator."""
        session = requests.Session()
        token = csrf_token(session.get(f"{self.base}/login").text)
        response = session.post(
            f"{self.base}/login",
            data={"csrf_token": token, "email": email, "password": PASSWORD},
            allow_redirects=False,
        )
        assert response.status_code == 302, response.text
        return session

    def create_workshop(self, session: requests.Session, **fields: Any) -> dict[str, Any]:
        """Create a workshop through the console form; returns id and join code."""
        token = csrf_token(session.get(f"{self.base}/console/").text)
        data = {"title": "En väg in", "theme": "Hur?", "language": "sv", **fields}
        response = session.post(
            f"{self.base}/console/", data={"csrf_token": token, **data}, allow_redirects=False
        )
        assert response.status_code == 302, response.text
        workshop_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
        page = session.get(f"{self.base}/console/{workshop_id}").text
        code = re.search(r'data-join-code="([0-9A-Z]{6})"', page)
        if code is None:
            code = re.search(r"/j/([0-9A-Z]{6})", page)
        return {"id": workshop_id, "join_code": code.group(1)}

    def join(
        self, join_code: str, session: requests.Session | None = None, **profile: str
    ) -> requests.Session:
        """An HTTP session (a new one unless given) that joined as a participant."""
        session = session or requests.Session()
        token = csrf_token(session.get(f"{self.base}/j/{join_code}").text)
        response = session.post(
            f"{self.base}/j/{join_code}",
            data={"csrf_token": token, **profile},
            allow_redirects=False,
        )
        assert response.status_code == 302, response.text
        return session


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def cookie_header(session: requests.Session) -> str:
    """The Cookie header a Socket.IO client needs to act as this session."""
    return "; ".join(f"{name}={value}" for name, value in session.cookies.items())
