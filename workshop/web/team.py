"""The team's pages: the owner's team page (invite, change a role, remove, hand over) and the
invitation link's page (join, logging in or making an account on the spot)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext

from .. import notify
from ..domain import team as team_rules
from ..domain.actors import Actor
from ..domain.errors import DomainError
from ..extensions import get_db
from ..i18n import error_body
from ..services import accounts, team
from .auth import begin_login
from .common import current_user_id, login_required, owned_workshop, public_base_url

bp = Blueprint("team", __name__, url_prefix="/console")

ROLE_NAMES = {
    "owner": lazy_gettext("Owner"),
    "co_facilitator": lazy_gettext("Co-facilitator"),
    "moderator": lazy_gettext("Moderator"),
    "note_taker": lazy_gettext("Note-taker"),
    "board_keeper": lazy_gettext("Board keeper"),
}
ROLE_DOES = {
    "owner": lazy_gettext("Everything, and alone: the team and deleting the workshop."),
    "co_facilitator": lazy_gettext("Everything but deleting the workshop or changing the team."),
    "moderator": lazy_gettext("The review queue, hiding and approving, announcements."),
    "note_taker": lazy_gettext("Notes and photos for any session; the agenda read-only."),
    "board_keeper": lazy_gettext("The board and its catalogue."),
}
CHANGE_NAMES = {
    "joined": lazy_gettext("joined as"),
    "role_changed": lazy_gettext("became"),
    "removed": lazy_gettext("left the team, was"),
    "handed_over": lazy_gettext("was handed the workshop, now"),
}


def team_role_names() -> dict[str, str]:
    """Every team role's name in the page's language (for the console's list of who is where)."""
    return {role: str(name) for role, name in ROLE_NAMES.items()}


@bp.app_template_global()
def team_role_name(role: str) -> str:
    """A team role's name in the page's language."""
    return str(ROLE_NAMES.get(role, role))


@bp.app_template_global()
def team_role_does(role: str) -> str:
    """What a team role may do, in one line."""
    return str(ROLE_DOES.get(role, ""))


def _team_page(
    item: dict[str, Any], *, status: int = 200, error: str | None = None, link: str | None = None
) -> Any:
    return render_template(
        "team.html",
        workshop=item,
        team=team.team_of(get_db(), item["id"]),
        invitable=team_rules.INVITABLE,
        change_names=CHANGE_NAMES,
        error=error,
        link=link,
    ), status


def _owner(workshop_id: int) -> tuple[dict[str, Any], Actor]:
    item = owned_workshop(workshop_id, "team")
    return item, Actor("facilitator", item["id"], current_user_id())


def _user_id() -> int | None:
    raw = request.form.get("user_id", "")
    return int(raw) if raw.isdigit() and len(raw) < 19 else None


@bp.get("/<int:workshop_id>/team")
@login_required
def page(workshop_id: int) -> Any:
    """The owner's team page."""
    item, _actor = _owner(workshop_id)
    return _team_page(item)


@bp.post("/<int:workshop_id>/team/invite")
@login_required
def invite(workshop_id: int) -> Any:
    """Make a one-time link; it is shown on this answer only (only its hash is kept)."""
    item, actor = _owner(workshop_id)
    try:
        made = team.invite(get_db(), actor, None, {"role": request.form.get("role")})
    except DomainError as error:
        return _team_page(item, status=400, error=error_body(error)["error"]["message"])
    path = url_for("team.invitation", workshop_id=item["id"], token=made.result["token"])
    return _team_page(item, link=f"{public_base_url()}{path}")


def _owner_command(workshop_id: int, command: Any, data: dict[str, Any]) -> Any:
    item, actor = _owner(workshop_id)
    try:
        command(get_db(), actor, None, data)
    except DomainError as error:
        return _team_page(item, status=400, error=error_body(error)["error"]["message"])
    return redirect(url_for("team.page", workshop_id=item["id"]))


@bp.post("/<int:workshop_id>/team/invitations/<int:invitation_id>/withdraw")
@login_required
def withdraw(workshop_id: int, invitation_id: int) -> Any:
    """Take back an unused invitation."""
    return _owner_command(workshop_id, team.withdraw_invitation, {"invitation_id": invitation_id})


@bp.post("/<int:workshop_id>/team/role")
@login_required
def change_role(workshop_id: int) -> Any:
    """Give a member another role. Their next command is checked against it; their open
    console shows the new role's parts when it is next loaded (it is not ended: that would
    send them to the login page while they are still logged in)."""
    return _owner_command(
        workshop_id, team.change_role, {"user_id": _user_id(), "role": request.form.get("role")}
    )


@bp.post("/<int:workshop_id>/team/remove")
@login_required
def remove(workshop_id: int) -> Any:
    """Take a member off the team; their sockets of this workshop end at once."""
    answer = _owner_command(workshop_id, team.remove_member, {"user_id": _user_id()})
    if answer.status_code == 302:
        notify.member_removed.send((workshop_id, _user_id()))
    return answer


@bp.post("/<int:workshop_id>/team/hand-over")
@login_required
def hand_over(workshop_id: int) -> Any:
    """Make a member the owner; the owner stays as co-facilitator and goes back to the console."""
    answer = _owner_command(workshop_id, team.hand_over, {"user_id": _user_id()})
    if answer.status_code == 302:
        return redirect(url_for("console.workshop", workshop_id=workshop_id))
    return answer


# --- the invitation link --------------------------------------------------------------------


def _invitation_page(workshop_id: int, token: str, *, status: int = 200, error: str = "") -> Any:
    try:
        offer = team.invitation(get_db(), workshop_id, token)
    except DomainError as refused:
        message = error_body(refused)["error"]["message"]
        if refused.code == "not_found":
            message = gettext("This invitation link is not valid. Check that it was copied whole.")
        return render_template("invitation.html", offer=None, refused=message), 404
    user_id = current_user_id()
    return render_template(
        "invitation.html",
        offer=offer,
        refused=None,
        error=error,
        email=accounts.user_email(get_db(), user_id) if user_id is not None else None,
        login_url=url_for("auth.login", next=request.path),
    ), status


@bp.get("/<int:workshop_id>/join/<token>")
def invitation(workshop_id: int, token: str) -> Any:
    """What the link offers: the workshop, the role, and how to join."""
    return _invitation_page(workshop_id, token)


@bp.post("/<int:workshop_id>/join/<token>")
def accept(workshop_id: int, token: str) -> Any:
    """Join the team: as the logged-in account, or with an account made here and now."""
    db = get_db()
    user_id = current_user_id()
    if user_id is None:
        email = request.form.get("email", "")
        password = request.form.get("password", "")
        try:
            team.invitation(db, workshop_id, token)  # a dead link makes no account
            if accounts.user_id_for_email(db, email.strip().lower()) is not None:
                message = gettext("That e-mail already has an account: log in first.")
                return _invitation_page(workshop_id, token, status=400, error=message)
            user_id = accounts.create_facilitator(db, email, password)
        except DomainError as error:
            if error.code == "bad_request" and error.params.get("field") == "password":
                message = gettext("Choose a password of at least 8 characters.")
            elif error.code == "bad_request":
                message = gettext("Write your e-mail address, like name@example.se.")
            else:
                message = error_body(error)["error"]["message"]
            return _invitation_page(workshop_id, token, status=400, error=message)
        token_for_login = accounts.log_in(db, email, password)
        assert token_for_login is not None
        begin_login(token_for_login)
    try:
        team.accept(db, workshop_id, token, user_id)
    except DomainError as error:
        message = error_body(error)["error"]["message"]
        return _invitation_page(workshop_id, token, status=400, error=message)
    return redirect(url_for("console.workshop", workshop_id=workshop_id))
