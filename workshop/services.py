"""Commands and queries: each command is one unit of work that changes rows and appends events.

Entry points (Socket.IO handlers, views, the CLI, the API) only parse, authorise the role, call
one function here and publish the returned events after commit.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from .domain import events as ev
from .domain import rules
from .domain.actors import Actor
from .domain.errors import DomainError
from .domain.state import State, empty_state
from .store.db import Database, UnitOfWork, iso
from .store.models import (
    ApiToken,
    Event,
    LoginSession,
    Participant,
    ProcessedCommand,
    Topic,
    User,
    Vote,
    VotingRound,
    Workshop,
    utcnow,
)

SYNC_EVENT_LIMIT = 500


@dataclass
class Outcome:
    """What a command returns to its entry point: the ack body and what to publish."""

    result: dict[str, Any]
    events: list[dict[str, Any]] = field(default_factory=list)
    private: set[tuple[int, int]] = field(default_factory=set)
    replayed: bool = False


def hash_token(token: str) -> str:
    """Tokens are stored only as their SHA-256, so a copied database opens no session."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    """A random, URL-safe secret for cookies and API tokens."""
    return secrets.token_urlsafe(32)


# --- wire shapes -------------------------------------------------------------------------


def workshop_wire(w: Workshop) -> dict[str, Any]:
    """The public fields of a workshop, as every screen sees them."""
    return {
        "id": w.id,
        "title": w.title,
        "theme": w.theme,
        "language": w.language,
        "dot_budget": w.dot_budget,
        "max_per_topic": w.max_per_topic,
        "join_code": w.join_code,
        "status": w.status,
    }


def topic_wire(t: Topic) -> dict[str, Any]:
    """A topic without its author: the room never learns who posted what."""
    return {
        "id": t.id,
        "title": t.title,
        "description": t.description,
        "hidden": t.hidden,
        "created_at": iso(t.created_at),
        "updated_at": iso(t.updated_at),
    }


def round_wire(r: VotingRound | None) -> dict[str, Any] | None:
    """A voting round's public fields."""
    if r is None:
        return None
    return {
        "id": r.id,
        "number": r.number,
        "budget": r.budget,
        "max_per_topic": r.max_per_topic,
        "status": r.status,
    }


# --- the command runner ------------------------------------------------------------------


def _check_op_id(op_id: object) -> str | None:
    if op_id is None:
        return None
    if not isinstance(op_id, str) or not (1 <= len(op_id) <= 64) or not op_id.isprintable():
        raise DomainError("bad_request", field="op_id")
    return op_id


def run(
    db: Database,
    actor: Actor,
    op_id: object,
    command: Callable[[UnitOfWork], dict[str, Any]],
) -> Outcome:
    """Run `command` in one unit of work; a known op_id returns the first result unchanged."""
    op = _check_op_id(op_id)
    for attempt in range(2):
        try:
            with db.unit_of_work() as uow:
                if op is not None:
                    previous = uow.session.scalar(
                        sa.select(ProcessedCommand.result).where(
                            ProcessedCommand.workshop_id == actor.workshop_id,
                            ProcessedCommand.actor == actor.key,
                            ProcessedCommand.op_id == op,
                        )
                    )
                    if previous is not None:
                        return Outcome(result=previous, replayed=True)
                result = command(uow)
                if op is not None:
                    uow.session.add(
                        ProcessedCommand(
                            workshop_id=actor.workshop_id, actor=actor.key, op_id=op, result=result
                        )
                    )
                uow.commit()
                return Outcome(result=result, events=uow.events, private=uow.private)
        except IntegrityError:
            # Two copies of one op_id raced (PostgreSQL); the second now finds the first.
            if attempt or op is None:
                raise
    raise AssertionError("unreachable")


def _lock_workshop(uow: UnitOfWork, workshop_id: int, *, lock: bool = True) -> Workshop:
    """Load the workshop and, on PostgreSQL, lock its row: commands in a workshop run one by one."""
    stmt = sa.select(Workshop).where(Workshop.id == workshop_id)
    if lock:
        stmt = uow.lock_for_update(stmt)
    workshop = uow.session.scalar(stmt)
    if workshop is None:
        raise DomainError("not_found")
    return workshop


def _require_open(workshop: Workshop) -> None:
    if workshop.status != "open":
        raise DomainError("workshop_closed")


def _require_facilitator(actor: Actor) -> None:
    if not actor.is_facilitator:
        raise DomainError("forbidden")


def _topic_in(uow: UnitOfWork, workshop_id: int, topic_id: object) -> Topic:
    if isinstance(topic_id, bool) or not isinstance(topic_id, int):
        raise DomainError("bad_request", field="topic_id")
    topic = uow.session.get(Topic, topic_id)
    if topic is None or topic.workshop_id != workshop_id or topic.merged_into_id is not None:
        raise DomainError("not_found")
    return topic


def _latest_round(session: sa.orm.Session, workshop_id: int) -> VotingRound | None:
    return session.scalar(
        sa.select(VotingRound)
        .where(VotingRound.workshop_id == workshop_id)
        .order_by(VotingRound.number.desc())
        .limit(1)
    )


