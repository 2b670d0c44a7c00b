"""Carrying themes forward into a workshop from an earlier one of its process, each with where
it came from (domain/carry.py); the reads that name the source beside a theme.

One command of the receiving workshop, in one unit of work under its lock: every carried theme
is created as the console creates one (`theme.created` to every screen), with its provenance
row, or none is. The process (services/process.py) checks that both workshops are the
coordinator's and that the source is an earlier step; it passes the source's title and day.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..domain import carry as rules_of
from ..domain import themes as theme_rules
from ..store.models import CarriedTheme, Theme
from .runner import FACILITATOR, Context, workshop_command
from .themes import theme_info


@workshop_command(roles=FACILITATOR, permission="run")
def carry_themes(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Create here the themes of the workshop `source_workshop_id` (titled `source_title`, held
    on `source_held_on`) that are not here yet, each remembering where it came from."""
    source_id = int(data["source_workshop_id"])
    source = [
        rules_of.SourceTheme(t.id, t.title, t.statement, t.initiator)
        for t in ctx.session.scalars(
            sa.select(Theme).where(Theme.workshop_id == source_id).order_by(Theme.id)
        )
    ]
    carried = set(
        ctx.session.scalars(
            sa.select(CarriedTheme.source_theme_id).where(
                CarriedTheme.workshop_id == ctx.workshop.id,
                CarriedTheme.source_workshop_id == source_id,
            )
        )
    )
    titles_here = list(
        ctx.session.scalars(sa.select(Theme.title).where(Theme.workshop_id == ctx.workshop.id))
    )
    chosen = rules_of.to_carry(
        source, carried=carried, titles_here=titles_here, now=len(titles_here)
    )
    made = []
    for item in chosen:
        theme = Theme(
            workshop_id=ctx.workshop.id,
            title=item.title,
            statement=item.statement,
            initiator=item.initiator,
        )
        ctx.session.add(theme)
        ctx.session.flush()
        ctx.session.add(
            CarriedTheme(
                workshop_id=ctx.workshop.id,
                theme_id=theme.id,
                source_workshop_id=source_id,
                source_theme_id=item.id,
                source_title=str(data["source_title"]),
                source_held_on=str(data["source_held_on"]),
            )
        )
        info = theme_info(ctx.session, theme)
        ctx.append(theme_rules.ThemeCreated(info))
        made.append(dataclasses.asdict(info))
    return {"themes": made}


def provenance(session: Session, workshop_id: int) -> dict[int, rules_of.Provenance]:
    """Where each carried theme of a workshop came from, by its theme id."""
    return {
        row.theme_id: rules_of.Provenance(
            row.source_workshop_id, row.source_title, row.source_held_on, row.source_theme_id
        )
        for row in session.scalars(
            sa.select(CarriedTheme).where(CarriedTheme.workshop_id == workshop_id)
        )
    }
