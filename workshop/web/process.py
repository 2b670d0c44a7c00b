"""The process pages: a facilitator's processes on the console index, and one process's page
(its workshops in order, who took part in each, what each produced), with the forms that
create a process and add, remove, reorder and mark its workshops."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_babel import get_locale, gettext, lazy_gettext

from .. import clock, notify
from ..domain import participation as levels
from ..domain.actors import Actor
from ..domain.errors import DomainError
from ..domain.follow_up import STATUSES
from ..domain.phases import PHASES
from ..domain.process import GROUPS
from ..domain.voices import MIN_GROUP
from ..exporters.calendar import CalendarDate, follow_up_calendar
from ..extensions import get_db
from ..i18n import error_body
from ..services import follow_up, process
from .common import current_user_id, login_required, public_base_url

bp = Blueprint("process", __name__, url_prefix="/console/processes")

PHASE_NAMES = {
    "discover": lazy_gettext("Discover"),
    "define": lazy_gettext("Define"),
    "develop": lazy_gettext("Develop"),
    "deliver": lazy_gettext("Deliver"),
}
GROUP_NAMES = {
    "young": lazy_gettext("Young people"),
    "parent": lazy_gettext("Parents"),
    "professional": lazy_gettext("Professionals"),
    "unspecified": lazy_gettext("No group given"),
}
STATUS_NAMES = {
    "planned": lazy_gettext("Planned"),
    "started": lazy_gettext("Started"),
    "done": lazy_gettext("Done"),
    "dropped": lazy_gettext("Dropped"),
}
DATE_KINDS = {"due": lazy_gettext("Done by"), "follow_up": lazy_gettext("Follow-up")}
DATE_STATES = {
    "overdue": lazy_gettext("Overdue"),
    "soon": lazy_gettext("Coming up"),
    "later": lazy_gettext("Later"),
}


@bp.app_template_global()
def my_processes() -> list[dict[str, Any]]:
    """The logged-in facilitator's processes, for the console index's list."""
    user_id = current_user_id()
    return [] if user_id is None else process.processes_of(get_db(), user_id)


@bp.app_template_global()
def since_status(status: str) -> str:
    """An action's status in the reader's language (the feedback page's "what happened
    since")."""
    return str(STATUS_NAMES.get(status, status))


@bp.app_template_global()
def carried_from(title: str, iso: str) -> str:
    """Where a carried theme came from, as people say it: "från Open Space 27 januari"."""
    from flask_babel import format_date

    try:
        day = str(format_date(dt.date.fromisoformat(iso), "d MMMM"))
    except ValueError:
        day = iso
    return gettext("from %(workshop)s %(day)s", workshop=title, day=day)


@bp.app_template_global()
def long_date(iso: str) -> str:
    """An ISO date as a reader says it: "19 januari 2027", "19 January 2027"."""
    from flask_babel import format_date

    try:
        return str(format_date(dt.date.fromisoformat(iso), "d MMMM y"))
    except ValueError:
        return iso


def _level_name(scale: tuple[levels.Level, ...], key: str) -> str:
    from flask_babel import gettext

    found = levels.level(scale, key)
    return gettext(found.name) if found else ""


def _form_id(name: str) -> int | None:
    raw = request.form.get(name, "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 19 else None


def _page(process_id: int, *, status: int = 200, error: str | None = None) -> Any:
    user_id = current_user_id()
    assert user_id is not None
    try:
        view = process.process_view(get_db(), user_id, process_id, str(get_locale()))
    except DomainError:
        abort(404)
    return render_template(
        "process.html",
        process=view,
        addable=process.workshops_to_add(get_db(), user_id, process_id),
        phases=PHASES,
        phase_names=PHASE_NAMES,
        groups=GROUPS,
        group_names=GROUP_NAMES,
        status_names=STATUS_NAMES,
        statuses=STATUSES,
        date_kinds=DATE_KINDS,
        date_states=DATE_STATES,
        min_group=MIN_GROUP,
        titles={step.workshop_id: step.title for step in view.steps if step.open},
        shier_name=lambda key: _level_name(levels.SHIER, key),
        trappa_name=lambda key: _level_name(levels.TRAPPA, key),
        error=error,
    ), status


def _change(process_id: int, change: Any, *args: Any) -> Any:
    """Run one change of a process from a form, then back to its page (or the page with the
    error, in the reader's language, and nothing changed)."""
    user_id = current_user_id()
    assert user_id is not None
    try:
        change(get_db(), user_id, process_id, *args)
    except DomainError as error:
        if error.code == "not_found" and not error.params:
            abort(404)
        return _page(process_id, status=400, error=error_body(error)["error"]["message"])
    return redirect(url_for("process.page", process_id=process_id))


@bp.post("")
@login_required
def create() -> Any:
    """Create a process and open its page."""
    user_id = current_user_id()
    assert user_id is not None
    try:
        made = process.create_process(get_db(), user_id, {"name": request.form.get("name", "")})
    except DomainError as error:
        return render_template(
            "error.html", message=error_body(error)["error"]["message"], status=400
        ), 400
    return redirect(url_for("process.page", process_id=made["id"]))


@bp.get("/<int:process_id>")
@login_required
def page(process_id: int) -> Any:
    """One process: its workshops in order, who took part and what each produced."""
    return _page(process_id)


@bp.post("/<int:process_id>/name")
@login_required
def rename(process_id: int) -> Any:
    """Give the process another name."""
    return _change(process_id, process.rename_process, {"name": request.form.get("name", "")})


@bp.post("/<int:process_id>/delete")
@login_required
def delete(process_id: int) -> Any:
    """Delete the process; its workshops stay."""
    user_id = current_user_id()
    assert user_id is not None
    try:
        process.delete_process(get_db(), user_id, process_id)
    except DomainError:
        abort(404)
    return redirect(url_for("console.index"))


@bp.post("/<int:process_id>/steps")
@login_required
def add_step(process_id: int) -> Any:
    """Put one of the facilitator's workshops last in the process."""
    data = {"workshop_id": _form_id("workshop_id"), "phase": request.form.get("phase", "")}
    return _change(process_id, process.add_step, data)


@bp.post("/<int:process_id>/steps/<int:step_id>/move")
@login_required
def move_step(process_id: int, step_id: int) -> Any:
    """Move a workshop one place earlier or later."""
    return _change(process_id, process.move_step, step_id, request.form.get("direction", ""))


@bp.post("/<int:process_id>/steps/<int:step_id>/phase")
@login_required
def set_phase(process_id: int, step_id: int) -> Any:
    """Mark a workshop with the phase it serves in the process."""
    return _change(process_id, process.set_phase, step_id, request.form.get("phase", ""))


@bp.post("/<int:process_id>/steps/<int:step_id>/remove")
@login_required
def remove_step(process_id: int, step_id: int) -> Any:
    """Take a workshop out of the process; the workshop stays."""
    return _change(process_id, process.remove_step, step_id)


@bp.post("/<int:process_id>/actions/<int:action_id>/follow-up")
@login_required
def follow_up_action(process_id: int, action_id: int) -> Any:
    """Record what happened with an action of the process: a new status (a drop with its
    reason), a note, the day; every screen of its workshop follows a new status."""
    user_id = current_user_id()
    assert user_id is not None
    try:
        workshop_id = process.workshop_of_action(get_db(), user_id, process_id, action_id)
        data = {
            "action_id": action_id,
            **{name: request.form.get(name, "") for name in ("status", "reason", "note", "on")},
        }
        outcome = follow_up.follow_up_action(
            get_db(), Actor("facilitator", workshop_id, user_id), None, data
        )
    except DomainError as error:
        if error.code == "not_found" and not error.params:
            abort(404)
        return _page(process_id, status=400, error=error_body(error)["error"]["message"])
    notify.committed.send(outcome)
    return redirect(url_for("process.page", process_id=process_id) + f"#action-{action_id}")


@bp.get("/<int:process_id>/follow-up.ics")
@login_required
def calendar(process_id: int) -> Response:
    """The dates still to follow up, as a calendar file for the coordinator's own calendar."""
    user_id = current_user_id()
    assert user_id is not None
    try:
        view = process.process_view(get_db(), user_id, process_id, str(get_locale()))
    except DomainError:
        abort(404)
    titles = {step.workshop_id: step.title for step in view.steps if step.open}
    page = f"{public_base_url()}{url_for('process.page', process_id=view.id)}"
    dates = [
        CalendarDate(
            # Stable per action and kind: a calendar that imports the file again updates the
            # event (a changed date moves) instead of adding a second one.
            uid=f"action-{date.action_id}-{date.kind}@workshop.follow-up",
            day=dt.date.fromisoformat(date.on),
            summary=f"{DATE_KINDS[date.kind]}: {date.what}",
            description=gettext(
                "%(workshop)s, in the process %(process)s. Record what happened: %(page)s",
                workshop=titles.get(date.workshop_id, ""),
                process=view.name,
                page=page,
            ),
        )
        for date in view.due
    ]
    body = follow_up_calendar(view.name, dates, clock.utcnow())
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="follow-up-{view.id}.ics"'},
    )


@bp.post("/<int:process_id>/steps/<int:step_id>/carry")
@login_required
def carry_themes(process_id: int, step_id: int) -> Any:
    """Start a workshop from an earlier one's themes, each saying where it came from; the
    workshop's screens get the new themes at once."""
    user_id = current_user_id()
    assert user_id is not None
    try:
        outcome = process.carry_themes(
            get_db(), user_id, process_id, step_id, _form_id("from_step")
        )
    except DomainError as error:
        if error.code == "not_found" and not error.params:
            abort(404)
        return _page(process_id, status=400, error=error_body(error)["error"]["message"])
    notify.committed.send(outcome)
    return redirect(url_for("process.page", process_id=process_id) + f"#step-{step_id}")
