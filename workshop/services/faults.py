"""What a caller answers when the database itself fails (not a rule: the store's own trouble).

The store's exceptions are named here, once, so that the adapters catch them without importing
SQLAlchemy (the `adapters-database` contract in pyproject.toml).
"""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

from ..domain.errors import DomainError

# What the database raises when it is busy or not there at all; catch these, then ask `refusal`.
DATABASE_TROUBLE: tuple[type[Exception], ...] = (OperationalError,)


def refusal(error: Exception) -> DomainError:
    """The refusal for one of DATABASE_TROUBLE: SQLite's "database is locked" after its
    busy_timeout is load, worth trying again soon (`server_busy`); a refused or dropped connection
    means the database is not there at all (`unavailable`)."""
    busy = isinstance(error, OperationalError) and "locked" in str(error.orig)
    return DomainError("server_busy" if busy else "unavailable")
