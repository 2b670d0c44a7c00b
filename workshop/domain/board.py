"""The "50 titles" board: role cards around the child, links between them, and what families met.

Professionals place cards (one role of the catalogue each) in the four sectors around the child
or family, move them, group them into the structures where they meet (elevhälsa, SIP, ...) and
link them (works with, refers to, double work, falls between the chairs). Every card has a
version: a move, a regrouping or a removal names the version it was made on, and a stale one is
refused, so of two people moving one card the later version wins on every screen and the other
screen follows it. Parents and young people answer which roles they met and to whom they had to
retell their story; only the aggregates travel (heat per role, median and range per family).
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import ClassVar

from .actors import Actor
from .catalog import SECTORS, Role
from .errors import DomainError
from .events import Event, State, Subject, empty_slice, event
from .rules import clean_line, clean_text

# Board coordinates (an SVG viewBox); a card's x, y is its top-left corner.
WIDTH, HEIGHT = 2000, 1300
CARD_W, CARD_H = 210, 60
CENTRE_X, CENTRE_Y, CENTRE_R = WIDTH // 2, HEIGHT // 2, 110
# Each sector's quadrant: (x0, y0, x1, y1).
AREAS: dict[str, tuple[int, int, int, int]] = {
    "kommun": (0, 0, WIDTH // 2, HEIGHT // 2),
    "region": (WIDTH // 2, 0, WIDTH, HEIGHT // 2),
    "stat": (0, HEIGHT // 2, WIDTH // 2, HEIGHT),
    "civil": (WIDTH // 2, HEIGHT // 2, WIDTH, HEIGHT),
}
# Where each sector's name is written: the top quadrants at their top, the bottom ones at their
# bottom, so no name sits under the child's circle.
LABELS: dict[str, tuple[int, int]] = {
    sector: (x0 + 20, y0 + 38 if y0 == 0 else y1 - 22)
    for sector, (x0, y0, _x1, y1) in AREAS.items()
}
LINK_KINDS = ("works_with", "refers_to", "double_work", "between_chairs")
# Where many of the roles meet (domain brief): a card may belong to one of them.
GROUPS = ("elevhalsa", "familjecentral", "sip", "sspf", "barnahus", "kaa")
# Live cards on one board at most: a wall of 62 titles, several families' maps, and room to spare.
MAX_CARDS = 500
# How many of their own changes one person can take back, newest first.
UNDO_DEPTH = 20
# How far back the facilitator can put back what participants took off the board at once (one
# phone can clear a board in a second; its own undo holds only UNDO_DEPTH steps).
RESTORE_MINUTES_DEFAULT = 15
RESTORE_MINUTES_MAX = 24 * 60
# A card is a catalogue role, a person named in free text ("Grandmother", "Football coach") or a
# note (sticky text). A name fits on a card in two lines; a note shows its start, the rest on focus.
CARD_KINDS = ("role", "text", "note")
TEXT_CARD_MAX = 60
NOTE_MAX = 280


@dataclass(frozen=True)
class CardInfo:
    """A card on the board: which role (or, on a free-text card or a note, its `text`), where,
    in which group, and its version."""

    id: int
    role_id: str
    x: int
    y: int
    group: str
    version: int
    kind: str = "role"
    text: str = ""


@dataclass(frozen=True)
class LinkInfo:
    """A link between two cards; `refers_to` points from source to target."""

    id: int
    source_id: int
    target_id: int
    kind: str


@dataclass(frozen=True)
class Spread:
    """Median and range (lowest, highest) of one figure over the answers."""

    median: float
    low: int
    high: int


@dataclass(frozen=True)
class MetFigures:
    """What families and young people answered, as aggregates only.

    `heat` counts the answers that met each role; `titles` and `organisations` spread the
    number of titles and organisations met per answer; `retold` the number of people an answer
    had to tell their story to again; `organisations_total` the organisations met by anyone;
    `retold_total` how many times, in all the answers together, a story was told again.
    """

    answers: int = 0
    heat: dict[str, int] = field(default_factory=dict)
    titles: Spread = Spread(0, 0, 0)
    organisations: Spread = Spread(0, 0, 0)
    organisations_total: int = 0
    retold: Spread = Spread(0, 0, 0)
    retold_total: int = 0


empty_slice(
    "board",
    {"locked": False, "cards": {}, "links": {}, "met": dataclasses.asdict(MetFigures())},
)


# --- events ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _CardChange(Event):
    card: CardInfo
    # The board is everyone's; a removed card's words are left out of replays (`words`).
    same_for_everyone: ClassVar[bool] = True

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["board"]["cards"][str(self.card.id)] = dataclasses.asdict(self.card)

    words_about: ClassVar[str] = "card"

    def words(self) -> tuple[Subject, ...]:
        return (("card", self.card.id),) if self.card.text else ()

    def without_words(self, subjects: Set[Subject], *, withdrawn: bool) -> Event:
        if ("card", self.card.id) not in subjects:
            return self
        return dataclasses.replace(self, card=dataclasses.replace(self.card, text=""))


@event
@dataclass(frozen=True)
class CardPlaced(_CardChange):
    """A role was placed on the board (also a removed card put back by an undo)."""

    type: ClassVar[str] = "board.card_placed"


@event
@dataclass(frozen=True)
class CardMoved(_CardChange):
    """A card was dropped somewhere else; its version went up by one."""

    type: ClassVar[str] = "board.card_moved"


@event
@dataclass(frozen=True)
class CardGrouped(_CardChange):
    """A card joined a group (elevhälsa, SIP, ...) or left it (`group` empty)."""

    type: ClassVar[str] = "board.card_grouped"


@event
@dataclass(frozen=True)
class CardEdited(_CardChange):
    """The words of a free-text card or a note were changed; its version went up by one."""

    type: ClassVar[str] = "board.card_edited"


@event
@dataclass(frozen=True)
class CardRemoved(Event):
    """A card was taken off the board, and with it its links (`link_ids`)."""

    type: ClassVar[str] = "board.card_removed"
    same_for_everyone: ClassVar[bool] = True
    card_id: int
    link_ids: list[int] = field(default_factory=list)

    def ends(self) -> tuple[Subject, ...]:
        # Kept only so its placer can undo the removal: docs/privacy.md, nobody sees it.
        return (("card", self.card_id),)

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["board"]["cards"].pop(str(self.card_id), None)
        for link_id in self.link_ids:
            state["board"]["links"].pop(str(link_id), None)


@event
@dataclass(frozen=True)
class LinkAdded(Event):
    """Two cards were linked: works with, refers to, double work, or falls between the chairs."""

    type: ClassVar[str] = "board.link_added"
    same_for_everyone: ClassVar[bool] = True
    link: LinkInfo

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["board"]["links"][str(self.link.id)] = dataclasses.asdict(self.link)


@event
@dataclass(frozen=True)
class LinkRemoved(Event):
    """A link was taken away."""

    type: ClassVar[str] = "board.link_removed"
    same_for_everyone: ClassVar[bool] = True
    link_id: int

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["board"]["links"].pop(str(self.link_id), None)


@event
@dataclass(frozen=True)
class BoardLocked(Event):
    """The facilitator locked the board: participants can look but not change it."""

    type: ClassVar[str] = "board.locked"
    same_for_everyone: ClassVar[bool] = True

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["board"]["locked"] = True


@event
@dataclass(frozen=True)
class BoardUnlocked(Event):
    """The facilitator unlocked the board again."""

    type: ClassVar[str] = "board.unlocked"
    same_for_everyone: ClassVar[bool] = True

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["board"]["locked"] = False


@event
@dataclass(frozen=True)
class RolesMet(Event):
    """Someone answered (or changed) which roles they met; only the new aggregates travel."""

    type: ClassVar[str] = "board.roles_met"
    same_for_everyone: ClassVar[bool] = True
    met: MetFigures

    def reduce(self, state: State, *, include_hidden: bool) -> None:
        state["board"]["met"] = dataclasses.asdict(self.met)


# --- rules -------------------------------------------------------------------------------


def may_edit(actor: Actor, *, locked: bool) -> None:
    """The facilitator may always change the board; participants only while it is unlocked."""
    if actor.role not in ("facilitator", "participant"):
        raise DomainError("forbidden")
    if locked and not actor.is_facilitator:
        raise DomainError("board_locked")


def restore_window(minutes: object) -> int:
    """How many minutes back a put-back reaches: whole minutes, 1 to a day."""
    if minutes is None:
        return RESTORE_MINUTES_DEFAULT
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise DomainError("bad_request", field="minutes")
    if not 1 <= minutes <= RESTORE_MINUTES_MAX:
        raise DomainError("bad_request", field="minutes")
    return minutes


def check_version(current: int, sent: int) -> None:
    """A change made on an older version of the card loses: the screen then follows the card."""
    if current != sent:
        raise DomainError("card_changed", version=current)


def check_room_for_card(live_cards: int) -> None:
    """A board holds at most MAX_CARDS live cards."""
    if live_cards >= MAX_CARDS:
        raise DomainError("board_full", max=MAX_CARDS)


def clamp(x: object, y: object) -> tuple[int, int]:
    """A position on the board: whole numbers, the card kept entirely inside."""
    return (
        min(max(_coordinate(x, "x"), 0), WIDTH - CARD_W),
        min(max(_coordinate(y, "y"), 0), HEIGHT - CARD_H),
    )


def _coordinate(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or not -1e9 < value < 1e9:
        raise DomainError("bad_request", field=name)  # also NaN and the infinities
    return int(value)


def check_group(group: object) -> str:
    """One of the known structures, or empty for none."""
    if group not in ("", *GROUPS):
        raise DomainError("bad_request", field="group")
    return str(group)


def card_text(kind: object, text: object) -> tuple[str, str]:
    """The kind of a new card and its words: a free-text card holds one short line, a note a
    few lines; a role card has none (its words come from the catalogue)."""
    if kind not in CARD_KINDS:
        raise DomainError("bad_request", field="kind")
    if kind == "role":
        return "role", ""
    if kind == "text":
        return "text", clean_line(text, field="text", max_length=TEXT_CARD_MAX, required=True)
    return "note", clean_text(text, field="text", max_length=NOTE_MAX, required=True)


def check_link(source_id: int, target_id: int, kind: object) -> str:
    """Two different cards and a known kind of link."""
    if kind not in LINK_KINDS:
        raise DomainError("bad_request", field="kind")
    if source_id == target_id:
        raise DomainError("link_to_self")
    return str(kind)


def slots(sector: str) -> list[tuple[int, int]]:
    """The places a card of `sector` is put when nobody chose one: a grid in the sector's
    quadrant, filled in rings around the child (nearest first), leaving the child's circle and
    the sector's name free."""
    x0, y0, x1, y1 = AREAS[sector]
    gap_x, gap_y, label = CARD_W + 20, CARD_H + 14, 50
    if y0:  # a bottom quadrant: its name is at the bottom
        y0, y1 = y0 - label + 20, y1 - label
    keep_out = CENTRE_R + 20
    found = []
    for x in range(x0 + 20, x1 - 20 - CARD_W + 1, gap_x):
        for y in range(y0 + label, y1 - 10 - CARD_H + 1, gap_y):
            overlaps_centre = (
                x < CENTRE_X + keep_out
                and x + CARD_W > CENTRE_X - keep_out
                and y < CENTRE_Y + keep_out
                and y + CARD_H > CENTRE_Y - keep_out
            )
            if not overlaps_centre:
                found.append((x, y))
    width, height = x1 - x0, y1 - y0

    def ring(p: tuple[int, int]) -> tuple[float, float]:
        dx = abs(p[0] + CARD_W / 2 - CENTRE_X) / width
        dy = abs(p[1] + CARD_H / 2 - CENTRE_Y) / height
        return (round(max(dx, dy), 2), dx + dy)

    return sorted(found, key=ring)


