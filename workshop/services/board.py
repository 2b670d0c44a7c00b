"""The board: place, move, group, remove and link cards, undo one's own change, lock (what
families answered about the roles they met is in board_answers.py).

Every change runs under the workshop lock like any command, so two moves of one card are ordered:
the first raises the card's version, the second names the old version and is refused with
`card_changed`; its sender's screen already follows the first through the broadcast.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from pydantic import Field
from sqlalchemy.orm import Session

from ..domain import board as rules_of
from ..domain.actors import Actor
from ..domain.catalog import visible
from ..domain.errors import DomainError
from ..domain.review import Reviewed
from ..domain.workshops import require_open
from ..store.db import Database
from ..store.models import Board, BoardCard, BoardLink, BoardUndo, Event, Workshop, utcnow
from .board_answers import met_figures
from .catalog import role_entry, roles_of
from .reads import SliceView
from .runner import (
    FACILITATOR,
    PEOPLE,
    Context,
    require_permission,
    require_role,
    workshop_command,
)
from .wire import MAX_ID, Command, Plain


def card_info(card: BoardCard) -> rules_of.CardInfo:
    """A card row as every screen sees it."""
    return rules_of.CardInfo(
        id=card.id,
        role_id=card.role_id,
        x=card.x,
        y=card.y,
        group=card.group,
        version=card.version,
        kind=card.kind,
        text=card.text,
    )


def link_info(link: BoardLink) -> rules_of.LinkInfo:
    """A link row as every screen sees it."""
    return rules_of.LinkInfo(
        id=link.id, source_id=link.source_id, target_id=link.target_id, kind=link.kind
    )


def _card_wire(card: BoardCard) -> dict[str, Any]:
    return dataclasses.asdict(card_info(card))


def is_locked(session: Session, workshop_id: int) -> bool:
    """Whether the facilitator locked this workshop's board (no row: never locked)."""
    return bool(session.scalar(sa.select(Board.locked).where(Board.workshop_id == workshop_id)))


def board_locked(db: Database, workshop_id: int) -> bool:
    """`is_locked` in a read of its own, for a page that labels the lock button before the
    state arrives."""
    with db.read() as session:
        return is_locked(session, workshop_id)


def _guard(ctx: Context) -> None:
    """Participants change the board only while it is unlocked and the workshop open."""
    rules_of.may_edit(ctx.actor, locked=is_locked(ctx.session, ctx.workshop.id))
    if not ctx.actor.is_facilitator:
        require_open(ctx.workshop.status)


