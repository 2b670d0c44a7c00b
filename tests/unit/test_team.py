"""The team's rules without a database: what each role grants, and when an invitation opens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from workshop.domain import team
from workshop.domain.errors import DomainError

NOW = datetime(2027, 3, 1, 10, 0, tzinfo=UTC)


def code(call: object) -> str:
    with pytest.raises(DomainError) as refused:
        call()  # type: ignore[operator]
    return refused.value.code


def test_only_the_owner_changes_the_team_and_everyone_in_it_views() -> None:
    holders = {p: {r for r in team.TEAM_ROLES if team.allows(r, p)} for p in team.PERMISSIONS}
    assert holders["team"] == {"owner"}
    assert holders["view"] == set(team.TEAM_ROLES)
    assert holders["run"] == {"owner", "co_facilitator"}
    assert holders["moderate"] == {"owner", "co_facilitator", "moderator"}
    assert holders["notes"] == {"owner", "co_facilitator", "note_taker"}
    assert holders["board"] == {"owner", "co_facilitator", "board_keeper"}
    assert not any(team.allows(None, p) for p in team.PERMISSIONS)
    with pytest.raises(ValueError, match="unknown permission"):
        team.allows("owner", "everything")


def test_a_stranger_is_forbidden_and_a_member_is_told_it_is_not_their_role() -> None:
    assert code(lambda: team.require(None, "run")) == "forbidden"
    assert code(lambda: team.require("moderator", "run")) == "not_your_role"
    team.require("moderator", "moderate")


def test_the_owner_s_role_is_handed_over_never_given() -> None:
    assert code(lambda: team.clean_role("owner")) == "bad_request"
    assert code(lambda: team.clean_role("admin")) == "bad_request"
    assert team.clean_role("note_taker") == "note_taker"


@pytest.mark.parametrize("stored_naive", [True, False])
def test_an_invitation_opens_once_its_own_workshop_for_seven_days(stored_naive: bool) -> None:
    expires = team.invitation_expires(NOW)
    assert expires - NOW == timedelta(days=7)
    if stored_naive:  # SQLite hands back naive UTC
        expires = expires.replace(tzinfo=None)

    def check(now: datetime = NOW, **changed: object) -> None:
        fields: dict[str, object] = {"workshop_id": 1, "invited_to": 1, "expires_at": expires}
        team.check_invitation(**{**fields, "used": False, **changed}, now=now)  # type: ignore[arg-type]

    check()
    assert code(lambda: check(used=True)) == "invitation_used"
    assert code(lambda: check(invited_to=2)) == "not_found"
    assert code(lambda: check(now=NOW + timedelta(days=7))) == "invitation_expired"
    check(now=NOW + timedelta(days=7) - timedelta(seconds=1))


def test_the_owner_changes_members_never_themselves_or_strangers() -> None:
    team.check_change(owner_id=1, actor_id=1, member_id=2, is_member=True)
    assert (
        code(lambda: team.check_change(owner_id=1, actor_id=1, member_id=1, is_member=False))
        == "bad_request"
    )
    assert (
        code(lambda: team.check_change(owner_id=1, actor_id=1, member_id=3, is_member=False))
        == "not_found"
    )