def free_slot(sector: str, taken: Iterable[tuple[int, int]]) -> tuple[int, int]:
    """The first free place in a sector; when the sector is full, cards stack with an offset."""
    if sector not in SECTORS:
        raise DomainError("bad_request", field="sector")
    taken = list(taken)
    for x, y in slots(sector):
        if all(abs(x - tx) >= CARD_W // 2 or abs(y - ty) >= CARD_H // 2 for tx, ty in taken):
            return x, y
    x0, y0, _x1, _y1 = AREAS[sector]
    step = len(taken) % 20
    return clamp(x0 + 30 + 12 * step, y0 + 60 + 12 * step)


# --- what families met -------------------------------------------------------------------


def clean_answer(
    roles_met: object, retold: object, catalogue: Mapping[str, Role]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The roles someone met and those they had to retell their story to: known roles, each
    once, and a retelling only to someone they met."""
    met = _role_list(roles_met, "roles_met", catalogue)
    again = _role_list(retold, "retold", catalogue)
    if not set(again) <= set(met):
        raise DomainError("bad_request", field="retold")
    return met, again


def _role_list(value: object, name: str, catalogue: Mapping[str, Role]) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or len(value) > len(catalogue):
        raise DomainError("bad_request", field=name)
    if any(not isinstance(item, str) or item not in catalogue for item in value):
        raise DomainError("bad_request", field=name)
    return tuple(sorted(set(value)))


def spread(values: Sequence[int]) -> Spread:
    """Median and range; all zero when nobody answered. A whole median stays a whole number."""
    if not values:
        return Spread(0, 0, 0)
    median = statistics.median(values)
    return Spread(int(median) if median == int(median) else median, min(values), max(values))


def figures(
    answers: Iterable[tuple[Sequence[str], Sequence[str]]], organisation_of: Mapping[str, str]
) -> MetFigures:
    """The aggregates of everyone's answers: (roles met, roles retold to) per answer."""
    heat: dict[str, int] = {}
    titles, organisations, retold = [], [], []
    every_organisation: set[str] = set()
    for met, again in answers:
        for role_id in met:
            heat[role_id] = heat.get(role_id, 0) + 1
        met_organisations = {organisation_of[role_id] for role_id in met}
        every_organisation |= met_organisations
        titles.append(len(met))
        organisations.append(len(met_organisations))
        retold.append(len(again))
    return MetFigures(
        answers=len(titles),
        heat=dict(sorted(heat.items())),
        titles=spread(titles),
        organisations=spread(organisations),
        organisations_total=len(every_organisation),
        retold=spread(retold),
        retold_total=sum(retold),
    )


def most_met(heat: Mapping[str, int]) -> list[tuple[int, str, int]]:
    """The roles families met, most first, as (rank, role id, answers); roles met by as many
    share a rank (1, 2, 2, 4), and a role nobody met is not listed."""
    ordered = sorted(
        ((n, role_id) for role_id, n in heat.items() if n), key=lambda x: (-x[0], x[1])
    )
    ranked, rank = [], 0
    for position, (n, role_id) in enumerate(ordered, start=1):
        if position == 1 or n != ordered[position - 2][0]:
            rank = position
        ranked.append((rank, role_id, n))
    return ranked
