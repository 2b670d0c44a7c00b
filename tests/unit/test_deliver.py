"""Deliver's rules without a database: action cards, decisions, the two participation scales."""

from __future__ import annotations

import dataclasses

import pytest

from workshop.catalogues import translations
from workshop.domain import actions, decisions, participation
from workshop.domain.catalog import catalogue
from workshop.domain.errors import DomainError
from workshop.domain.events import public_wire, wire
from workshop.domain.state import apply, empty_state

ROLES = catalogue()


def code_of(call: object) -> str:
    with pytest.raises(DomainError) as caught:
        call()  # type: ignore[operator]
    return caught.value.code


# --- action cards ------------------------------------------------------------------------


def test_an_action_is_cleaned_with_its_role_from_the_catalogue() -> None:
    fields = actions.clean_action(
        {
            "what": "  En väg in \u0000",
            "who": {"role_id": "skolkurator", "role": "ignored", "organisation": " Elevhälsan "},
            "first_step": "Boka möte",
            "due": "2027-03-01",
            "follow_up": "2027-03-01",
        },
        ROLES,
    )
    assert fields["what"] == "En väg in"
    assert fields["who"] == actions.Who("skolkurator", "", "Elevhälsan")
    assert (fields["due"], fields["follow_up"], fields["status"]) == (
        "2027-03-01",
        "2027-03-01",
        "planned",
    )
    assert fields["theme_id"] is None


def test_a_role_in_free_text_and_no_dates_are_fine() -> None:
    fields = actions.clean_action({"what": "Fråga unga", "who": {"role": "Ungdomsråd"}}, ROLES)
    assert fields["who"] == actions.Who("", "Ungdomsråd", "")
    assert fields["due"] == fields["follow_up"] == ""


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"what": "  "}, "empty"),
        ({"what": "x" * 301}, "too_long"),
        ({"what": "x", "first_step": "x" * 301}, "too_long"),
        ({"what": "x", "who": {"organisation": "x" * 81}}, "too_long"),
        ({"what": "x", "who": {"role_id": "no-such-role"}}, "not_found"),
        ({"what": "x", "who": ["skolkurator"]}, "bad_request"),
        ({"what": "x", "due": "2027-02-30"}, "invalid_date"),
        ({"what": "x", "due": "27-03-01"}, "invalid_date"),
        ({"what": "x", "due": "2027-3-1"}, "invalid_date"),
        ({"what": "x", "follow_up": "1999-12-31"}, "invalid_date"),
        ({"what": "x", "due": "2101-01-01"}, "invalid_date"),
        ({"what": "x", "due": 20270301}, "invalid_date"),
        ({"what": "x", "due": "2027-03-02", "follow_up": "2027-03-01"}, "follow_up_before_due"),
        ({"what": "x", "status": "finished"}, "bad_request"),
        ({"what": "x", "theme_id": True}, "bad_request"),
        ({"what": "x", "theme_id": 0}, "bad_request"),
        ({"what": "x", "theme_id": "3"}, "bad_request"),
    ],
)
def test_bad_action_fields_get_a_clear_code(data: dict[str, object], code: str) -> None:
    assert code_of(lambda: actions.clean_action(data, ROLES)) == code


def test_an_edit_on_an_older_version_loses() -> None:
    actions.check_version(3, 3)
    assert code_of(lambda: actions.check_version(3, 2)) == "action_changed"
    assert code_of(lambda: actions.check_version(3, True)) == "bad_request"
    assert code_of(lambda: actions.check_room_for_action(actions.MAX_ACTIONS)) == (
        "too_many_actions"
    )


def _card(card_id: int, version: int = 1, **fields: object) -> actions.ActionInfo:
    base = {
        "what": "Gör",
        "who": actions.Who(),
        "first_step": "",
        "due": "",
        "follow_up": "",
        "theme_id": None,
        "status": "planned",
    }
    return actions.ActionInfo(id=card_id, version=version, **{**base, **fields})  # type: ignore[arg-type]


def test_the_reducers_keep_the_later_version_and_unlink_decisions_of_a_removed_card() -> None:
    state = empty_state({"id": 1})
    events = [
        actions.ActionAdded(_card(7)),
        decisions.DecisionRecorded(
            decisions.DecisionInfo(7, "Ja", actions.Who(role="Nämnden"), "", action_id=7)
        ),
        actions.ActionEdited(_card(7, 2, status="done")),
        actions.ActionRemoved(action_id=7),
    ]
    for seq, typed in enumerate(events, start=1):
        state = apply(state, wire(1, seq, None, typed), include_hidden=True)
        if seq == 3:
            assert state["actions"]["7"]["version"] == 2
            assert state["actions"]["7"]["status"] == "done"
    assert state["actions"] == {}
    assert state["decisions"]["7"]["action_id"] is None


