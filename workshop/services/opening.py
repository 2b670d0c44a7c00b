"""The opening circle's text: the coordinator rewords it; phones and the wall show it."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..domain import opening as rules_of
from ..domain.errors import DomainError
from ..store.models import OpeningCircle
from .reads import SliceView
from .runner import FACILITATOR, Context, workshop_command
from .wire import Command


# Both languages at once, or back to the defaults.
class OpeningUpdate(Command):
    texts: dict[str, dict[str, str | list[str]]] | None = None
    reset: bool = False


@workshop_command(wire="opening.update", payload=OpeningUpdate, roles=FACILITATOR, permission="run")
def update_opening(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Save both languages' principles and law, or (`reset`) go back to the defaults."""
    reset = data.get("reset", False)
    if not isinstance(reset, bool):
        raise DomainError("bad_request", field="reset")
    row = ctx.session.get(OpeningCircle, ctx.workshop.id)
    if reset:
        if row is not None:
            ctx.session.delete(row)
        texts, custom = rules_of.default_texts(), False
    else:
        texts, custom = rules_of.clean_texts(data.get("texts")), True
        if row is None:
            ctx.session.add(OpeningCircle(workshop_id=ctx.workshop.id, texts=texts))
        else:
            row.texts = texts
    ctx.session.flush()
    ctx.append(rules_of.OpeningUpdated(texts=texts, custom=custom))
    return {"custom": custom}


def read_slice(session: Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """The opening circle's text as every screen shows it (the defaults until reworded)."""
    row = session.get(OpeningCircle, workshop_id)
    if row is None:
        return {"opening": {"texts": rules_of.default_texts(), "custom": False}}
    return {"opening": {"texts": dict(row.texts), "custom": True}}
