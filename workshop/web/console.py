"""The facilitator's console: the list of workshops, creating and deleting them, running one."""

from __future__ import annotations

import json
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale, gettext, lazy_gettext

from .. import exporters, notify
from ..domain.actors import Actor
from ..domain.consultation import TEXT_FIELDS, TEXT_MODES, VERSION_FIELDS
from ..domain.errors import DomainError
from ..exporters import board_svg, raster
from ..exporters.documents import SHEETS
from ..exporters.labels import LABELS
from ..exporters.model import PHASES
from ..extensions import get_db
from ..i18n import board_labels, board_labels_in, error_body
from ..services import (
    accounts,
    board,
    catalog,
    consultation,
    exports,
    feedback,
    reports,
    sync,
    team,
    workshops,
)
from .common import (
    board_config,
    client_config,
    current_user_id,
    join_url,
    login_required,
    owned_workshop,
)
from .history import history_strings
from .team import team_role_names

bp = Blueprint("console", __name__, url_prefix="/console")


def _form_fields() -> dict[str, Any]:
    form = request.form
    numbers: dict[str, Any] = {}
    for name, default in (("dot_budget", 5), ("max_per_topic", 3)):
        raw = form.get(name, "").strip()
        try:
            numbers[name] = int(raw) if raw else default
        except ValueError:
            numbers[name] = raw  # the domain answers with a clear invalid_budget
    return {
        "title": form.get("title", ""),
        "theme": form.get("theme", ""),
        "language": form.get("language", "sv"),
        "review_topics": form.get("review_topics") == "on",
        **numbers,
    }


