"""Consultations without a database: templates, the notice, the age band, and the window for
taking part from home decided from a moved clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.refusals import refused
from workshop.domain import consultation as c
from workshop.domain import participants, workshops
from workshop.services.consultation import TemplateFile, built_in

# 1 December 2026, 18:00 in Stockholm is 17:00 UTC (winter time, UTC+1).
OPENS = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)
CLOSES = OPENS + timedelta(days=7)


def test_the_built_in_templates_load_and_set_a_consultation_up() -> None:
    templates = built_in()
    assert set(templates) == {"open-space", "youth", "parents"}
    youth = c.template_settings(templates["youth"].model_dump(), "sv")
    assert youth["review_topics"] is True and youth["ask_age_band"] is True
    assert youth["ask_nickname"] is False and youth["ask_organisation"] is False
    assert set(youth["texts"]) == set(c.TEXT_MODES)
    assert all(set(texts) == set(c.TEXT_FIELDS) for texts in youth["texts"].values())
    assert "socialtjänsten" in youth["texts"]["sv"]["anonymity"]
    assert youth["theme"].startswith("Vad gör det lätt")
    assert c.template_settings(templates["youth"].model_dump(), "en")["theme"].startswith("What")
    professionals = c.template_settings(templates["open-space"].model_dump(), "sv")
    assert professionals["texts"] == {} and professionals["ask_organisation"] is True


def test_a_template_file_with_an_unknown_key_or_mode_is_refused() -> None:
    good = built_in()["parents"].model_dump()
    with pytest.raises(ValueError):
        TemplateFile.model_validate({**good, "organisation": True})
    with pytest.raises(ValueError):
        TemplateFile.model_validate({**good, "texts": {"de": {"purpose": "x"}}})


def test_the_notice_is_checked_and_falls_back_to_the_workshop_language() -> None:
    texts = c.clean_texts({"sv": {"purpose": "  Varför  "}, "en": {}})
    assert texts == {"sv": {**dict.fromkeys(c.TEXT_FIELDS, ""), "purpose": "Varför"}}
    assert c.notice_in(texts, "sv_easy", "sv")["purpose"] == "Varför"
    for bad in ({"xx": {}}, {"sv": {"name": "x"}}, {"sv": "x"}, ["sv"]):
        with refused("bad_request"):
            c.clean_texts(bad)
    with refused("too_long"):
        c.clean_texts({"sv": {"purpose": "x" * (c.TEXT_MAX + 1)}})


def test_the_age_band_is_kept_only_where_asked_and_never_guessed() -> None:
    assert c.clean_age_band("", asked=True) == ""
    assert c.clean_age_band("u13", asked=True) == "u13"
    with refused("bad_request"):
        c.clean_age_band("u13", asked=False)
    with refused("bad_request"):
        c.clean_age_band("12", asked=True)
    profile = participants.clean_profile(
        {"nickname": "Kim", "group": "professional", "organisation": "BUP", "age_band": ""},
        ask_nickname=False,
        ask_organisation=False,
        ask_age_band=True,
    )
    assert profile == {"nickname": "", "group": "professional", "organisation": "", "age_band": ""}


def test_the_window_opens_and_closes_on_a_moved_clock() -> None:
    assert c.window_phase(OPENS - timedelta(seconds=1), OPENS, CLOSES) == "before"
    assert c.window_phase(OPENS, OPENS, CLOSES) == "open"
    assert c.window_phase(CLOSES - timedelta(seconds=1), OPENS, CLOSES) == "open"
    assert c.window_phase(CLOSES, OPENS, CLOSES) == "after"
    assert c.window_phase(CLOSES + timedelta(days=300), None, None) == "open"
    c.check_window(OPENS + timedelta(days=3), OPENS, CLOSES)
    with refused("window_not_open") as early:
        c.check_window(OPENS - timedelta(minutes=1), OPENS, CLOSES)
    assert early.value.params == {"opens": "2026-12-01 18:00"}
    with refused("window_closed") as late:
        c.check_window(CLOSES, OPENS, CLOSES)
    assert late.value.params == {"closes": "2026-12-08 18:00"}
    # SQLite gives naive UTC back: the same answer.
    naive = CLOSES.replace(tzinfo=None)
    assert c.window_phase(CLOSES + timedelta(seconds=1), OPENS, naive) == "after"


def test_times_are_typed_in_stockholm_time_summer_and_winter() -> None:
    assert c.parse_local("2026-12-01T18:00", "opens_at") == OPENS
    assert c.parse_local("2026-06-01T18:00", "opens_at") == datetime(2026, 6, 1, 16, tzinfo=UTC)
    assert c.parse_local("", "opens_at") is None
    assert c.local_input(OPENS) == "2026-12-01T18:00"
    with refused("bad_time"):
        c.parse_local("next friday", "opens_at")
    fields = workshops.clean_consultation(
        {"opens_at": "2026-12-01T18:00", "closes_at": "2026-12-08T18:00"}
    )
    assert (fields["opens_at"], fields["closes_at"]) == (OPENS, CLOSES)
    with refused("bad_time"):
        workshops.clean_consultation({"opens_at": "2026-12-08T18:00", "closes_at": "2026-12-01"})


def test_from_home_means_joined_outside_the_session_in_the_room() -> None:
    starts, ends = OPENS + timedelta(days=1), OPENS + timedelta(days=1, hours=3)
    joined = [starts, starts + timedelta(hours=1), starts - timedelta(hours=5), ends]
    assert c.count_places(joined, starts, ends) == {"room": 2, "home": 2}
    assert c.count_places(joined, None, None) == {"room": 4, "home": 0}


@pytest.mark.parametrize(
    "typed", ["0001-01-01T00:00", "0001-01-01T00:30+01:00", "9999-12-31T23:59", "1999-12-31T18:00"]
)
def test_a_time_outside_any_consultation_s_years_is_a_clear_error_not_a_crash(typed: str) -> None:
    """Year 1 overflowed on its way to UTC: the coordinator got a 500 (second review, low)."""
    with refused("bad_time") as caught:
        c.parse_local(typed, "closes_at")
    assert caught.value.params == {"field": "closes_at"}


def test_a_mode_may_carry_the_title_and_question_written_for_its_readers() -> None:
    texts = c.clean_texts(
        {
            "sv": {"purpose": "Varför vi frågar"},
            "en": {
                "title": " One way in\nfor families ",
                "theme": "How do we give families one way in?",
            },
        }
    )
    assert texts["en"]["title"] == "One way in for families"  # one line
    # A mode with only a title is no notice: an English reader gets the Swedish notice.
    assert c.notice_in(texts, "en", "sv") == {"purpose": "Varför vi frågar"}
    assert c.in_reading(texts, "en", "En väg in", "Hur?") == (
        "One way in for families",
        "How do we give families one way in?",
    )
    assert c.in_reading(texts, "sv_easy", "En väg in", "Hur?") == ("En väg in", "Hur?")
    with refused("too_long"):
        c.clean_texts({"en": {"title": "x" * 121}})
    with refused("bad_request"):
        c.clean_texts({"en": {"subtitle": "x"}})