def _topic_total(session: sa.orm.Session, round_id: int | None, topic_id: int) -> int:
    if round_id is None:
        return 0
    return session.scalar(
        sa.select(sa.func.count(Vote.id)).where(
            Vote.round_id == round_id, Vote.topic_id == topic_id
        )
    )


def _tally_of(uow: UnitOfWork, workshop_id: int, *topic_ids: int) -> dict[str, int]:
    latest = _latest_round(uow.session, workshop_id)
    return {
        str(tid): _topic_total(uow.session, latest.id if latest else None, tid) for tid in topic_ids
    }


def _refund_open_round(uow: UnitOfWork, workshop_id: int, topic_id: int) -> None:
    """Give back every dot on a topic in the open round (it was hidden or deleted)."""
    voters = uow.session.scalars(
        sa.select(Vote.participant_id)
        .join(VotingRound, VotingRound.id == Vote.round_id)
        .where(VotingRound.workshop_id == workshop_id, VotingRound.status == "open")
        .where(Vote.topic_id == topic_id)
        .distinct()
    ).all()
    for participant_id in voters:
        uow.refresh_participant(workshop_id, participant_id)
    open_rounds = sa.select(VotingRound.id).where(
        VotingRound.workshop_id == workshop_id, VotingRound.status == "open"
    )
    uow.session.execute(
        sa.delete(Vote).where(Vote.topic_id == topic_id, Vote.round_id.in_(open_rounds))
    )


def _participant_counts(session: sa.orm.Session, workshop_id: int) -> dict[str, Any]:
    rows = session.execute(
        sa.select(Participant.group, sa.func.count(Participant.id))
        .where(Participant.workshop_id == workshop_id)
        .group_by(Participant.group)
    ).all()
    counts = {group or "unspecified": n for group, n in rows}
    return {"total": sum(counts.values()), "counts": dict(sorted(counts.items()))}


# --- facilitators ------------------------------------------------------------------------


def create_facilitator(db: Database, email: str, password: str) -> int:
    """Create a facilitator account; the password is stored as a salted scrypt hash."""
    email = rules.clean_line(email, field="email", max_length=254, required=True).lower()
    if "@" not in email:
        raise DomainError("bad_request", field="email")
    if not isinstance(password, str) or len(password) < 8 or len(password) > 1024:
        raise DomainError("bad_request", field="password")
    with db.unit_of_work() as uow:
        if uow.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
            raise DomainError("bad_request", field="email")
        user = User(email=email, password_hash=generate_password_hash(password))
        uow.session.add(user)
        uow.session.flush()
        uow.commit()
        return user.id


def set_facilitator_password(db: Database, email: str, password: str) -> None:
    """Change a facilitator's password (from the CLI)."""
    if not isinstance(password, str) or len(password) < 8 or len(password) > 1024:
        raise DomainError("bad_request", field="password")
    with db.unit_of_work() as uow:
        user = uow.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
        if user is None:
            raise DomainError("not_found")
        user.password_hash = generate_password_hash(password)
        uow.commit()


# One real hash to compare against when the email is unknown, so timing does not reveal accounts.
_DUMMY_HASH = generate_password_hash("not-a-password-at-all")


def log_in(db: Database, email: object, password: object) -> str | None:
    """Check the password and start a login session; returns its token or None."""
    if not isinstance(email, str) or not isinstance(password, str) or len(password) > 1024:
        return None
    with db.unit_of_work() as uow:
        user = uow.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
        if not check_password_hash(user.password_hash if user else _DUMMY_HASH, password):
            return None
        token = new_token()
        uow.session.add(LoginSession(id=hash_token(token), user_id=user.id))
        uow.commit()
        return token


def log_out(db: Database, login_token: str) -> None:
    """Revoke a login session: its sockets lose every privilege with their next event."""
    with db.unit_of_work() as uow:
        row = uow.session.get(LoginSession, hash_token(login_token))
        if row is not None and row.revoked_at is None:
            row.revoked_at = utcnow()
        uow.commit()


def user_for_login(db: Database, login_token: object) -> int | None:
    """The facilitator behind a live login session, or None when logged out or unknown."""
    if not isinstance(login_token, str) or not login_token:
        return None
    with db.read() as session:
        # Checked on every facilitator event too: a console socket left open past the lifetime
        # loses its privileges, as the cookie does.
        return session.scalar(
            sa.select(LoginSession.user_id).where(
                LoginSession.id == hash_token(login_token),
                LoginSession.revoked_at.is_(None),
                LoginSession.created_at >= utcnow() - timedelta(days=rules.LOGIN_LIFETIME_DAYS),
            )
        )


def user_email(db: Database, user_id: int) -> str | None:
    """A facilitator's email, for the console header."""
    with db.read() as session:
        return session.scalar(sa.select(User.email).where(User.id == user_id))


def create_api_token(db: Database, email: str, label: str = "") -> str:
    """A new bearer token for the JSON API; shown once, stored as a hash."""
    with db.unit_of_work() as uow:
        user = uow.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
        if user is None:
            raise DomainError("not_found")
        token = new_token()
        uow.session.add(ApiToken(user_id=user.id, token_hash=hash_token(token), label=label[:80]))
        uow.commit()
        return token


