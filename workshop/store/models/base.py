"""The declarative base every model shares, the time type and the rule that ids never come back."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase

# Services import it with the rows (store.models); web takes it from the clock, outside the store.
from ...clock import utcnow as utcnow


class Base(DeclarativeBase):
    """Declarative base with a naming convention so Alembic migrations are stable."""

    metadata = sa.MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


UtcDateTime = sa.DateTime(timezone=True)
# An id names a room, a session and a person: a deleted row's id must never come back (SQLite
# reuses the highest id without AUTOINCREMENT; PostgreSQL's sequences never go back).
NEVER_REUSE_IDS = {"sqlite_autoincrement": True}
