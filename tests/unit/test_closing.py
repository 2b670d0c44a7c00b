"""Who may post while posting is closed or the room is quiet."""

from __future__ import annotations

from tests.support.refusals import refused
from workshop.domain.closing import check_may_post


def test_closed_posting_stops_topics_only_and_quiet_stops_everything_new() -> None:
    check_may_post("notes", role="participant", posting_closed=True, quiet=False)
    check_may_post("idea", role="participant", posting_closed=True, quiet=False)
    with refused("posting_closed"):
        check_may_post("topic", role="participant", posting_closed=True, quiet=False)
    for kind in ("topic", "idea", "notes"):
        with refused("room_quiet"):
            check_may_post(kind, role="participant", posting_closed=False, quiet=True)
        # The coordinator may still type in what came on paper.
        check_may_post(kind, role="facilitator", posting_closed=True, quiet=True)
