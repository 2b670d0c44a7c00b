"""Voices side by side: how professionals, young people and parents prioritised the same themes.

"Young people put school first; professionals put collaboration first" should be visible on one
page. The dots of a process's workshops are joined to the group each voter gave when joining,
and each group's dots on a theme are divided by the number of that group's voters, so a group
of 40 professionals does not drown a group of 8 young people: the figure is dots per person.

The small-group rule (docs/privacy.md, IMY's guidance on children's data): a group of fewer than
`MIN_GROUP` voters is never reported apart. With four young people in a room, "the young
people's dots" are four people's dots, and one of them could be picked out by the others. The
page says why a group is missing instead of leaving a silent gap. There is no "everyone"
column either: with one group held back, everyone minus the groups shown would be that group.

Themes are the same theme across workshops when their titles are the same once case and spaces
are set aside ("Skolan" and "skolan "): a carried-forward theme keeps its title.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

# No group of fewer than this many voters is shown apart (4 young people: not shown; 5: shown).
MIN_GROUP = 5
# The groups compared, in the order the page shows them; "no group given" is no voice.
GROUPS = ("professional", "young", "parent")


@dataclass(frozen=True)
class Dot:
    """One dot: the theme it went to (its key), the voter's group and who voted (any key that
    tells voters apart; it never leaves this module)."""

    theme: str
    group: str
    voter: Hashable


@dataclass(frozen=True)
class GroupVoice:
    """One group's priorities: `shown` False when it had fewer than MIN_GROUP voters, and then
    no figure at all. `per_person`: dots per voter on each theme; `ranks`: 1 for its first
    theme (themes with equal figures share a rank)."""

    group: str
    voters: int
    shown: bool
    per_person: dict[str, float] = field(default_factory=dict)
    ranks: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Voices:
    """The themes (key, title), most prioritised over the groups shown first, and each group."""

    themes: list[tuple[str, str]]
    groups: list[GroupVoice]

    @property
    def shown(self) -> list[GroupVoice]:
        """The groups reported apart."""
        return [group for group in self.groups if group.shown]

    @property
    def held_back(self) -> list[GroupVoice]:
        """The groups that voted but were too few to be reported apart."""
        return [group for group in self.groups if not group.shown and group.voters]


def theme_key(title: str) -> str:
    """The same theme across workshops: its title without case or extra spaces."""
    return " ".join(title.split()).casefold()


def shown_apart(voters: int) -> bool:
    """The small-group rule: a group is reported apart only with MIN_GROUP voters or more."""
    return voters >= MIN_GROUP


def _ranks(figures: Mapping[str, float]) -> dict[str, int]:
    """Competition ranking (1, 1, 3): equal figures share a place."""
    ordered = sorted(figures.values(), reverse=True)
    return {key: ordered.index(value) + 1 for key, value in figures.items()}


def voices(dots: Iterable[Dot], titles: Mapping[str, str]) -> Voices:
    """Each group's dots per person on each theme of `titles` (key -> title to show), with the
    small-group rule applied; dots of voters without a group count for no group."""
    voters: dict[str, set[Hashable]] = defaultdict(set)
    counted: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for dot in dots:
        if dot.group not in GROUPS or dot.theme not in titles:
            continue
        voters[dot.group].add(dot.voter)
        counted[dot.group][dot.theme] += 1
    groups = []
    for group in GROUPS:
        n = len(voters[group])
        if not shown_apart(n):
            groups.append(GroupVoice(group, n, shown=False))
            continue
        per_person = {key: round(counted[group][key] / n, 2) for key in titles}
        groups.append(GroupVoice(group, n, True, per_person, _ranks(per_person)))
    weight = {key: sum(g.per_person[key] for g in groups if g.shown) for key in titles}
    themes = sorted(titles.items(), key=lambda item: (-weight[item[0]], item[1].casefold()))
    return Voices(themes, groups)
