"""A workshop's team: invitations, members and their roles, handing the workshop over.

Changing the team is the owner's (`permission="team"`), through the command skeleton like every
facilitator command, so its lock and its permission check are the same ones. Accepting an
invitation is not a command: the person accepting is not in the team yet. Team changes are not
events of the room's log (no screen of the room shows them); `team_changes` keeps their history.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..domain import accounts as account_rules
from ..domain import team as rules_of
from ..domain.errors import DomainError
from ..store.db import Database, iso
from ..store.models import (
    ReportName,
    TeamChange,
    TeamInvitation,
    TeamMember,
    User,
    Workshop,
    utcnow,
)
from . import accounts, reads
from .runner import FACILITATOR, Context, team_role_of, workshop_command


def role_in(db: Database, workshop_id: int, user_id: int | None) -> str | None:
    """A facilitator's role in a workshop's team (owner included), or None."""
    if user_id is None:
        return None
    with db.read() as session:
        workshop = session.get(Workshop, workshop_id)
        return None if workshop is None else team_role_of(session, workshop, user_id)


def _member(ctx: Context, user_id: object) -> TeamMember:
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        raise DomainError("bad_request", field="user_id")
    row = ctx.session.scalar(
        sa.select(TeamMember).where(
            TeamMember.workshop_id == ctx.workshop.id, TeamMember.user_id == user_id
        )
    )
    assert ctx.actor.id is not None
    rules_of.check_change(
        owner_id=ctx.workshop.owner_id,
        actor_id=ctx.actor.id,
        member_id=user_id,
        is_member=row is not None,
    )
    assert row is not None
    return row


def _record(ctx: Context, kind: str, user_id: int, role: str = "") -> None:
    ctx.session.add(
        TeamChange(
            workshop_id=ctx.workshop.id,
            kind=kind,
            by_user_id=ctx.actor.id,
            user_id=user_id,
            role=role,
        )
    )


@workshop_command(roles=FACILITATOR, permission="team")
def invite(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Make a one-time invitation to the team in a role; the token is shown once, only its
    hash is kept."""
    role = rules_of.clean_role(data.get("role"))
    token = accounts.new_token()
    now = utcnow()
    row = TeamInvitation(
        workshop_id=ctx.workshop.id,
        token_hash=accounts.hash_token(token),
        role=role,
        created_by=ctx.actor.id,
        created_at=now,
        expires_at=rules_of.invitation_expires(now),
    )
    ctx.session.add(row)
    ctx.session.flush()
    return {
        "invitation": {"id": row.id, "role": role, "expires_at": iso(row.expires_at)},
        "token": token,
    }


