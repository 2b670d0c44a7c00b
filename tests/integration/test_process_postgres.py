"""The process on PostgreSQL: migration 0018 applies, the scripted process's page adds up its
workshops per group, the voices and the follow-up history behave as on SQLite, and deleting
a workshop leaves no step or history behind."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from tests.support.process_script import build_process
from workshop.domain.actors import Actor
from workshop.services import follow_up, process, reads, workshops

pytestmark = pytest.mark.integration


def test_the_scripted_process_on_postgresql(pg_app: Any) -> None:
    db = pg_app.extensions["workshop_db"]
    script = build_process(pg_app, db)
    view = process.process_view(db, script.owner, script.process_id, "sv")
    sums: dict[str, int] = dict.fromkeys(view.totals, 0)
    with db.read() as session:
        for wid in script.workshops:
            for group, n in reads.participant_counts(session, wid).counts.items():
                sums[group] += n
    assert view.totals == sums == {"young": 5, "parent": 4, "professional": 7, "unspecified": 1}
    assert view.voices is not None
    assert [(g.group, g.voters, g.shown) for g in view.voices.groups] == [
        ("professional", 7, True),
        ("young", 5, True),
        ("parent", 4, False),
    ]
    wid = script.workshops[0]
    card, _other = script.action_ids[wid]
    fac = Actor("facilitator", wid, script.owner)
    follow_up.follow_up_action(db, fac, None, {"action_id": card, "status": "done"})
    (item,) = [i for i in follow_up.followed(db, [wid]) if i.id == card]
    assert [u.status for u in item.history] == ["planned", "done"]
    workshops.delete_workshop(db, fac)
    with db.read() as session:
        for table in ("process_steps", "action_updates"):
            count = session.scalar(
                sa.text(f"select count(*) from {table} where workshop_id = :w"),  # noqa: S608
                {"w": wid},
            )
            assert count == 0, table
    left = process.process_view(db, script.owner, script.process_id, "sv").steps
    assert [step.position for step in left] == [1, 2]