def _with_template(user_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    """The form's fields over the chosen template's: a typed title or theme wins; the template
    sets the dots, review before showing, what joining asks and the notice."""
    template_id = request.form.get("template", "")
    base = consultation.template_fields(get_db(), user_id, template_id, fields["language"])
    if not base:
        return fields
    typed = {key: fields[key] for key in ("title", "language") if fields[key]}
    if fields["theme"].strip():
        typed["theme"] = fields["theme"]
    return {
        **fields,
        **base,
        **typed,
        "review_topics": fields["review_topics"] or bool(base.get("review_topics")),
    }


def _console_extras(workshop_id: int) -> dict[str, Any]:
    """What the console's consultation part shows: its settings and the counts."""
    state = sync.snapshot(get_db(), workshop_id, include_hidden=True)
    return {
        "consult": consultation.consultation_settings(get_db(), workshop_id),
        "text_modes": TEXT_MODES,
        "text_fields": TEXT_FIELDS,
        "feedback_items": feedback.all_items(get_db(), workshop_id),
        "quotable": sorted(sync.shown_topics(state).values(), key=lambda topic: topic["id"]),
        "report_details": reports.details(get_db(), workshop_id),
        "team": team.team_of(get_db(), workshop_id),
    }


def _console_config(workshop_id: int) -> dict[str, Any]:
    """The console script's config: the team's role names and the history's words too."""
    config = client_config(view="console", workshop_id=workshop_id, team_roles=team_role_names())
    config["strings"] = {**config["strings"], **history_strings()}
    return config


@bp.get("/")
@login_required
def index() -> str:
    """The facilitator's workshops and a form to create one."""
    user_id = current_user_id()
    return render_template(
        "console_index.html",
        workshops=workshops.list_workshops(get_db(), user_id),
        email=accounts.user_email(get_db(), user_id),
        is_admin=accounts.is_admin(get_db(), user_id),
        error=None,
        form={},
        templates=consultation.list_templates(get_db(), user_id, str(get_locale())),
    )


@bp.post("/")
@login_required
def create() -> Any:
    """Create a workshop and open its console."""
    user_id = current_user_id()
    fields = _form_fields()
    template_id = request.form.get("template", "")
    try:
        workshop = workshops.create_workshop(get_db(), user_id, _with_template(user_id, fields))
        owner = Actor("facilitator", workshop["id"], user_id)
        consultation.set_up_day(get_db(), owner, template_id, fields["language"] or "sv")
    except DomainError as error:
        return render_template(
            "console_index.html",
            workshops=workshops.list_workshops(get_db(), user_id),
            email=accounts.user_email(get_db(), user_id),
            is_admin=accounts.is_admin(get_db(), user_id),
            error=error_body(error)["error"]["message"],
            form={**fields, "template": request.form.get("template", "")},
            templates=consultation.list_templates(get_db(), user_id, str(get_locale())),
        ), 400
    return redirect(url_for("console.workshop", workshop_id=workshop["id"]))


@bp.get("/<int:workshop_id>")
@login_required
def workshop(workshop_id: int) -> str:
    """Run one workshop: join code and QR, moderation, voting rounds, settings."""
    item = owned_workshop(workshop_id, "view")
    config = _console_config(item["id"])
    return render_template(
        "console.html",
        workshop=item,
        config=config,
        join_url=join_url(item["join_code"]),
        saved_template=request.args.get("saved") == "1",
        **_console_extras(item["id"]),
    )


@bp.post("/<int:workshop_id>/delete")
@login_required
def delete(workshop_id: int) -> Any:
    """Delete a workshop for good, after the typed confirmation."""
    item = owned_workshop(workshop_id, "team")
    if request.form.get("confirm", "").strip().upper() != item["join_code"]:
        message = gettext("Type the join code %(code)s to confirm.", code=item["join_code"])
        config = _console_config(item["id"])
        return render_template(
            "console.html",
            workshop=item,
            config=config,
            join_url=join_url(item["join_code"]),
            delete_error=message,
            **_console_extras(item["id"]),
        ), 400
    workshops.delete_workshop(get_db(), Actor("facilitator", item["id"], current_user_id()))
    notify.workshop_deleted.send(item["id"])
    return redirect(url_for("console.index"))


def _consultation_form() -> dict[str, Any]:
    """The form's fields; a checkbox left out is off, a text or time left out stays as it was."""
    form = request.form
    data: dict[str, Any] = {
        name: form.get(name) == "on"
        for name in ("ask_nickname", "ask_organisation", "ask_age_band")
    }
    texts = {
        mode: {
            name: form[f"{mode}-{name}"]
            for name in (*TEXT_FIELDS, *VERSION_FIELDS)
            if f"{mode}-{name}" in form
        }
        for mode in TEXT_MODES
    }
    if any(texts.values()):
        data["texts"] = {mode: fields for mode, fields in texts.items() if fields}
    # The parts' checkboxes are on the form only with their marker: a post without it (an
    # older page, a script) leaves the phone as it was.
    if "phone_parts_asked" in form:
        data["phone_parts"] = form.getlist("phone_parts")
    for name in ("opens_at", "closes_at", "room_starts_at", "room_ends_at"):
        if name in form:
            data[name] = form[name]
    return data


def _console_with_error(item: dict[str, Any], error: DomainError, form: str) -> Any:
    """The console again, a refused form's message beside that form (`consult` or `feedback`),
    with nothing saved: a plain form works without JavaScript, so the answer is a page."""
    return render_template(
        "console.html",
        workshop=item,
        config=_console_config(item["id"]),
        join_url=join_url(item["join_code"]),
        **{f"{form}_error": error_body(error)["error"]["message"]},
        **_console_extras(item["id"]),
    ), 400


@bp.post("/<int:workshop_id>/consultation")
@login_required
def consultation_save(workshop_id: int) -> Any:
    """Save what joining asks, the notice and the window (a plain form: it works without
    JavaScript); every screen receives the change."""
    item = owned_workshop(workshop_id)
    actor = Actor("facilitator", item["id"], current_user_id())
    try:
        outcome = consultation.update_consultation(get_db(), actor, None, _consultation_form())
    except DomainError as error:
        return _console_with_error(item, error, "consult")
    notify.committed.send(outcome)
    return redirect(url_for("console.workshop", workshop_id=item["id"]) + "#consultation")


@bp.post("/<int:workshop_id>/report-details")
@login_required
def report_details_save(workshop_id: int) -> Any:
    """Say when and where the day was held and what the report is filed under (a plain form)."""
    item = owned_workshop(workshop_id)
    actor = Actor("facilitator", item["id"], current_user_id())
    fields = ("held_on", "place", "organisation", "case_number", "officer")
    try:
        reports.save_details(
            get_db(), actor, None, {name: request.form.get(name, "") for name in fields}
        )
    except DomainError as error:
        return _console_with_error(item, error, "details")
    return redirect(url_for("console.workshop", workshop_id=item["id"]) + "#reports")


@bp.post("/<int:workshop_id>/template")
@login_required
def save_template(workshop_id: int) -> Any:
    """Keep this workshop's settings and notice as a template for the next one."""
    item = owned_workshop(workshop_id)
    try:
        consultation.save_as_template(
            get_db(), current_user_id(), item["id"], request.form.get("name", "")
        )
    except DomainError as error:
        return _console_with_error(item, error, "consult")
    return redirect(url_for("console.workshop", workshop_id=item["id"], saved=1) + "#consultation")


def _feedback_form() -> dict[str, Any]:
    form = request.form
    data: dict[str, Any] = {
        name: form.get(name, "") for name in ("said", "did", "why_not", "when", "outcome")
    }
    data["published"] = form.get("published") == "on"
    # The line for English readers (the folded part of the form), when the form has it.
    if "en-said" in form:
        data["versions"] = {
            "en": {name: form.get(f"en-{name}", "") for name in ("said", "did", "why_not", "when")}
        }
    topic = form.get("topic_id", "").strip()
    if topic.isdigit() and len(topic) < 16:
        data["topic_id"] = int(topic)  # beyond an id's range the service answers not_found
    return data


def _feedback_command(workshop_id: int, command: Any, data: dict[str, Any]) -> Any:
    """Run one feedback command from a console form, then back to the editor (or the message)."""
    item = owned_workshop(workshop_id)
    actor = Actor("facilitator", item["id"], current_user_id())
    try:
        outcome = command(get_db(), actor, None, data)
    except DomainError as error:
        return _console_with_error(item, error, "feedback")
    notify.committed.send(outcome)
    return redirect(url_for("console.workshop", workshop_id=item["id"]) + "#feedback-editor")


@bp.post("/<int:workshop_id>/feedback")
@login_required
def feedback_add(workshop_id: int) -> Any:
    """Add a line to the feedback page."""
    return _feedback_command(workshop_id, feedback.add_item, _feedback_form())


@bp.post("/<int:workshop_id>/feedback/<int:item_id>")
@login_required
def feedback_edit(workshop_id: int, item_id: int) -> Any:
    """Change, publish or unpublish a line of the feedback page."""
    return _feedback_command(
        workshop_id, feedback.edit_item, {**_feedback_form(), "item_id": item_id}
    )


@bp.post("/<int:workshop_id>/feedback/<int:item_id>/delete")
@login_required
def feedback_remove(workshop_id: int, item_id: int) -> Any:
    """Take a line off the feedback page."""
    return _feedback_command(workshop_id, feedback.remove_item, {"item_id": item_id})


@bp.get("/<int:workshop_id>/board")
@login_required
def board_page(workshop_id: int, import_error: str | None = None) -> Any:
    """The board with the facilitator's tools: lock, undo, the picture to download, and the
    workshop's own catalogue (add, rename, hide roles; organisations; CSV out and in)."""
    item = owned_workshop(workshop_id, "board")
    config = board_config(
        view="console",
        workshop_id=item["id"],
        svg_url=url_for("console.board_picture", workshop_id=item["id"]),
        png_url=url_for("console.board_png", workshop_id=item["id"]),
        organisations=catalog.organisations_in(get_db(), item["id"], str(get_locale())),
    )
    back = url_for("console.workshop", workshop_id=item["id"])
    page = render_template(
        "board.html",
        workshop=item,
        config=config,
        back_url=back,
        roles_csv_url=url_for("console.roles_csv", workshop_id=item["id"]),
        board_locked=board.board_locked(get_db(), item["id"]),
        import_error=import_error,
        imported=request.args.get("imported", type=int),
    )
    return (page, 400) if import_error else page


@bp.get("/<int:workshop_id>/roles.csv")
@login_required
def roles_csv(workshop_id: int) -> Response:
    """The workshop's catalogue as CSV (the columns of roles.csv, plus hidden and kind)."""
    item = owned_workshop(workshop_id, "board")
    return Response(
        catalog.export_csv(get_db(), item["id"]),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="roles-{item["join_code"]}.csv"'},
    )


# A catalogue of 300 roles is about 100 KB; anything much larger is not one.
ROLES_CSV_MAX_BYTES = 512 * 1024


@bp.post("/<int:workshop_id>/roles.csv")
@login_required
def roles_import(workshop_id: int) -> Any:
    """Replace the workshop's catalogue with an uploaded CSV; a bad row changes nothing and the
    page says which line, in the facilitator's language."""
    item = owned_workshop(workshop_id, "board")
    upload = request.files.get("file")
    raw = upload.read(ROLES_CSV_MAX_BYTES + 1) if upload else b""
    try:
        if not raw or len(raw) > ROLES_CSV_MAX_BYTES:
            raise DomainError("bad_catalog_file")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DomainError("bad_catalog_file") from error
        actor = Actor("facilitator", item["id"], current_user_id())
        outcome = catalog.import_catalogue(get_db(), actor, None, {"csv": text})
    except DomainError as error:
        return board_page(workshop_id, import_error=error_body(error)["error"]["message"])
    notify.committed.send(outcome)
    target = url_for("console.board_page", workshop_id=item["id"], imported=outcome.result["roles"])
    return redirect(f"{target}#catalog-heading")


@bp.get("/<int:workshop_id>/board.svg")
@login_required
def board_picture(workshop_id: int) -> Response:
    """The board drawn on the server from the data, for reports: SVG, A4 landscape."""
    item = owned_workshop(workshop_id, "board")
    response = Response(_board_svg(item), mimetype="image/svg+xml")
    if request.args.get("download"):
        name = f"board-{item['join_code']}-{get_locale()}.svg"
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _board_svg(item: dict[str, Any]) -> str:
    view = board.board_view(get_db(), item["id"], str(get_locale()))
    return board_svg.render(view, board_labels(), title=f"{item['title']} – {gettext('Board')}")


# An A4 page at 300 dpi is 3508 px across: the PNG prints sharp on it.
BOARD_PNG_WIDTH = 3508


@bp.get("/<int:workshop_id>/board.png")
@login_required
def board_png(workshop_id: int) -> Response:
    """The same picture as a PNG for slides and documents that take no SVG (A4 at 300 dpi)."""
    item = owned_workshop(workshop_id, "board")
    name = f"board-{item['join_code']}-{get_locale()}.png"
    return Response(
        raster.board_png(_board_svg(item), BOARD_PNG_WIDTH),
        mimetype="image/png",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _single(fmt: str) -> tuple[str, str] | None:
    """report.<fmt> and its content type, for a format whose renderer draws the documents or
    the data (as each renderer declares, exporters/__init__.py); None for any other."""
    drawn = exporters.formats_drawing("documents") + exporters.formats_drawing("data")
    return (f"report.{fmt}", exporters.content_types()[fmt]) if fmt in drawn else None


def _exports() -> exports.ExportJobs:
    """This app's exports (one set per app, the worker processes shared by the server)."""
    jobs = current_app.extensions.get("workshop_exports")
    if jobs is None:
        settings = exports.Settings.from_config(current_app.config)
        jobs = current_app.extensions.setdefault("workshop_exports", exports.ExportJobs(settings))
    return jobs


# What a failed export says, in the coordinator's language.
EXPORT_ERRORS = {
    "export_failed": lazy_gettext(
        "The export could not be made. Nothing was lost: try again, and if it fails again "
        "tell whoever runs the server."
    ),
    "export_busy": lazy_gettext(
        "The server is making other exports right now. Try again in a minute."
    ),
    "export_gone": lazy_gettext("That export is no longer kept. Make the export again."),
}


def _export_error(code: str, status: int) -> Response:
    body = {"ok": False, "error": {"code": code, "message": str(EXPORT_ERRORS[code])}}
    return Response(json.dumps(body), status=status, mimetype="application/json")


def _rendered(workshop_id: int, formats: list[str], only: str | None = None) -> tuple[Any, Any]:
    """The report model and its files, rendered by the export workers; (model, error)."""
    built = reports.build_report(get_db(), workshop_id, board_words=board_labels_in)
    try:
        return built, _exports().render(workshop_id, built, formats, only)
    except exports.ExportError as error:
        return built, _export_error(error.code, 503)


def _attachment(body: bytes, mimetype: str, filename: str) -> Response:
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/<int:workshop_id>/report.<fmt>")
@login_required
def report(workshop_id: int, fmt: str) -> Any:
    """The workshop's report as a download: one format, or every format in a zip ("zip").
    Rendered by the export workers while this request waits."""
    item = owned_workshop(workshop_id)
    if fmt == "zip":
        return _everything_now(item["id"])
    single = _single(fmt)
    if single is None:
        abort(404)
    inner, mimetype = single
    built, files = _rendered(item["id"], [fmt], inner)
    if isinstance(files, Response):
        return files
    if inner not in files:  # a format that makes no report.<fmt> (csv: one file per table)
        abort(404)
    return _attachment(files[inner], mimetype, f"{reports.folder_name(built)}.{fmt}")


def _everything_now(workshop_id: int) -> Response:
    """The zip in this request, as the same export the console's button starts: it joins
    the workshop's running export, or takes its finished one, rather than making another."""
    jobs = _exports()
    built = reports.build_report(get_db(), workshop_id, board_words=board_labels_in)
    try:
        job = jobs.wait(jobs.start(workshop_id, built))
    except exports.ExportError as error:
        return _export_error(error.code, 503)
    if job.state != "done":
        return _export_error(job.error or "export_failed", 503)
    return _attachment(jobs.archive(job), "application/zip", f"{job.folder}.zip")


# One file of the export by its name (a phase's report, a feedback sheet, a picture): the
# format is the name's extension (its content type as its renderer declares it), and a name
# the export does not make is a 404.


@bp.app_template_global()
def feedback_sheets() -> list[tuple[str, str, str]]:
    """Each feedback sheet's file key, its name in its own language and that language, for
    the download links (exporters/documents.py SHEETS)."""
    return [(key, name, language) for key, (language, _words, name) in SHEETS.items()]


@bp.app_template_global()
def report_phases() -> list[tuple[str, str]]:
    """The four phases by file key and name in the page's language, for the download links."""
    words = LABELS.get(str(get_locale()), LABELS["sv"])
    return [(key, words[key]) for key in PHASES]


@bp.get("/<int:workshop_id>/export/<name>")
@login_required
def export_file(workshop_id: int, name: str) -> Any:
    """One file of the workshop's export, e.g. feedback-sv.pdf or report-discover.docx: only
    what makes that file is rendered."""
    item = owned_workshop(workshop_id)
    fmt = name.rpartition(".")[2]
    if fmt not in exporters.content_types():
        abort(404)
    built, files = _rendered(item["id"], [fmt], name)
    if isinstance(files, Response):
        return files
    if name not in files:
        abort(404)
    return _attachment(
        files[name], exporters.content_types()[fmt], f"{reports.folder_name(built)}-{name}"
    )


def _job_status(item: dict[str, Any], job: exports.Job) -> dict[str, Any]:
    """A job as the console reads it: how far, the files so far, where to download them."""
    status = job.status()
    base = {"workshop_id": item["id"], "job_id": job.id}
    status["status_url"] = url_for("console.export_status", **base)
    if job.state == "done":
        status["zip_url"] = url_for("console.export_zip", **base)
        status["file_urls"] = {
            name: url_for("console.export_job_file", **base, name=name) for name in status["files"]
        }
    if job.error:
        status["error"] = {"code": job.error, "message": str(EXPORT_ERRORS[job.error])}
    return status


@bp.post("/<int:workshop_id>/exports")
@login_required
def export_start(workshop_id: int) -> Any:
    """Start "export everything" in the background (or hand back the one that runs, or the
    finished one of an unchanged workshop); the answer says where to follow it."""
    item = owned_workshop(workshop_id)
    built = reports.build_report(get_db(), item["id"], board_words=board_labels_in)
    try:
        job = _exports().start(item["id"], built)
    except exports.ExportError as error:
        return _export_error(error.code, 503)
    return {"ok": True, "export": _job_status(item, job)}, 202


@bp.get("/<int:workshop_id>/exports")
@login_required
def export_latest(workshop_id: int) -> Any:
    """The workshop's latest export still kept (null when none): the console shows it again
    after a reload. Asked as the console opens, it also starts the export workers."""
    item = owned_workshop(workshop_id)
    jobs = _exports()
    # The console asks this as it opens: the workers start then, not on the first click.
    jobs.warm()
    job = jobs.latest(item["id"])
    return {"ok": True, "export": _job_status(item, job) if job else None}


def _owned_job(workshop_id: int, job_id: str) -> tuple[dict[str, Any], exports.Job | None]:
    item = owned_workshop(workshop_id)
    return item, _exports().job(item["id"], job_id)


@bp.get("/<int:workshop_id>/exports/<job_id>")
@login_required
def export_status(workshop_id: int, job_id: str) -> Any:
    """How far an export is: pieces done of how many, the files so far, or its error."""
    item, job = _owned_job(workshop_id, job_id)
    if job is None:
        return _export_error("export_gone", 404)
    return {"ok": True, "export": _job_status(item, job)}


@bp.get("/<int:workshop_id>/exports/<job_id>/everything.zip")
@login_required
def export_zip(workshop_id: int, job_id: str) -> Any:
    """A finished export's files in one zip."""
    _item, job = _owned_job(workshop_id, job_id)
    if job is None or job.state != "done":
        return _export_error("export_gone", 404)
    return _attachment(_exports().archive(job), "application/zip", f"{job.folder}.zip")


@bp.get("/<int:workshop_id>/exports/<job_id>/files/<name>")
@login_required
def export_job_file(workshop_id: int, job_id: str, name: str) -> Any:
    """One file of a finished export."""
    _item, job = _owned_job(workshop_id, job_id)
    if job is None or job.state != "done":
        return _export_error("export_gone", 404)
    body = job.files.get(name)
    if body is None:
        abort(404)
    mimetype = exporters.content_types().get(name.rpartition(".")[2], "application/octet-stream")
    return _attachment(body, mimetype, f"{job.folder}-{name}")
