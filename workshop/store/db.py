"""The engine and the unit of work: one transaction per command, events appended inside it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session, sessionmaker

from ..domain import rules
from ..domain.events import Event as DomainEvent
from ..domain.events import wire
from .models import Event, Workshop, utcnow

SQLITE_BUSY_TIMEOUT_MS = 10_000


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z; SQLite hands back naive datetimes that are UTC already."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Database:
    """Owns the engine and hands out units of work; made once per app, connects lazily."""

    def __init__(
        self,
        url: str,
        *,
        row_locks: bool = True,
        max_topics: int = rules.TOPICS_PER_WORKSHOP,
        photo_root: Path | None = None,
    ) -> None:
        self.url = url
        # Where session photos are kept as files (instance/photos/<workshop_id>/); None: nowhere,
        # so a Database without an app (a script) refuses uploads instead of writing in the cwd.
        self.photo_root = photo_root
        # Only the test that proves the workshop lock matters turns this off.
        self.row_locks = row_locks
        self.max_topics = max_topics
        self.is_sqlite = url.startswith("sqlite")
        # A failing statement is logged with its exception; its parameters would carry what
        # people typed (topic text, nicknames), which must never reach a log.
        kwargs: dict[str, Any] = {"future": True, "hide_parameters": True}
        if self.is_sqlite:
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 10}
        else:
            kwargs.update(pool_size=10, max_overflow=40, pool_pre_ping=True, pool_timeout=15)
        self.engine = sa.create_engine(url, **kwargs)
        if self.is_sqlite:
            self._configure_sqlite()
        # Writers ask for an immediate lock; readers keep SQLite's deferred snapshot reads.
        self._write_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self.read_sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)
        # In one process SQLite writers queue on this lock instead of spinning in busy_timeout;
        # other processes (the CLI while the server runs) still meet busy_timeout.
        self._sqlite_writer = threading.Lock()

    def _configure_sqlite(self) -> None:
        @sa_event.listens_for(self.engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            # Let SQLAlchemy's "begin" hook below issue BEGIN, so we choose IMMEDIATE for writes.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            # Deleted words are overwritten in the file, not only unlinked from the b-tree.
            # Debian's SQLite happens to be built with this on; another build may not be.
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.close()

        @sa_event.listens_for(self.engine, "begin")
        def _on_begin(connection: sa.Connection) -> None:
            mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
            connection.exec_driver_sql(f"BEGIN {mode}")

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session seeing one consistent snapshot of the database."""
        with self.read_sessions() as session:
            if not self.is_sqlite:
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        """One write transaction; rolled back unless `commit()` is called."""
        use_lock = self.is_sqlite
        if use_lock:
            self._sqlite_writer.acquire()
        try:
            with self.write_sessions() as session:
                uow = UnitOfWork(
                    session,
                    lock_rows=self.row_locks and not self.is_sqlite,
                    max_topics=self.max_topics,
                )
                try:
                    yield uow
                finally:
                    if not uow.committed:
                        session.rollback()
        finally:
            if use_lock:
                self._sqlite_writer.release()

    def dispose(self) -> None:
        """Close every pooled connection (tests, shutdown)."""
        self.engine.dispose()


# Built once: building an INSERT's values cost as much as running it on SQLite, and every
# command appends (benchmarks/vote_cost.py). The values are bound at execution.
_INSERT_EVENT = sa.insert(Event.__table__)


class UnitOfWork:
    """A transaction that changes rows and appends events; `events` is what to publish after."""

    def __init__(self, session: Session, *, lock_rows: bool, max_topics: int) -> None:
        self.session = session
        self.lock_rows = lock_rows
        self.max_topics = max_topics
        self.committed = False
        self.events: list[dict[str, Any]] = []
        self.private: set[tuple[int, int]] = set()  # (workshop_id, participant_id) to refresh
        # (workshop_id, participant_id, message) to send that participant after the commit
        self.notices: list[tuple[int, int, Any]] = []
        self.locked: dict[int, Workshop] = {}  # workshops whose row this transaction locked

    def lock_for_update(self, stmt: sa.Select[Any]) -> sa.Select[Any]:
        """Row lock on PostgreSQL; SQLite already holds the write lock (BEGIN IMMEDIATE)."""
        return stmt.with_for_update() if self.lock_rows else stmt

    def append(self, workshop_id: int, event: DomainEvent, actor: str) -> dict[str, Any]:
        """Number the event (gapless per workshop) and store it in this transaction."""
        seq = self.session.execute(
            sa.update(Workshop)
            .where(Workshop.id == workshop_id)
            .values(last_seq=Workshop.last_seq + 1)
            .returning(Workshop.last_seq)
        ).scalar_one()
        at = utcnow()
        # A plain INSERT, not an ORM object: nothing reads the row back in this transaction,
        # and a flush of the unit of work costs several times the statement (the vote burst).
        self.session.execute(
            _INSERT_EVENT,
            {
                "workshop_id": workshop_id,
                "seq": seq,
                "type": event.type,
                "payload": event.payload(),
                "actor": actor,
                "at": at,
            },
        )
        wired = wire(workshop_id, seq, iso(at), event)
        self.events.append(wired)
        return wired

    def refresh_participant(self, workshop_id: int, participant_id: int) -> None:
        """Ask the publisher to send this participant their private state after commit."""
        self.private.add((workshop_id, participant_id))

    def commit(self) -> None:
        """Commit the change and its events together."""
        self.session.commit()
        self.committed = True
