"""Following actions up: the dated history's rules and which dates are due, on a moved clock."""

from __future__ import annotations

import datetime as dt

from tests.support.refusals import refused
from workshop.domain import follow_up as rules

DAY = dt.date(2026, 3, 10)


def test_a_drop_says_why_and_only_a_drop_keeps_a_reason() -> None:
    with refused("reason_required"):
        rules.clean_update({"status": "dropped"}, current="started", today=DAY)
    dropped = rules.clean_update(
        {"status": "dropped", "reason": "Ingen budget i år"}, current="started", today=DAY
    )
    assert dropped == rules.Update("2026-03-10", "dropped", "Ingen budget i år", "")
    started = rules.clean_update(
        {"status": "started", "reason": "kvar från formuläret"}, current="planned", today=DAY
    )
    assert started.reason == "" and started.status == "started"
    # A dropped action takes a later note without being asked why again.
    later = rules.clean_update({"note": "Tas upp igen i höst"}, current="dropped", today=DAY)
    assert (later.status, later.reason, later.note) == ("dropped", "", "Tas upp igen i höst")


def test_a_follow_up_is_dated_today_or_earlier_and_says_something() -> None:
    assert rules.clean_update({"status": "done"}, current="started", today=DAY).on == "2026-03-10"
    earlier = rules.clean_update(
        {"status": "started", "on": "2026-02-01"}, current="planned", today=DAY
    )
    assert earlier.on == "2026-02-01"
    with refused("date_in_future"):
        rules.clean_update({"status": "done", "on": "2026-03-11"}, current="started", today=DAY)
    with refused("invalid_date"):
        rules.clean_update({"status": "done", "on": "10/3"}, current="started", today=DAY)
    with refused("nothing_to_note"):
        rules.clean_update({"status": "started", "note": "  "}, current="started", today=DAY)
    with refused("bad_request"):
        rules.clean_update({"status": "paused"}, current="started", today=DAY)
    note = rules.clean_update({"note": "Första mötet hölls"}, current="started", today=DAY)
    assert (note.status, note.note) == ("started", "Första mötet hölls")


def test_the_cards_own_form_never_drops_a_card() -> None:
    with refused("reason_required"):
        rules.check_new_status("started", "dropped")
    with refused("reason_required"):
        rules.check_new_status(None, "dropped")
    rules.check_new_status("dropped", "dropped")
    rules.check_new_status("planned", "done")


def test_the_history_starts_with_the_card_and_the_news_leaves_that_line_out() -> None:
    history = [
        rules.first_update("planned", dt.date(2026, 1, 27)),
        rules.Update("2026-02-20", "started", note="Första mötet"),
        rules.Update("2026-04-02", "done"),
    ]
    assert history[0] == rules.Update("2026-01-27", "planned", written=True)
    assert [u.on for u in rules.since(history)] == ["2026-04-02", "2026-02-20"]
    assert rules.since(history[:1]) == []


CARD = rules.Dated(1, 7, "Gemensam ingång", "planned", due="2026-03-01", follow_up="2026-04-01")


def states(card: rules.Dated, today: str) -> list[tuple[str, str]]:
    return [
        (date.kind, date.state)
        for date in rules.follow_up_dates([card], dt.date.fromisoformat(today))
    ]


def test_the_dates_due_move_with_the_clock() -> None:
    assert states(CARD, "2026-02-01") == [("due", "later"), ("follow_up", "later")]
    assert states(CARD, "2026-02-15") == [("due", "soon"), ("follow_up", "later")]
    assert states(CARD, "2026-03-01") == [("due", "soon"), ("follow_up", "later")]
    assert states(CARD, "2026-03-02") == [("due", "overdue"), ("follow_up", "later")]
    assert states(CARD, "2026-04-02") == [("due", "overdue"), ("follow_up", "overdue")]


def test_an_update_near_the_follow_up_date_meets_it_and_a_closed_action_has_no_dates() -> None:
    early = rules.Dated(**{**CARD.__dict__, "updated_on": ("2026-03-18",)})
    assert states(early, "2026-04-02") == [("due", "overdue")]
    too_early = rules.Dated(**{**CARD.__dict__, "updated_on": ("2026-03-17",)})
    assert states(too_early, "2026-04-02") == [("due", "overdue"), ("follow_up", "overdue")]
    for status in ("done", "dropped"):
        assert states(rules.Dated(**{**CARD.__dict__, "status": status}), "2026-04-02") == []


def test_the_list_is_earliest_first_across_actions() -> None:
    other = rules.Dated(2, 8, "Öppen förskola", "started", due="2026-02-20", follow_up="")
    dates = rules.follow_up_dates([CARD, other], dt.date(2026, 2, 1))
    assert [(d.action_id, d.on) for d in dates] == [
        (2, "2026-02-20"),
        (1, "2026-03-01"),
        (1, "2026-04-01"),
    ]


def test_the_day_is_swedish() -> None:
    late = dt.datetime(2026, 3, 9, 23, 30, tzinfo=dt.UTC)
    assert rules.local_day(late) == dt.date(2026, 3, 10)
