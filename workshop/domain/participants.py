"""Who is in the room, as counts per group only, and a participant's optional profile."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from . import rules
from .consultation import clean_age_band
from .errors import DomainError
from .events import Event, State, empty_slice, event

empty_slice("participants", {"total": 0, "counts": {}})


@dataclass(frozen=True)
class ParticipantCounts:
    """How many have joined, in total and per group ("unspecified" for no group)."""

    total: int
    counts: dict[str, int] = field(default_factory=dict)


def counts(per_group: Iterable[tuple[str | None, int]]) -> ParticipantCounts:
    """The counts from (group, number) rows, groups in a stable order."""
    by_group = {group or "unspecified": n for group, n in per_group}
    return ParticipantCounts(sum(by_group.values()), dict(sorted(by_group.items())))


@dataclass(frozen=True)
class _CountsChange(Event):
    participants: ParticipantCounts

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["participants"] = dataclasses.asdict(self.participants)


@event
@dataclass(frozen=True)
class ParticipantJoined(_CountsChange):
    """Someone joined; only the counts per group travel, never a name or nickname."""

    type: ClassVar[str] = "participant.joined"
    same_for_everyone: ClassVar[bool] = True


@event
@dataclass(frozen=True)
class ParticipantUpdated(_CountsChange):
    """A participant changed their group; the counts per group change with it."""

    type: ClassVar[str] = "participant.updated"
    same_for_everyone: ClassVar[bool] = True


def clean_profile(
    data: dict[str, Any],
    *,
    ask_nickname: bool = True,
    ask_organisation: bool = True,
    ask_age_band: bool = False,
) -> dict[str, str]:
    """Nickname, group, organisation and age band after the rules; all optional, and what the
    workshop does not ask for is not kept."""
    group = data.get("group") or ""
    if group not in ("", *rules.GROUPS):
        raise DomainError("bad_request", field="group")
    organisation = rules.clean_line(
        data.get("organisation"),
        field="organisation",
        max_length=rules.ORGANISATION_MAX,
        required=False,
    )
    nickname = rules.clean_line(
        data.get("nickname"), field="nickname", max_length=rules.NICKNAME_MAX, required=False
    )
    return {
        "nickname": nickname if ask_nickname else "",
        "group": group,
        # An organisation says something only about professionals; for others it is not kept.
        "organisation": organisation if group == "professional" and ask_organisation else "",
        "age_band": clean_age_band(data.get("age_band"), asked=ask_age_band),
    }