# --- decisions ---------------------------------------------------------------------------


def test_a_decision_may_name_only_an_action_of_this_workshop() -> None:
    fields = decisions.clean_decision(
        {"text": "Vi provar", "decided_on": "2026-11-27", "action_id": 4}, ROLES, {4}
    )
    assert fields["action_id"] == 4 and fields["decided_on"] == "2026-11-27"
    assert code_of(lambda: decisions.clean_decision({"text": "x", "action_id": 5}, ROLES, {4})) == (
        "not_found"
    )
    assert code_of(lambda: decisions.clean_decision({"text": ""}, ROLES, set())) == "empty"
    assert code_of(
        lambda: decisions.clean_decision({"text": "x", "decided_on": "igår"}, ROLES, set())
    ) == ("invalid_date")


# --- participation -----------------------------------------------------------------------


def test_shier_has_five_levels_and_the_trappa_its_five_steps_each_said_in_both_languages() -> None:
    assert participation.SHIER_KEYS == ("1", "2", "3", "4", "5")
    assert participation.TRAPPA_KEYS == (
        "information",
        "konsultation",
        "dialog",
        "inflytande",
        "medbestammande",
    )
    swedish = translations("sv").gettext
    for level in (*participation.SHIER, *participation.TRAPPA, *participation.ANONYMITY):
        for name in ("name", "meaning", "promise"):
            english = getattr(level, name)
            for text in (english, swedish(english)):
                assert text.strip(), (level.key, name)
                assert "\n" not in text and len(text) <= 140, (level.key, name)
        if level.key != "information":  # the word is the same in both languages
            assert swedish(level.name) != level.name, level.key
        assert swedish(level.meaning) != level.meaning
    # Level 3 is the least article 12 asks for: the console says so next to it.
    assert "artikel 12" in swedish(participation.SHIER[2].meaning)
    assert "article 12" in participation.SHIER[2].meaning
    # The ladder's second step is its own word, not the app's "consultation" (samråd).
    assert swedish(participation.TRAPPA[1].name) == "2. Konsultation"


def test_nothing_is_chosen_on_either_scale_until_the_facilitator_chooses() -> None:
    info = participation.clean_participation({})
    assert (info.shier, info.trappa, info.anonymity) == ("", "", "anonymous")
    assert participation.promises(info, str) == [participation.ANONYMITY[0].promise]
    chosen = participation.clean_participation(
        {"shier": "3", "trappa": "dialog", "anonymity": "nickname", "consent_notes": " Ja "}
    )
    assert chosen.consent_notes == "Ja"
    swedish = translations("sv").gettext
    assert participation.promises(chosen, swedish) == [
        "Det du säger vägs in i beslutet, och vi berättar sedan hur.",
        "Vi pratar med dig, lyssnar på varandra och förklarar vad vi tar vidare.",
        "Du väljer själv om du vill ha ett smeknamn. Ditt riktiga namn behövs aldrig.",
    ]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"shier": "6"}, "bad_request"),
        ({"shier": "dialog"}, "bad_request"),  # a step of the other scale: the two are kept apart
        ({"trappa": "3"}, "bad_request"),
        ({"anonymity": "named"}, "bad_request"),
        ({"consent_notes": "x" * 2001}, "too_long"),
        ({"consent_notes": 5}, "bad_request"),
    ],
)
def test_unknown_levels_and_modes_are_refused(data: dict[str, object], code: str) -> None:
    assert code_of(lambda: participation.clean_participation(data)) == code


def test_phones_and_the_wall_never_receive_the_consent_notes() -> None:
    info = participation.ParticipationInfo("3", "dialog", "anonymous", "Vårdnadshavare: 12")
    stored = wire(1, 1, None, participation.ParticipationChanged(info))
    public = public_wire(stored)
    assert public["payload"]["participation"]["consent_notes"] == ""
    assert public["payload"]["participation"]["shier"] == "3"
    assert stored["payload"]["participation"] == dataclasses.asdict(info)
    assert participation.scales(str)["shier"][0]["name"] == "1. Children are listened to"