@workshop_command(roles=FACILITATOR, permission="team")
def withdraw_invitation(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Take back an invitation nobody has used yet."""
    row = ctx.session.get(TeamInvitation, data.get("invitation_id"))
    if row is None or row.workshop_id != ctx.workshop.id or row.used_at is not None:
        raise DomainError("not_found")
    ctx.session.delete(row)
    return {"invitation_id": row.id}


@workshop_command(roles=FACILITATOR, permission="team")
def change_role(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Give a member another role; their next command is checked against it."""
    row = _member(ctx, data.get("user_id"))
    row.role = rules_of.clean_role(data.get("role"))
    _record(ctx, "role_changed", row.user_id, row.role)
    return {"user_id": row.user_id}


@workshop_command(roles=FACILITATOR, permission="team")
def remove_member(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Take someone off the team. Their commands are refused from this commit on; the view
    that calls this ends their sockets (`notify.member_removed`)."""
    row = _member(ctx, data.get("user_id"))
    _record(ctx, "removed", row.user_id, row.role)
    # Someone who left is not in the report's team: their consent to be named goes with them.
    ctx.session.execute(
        sa.delete(ReportName).where(
            ReportName.workshop_id == ctx.workshop.id, ReportName.user_id == row.user_id
        )
    )
    ctx.session.delete(row)
    return {"user_id": row.user_id}


@workshop_command(roles=FACILITATOR, permission="team")
def hand_over(ctx: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Make a member the owner; the owner stays on as co-facilitator. Nothing of the workshop
    changes hands but `owner_id`: its log, report and history stay as they are."""
    row = _member(ctx, data.get("user_id"))
    previous = ctx.workshop.owner_id
    ctx.workshop.owner_id = row.user_id
    row.user_id = previous
    row.role = "co_facilitator"
    ctx.session.flush()
    _record(ctx, "handed_over", ctx.workshop.owner_id, "owner")
    return {"owner_id": ctx.workshop.owner_id}


def invitation(db: Database, workshop_id: int, token: object) -> dict[str, Any]:
    """What an invitation link offers (the workshop's title and the role), or the reason it
    opens nothing (`not_found`, `invitation_used`, `invitation_expired`)."""
    with db.read() as session:
        row = _invitation_row(session, workshop_id, token)
        workshop = session.get(Workshop, row.workshop_id)
        assert workshop is not None
        return {"workshop_id": workshop.id, "title": workshop.title, "role": row.role}


def _invitation_row(session: sa.orm.Session, workshop_id: int, token: object) -> TeamInvitation:
    if not isinstance(token, str) or not 1 <= len(token) <= 100:
        raise DomainError("not_found")
    row = session.scalar(
        sa.select(TeamInvitation).where(TeamInvitation.token_hash == accounts.hash_token(token))
    )
    if row is None:
        raise DomainError("not_found")
    rules_of.check_invitation(
        workshop_id=workshop_id,
        invited_to=row.workshop_id,
        expires_at=row.expires_at,
        used=row.used_at is not None,
        now=utcnow(),
    )
    return row


def accept(db: Database, workshop_id: int, token: object, user_id: int) -> str:
    """Join the team with an invitation, once; returns the role. The workshop is locked, so two
    people opening one link at the same moment cannot both get in."""
    with db.unit_of_work() as uow:
        workshop = reads.lock_workshop(uow, workshop_id)
        row = _invitation_row(uow.session, workshop_id, token)
        if team_role_of(uow.session, workshop, user_id) is not None:
            raise DomainError("already_in_team")
        row.used_at = utcnow()
        row.used_by = user_id
        uow.session.add(TeamMember(workshop_id=workshop.id, user_id=user_id, role=row.role))
        uow.session.add(
            TeamChange(
                workshop_id=workshop.id,
                kind="joined",
                by_user_id=row.created_by,
                user_id=user_id,
                role=row.role,
            )
        )
        uow.commit()
        return row.role


def present(db: Database, workshop_id: int, parts: dict[int, str]) -> list[dict[str, str]]:
    """Who of the team has a console open (user id -> the part it shows): the name the team
    sees ("Karin", else the e-mail), e-mail, team role and part, by name; someone no longer in
    the team is left out."""
    if not parts:
        return []
    with db.read() as session:
        workshop = session.get(Workshop, workshop_id)
        if workshop is None:
            return []
        users = {
            row.id: row
            for row in session.execute(
                sa.select(User.id, User.email, User.display_name).where(User.id.in_(list(parts)))
            )
        }
        out = []
        for user_id, part in parts.items():
            role = team_role_of(session, workshop, user_id)
            user = users.get(user_id)
            if role is not None and user is not None:
                name = account_rules.shown_name(user.display_name, user.email)
                out.append({"name": name, "email": user.email, "role": role, "part": part})
        return sorted(out, key=lambda person: (person["name"].casefold(), person["email"]))


def team_of(db: Database, workshop_id: int) -> dict[str, Any]:
    """The owner's view of the team: members with their e-mail and role, invitations still
    open, and the history of changes (newest first)."""
    with db.read() as session:
        workshop = session.get(Workshop, workshop_id)
        if workshop is None:
            raise DomainError("not_found")
        rows = session.scalars(
            sa.select(TeamMember)
            .where(TeamMember.workshop_id == workshop_id)
            .order_by(TeamMember.id)
        ).all()
        changes = session.scalars(
            sa.select(TeamChange)
            .where(TeamChange.workshop_id == workshop_id)
            .order_by(TeamChange.id.desc())
            .limit(50)
        ).all()
        people = {workshop.owner_id, *(r.user_id for r in rows)}
        people |= {c.user_id for c in changes} | {c.by_user_id for c in changes}
        emails = dict(
            session.execute(
                sa.select(User.id, User.email).where(User.id.in_(people - {None}))
            ).all()
        )
        members = [
            {
                "user_id": workshop.owner_id,
                "email": emails.get(workshop.owner_id, ""),
                "role": "owner",
            }
        ]
        members += [
            {"user_id": r.user_id, "email": emails.get(r.user_id, ""), "role": r.role} for r in rows
        ]
        now = utcnow()
        open_invitations = [
            {"id": i.id, "role": i.role, "expires_at": iso(i.expires_at)}
            for i in session.scalars(
                sa.select(TeamInvitation)
                .where(
                    TeamInvitation.workshop_id == workshop_id,
                    TeamInvitation.used_at.is_(None),
                    TeamInvitation.expires_at > now,
                )
                .order_by(TeamInvitation.id)
            )
        ]
        history = [
            {
                "at": iso(c.at),
                "kind": c.kind,
                "by": emails.get(c.by_user_id, "") if c.by_user_id else "",
                "email": emails.get(c.user_id, "") if c.user_id else "",
                "role": c.role,
            }
            for c in changes
        ]
        return {"members": members, "invitations": open_invitations, "history": history}


# --- being named in the report ----------------------------------------------------------------


def _teams_of(session: sa.orm.Session, user_id: int) -> list[tuple[Workshop, str]]:
    """The workshops whose team this facilitator is in (owner too), with their role."""
    member_of = dict(
        session.execute(
            sa.select(TeamMember.workshop_id, TeamMember.role).where(TeamMember.user_id == user_id)
        ).all()
    )
    rows = session.scalars(
        sa.select(Workshop)
        .where(sa.or_(Workshop.owner_id == user_id, Workshop.id.in_(list(member_of))))
        .order_by(Workshop.id.desc())
    ).all()
    return [(w, "owner" if w.owner_id == user_id else member_of[w.id]) for w in rows]


def report_names_of(db: Database, user_id: int) -> list[dict[str, Any]]:
    """For the account page: each workshop whose team this facilitator is in, their role, and
    whether they agreed to be named in its report."""
    with db.read() as session:
        named = set(
            session.scalars(sa.select(ReportName.workshop_id).where(ReportName.user_id == user_id))
        )
        return [
            {"workshop_id": w.id, "title": w.title, "role": role, "named": w.id in named}
            for w, role in _teams_of(session, user_id)
        ]


def set_report_names(db: Database, user_id: int, workshop_ids: object) -> None:
    """A facilitator says in which of their workshops' reports they are named (the others
    count them only). Only their own consent, only for teams they are in."""
    if not isinstance(workshop_ids, list | set | tuple):
        raise DomainError("bad_request", field="named")
    wanted = {w for w in workshop_ids if isinstance(w, int) and not isinstance(w, bool)}
    with db.unit_of_work() as uow:
        session = uow.session
        mine = {w.id for w, _role in _teams_of(session, user_id)}
        agreed = set(
            session.scalars(sa.select(ReportName.workshop_id).where(ReportName.user_id == user_id))
        )
        for workshop_id in (wanted & mine) - agreed:
            session.add(ReportName(workshop_id=workshop_id, user_id=user_id))
        gone = agreed - (wanted & mine)
        if gone:
            session.execute(
                sa.delete(ReportName).where(
                    ReportName.user_id == user_id, ReportName.workshop_id.in_(gone)
                )
            )
        uow.commit()


def report_team(db: Database, workshop_id: int) -> list[dict[str, Any]]:
    """The report's team, role by role in the console's order: how many, and the names of
    those who agreed (their chosen name, else their e-mail). Empty when the owner ran the day
    alone (a team of one is no team to list)."""
    with db.read() as session:
        workshop = session.get(Workshop, workshop_id)
        if workshop is None:
            return []
        members = session.execute(
            sa.select(TeamMember.user_id, TeamMember.role).where(
                TeamMember.workshop_id == workshop_id
            )
        ).all()
        if not members:
            return []
        people = [(workshop.owner_id, "owner"), *((m.user_id, m.role) for m in members)]
        agreed = set(
            session.scalars(
                sa.select(ReportName.user_id).where(ReportName.workshop_id == workshop_id)
            )
        )
        names = {
            row.id: account_rules.shown_name(row.display_name, row.email)
            for row in session.execute(
                sa.select(User.id, User.display_name, User.email).where(
                    User.id.in_([user_id for user_id, _ in people])
                )
            )
        }
        out = []
        for role in rules_of.TEAM_ROLES:
            holders = [user_id for user_id, held in people if held == role]
            if holders:
                shown = sorted(names[u] for u in holders if u in agreed and u in names)
                out.append({"role": role, "count": len(holders), "names": shown})
        return out
