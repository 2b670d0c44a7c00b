"""Closing topic posting and the quiet closing circle: the coordinator's two switches (the
command skeleton asks them for every participant's input, domain/participant_input.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..domain import closing as rules_of
from ..domain.errors import DomainError
from ..store.models import RoomMode
from .reads import SliceView
from .runner import FACILITATOR, Context, workshop_command
from .wire import Command


def _flag(data: dict[str, Any], name: str, current: bool) -> bool:
    value = data.get(name)
    if value is None:
        return current
    if not isinstance(value, bool):
        raise DomainError("bad_request", field=name)
    return value


# Either switch alone, or both at once; what is left out stays as it is.
class ClosingSet(Command):
    posting_closed: bool | None = None
    quiet: bool | None = None


@workshop_command(wire="closing.set", payload=ClosingSet, roles=FACILITATOR, permission="run")
def set_closing(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Open or close topic posting, and make the room quiet or not (the flags given change)."""
    row = ctx.session.get(RoomMode, ctx.workshop.id)
    if row is None:
        row = RoomMode(workshop_id=ctx.workshop.id, posting_closed=False, quiet=False)
        ctx.session.add(row)
    posting_closed = _flag(data, "posting_closed", row.posting_closed)
    quiet = _flag(data, "quiet", row.quiet)
    if (posting_closed, quiet) != (row.posting_closed, row.quiet):
        row.posting_closed, row.quiet = posting_closed, quiet
        ctx.session.flush()
        ctx.append(rules_of.ClosingChanged(posting_closed=posting_closed, quiet=quiet))
    return {"posting_closed": posting_closed, "quiet": quiet}


def read_slice(session: Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """The two switches, for a snapshot."""
    row = session.get(RoomMode, workshop_id)
    if row is None:
        return {"closing": {"posting_closed": False, "quiet": False}}
    return {"closing": {"posting_closed": row.posting_closed, "quiet": row.quiet}}
