"""The board's rules without a database: aggregates, positions, versions, the lock, reducers."""

from __future__ import annotations

import dataclasses

from tests.support.refusals import refused
from workshop.domain import board
from workshop.domain.actors import Actor
from workshop.domain.catalog import SECTORS, catalogue
from workshop.domain.state import apply, empty_state

ORG = {role.id: role.organisation_sv for role in catalogue().values()}


def test_the_catalogue_has_every_role_in_both_languages_with_an_explanation() -> None:
    roles = catalogue()
    assert len(roles) == 62
    assert {role.sector for role in roles.values()} == set(SECTORS)
    for role in roles.values():
        for text in (role.title_sv, role.title_en, role.explain_sv, role.explain_en):
            assert text and "\n" not in text, role.id
        assert role.organisation_sv and role.organisation_en, role.id
    print(f"{len(roles)} roles, {len(set(ORG.values()))} organisations")


def test_median_and_range_on_a_known_set_of_families() -> None:
    # Five families: titles met 3, 5, 7, 9, 12; retold their story 0, 1, 2, 4, 6 times.
    pool = list(catalogue())
    sizes, retold = [3, 5, 7, 9, 12], [0, 1, 2, 4, 6]
    answers = [(pool[:n], pool[:r]) for n, r in zip(sizes, retold, strict=True)]
    met = board.figures(answers, ORG)
    assert met.answers == 5
    assert met.titles == board.Spread(7, 3, 12)
    assert met.retold == board.Spread(2, 0, 6)
    assert met.heat[pool[0]] == 5 and met.heat[pool[11]] == 1 and pool[12] not in met.heat
    per_family = sorted(len({ORG[r] for r in pool[:n]}) for n in sizes)
    assert met.organisations == board.Spread(per_family[2], per_family[0], per_family[-1])
    assert met.organisations_total == len({ORG[r] for r in pool[:12]})
    # An even number of families: the median is the mean of the middle two.
    assert board.figures(answers[:4], ORG).titles == board.Spread(6, 3, 9)
    assert board.spread([1, 2]) == board.Spread(1.5, 1, 2)
    assert board.figures([], ORG) == board.MetFigures()
    print(f"titles median {met.titles.median} range {met.titles.low}-{met.titles.high}")


def test_an_answer_names_known_roles_and_retells_only_to_someone_met() -> None:
    roles = catalogue()
    met, again = board.clean_answer(["logoped", "skolkurator", "logoped"], ["logoped"], roles)
    assert met == ("logoped", "skolkurator") and again == ("logoped",)
    for bad_met, bad_retold in (
        (["no-such-role"], []),
        (["logoped"], ["skolkurator"]),
        ("logoped", []),
        ([1], []),
        (["logoped"] * 200, []),
    ):
        with refused("bad_request"):
            board.clean_answer(bad_met, bad_retold, roles)


def test_positions_stay_on_the_board_and_default_places_leave_the_child_free() -> None:
    assert board.clamp(-50, 99_999) == (0, board.HEIGHT - board.CARD_H)
    assert board.clamp(12.7, 40) == (12, 40)
    for bad in (float("nan"), float("inf"), True, "1", None):
        with refused("bad_request"):
            board.clamp(bad, 0)
    for sector in SECTORS:
        x0, y0, x1, y1 = board.AREAS[sector]
        taken: list[tuple[int, int]] = []
        for _ in range(40):  # more cards than the sector has places: they still land inside
            x, y = board.free_slot(sector, taken)
            assert 0 <= x <= board.WIDTH - board.CARD_W and 0 <= y <= board.HEIGHT - board.CARD_H
            taken.append((x, y))
        first = taken[: len(board.slots(sector))]
        assert len(set(first)) == len(first), "two cards in one place while places were free"
        for x, y in first:
            assert x0 <= x and x + board.CARD_W <= x1 and y0 <= y and y + board.CARD_H <= y1
            assert not (
                abs(x + board.CARD_W / 2 - board.CENTRE_X) < board.CARD_W / 2 + 100
                and abs(y + board.CARD_H / 2 - board.CENTRE_Y) < board.CARD_H / 2 + 100
            )


def test_a_stale_version_loses_and_a_locked_board_refuses_participants() -> None:
    board.check_version(3, 3)
    with refused("card_changed"):
        board.check_version(4, 3)
    board.may_edit(Actor("facilitator", 1, 1), locked=True)
    board.may_edit(Actor("participant", 1, 2), locked=False)
    with refused("board_locked"):
        board.may_edit(Actor("participant", 1, 2), locked=True)
    with refused("forbidden"):
        board.may_edit(Actor("wall", 1), locked=False)
    with refused("link_to_self"):
        board.check_link(5, 5, "works_with")
    with refused("bad_request"):
        board.check_link(5, 6, "likes")
    with refused("bad_request"):
        board.check_group("friends")


def _event(seq: int, typed: board.Event) -> dict[str, object]:
    return {
        "workshop_id": 1,
        "seq": seq,
        "type": typed.type,
        "at": None,
        "payload": typed.payload(),
    }


def test_the_reducers_place_move_group_link_and_remove() -> None:
    card = board.CardInfo(id=1, role_id="logoped", x=10, y=10, group="", version=1)
    other = board.CardInfo(id=2, role_id="skolkurator", x=500, y=10, group="", version=1)
    link = board.LinkInfo(id=7, source_id=1, target_id=2, kind="between_chairs")
    steps = [
        board.CardPlaced(card),
        board.CardPlaced(other),
        board.CardMoved(dataclasses.replace(card, x=99, version=2)),
        board.CardGrouped(dataclasses.replace(card, x=99, group="sip", version=3)),
        board.LinkAdded(link),
        board.BoardLocked(),
        board.CardRemoved(card_id=2, link_ids=[7]),
        board.RolesMet(board.figures([(["logoped"], [])], ORG)),
    ]
    state = empty_state({"id": 1})
    for seq, typed in enumerate(steps, start=1):
        state = apply(state, _event(seq, typed), include_hidden=False)
    assert state["board"]["cards"] == {
        "1": {
            "id": 1,
            "role_id": "logoped",
            "x": 99,
            "y": 10,
            "group": "sip",
            "version": 3,
            "kind": "role",
            "text": "",
        }
    }
    assert state["board"]["links"] == {} and state["board"]["locked"] is True
    assert state["board"]["met"]["heat"] == {"logoped": 1}