def user_for_api_token(db: Database, token: str) -> int | None:
    """The facilitator behind an API token."""
    with db.read() as session:
        return session.scalar(
            sa.select(ApiToken.user_id).where(ApiToken.token_hash == hash_token(token))
        )


# --- workshops ---------------------------------------------------------------------------


def clean_workshop_fields(data: dict[str, Any]) -> dict[str, Any]:
    """A workshop's settings after the domain rules, or DomainError naming the first broken one."""
    language = data.get("language", "sv")
    if language not in rules.LANGUAGES:
        raise DomainError("bad_request", field="language")
    budget, cap = rules.check_budget(data.get("dot_budget", 5), data.get("max_per_topic", 3))
    return {
        "title": rules.clean_line(
            data.get("title"), field="title", max_length=rules.WORKSHOP_TITLE_MAX, required=True
        ),
        "theme": rules.clean_text(
            data.get("theme"), field="theme", max_length=rules.THEME_MAX, required=False
        ),
        "language": language,
        "dot_budget": budget,
        "max_per_topic": cap,
    }


def create_workshop(db: Database, owner_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """Create a workshop with a fresh, unique join code."""
    fields = clean_workshop_fields(data)
    for _ in range(20):
        try:
            with db.unit_of_work() as uow:
                workshop = Workshop(owner_id=owner_id, join_code=rules.new_join_code(), **fields)
                uow.session.add(workshop)
                uow.session.flush()
                uow.commit()
                return workshop_wire(workshop)
        except IntegrityError:
            continue  # the code was taken; about one in a billion
    raise DomainError("server_busy")


def owned_workshop_ids(db: Database, user_id: int) -> list[int]:
    """The workshops a facilitator may run."""
    with db.read() as session:
        return list(
            session.scalars(sa.select(Workshop.id).where(Workshop.owner_id == user_id)).all()
        )


def list_workshops(db: Database, user_id: int) -> list[dict[str, Any]]:
    """A facilitator's workshops, newest first, with participant and topic counts."""
    with db.read() as session:
        rows = session.scalars(
            sa.select(Workshop).where(Workshop.owner_id == user_id).order_by(Workshop.id.desc())
        ).all()
        out = []
        for w in rows:
            item = workshop_wire(w)
            item["participants"] = _participant_counts(session, w.id)["total"]
            item["topics"] = session.scalar(
                sa.select(sa.func.count(Topic.id)).where(
                    Topic.workshop_id == w.id, Topic.merged_into_id.is_(None)
                )
            )
            item["created_at"] = iso(w.created_at)
            out.append(item)
        return out


def get_workshop(db: Database, workshop_id: int) -> dict[str, Any] | None:
    """A workshop's public fields plus its owner, or None."""
    if not 1 <= workshop_id <= rules.ID_MAX:
        return None  # from a URL: SQLite and PostgreSQL would fail on the overflow, not say no
    with db.read() as session:
        w = session.get(Workshop, workshop_id)
        if w is None:
            return None
        return {**workshop_wire(w), "owner_id": w.owner_id}


def workshop_by_code(db: Database, code: str) -> dict[str, Any] | None:
    """Look a workshop up by its join code (already normalised)."""
    with db.read() as session:
        w = session.scalar(sa.select(Workshop).where(Workshop.join_code == code))
        return None if w is None else {**workshop_wire(w), "owner_id": w.owner_id}


def update_workshop(db: Database, actor: Actor, op_id: object, data: dict[str, Any]) -> Outcome:
    """Change title, theme, language or default budget; every screen updates."""
    _require_facilitator(actor)
    fields = clean_workshop_fields(data)

    def command(uow: UnitOfWork) -> dict[str, Any]:
        workshop = _lock_workshop(uow, actor.workshop_id)
        for name, value in fields.items():
            setattr(workshop, name, value)
        uow.append(workshop.id, ev.WorkshopUpdated(workshop_wire(workshop)), actor.key)
        return {"workshop": workshop_wire(workshop)}

    return run(db, actor, op_id, command)


def set_workshop_open(db: Database, actor: Actor, op_id: object, is_open: bool) -> Outcome:
    """Close a workshop (no joins, topics or votes; an open round closes too) or reopen it."""
    _require_facilitator(actor)

    def command(uow: UnitOfWork) -> dict[str, Any]:
        workshop = _lock_workshop(uow, actor.workshop_id)
        if is_open and workshop.status != "open":
            workshop.status, workshop.closed_at = "open", None
            uow.append(workshop.id, ev.WorkshopReopened(workshop_wire(workshop)), actor.key)
        elif not is_open and workshop.status == "open":
            open_round = _latest_round(uow.session, workshop.id)
            if open_round is not None and open_round.status == "open":
                _close_round(uow, workshop, open_round, actor)
            workshop.status, workshop.closed_at = "closed", utcnow()
            uow.append(workshop.id, ev.WorkshopClosed(workshop_wire(workshop)), actor.key)
        return {"workshop": workshop_wire(workshop)}

    return run(db, actor, op_id, command)


def delete_workshop(db: Database, actor: Actor) -> None:
    """Delete a workshop and every row that belongs to it (participants, topics, votes, log)."""
    _require_facilitator(actor)
    with db.unit_of_work() as uow:
        workshop = _lock_workshop(uow, actor.workshop_id)
        wid = workshop.id
        session = uow.session
        rounds = sa.select(VotingRound.id).where(VotingRound.workshop_id == wid)
        # Explicit deletes, children first, so nothing depends on the database's cascade support.
        session.execute(sa.delete(Vote).where(Vote.round_id.in_(rounds)))
        session.execute(sa.delete(VotingRound).where(VotingRound.workshop_id == wid))
        session.execute(
            sa.update(Topic).where(Topic.workshop_id == wid).values(merged_into_id=None)
        )
        session.execute(sa.delete(Topic).where(Topic.workshop_id == wid))
        session.execute(sa.delete(Participant).where(Participant.workshop_id == wid))
        session.execute(sa.delete(Event).where(Event.workshop_id == wid))
        session.execute(sa.delete(ProcessedCommand).where(ProcessedCommand.workshop_id == wid))
        session.execute(sa.delete(Workshop).where(Workshop.id == wid))
        uow.commit()


# --- participants ------------------------------------------------------------------------


def _clean_profile(data: dict[str, Any]) -> dict[str, str]:
    group = data.get("group") or ""
    if group not in ("", *rules.GROUPS):
        raise DomainError("bad_request", field="group")
    organisation = rules.clean_line(
        data.get("organisation"),
        field="organisation",
        max_length=rules.ORGANISATION_MAX,
        required=False,
    )
    return {
        "nickname": rules.clean_line(
            data.get("nickname"), field="nickname", max_length=rules.NICKNAME_MAX, required=False
        ),
        "group": group,
        # An organisation says something only about professionals; for others it is not kept.
        "organisation": organisation if group == "professional" else "",
    }


def join(db: Database, workshop_id: int, data: dict[str, Any]) -> tuple[str, Outcome]:
    """Join an open workshop; returns the participant's new secret token and the outcome."""
    profile = _clean_profile(data)
    token = new_token()
    with db.unit_of_work() as uow:
        workshop = _lock_workshop(uow, workshop_id)
        _require_open(workshop)
        participant = Participant(workshop_id=workshop.id, token_hash=hash_token(token), **profile)
        uow.session.add(participant)
        uow.session.flush()
        counts = _participant_counts(uow.session, workshop.id)
        uow.append(workshop.id, ev.ParticipantJoined(counts), f"p:{participant.id}")
        uow.commit()
        return token, Outcome(
            result={"participant_id": participant.id}, events=uow.events, private=uow.private
        )


def participant_for_token(db: Database, workshop_id: int, token: object) -> int | None:
    """The participant a cookie token belongs to, in this workshop only."""
    if not isinstance(token, str) or not token:
        return None
    with db.read() as session:
        return session.scalar(
            sa.select(Participant.id).where(
                Participant.token_hash == hash_token(token),
                Participant.workshop_id == workshop_id,
            )
        )


def update_profile(db: Database, actor: Actor, op_id: object, data: dict[str, Any]) -> Outcome:
    """A participant changes nickname or group."""
    if actor.role != "participant":
        raise DomainError("forbidden")
    profile = _clean_profile(data)

    def command(uow: UnitOfWork) -> dict[str, Any]:
        workshop = _lock_workshop(uow, actor.workshop_id)
        participant = uow.session.get(Participant, actor.id)
        if participant is None or participant.workshop_id != workshop.id:
            raise DomainError("not_joined")
        changed_group = participant.group != profile["group"]
        for name, value in profile.items():
            setattr(participant, name, value)
        uow.session.flush()
        if changed_group:
            counts = _participant_counts(uow.session, workshop.id)
            uow.append(workshop.id, ev.ParticipantUpdated(counts), actor.key)
        uow.refresh_participant(workshop.id, participant.id)
        return {"profile": profile}

    return run(db, actor, op_id, command)


# --- topics ------------------------------------------------------------------------------


def _clean_topic(data: dict[str, Any]) -> tuple[str, str]:
    title = rules.clean_line(
        data.get("title"), field="title", max_length=rules.TOPIC_TITLE_MAX, required=True
    )
    description = rules.clean_text(
        data.get("description"),
        field="description",
        max_length=rules.TOPIC_DESCRIPTION_MAX,
        required=False,
    )
    return title, description


def post_topic(db: Database, actor: Actor, op_id: object, data: dict[str, Any]) -> Outcome:
    """Post a topic on the marketplace (participant or facilitator)."""
    if actor.role == "wall":
        raise DomainError("forbidden")
    title, description = _clean_topic(data)

    def command(uow: UnitOfWork) -> dict[str, Any]:
        workshop = _lock_workshop(uow, actor.workshop_id)
        _require_open(workshop)
        topic = Topic(
            workshop_id=workshop.id,
            author_id=actor.id if actor.role == "participant" else None,
            title=title,
            description=description,
        )
        uow.session.add(topic)
        uow.session.flush()
        uow.append(workshop.id, ev.TopicPosted(topic_wire(topic)), actor.key)
        if actor.role == "participant":
            uow.refresh_participant(workshop.id, actor.id)
        return {"topic": topic_wire(topic)}

    return run(db, actor, op_id, command)


def _may_change(actor: Actor, topic: Topic) -> None:
    if actor.is_facilitator:
        return
    if actor.role != "participant" or topic.author_id != actor.id:
        raise DomainError("not_your_topic")


def edit_topic(db: Database, actor: Actor, op_id: object, data: dict[str, Any]) -> Outcome:
    """The author (or the facilitator) changes a topic's title or description."""
    title, description = _clean_topic(data)

    def command(uow: UnitOfWork) -> dict[str, Any]:
        workshop = _lock_workshop(uow, actor.workshop_id)
        _require_open(workshop)
        topic = _topic_in(uow, workshop.id, data.get("topic_id"))
        _may_change(actor, topic)
        topic.title, topic.description, topic.updated_at = title, description, utcnow()
        uow.session.flush()
        uow.append(workshop.id, ev.TopicEdited(topic_wire(topic)), actor.key)
        return {"topic": topic_wire(topic)}

    return run(db, actor, op_id, command)


def delete_topic(db: Database, actor: Actor, op_id: object, data: dict[str, Any]) -> Outcome:
    """The author or the facilitator deletes a topic; its dots go back to the voters."""

    def command(uow: UnitOfWork) -> dict[str, Any]:
        workshop = _lock_workshop(uow, actor.workshop_id)
        topic = _topic_in(uow, workshop.id, data.get("topic_id"))
        _may_change(actor, topic)
        if not actor.is_facilitator:
            _require_open(workshop)
        for voter in uow.session.scalars(
            sa.select(Vote.participant_id).where(Vote.topic_id == topic.id).distinct()
        ):
            uow.refresh_participant(workshop.id, voter)
        if topic.author_id is not None:
            uow.refresh_participant(workshop.id, topic.author_id)
        # Duplicates merged into this topic only existed to remember where it came from: they go
        # too, with their votes and their words.
        doomed = _with_merged_sources(uow, topic.id)
        uow.session.execute(sa.delete(Vote).where(Vote.topic_id.in_(doomed)))
        uow.session.execute(
            sa.update(Topic).where(Topic.id.in_(doomed)).values(merged_into_id=None)
        )
        uow.session.execute(sa.delete(Topic).where(Topic.id.in_(doomed)))
        _forget_topic_text(uow, workshop.id, set(doomed))
        uow.append(workshop.id, ev.TopicDeleted(topic_id=topic.id), actor.key)
        return {"topic_id": topic.id}

    return run(db, actor, op_id, command)


def _with_merged_sources(uow: UnitOfWork, topic_id: int) -> list[int]:
    """The topic and every topic merged into it, directly or through a chain of merges."""
    found, frontier = [topic_id], [topic_id]
    while frontier:
        frontier = list(
            uow.session.scalars(sa.select(Topic.id).where(Topic.merged_into_id.in_(frontier)))
        )
        found.extend(frontier)
    return found


def _forget_topic_text(uow: UnitOfWork, workshop_id: int, topic_ids: set[int]) -> None:
    """Deleted topics' words must not live on in the log that later syncs and exports read."""
    rows = uow.session.scalars(
        sa.select(Event).where(
            Event.workshop_id == workshop_id,
            Event.type.in_(
                ("topic.posted", "topic.edited", "topic.hidden", "topic.unhidden", "topic.merged")
            ),
        )
    ).all()
    for row in rows:
        key = "target" if row.type == "topic.merged" else "topic"
        topic = row.payload.get(key, {})
        if topic.get("id") in topic_ids:
            row.payload = {**row.payload, key: {**topic, "title": "", "description": ""}}


def set_topic_hidden(db: Database, actor: Actor, op_id: object, data: dict[str, Any]) -> Outcome:
    """The facilitator hides a topic (its dots in the open round go back) or shows it again."""
    _require_facilitator(actor)
    hidden = data.get("hidden")
    if not isinstance(hidden, bool):
        raise DomainError("bad_request", field="hidden")

    def command(uow: UnitOfWork) -> dict[str, Any]:
        workshop = _lock_workshop(uow, actor.workshop_id)
        topic = _topic_in(uow, workshop.id, data.get("topic_id"))
        if topic.hidden != hidden:
            topic.hidden = hidden
            if hidden:
                _refund_open_round(uow, workshop.id, topic.id)
            uow.session.flush()
            tally = _tally_of(uow, workshop.id, topic.id)
            event_type = ev.TopicHidden if hidden else ev.TopicUnhidden
            uow.append(workshop.id, event_type(topic_wire(topic), tally), actor.key)
        return {"topic": topic_wire(topic)}

    return run(db, actor, op_id, command)


def merge_topics(db: Database, actor: Actor, op_id: object, data: dict[str, Any]) -> Outcome:
    """Merge a duplicate into another topic; dots follow, above the per-topic cap they return."""
    _require_facilitator(actor)

    def command(uow: UnitOfWork) -> dict[str, Any]:
        workshop = _lock_workshop(uow, actor.workshop_id)
        source = _topic_in(uow, workshop.id, data.get("source_id"))
        target = _topic_in(uow, workshop.id, data.get("target_id"))
        if source.id == target.id:
            raise DomainError("merge_into_self")
        session = uow.session
        rounds = session.scalars(
            sa.select(VotingRound).where(VotingRound.workshop_id == workshop.id)
        ).all()
        for voting_round in rounds:
            per_participant = Counter(
                session.scalars(
                    sa.select(Vote.participant_id).where(
                        Vote.round_id == voting_round.id, Vote.topic_id == source.id
                    )
                ).all()
            )
            for participant_id, on_source in per_participant.items():
                on_target = session.scalar(
                    sa.select(sa.func.count(Vote.id)).where(
                        Vote.round_id == voting_round.id,
                        Vote.topic_id == target.id,
                        Vote.participant_id == participant_id,
                    )
                )
                kept, _returned = rules.merged_dots(
                    on_source, on_target, voting_round.max_per_topic
                )
                moving = kept - on_target
                vote_ids = session.scalars(
                    sa.select(Vote.id)
                    .where(
                        Vote.round_id == voting_round.id,
                        Vote.topic_id == source.id,
                        Vote.participant_id == participant_id,
                    )
                    .order_by(Vote.id)
                ).all()
                session.execute(
                    sa.update(Vote).where(Vote.id.in_(vote_ids[:moving])).values(topic_id=target.id)
                )
                session.execute(sa.delete(Vote).where(Vote.id.in_(vote_ids[moving:])))
                uow.refresh_participant(workshop.id, participant_id)
        if source.description and source.description not in target.description:
            merged = f"{target.description}\n\n{source.title}: {source.description}".strip()
            target.description = merged[: rules.TOPIC_DESCRIPTION_MAX]
        source.merged_into_id = target.id
        target.updated_at = utcnow()
        session.flush()
        for author in {source.author_id, target.author_id} - {None}:
            uow.refresh_participant(workshop.id, author)
        tally = _tally_of(uow, workshop.id, target.id)
        uow.append(
            workshop.id,
            ev.TopicMerged(source_id=source.id, target=topic_wire(target), tally=tally),
            actor.key,
        )
        return {"target": topic_wire(target)}

    return run(db, actor, op_id, command)


# --- voting ------------------------------------------------------------------------------


def open_round(db: Database, actor: Actor, op_id: object, data: dict[str, Any]) -> Outcome:
    """Open a dot-voting round; budget and cap default to the workshop's."""
    _require_facilitator(actor)

    def command(uow: UnitOfWork) -> dict[str, Any]:
        workshop = _lock_workshop(uow, actor.workshop_id)
        _require_open(workshop)
        budget, cap = rules.check_budget(
            data.get("budget", workshop.dot_budget),
            data.get("max_per_topic", workshop.max_per_topic),
        )
        latest = _latest_round(uow.session, workshop.id)
        if latest is not None and latest.status == "open":
            raise DomainError("round_already_open")
        voting_round = VotingRound(
            workshop_id=workshop.id,
            number=(latest.number + 1) if latest else 1,
            budget=budget,
            max_per_topic=cap,
        )
        uow.session.add(voting_round)
        uow.session.flush()
        uow.append(workshop.id, ev.RoundOpened(round_wire(voting_round)), actor.key)
        for participant_id in uow.session.scalars(
            sa.select(Participant.id).where(Participant.workshop_id == workshop.id)
        ):
            uow.refresh_participant(workshop.id, participant_id)
        return {"round": round_wire(voting_round)}

    return run(db, actor, op_id, command)


def _results(session: sa.orm.Session, workshop_id: int, round_id: int) -> list[dict[str, int]]:
    topics = session.scalars(
        sa.select(Topic.id).where(
            Topic.workshop_id == workshop_id, Topic.merged_into_id.is_(None), ~Topic.hidden
        )
    ).all()
    totals = dict.fromkeys(topics, 0)
    for topic_id, n in session.execute(
        sa.select(Vote.topic_id, sa.func.count(Vote.id))
        .where(Vote.round_id == round_id)
        .group_by(Vote.topic_id)
    ):
        if topic_id in totals:
            totals[topic_id] = n
    return [
        {"rank": position, "topic_id": topic_id, "total": total}
        for position, topic_id, total in rules.rank(totals)
    ]


def _close_round(
    uow: UnitOfWork, workshop: Workshop, voting_round: VotingRound, actor: Actor
) -> None:
    voting_round.status, voting_round.closed_at = "closed", utcnow()
    uow.session.flush()
    results = _results(uow.session, workshop.id, voting_round.id)
    uow.append(workshop.id, ev.RoundClosed(round_wire(voting_round), results), actor.key)
    for participant_id in uow.session.scalars(
        sa.select(Participant.id).where(Participant.workshop_id == workshop.id)
    ):
        uow.refresh_participant(workshop.id, participant_id)


def close_round(db: Database, actor: Actor, op_id: object, data: dict[str, Any]) -> Outcome:
    """Close the open round; the ranking (ties sharing a rank) goes to every screen."""
    _require_facilitator(actor)

    def command(uow: UnitOfWork) -> dict[str, Any]:
        workshop = _lock_workshop(uow, actor.workshop_id)
        latest = _latest_round(uow.session, workshop.id)
        if latest is None or latest.status != "open":
            raise DomainError("no_open_round")
        _close_round(uow, workshop, latest, actor)
        return {
            "round": round_wire(latest),
            "results": _results(uow.session, workshop.id, latest.id),
        }

    return run(db, actor, op_id, command)


def _open_round_for_vote(uow: UnitOfWork, workshop_id: int, lock: bool) -> VotingRound:
    workshop = _lock_workshop(uow, workshop_id, lock=lock)
    _require_open(workshop)
    latest = _latest_round(uow.session, workshop.id)
    if latest is None or latest.status != "open":
        raise DomainError("no_open_round")
    return latest


def _my_votes(session: sa.orm.Session, round_id: int, participant_id: int) -> Counter[int]:
    return Counter(
        session.scalars(
            sa.select(Vote.topic_id).where(
                Vote.round_id == round_id, Vote.participant_id == participant_id
            )
        ).all()
    )


def add_vote(
    db: Database, actor: Actor, op_id: object, data: dict[str, Any], *, lock: bool = True
) -> Outcome:
    """Spend one dot on a topic, within the round's budget and per-topic cap.

    The budget holds under concurrency because the whole check-and-insert runs under the
    workshop row lock (PostgreSQL) or the single SQLite writer (BEGIN IMMEDIATE). `lock=False`
    exists only so a test can show that without it the budget breaks.
    """
    if actor.role != "participant":
        raise DomainError("forbidden")

    def command(uow: UnitOfWork) -> dict[str, Any]:
        voting_round = _open_round_for_vote(uow, actor.workshop_id, lock)
        topic = _topic_in(uow, actor.workshop_id, data.get("topic_id"))
        if topic.hidden:
            raise DomainError("not_found")
        mine = _my_votes(uow.session, voting_round.id, actor.id)
        rules.check_vote(
            spent=sum(mine.values()),
            on_topic=mine[topic.id],
            budget=voting_round.budget,
            max_per_topic=voting_round.max_per_topic,
        )
        uow.session.add(Vote(round_id=voting_round.id, participant_id=actor.id, topic_id=topic.id))
        uow.session.flush()
        # The workshop lock orders commands, so totals and seq numbers rise together.
        total = _topic_total(uow.session, voting_round.id, topic.id)
        uow.append(actor.workshop_id, ev.VoteCast(voting_round.id, topic.id, total), actor.key)
        uow.refresh_participant(actor.workshop_id, actor.id)
        mine[topic.id] += 1
        return {
            "topic_id": topic.id,
            "total": total,
            "mine": mine[topic.id],
            "dots_left": voting_round.budget - sum(mine.values()),
        }

    return run(db, actor, op_id, command)


def remove_vote(db: Database, actor: Actor, op_id: object, data: dict[str, Any]) -> Outcome:
    """Take one of your dots back from a topic while the round is open."""
    if actor.role != "participant":
        raise DomainError("forbidden")

    def command(uow: UnitOfWork) -> dict[str, Any]:
        voting_round = _open_round_for_vote(uow, actor.workshop_id, True)
        topic = _topic_in(uow, actor.workshop_id, data.get("topic_id"))
        vote_id = uow.session.scalar(
            sa.select(Vote.id)
            .where(
                Vote.round_id == voting_round.id,
                Vote.participant_id == actor.id,
                Vote.topic_id == topic.id,
            )
            .limit(1)
        )
        if vote_id is None:
            raise DomainError("nothing_to_take_back")
        uow.session.execute(sa.delete(Vote).where(Vote.id == vote_id))
        total = _topic_total(uow.session, voting_round.id, topic.id)
        uow.append(actor.workshop_id, ev.VoteRetracted(voting_round.id, topic.id, total), actor.key)
        uow.refresh_participant(actor.workshop_id, actor.id)
        mine = _my_votes(uow.session, voting_round.id, actor.id)
        return {
            "topic_id": topic.id,
            "total": total,
            "mine": mine[topic.id],
            "dots_left": voting_round.budget - sum(mine.values()),
        }

    return run(db, actor, op_id, command)


# --- queries -----------------------------------------------------------------------------


def snapshot(db: Database, workshop_id: int, *, include_hidden: bool) -> State:
    """The whole room state in the shape of domain.state, read in one consistent snapshot."""
    with db.read() as session:
        return _snapshot(session, workshop_id, include_hidden=include_hidden)


def _snapshot(session: sa.orm.Session, workshop_id: int, *, include_hidden: bool) -> State:
    workshop = session.get(Workshop, workshop_id)
    if workshop is None:
        raise DomainError("not_found")
    state = empty_state(workshop_wire(workshop))
    state["seq"] = workshop.last_seq
    query = sa.select(Topic).where(Topic.workshop_id == workshop_id, Topic.merged_into_id.is_(None))
    if not include_hidden:
        query = query.where(~Topic.hidden)
    for topic in session.scalars(query.order_by(Topic.id)):
        state["topics"][str(topic.id)] = topic_wire(topic)
    latest = _latest_round(session, workshop_id)
    state["round"] = round_wire(latest)
    if latest is not None:
        for topic_id, n in session.execute(
            sa.select(Vote.topic_id, sa.func.count(Vote.id))
            .where(Vote.round_id == latest.id)
            .group_by(Vote.topic_id)
        ):
            if str(topic_id) in state["topics"] and n:
                state["tally"][str(topic_id)] = n
    state["participants"] = _participant_counts(session, workshop_id)
    return state


def me(db: Database, workshop_id: int, participant_id: int) -> dict[str, Any]:
    """A participant's private state: their profile, own topics, and dots in the latest round."""
    with db.read() as session:
        participant = session.get(Participant, participant_id)
        if participant is None or participant.workshop_id != workshop_id:
            raise DomainError("not_joined")
        topic_ids = session.scalars(
            sa.select(Topic.id).where(
                Topic.author_id == participant_id, Topic.merged_into_id.is_(None)
            )
        ).all()
        latest = _latest_round(session, workshop_id)
        votes: Counter[int] = Counter()
        dots_left = 0
        if latest is not None:
            votes = _my_votes(session, latest.id, participant_id)
            if latest.status == "open":
                dots_left = latest.budget - sum(votes.values())
        return {
            "participant_id": participant.id,
            "nickname": participant.nickname,
            "group": participant.group,
            "organisation": participant.organisation,
            "topic_ids": sorted(topic_ids),
            "round_id": latest.id if latest else None,
            "votes": {str(k): v for k, v in sorted(votes.items())},
            "dots_left": dots_left,
        }


def events_since(
    db: Database, workshop_id: int, since: int, *, include_hidden: bool
) -> dict[str, Any]:
    """What a reconnecting client missed: the events after `since`, or a snapshot.

    A snapshot comes when the client has nothing yet (since 0), is too far behind, or claims a
    seq the server never reached (a database restored from a backup).
    """
    with db.read() as session:
        last_seq = session.scalar(sa.select(Workshop.last_seq).where(Workshop.id == workshop_id))
        if last_seq is None:
            raise DomainError("not_found")
        # since 0 means "I have nothing": a snapshot, never the history from the start.
        if 0 < since <= last_seq and last_seq - since <= SYNC_EVENT_LIMIT:
            rows = session.scalars(
                sa.select(Event)
                .where(Event.workshop_id == workshop_id, Event.seq > since)
                .order_by(Event.seq)
            ).all()
            return {
                "events": [
                    {
                        "workshop_id": workshop_id,
                        "seq": r.seq,
                        "type": r.type,
                        "at": iso(r.at),
                        "payload": r.payload,
                    }
                    for r in rows
                ]
            }
        return {"snapshot": _snapshot(session, workshop_id, include_hidden=include_hidden)}


def head_seqs(db: Database, workshop_ids: list[int]) -> dict[int, int]:
    """The latest seq of each workshop (for the beacon that lets screens notice lost broadcasts)."""
    if not workshop_ids:
        return {}
    with db.read() as session:
        rows = session.execute(
            sa.select(Workshop.id, Workshop.last_seq).where(Workshop.id.in_(workshop_ids))
        ).all()
    return {workshop_id: last_seq for workshop_id, last_seq in rows}


def topics_with_totals(db: Database, workshop_id: int) -> list[dict[str, Any]]:
    """Visible topics with their dots in the latest round, ranked (for the API and exports)."""
    state = snapshot(db, workshop_id, include_hidden=False)
    totals = {int(tid): state["tally"].get(tid, 0) for tid in state["topics"]}
    return [
        {**state["topics"][str(topic_id)], "total": total, "rank": position}
        for position, topic_id, total in rules.rank(totals)
    ]


def purge_expired(db: Database, retention_days: int) -> list[int]:
    """Delete every workshop closed more than `retention_days` ago, and ended logins; returns
    the workshops' ids."""
    cutoff = utcnow() - timedelta(days=retention_days)
    with db.read() as session:
        expired = session.execute(
            sa.select(Workshop.id, Workshop.owner_id).where(
                Workshop.status == "closed", Workshop.closed_at < cutoff
            )
        ).all()
    for workshop_id, owner_id in expired:
        delete_workshop(db, Actor("facilitator", workshop_id, owner_id))
    # Logins that ended (logged out or past their lifetime) serve nothing any more.
    with db.unit_of_work() as uow:
        login_cutoff = utcnow() - timedelta(days=rules.LOGIN_LIFETIME_DAYS)
        uow.session.execute(
            sa.delete(LoginSession).where(
                sa.or_(LoginSession.revoked_at.is_not(None), LoginSession.created_at < login_cutoff)
            )
        )
        uow.commit()
    return [workshop_id for workshop_id, _ in expired]