def _id(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError("bad_request", field=name)
    return value


def _live_card(ctx: Context, card_id: object) -> BoardCard:
    card = ctx.session.get(BoardCard, _id(card_id, "card_id"))
    if card is None or card.workshop_id != ctx.workshop.id or card.removed:
        raise DomainError("not_found")
    return card


def _live_links_of(ctx: Context, card_id: int) -> list[BoardLink]:
    return list(
        ctx.session.scalars(
            sa.select(BoardLink)
            .where(
                BoardLink.workshop_id == ctx.workshop.id,
                ~BoardLink.removed,
                sa.or_(BoardLink.source_id == card_id, BoardLink.target_id == card_id),
            )
            .order_by(BoardLink.id)
        )
    )


def _remember(ctx: Context, step: dict[str, Any]) -> None:
    """Keep how to take this change back, for its author only; the oldest steps beyond
    UNDO_DEPTH are forgotten."""
    ctx.session.add(BoardUndo(workshop_id=ctx.workshop.id, actor=ctx.actor.key, step=step))
    ctx.session.flush()
    keep = (
        sa.select(BoardUndo.id)
        .where(BoardUndo.workshop_id == ctx.workshop.id, BoardUndo.actor == ctx.actor.key)
        .order_by(BoardUndo.id.desc())
        .limit(rules_of.UNDO_DEPTH)
    )
    ctx.session.execute(
        sa.delete(BoardUndo).where(
            BoardUndo.workshop_id == ctx.workshop.id,
            BoardUndo.actor == ctx.actor.key,
            BoardUndo.id.not_in(keep.scalar_subquery()),
        )
    )


def _bump(card: BoardCard) -> None:
    card.version += 1
    card.updated_at = utcnow()


# --- commands ------------------------------------------------------------------------------


class BoardPlace(Command):
    role_id: str = Field(default="", max_length=40)
    kind: str = Field(default="role", max_length=10)
    text: str | None = Field(default=None, max_length=2000)
    x: int | None = Field(default=None, ge=-100_000, le=100_000)
    y: int | None = Field(default=None, ge=-100_000, le=100_000)
    sector: str | None = Field(default=None, max_length=10)
    group: str = Field(default="", max_length=20)


@workshop_command(
    wire="board.place",
    payload=BoardPlace,
    roles=PEOPLE,
    permission="board",
    takes_input="board",
    reviewed=Reviewed("card", ("text",)),
)
def place_card(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Put a card on the board: a role of the workshop's catalogue, or (`kind` text or note)
    words of one's own; where it was dropped or (from the keyboard) in the next free place of
    a sector, by default the role's own (civil society for words)."""
    _guard(ctx)
    kind, text = rules_of.card_text(data.get("kind", "role"), data.get("text"))
    role_id, own_sector = "", "civil"
    if kind == "role":
        offered = visible(roles_of(ctx.session, ctx.workshop.id))
        role = offered.get(data.get("role_id"))  # type: ignore[arg-type]
        if role is None:
            raise DomainError("not_found")
        role_id, own_sector = role.id, role.sector
    taken = ctx.session.execute(
        sa.select(BoardCard.x, BoardCard.y).where(
            BoardCard.workshop_id == ctx.workshop.id, ~BoardCard.removed
        )
    ).all()
    rules_of.check_room_for_card(len(taken))
    if data.get("x") is not None or data.get("y") is not None:
        x, y = rules_of.clamp(data.get("x"), data.get("y"))
    else:
        sector = data.get("sector") or own_sector
        x, y = rules_of.free_slot(sector, [(tx, ty) for tx, ty in taken])
    card = BoardCard(
        workshop_id=ctx.workshop.id,
        role_id=role_id,
        kind=kind,
        text=text,
        x=x,
        y=y,
        group=rules_of.check_group(data.get("group", "")),
        version=1,
    )
    ctx.session.add(card)
    ctx.session.flush()
    ctx.append(rules_of.CardPlaced(card_info(card)))
    _remember(ctx, {"undo": "remove", "card_id": card.id, "version": card.version})
    return {"card": _card_wire(card)}


# Board positions are clamped onto the board by the domain; these bounds only refuse absurd numbers.
Coordinate = Field(ge=-100_000, le=100_000)


class BoardCardRef(Command):
    card_id: int = Field(ge=1, le=MAX_ID)
    version: int = Field(ge=0, le=MAX_ID)


class BoardMove(BoardCardRef):
    x: int = Coordinate
    y: int = Coordinate


@workshop_command(
    wire="board.move", payload=BoardMove, roles=PEOPLE, permission="board", takes_input="board"
)
def move_card(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Drop a card somewhere else; `version` is the card's version the mover saw."""
    _guard(ctx)
    card = _live_card(ctx, data.get("card_id"))
    rules_of.check_version(card.version, _id(data.get("version"), "version"))
    x, y = rules_of.clamp(data.get("x"), data.get("y"))
    if (x, y) == (card.x, card.y):
        return {"card": _card_wire(card)}
    before = {"x": card.x, "y": card.y}
    card.x, card.y = x, y
    _bump(card)
    ctx.session.flush()
    ctx.append(rules_of.CardMoved(card_info(card)))
    _remember(ctx, {"undo": "move", "card_id": card.id, "version": card.version, **before})
    return {"card": _card_wire(card)}


class BoardGroup(BoardCardRef):
    group: str = Field(max_length=20)


@workshop_command(
    wire="board.group", payload=BoardGroup, roles=PEOPLE, permission="board", takes_input="board"
)
def group_card(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Put a card in a group (elevhälsa, SIP, ...) or take it out (`group` empty)."""
    _guard(ctx)
    card = _live_card(ctx, data.get("card_id"))
    rules_of.check_version(card.version, _id(data.get("version"), "version"))
    group = rules_of.check_group(data.get("group", ""))
    if group == card.group:
        return {"card": _card_wire(card)}
    before = card.group
    card.group = group
    _bump(card)
    ctx.session.flush()
    ctx.append(rules_of.CardGrouped(card_info(card)))
    _remember(ctx, {"undo": "group", "card_id": card.id, "version": card.version, "group": before})
    return {"card": _card_wire(card)}


class BoardEditText(BoardCardRef):
    text: str = Field(max_length=2000)


@workshop_command(
    wire="board.edit",
    payload=BoardEditText,
    roles=PEOPLE,
    permission="board",
    takes_input="board",
    reviewed=Reviewed("card", ("text",)),
)
def edit_text(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Change the words of a free-text card or a note (a role card's name is the catalogue's)."""
    _guard(ctx)
    card = _live_card(ctx, data.get("card_id"))
    rules_of.check_version(card.version, _id(data.get("version"), "version"))
    if card.kind == "role":
        raise DomainError("bad_request", field="kind")
    _kind, text = rules_of.card_text(card.kind, data.get("text"))
    if text == card.text:
        return {"card": _card_wire(card)}
    before = card.text
    card.text = text
    _bump(card)
    ctx.session.flush()
    ctx.append(rules_of.CardEdited(card_info(card)))
    _remember(ctx, {"undo": "text", "card_id": card.id, "version": card.version, "text": before})
    return {"card": _card_wire(card)}


def _take_off(ctx: Context, card: BoardCard) -> list[int]:
    links = _live_links_of(ctx, card.id)
    for link in links:
        link.removed = True
    card.removed = True
    _bump(card)
    ctx.session.flush()
    link_ids = [link.id for link in links]
    ctx.append(rules_of.CardRemoved(card_id=card.id, link_ids=link_ids))
    return link_ids


@workshop_command(
    wire="board.remove", payload=BoardCardRef, roles=PEOPLE, permission="board", takes_input="board"
)
def remove_card(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Take a card off the board, with its links."""
    _guard(ctx)
    card = _live_card(ctx, data.get("card_id"))
    rules_of.check_version(card.version, _id(data.get("version"), "version"))
    link_ids = _take_off(ctx, card)
    _remember(
        ctx, {"undo": "restore", "card_id": card.id, "version": card.version, "link_ids": link_ids}
    )
    return {"card_id": card.id}


class BoardLinkAdd(Command):
    source_id: int = Field(ge=1, le=MAX_ID)
    target_id: int = Field(ge=1, le=MAX_ID)
    kind: str = Field(max_length=20)


@workshop_command(
    wire="board.link", payload=BoardLinkAdd, roles=PEOPLE, permission="board", takes_input="board"
)
def add_link(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Link two cards; the same link twice is answered with the one already there."""
    _guard(ctx)
    source = _live_card(ctx, data.get("source_id"))
    target = _live_card(ctx, data.get("target_id"))
    kind = rules_of.check_link(source.id, target.id, data.get("kind"))
    existing = ctx.session.scalar(
        sa.select(BoardLink).where(
            BoardLink.workshop_id == ctx.workshop.id,
            ~BoardLink.removed,
            BoardLink.source_id == source.id,
            BoardLink.target_id == target.id,
            BoardLink.kind == kind,
        )
    )
    if existing is not None:
        return {"link": dataclasses.asdict(link_info(existing))}
    link = BoardLink(
        workshop_id=ctx.workshop.id, source_id=source.id, target_id=target.id, kind=kind
    )
    ctx.session.add(link)
    ctx.session.flush()
    ctx.append(rules_of.LinkAdded(link_info(link)))
    _remember(ctx, {"undo": "unlink", "link_id": link.id})
    return {"link": dataclasses.asdict(link_info(link))}


def _link(ctx: Context, link_id: object) -> BoardLink:
    link = ctx.session.get(BoardLink, _id(link_id, "link_id"))
    if link is None or link.workshop_id != ctx.workshop.id:
        raise DomainError("not_found")
    return link


class BoardLinkRef(Command):
    link_id: int = Field(ge=1, le=MAX_ID)


@workshop_command(
    wire="board.unlink", payload=BoardLinkRef, roles=PEOPLE, permission="board", takes_input="board"
)
def remove_link(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Take a link away."""
    _guard(ctx)
    link = _link(ctx, data.get("link_id"))
    if link.removed:
        raise DomainError("not_found")
    link.removed = True
    ctx.session.flush()
    ctx.append(rules_of.LinkRemoved(link_id=link.id))
    _remember(ctx, {"undo": "relink", "link_id": link.id})
    return {"link_id": link.id}


@workshop_command(
    wire="board.undo", payload=Plain, roles=PEOPLE, permission="board", takes_input="board"
)
def undo(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Take back the sender's own latest change on the board.

    When someone else has changed that card since, nothing is undone (`undone: false`) and the
    step is dropped: going back would throw away their change.
    """
    _guard(ctx)
    row = ctx.session.scalar(
        sa.select(BoardUndo)
        .where(BoardUndo.workshop_id == ctx.workshop.id, BoardUndo.actor == ctx.actor.key)
        .order_by(BoardUndo.id.desc())
        .limit(1)
    )
    if row is None:
        raise DomainError("nothing_to_undo")
    step = dict(row.step)
    ctx.session.delete(row)
    ctx.session.flush()
    return {"undone": _go_back(ctx, step), "step": step.get("undo", "")}


def _go_back(ctx: Context, step: dict[str, Any]) -> bool:
    """Apply one undo step; False when the board moved on and it no longer applies."""
    kind = step.get("undo")
    if kind in ("remove", "move", "group", "text"):
        card = ctx.session.get(BoardCard, step["card_id"])
        if card is None or card.removed or card.version != step["version"]:
            return False
        if kind == "remove":
            _take_off(ctx, card)
            return True
        event: type[rules_of.CardMoved | rules_of.CardGrouped | rules_of.CardEdited]
        if kind == "move":
            card.x, card.y = step["x"], step["y"]
            event = rules_of.CardMoved
        elif kind == "text":
            card.text, event = step["text"], rules_of.CardEdited
        else:
            card.group, event = step["group"], rules_of.CardGrouped
        _bump(card)
        ctx.session.flush()
        ctx.append(event(card_info(card)))
        return True
    if kind == "restore":
        card = ctx.session.get(BoardCard, step["card_id"])
        if card is None or not card.removed or card.version != step["version"]:
            return False
        card.removed = False
        _bump(card)
        ctx.session.flush()
        ctx.append(rules_of.CardPlaced(card_info(card)))
        for link_id in step.get("link_ids", []):
            _relink(ctx, ctx.session.get(BoardLink, link_id))
        return True
    if kind == "unlink":
        link = ctx.session.get(BoardLink, step["link_id"])
        if link is None or link.removed:
            return False
        link.removed = True
        ctx.session.flush()
        ctx.append(rules_of.LinkRemoved(link_id=link.id))
        return True
    if kind == "relink":
        return _relink(ctx, ctx.session.get(BoardLink, step["link_id"]))
    return False


def _relink(ctx: Context, link: BoardLink | None) -> bool:
    """Put a removed link back when both its cards are on the board."""
    if link is None or not link.removed:
        return False
    ends = [ctx.session.get(BoardCard, link.source_id), ctx.session.get(BoardCard, link.target_id)]
    if any(end is None or end.removed for end in ends):
        return False
    link.removed = False
    ctx.session.flush()
    ctx.append(rules_of.LinkAdded(link_info(link)))
    return True


class BoardRestore(Command):
    minutes: int | None = Field(default=None, ge=-MAX_ID, le=MAX_ID)


@workshop_command(wire="board.restore", payload=BoardRestore, roles=FACILITATOR, permission="board")
def restore_removed(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Put back every card participants took off the board in the last `minutes` (15 unless
    said), with the links that went with them: what one phone cleared in a second comes back
    in one step. Cards the facilitator removed stay off (that was moderation)."""
    minutes = rules_of.restore_window(data.get("minutes"))
    since = utcnow() - timedelta(minutes=minutes)
    removals = ctx.session.execute(
        sa.select(Event.payload)
        .where(
            Event.workshop_id == ctx.workshop.id,
            Event.type == rules_of.CardRemoved.type,
            Event.actor.like("p:%"),
            Event.at >= since,
        )
        .order_by(Event.seq)
    ).scalars()
    restored, link_ids = 0, []
    live = ctx.session.scalar(
        sa.select(sa.func.count(BoardCard.id)).where(
            BoardCard.workshop_id == ctx.workshop.id, ~BoardCard.removed
        )
    )
    for payload in removals:
        card = ctx.session.get(BoardCard, payload.get("card_id"))
        if card is None or card.workshop_id != ctx.workshop.id or not card.removed:
            continue  # put back already (an undo), or by an earlier put-back
        rules_of.check_room_for_card((live or 0) + restored)
        card.removed = False
        _bump(card)
        ctx.session.flush()
        ctx.append(rules_of.CardPlaced(card_info(card)))
        restored += 1
        link_ids += payload.get("link_ids", [])
    # Last, when both ends of each link are back (a link went with the first of its cards).
    for link_id in link_ids:
        _relink(ctx, ctx.session.get(BoardLink, link_id))
    return {"restored": restored, "minutes": minutes}


class BoardLock(Command):
    locked: bool


@workshop_command(wire="board.lock", payload=BoardLock, roles=FACILITATOR, permission="board")
def set_locked(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Lock the board (participants look, nobody but the facilitator changes it) or unlock it."""
    locked = data.get("locked")
    if not isinstance(locked, bool):
        raise DomainError("bad_request", field="locked")
    board = ctx.session.get(Board, ctx.workshop.id)
    if board is None:
        board = Board(workshop_id=ctx.workshop.id, locked=False)
        ctx.session.add(board)
    if board.locked != locked:
        board.locked = locked
        ctx.session.flush()
        ctx.append(rules_of.BoardLocked() if locked else rules_of.BoardUnlocked())
    return {"locked": locked}


# --- reads ---------------------------------------------------------------------------------


def read_slice(session: Session, workshop_id: int, view: SliceView) -> dict[str, Any]:
    """The board part of a snapshot: the same for every screen."""
    return {"board": _board(session, workshop_id)}


def _board(session: Session, workshop_id: int) -> dict[str, Any]:
    """Live cards and links, the lock, the aggregates."""
    cards = session.scalars(
        sa.select(BoardCard)
        .where(BoardCard.workshop_id == workshop_id, ~BoardCard.removed)
        .order_by(BoardCard.id)
    )
    links = session.scalars(
        sa.select(BoardLink)
        .where(BoardLink.workshop_id == workshop_id, ~BoardLink.removed)
        .order_by(BoardLink.id)
    )
    return {
        "locked": is_locked(session, workshop_id),
        "cards": {str(c.id): _card_wire(c) for c in cards},
        "links": {str(link.id): dataclasses.asdict(link_info(link)) for link in links},
        "met": dataclasses.asdict(met_figures(session, workshop_id)),
    }


def board_view(db: Database, workshop_id: int, lang: str) -> dict[str, Any]:
    """The board with each card's role spelled out (the API and the server-side picture)."""
    with db.read() as session:
        board = _board(session, workshop_id)
        roles = roles_of(session, workshop_id)
    cards = []
    for card in board["cards"].values():
        role = roles.get(card["role_id"])
        if card["kind"] != "role":
            entry = {"title": card["text"], "sector": ""}
        else:
            entry = role_entry(role, lang) if role else {"title": card["role_id"], "sector": ""}
        cards.append(
            {
                **card,
                "title": entry["title"],
                "sector": entry["sector"],
                "organisation": entry.get("organisation", ""),
                "met_by": board["met"]["heat"].get(card["role_id"], 0),
            }
        )
    return {
        "locked": board["locked"],
        "cards": cards,
        "links": list(board["links"].values()),
        "aggregates": board["met"],
    }


def drag_position(db: Database, actor: Actor, data: dict[str, Any]) -> dict[str, Any]:
    """Where a card is being dragged, checked but not stored: the sender may edit the board,
    the card is on it, the position is inside. What the room receives while someone drags."""
    require_role(actor, PEOPLE)
    card_id = _id(data.get("card_id"), "card_id")
    x, y = rules_of.clamp(data.get("x"), data.get("y"))
    with db.read() as session:
        if actor.is_facilitator:
            # Not a command, but the board's all the same: a drag is the board keeper's.
            workshop = session.get(Workshop, actor.workshop_id)
            if workshop is None:
                raise DomainError("not_found")
            require_permission(session, workshop, actor, "board")
        rules_of.may_edit(actor, locked=is_locked(session, actor.workshop_id))
        live = session.scalar(
            sa.select(BoardCard.id).where(
                BoardCard.id == card_id,
                BoardCard.workshop_id == actor.workshop_id,
                ~BoardCard.removed,
            )
        )
    if live is None:
        raise DomainError("not_found")
    return {"workshop_id": actor.workshop_id, "card_id": card_id, "x": x, "y": y}
