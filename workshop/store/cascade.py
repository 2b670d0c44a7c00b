"""Deleting a workshop: every row that belongs to it, found from the tables' foreign keys.

A workshop's rows were deleted by a hand-kept list in the workshops service, one line per table,
that every new feature had to remember (issue 22). The tables already say what belongs to a
workshop: a `workshop_id` that points at `workshops`, or a foreign key to a row that belongs to
one (a vote to its round, a member of a session to the session). This module reads that from the
metadata, so a new feature's table is deleted with its workshop without being named anywhere.

Children go first, in the reverse of the metadata's dependency order, so nothing depends on the
database's own cascades (SQLite enforces foreign keys only when asked, PostgreSQL always).
Self-references (a topic merged into another) are cleared before the rows go.
"""

from __future__ import annotations

from functools import cache

import sqlalchemy as sa
from sqlalchemy.orm import Session

from .models import Base

WORKSHOPS = "workshops"


def _owner_key(table: sa.Table, _seen: frozenset[str] = frozenset()) -> sa.ForeignKey | None:
    """The foreign key through which `table`'s rows belong to a workshop: its own `workshop_id`
    first, else the first key to a table whose rows do (two tables that point at each other
    without a workshop between them belong to none, rather than recursing for ever)."""
    keys = sorted(
        table.foreign_keys, key=lambda fk: (fk.parent.name != "workshop_id", fk.parent.name)
    )
    seen = _seen | {table.name}
    for key in keys:
        target = key.column.table
        if target.name in seen:
            continue
        if target.name == WORKSHOPS or _owner_key(target, seen) is not None:
            return key
    return None


@cache
def owned_tables() -> tuple[sa.Table, ...]:
    """Every table whose rows belong to a workshop, children before their parents."""
    return tuple(
        table
        for table in reversed(Base.metadata.sorted_tables)
        if table.name != WORKSHOPS and _owner_key(table) is not None
    )


def _rows_of(table: sa.Table, workshop_id: int) -> sa.ColumnElement[bool]:
    """The condition that picks `table`'s rows of one workshop, following its owner key."""
    key = _owner_key(table)
    assert key is not None
    target = key.column.table
    if target.name == WORKSHOPS:
        return key.parent == workshop_id
    return key.parent.in_(sa.select(key.column).where(_rows_of(target, workshop_id)))


def delete_workshop_rows(session: Session, workshop_id: int) -> dict[str, int]:
    """Delete the workshop and everything that belongs to it; the rows deleted per table."""
    tables = owned_tables()
    for table in tables:
        for key in table.foreign_keys:
            if key.column.table is table and key.parent.nullable:
                session.execute(
                    sa.update(table)
                    .where(_rows_of(table, workshop_id))
                    .values({key.parent.name: None})
                )
    deleted: dict[str, int] = {}
    for table in tables:
        result = session.execute(sa.delete(table).where(_rows_of(table, workshop_id)))
        deleted[table.name] = result.rowcount or 0
    workshops = Base.metadata.tables[WORKSHOPS]
    deleted[WORKSHOPS] = (
        session.execute(sa.delete(workshops).where(workshops.c.id == workshop_id)).rowcount or 0
    )
    return deleted
