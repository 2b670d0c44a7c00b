"""Pages for participants and the wall: join, phone, wall, QR code, privacy notice."""

from __future__ import annotations

import io
import secrets
from datetime import datetime
from typing import Any

import segno
from babel.dates import format_datetime
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale, gettext

from .. import admission, limits, notify
from ..clock import utcnow
from ..domain import consultation as consultation_rules
from ..domain import feedback as feedback_rules
from ..domain import rules
from ..domain.actors import Actor
from ..domain.catalog import SECTORS, visible
from ..domain.errors import DomainError
from ..exporters import board_svg
from ..extensions import get_db
from ..i18n import board_labels, error_body, reading_mode
from ..services import board, board_answers, catalog, feedback, follow_up, participants, workshops
from .common import board_config, client_config, join_url

bp = Blueprint("pages", __name__)


def _lookup(raw_code: str) -> dict[str, Any] | None:
    """The workshop of a typed or scanned code, or None (the wrong form counts as no match)."""
    try:
        code = rules.normalise_join_code(raw_code)
    except DomainError:
        return None
    return workshops.workshop_by_code(get_db(), code)


def _count_failure() -> None:
    """A failed look-up: refused with 429 once the address failed too often this minute.

    Called only after the look-up failed, so a valid code always gets in, whatever wrong
    codes a class behind the same address typed before.
    """
    address = request.remote_addr or "?"
    if not limits.join_failures.take(address, current_app.config["JOIN_FAILURES_PER_MIN"]):
        abort(429)


def _workshop_for_code(code: str) -> dict[str, Any]:
    """Resolve a join code or answer 404; failed look-ups are rate-limited per address."""
    workshop = _lookup(code)
    if workshop is None:
        _count_failure()
        abort(404)
    g.workshop_language = workshop["language"]
    return workshop


def _as_read(workshop: dict[str, Any]) -> dict[str, Any]:
    """The workshop with its title and question as this reader reads them (the English or
    easy-read version the coordinator wrote, else the original): for the participant's pages."""
    title, theme = consultation_rules.in_reading(
        workshop["texts"], reading_mode(str(get_locale())), workshop["title"], workshop["theme"]
    )
    return {**workshop, "title": title, "theme": theme}


def _items_as_read(workshop_id: int) -> list[dict[str, Any]]:
    """The published feedback lines as this reader reads them (domain/feedback.py in_reading)."""
    mode = reading_mode(str(get_locale()))
    return [
        feedback_rules.in_reading(item, mode)
        for item in feedback.published_items(get_db(), workshop_id)
    ]


def _participant_token(workshop_id: int) -> str | None:
    return (session.get("participants") or {}).get(str(workshop_id))


@bp.get("/")
def home() -> str:
    """Type a join code, or go to the facilitator's login."""
    return render_template("home.html", error=None)


@bp.post("/join")
def join_by_code() -> Any:
    """The form on the home page: normalise the typed code and go to its join page."""
    try:
        code = rules.normalise_join_code(request.form.get("code", ""))
    except DomainError as error:
        _count_failure()
        return render_template("home.html", error=error_body(error)["error"]["message"]), 400
    if workshops.workshop_by_code(get_db(), code) is None:
        _count_failure()
        message = error_body(DomainError("invalid_code"))["error"]["message"]
        return render_template("home.html", error=message), 404
    return redirect(url_for("pages.join_page", code=code))


@bp.get("/j/<code>")
def join_page(code: str) -> Any:
    """The page a QR code opens: a nickname and a group, both optional, and what happens."""
    workshop = _workshop_for_code(code)
    if workshop["join_code"] != code:
        return redirect(url_for("pages.join_page", code=workshop["join_code"]))
    if participants.participant_for_token(
        get_db(), workshop["id"], _participant_token(workshop["id"])
    ):
        return redirect(url_for("pages.phone", code=workshop["join_code"]))
    if workshop["status"] == "open" and admission.of(current_app).is_full():
        return _full_page()
    status = 200 if workshop["status"] == "open" else 410
    return _join_page(workshop, None, {}), status


def _full_page() -> tuple[str, int, dict[str, str]]:
    """The process holds as many sockets as it may (workshop/admission.py): a clear page, at
    once, rather than a form whose phone then cannot connect."""
    retry = str(admission.FULL_RETRY_AFTER_SECONDS)
    return render_template("full.html"), 503, {"Retry-After": retry}


@bp.post("/j/<code>")
def join(code: str) -> Any:
    """Join: a random token goes into the signed, HttpOnly session cookie; we keep its hash."""
    workshop = _workshop_for_code(code)
    db = get_db()
    if participants.participant_for_token(db, workshop["id"], _participant_token(workshop["id"])):
        return redirect(url_for("pages.phone", code=workshop["join_code"]))
    if admission.of(current_app).is_full():
        return _full_page()
    form = {
        key: request.form.get(key, "") for key in ("nickname", "group", "organisation", "age_band")
    }
    # Every join is a fresh identity with a fresh dot budget: one address gets a generous
    # number per minute (a class shares one), not an endless supply (docs/privacy.md).
    address = request.remote_addr or "?"
    if not limits.joins.take(address, current_app.config["JOINS_PER_MIN"]):
        message = gettext(
            "Very many people joined from this network in the last minute. "
            "Wait a minute and try again."
        )
        return _join_page(workshop, message, form), 429, {"Retry-After": "60"}
    try:
        token, outcome = participants.join(db, workshop["id"], form)
    except DomainError as error:
        limits.joins.give_back(address)
        message = error_body(error)["error"]["message"]
        status = 410 if error.code == "workshop_closed" else 400
        return _join_page(workshop, message, form), status
    notify.committed.send(outcome)
    joined = dict(session.get("participants") or {})
    joined[str(workshop["id"])] = token
    session["participants"] = joined
    session.permanent = True
    return redirect(url_for("pages.phone", code=workshop["join_code"]))


def _join_page(workshop: dict[str, Any], error: str | None, form: dict[str, Any]) -> str:
    """The join page: the consultation's notice in the reader's mode and its window, if any."""
    lang = str(get_locale())
    return render_template(
        "join.html",
        workshop=_as_read(workshop),
        error=error,
        form=form,
        limits=_limits(),
        notice=consultation_rules.notice_in(
            workshop["texts"], reading_mode(lang), workshop["language"]
        ),
        window=window_view(workshop, lang),
        items=_items_as_read(workshop["id"]),
        unfinished=bool(consultation_rules.unfilled(workshop["texts"])),
    )


def window_view(workshop: dict[str, Any], lang: str) -> dict[str, Any]:
    """The window for taking part as the reader sees it: "before", "open" or "after", and its
    ends in Swedish time, written in the reader's language."""
    opens, closes = _moment(workshop["opens_at"]), _moment(workshop["closes_at"])

    def shown(moment: datetime | None) -> str:
        if moment is None:
            return ""
        return format_datetime(
            moment, "d MMMM, HH:mm", tzinfo=consultation_rules.LOCAL_TZ, locale=lang
        )

    return {
        "phase": consultation_rules.window_phase(utcnow(), opens, closes),
        "opens": shown(opens),
        "closes": shown(closes),
    }


def _moment(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


@bp.get("/w/<code>")
def phone(code: str) -> Any:
    """The participant's screen: post topics, vote, see the room."""
    workshop = _workshop_for_code(code)
    if not participants.participant_for_token(
        get_db(), workshop["id"], _participant_token(workshop["id"])
    ):
        return redirect(url_for("pages.join_page", code=workshop["join_code"]))
    config = client_config(view="phone", workshop_id=workshop["id"], limits=_limits())
    return render_template(
        "phone.html",
        workshop=_as_read(workshop),
        config=config,
        window=window_view(workshop, str(get_locale())),
        news=len(feedback.published_items(get_db(), workshop["id"])),
    )


@bp.get("/w/<code>/feedback")
def feedback_page(code: str) -> str:
    """What was said and what happens with it: the published feedback lines, for anyone with
    the link (the same link people joined with, kept for afterwards)."""
    workshop = _workshop_for_code(code)
    lang = str(get_locale())
    return render_template(
        "feedback.html",
        workshop=_as_read(workshop),
        items=_items_as_read(workshop["id"]),
        since=follow_up.since(get_db(), workshop["id"]),
        notice=consultation_rules.notice_in(
            workshop["texts"], reading_mode(lang), workshop["language"]
        ),
        joined=_participant(workshop) is not None,
    )


@bp.get("/w/<code>/wall")
def wall(code: str) -> str:
    """The projector view: theme, QR code, join code, live topics and vote bars."""
    workshop = _workshop_for_code(code)
    config = client_config(
        view="wall",
        join_code=workshop["join_code"],
        board_svg_url=url_for("pages.board_picture", code=workshop["join_code"]),
        board_pages_url=url_for("pages.board_pages", code=workshop["join_code"]),
    )
    return render_template(
        "wall.html", workshop=workshop, config=config, join_url=join_url(workshop["join_code"])
    )


@bp.get("/w/<code>/board.svg")
def board_picture(code: str) -> Response:
    """The board's picture for the wall's still view: what anyone in the room sees on the
    board (the same SVG as the console's download), fetched again when the board changes."""
    workshop = _workshop_for_code(code)
    view = board.board_view(get_db(), workshop["id"], str(get_locale()))
    title = f"{workshop['title']} – {gettext('Board')}"
    labels = board_labels()
    page = request.args.get("page", type=int)
    if page is not None:
        # One page of the wall's (board_pages): the last one if the board has fewer now.
        pages = board_svg.wall_pages(view, labels, title=title)
        chosen = pages[max(0, min(page, len(pages) - 1))]
        view, title = board_svg.page_view(view, chosen), chosen["title"]
    response = Response(board_svg.render(view, labels, title=title), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/w/<code>/board/pages")
def board_pages(code: str) -> Any:
    """The wall's pages of the board: the whole board when its text reads at 12 px on a
    1280x800 wall, else a page per sector, a crowded sector in parts (issue 23)."""
    workshop = _workshop_for_code(code)
    view = board.board_view(get_db(), workshop["id"], str(get_locale()))
    title = f"{workshop['title']} – {gettext('Board')}"
    pages = board_svg.wall_pages(view, board_labels(), title=title)
    response = jsonify(
        {
            "ok": True,
            "pages": [
                {"title": page["title"], "sector": page["sector"], "cards": len(page["cards"])}
                for page in pages
            ],
        }
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _participant(workshop: dict[str, Any]) -> Actor | None:
    participant_id = participants.participant_for_token(
        get_db(), workshop["id"], _participant_token(workshop["id"])
    )
    return None if participant_id is None else Actor("participant", workshop["id"], participant_id)


@bp.get("/w/<code>/board")
def board_page(code: str) -> Any:
    """The board for professionals: place, move, group and link roles around the child."""
    workshop = _workshop_for_code(code)
    if _participant(workshop) is None:
        return redirect(url_for("pages.join_page", code=workshop["join_code"]))
    config = board_config(view="phone", workshop_id=workshop["id"])
    back = url_for("pages.phone", code=workshop["join_code"])
    return render_template("board.html", workshop=workshop, config=config, back_url=back)


def _sectors(workshop_id: int, chosen: set[str] | None = None) -> list[dict[str, Any]]:
    """The catalogue for the phone flow: sector, then organisation, then role (or only `chosen`)."""
    lang = str(get_locale())
    labels = board_labels()["sectors"]
    out = []
    roles = catalog.roles_in(get_db(), workshop_id, lang)
    for sector in SECTORS:
        organisations: dict[str, list[dict[str, Any]]] = {}
        for role in roles:
            if role["sector"] == sector and (chosen is None or role["id"] in chosen):
                organisations.setdefault(role["organisation"], []).append(role)
        if organisations:
            out.append({"id": sector, "label": labels[sector], "organisations": organisations})
    return out


def _met_page(workshop: dict[str, Any], step: str, status: int = 200, **context: Any) -> Any:
    return render_template("met.html", workshop=_as_read(workshop), step=step, **context), status


@bp.get("/w/<code>/met")
def met(code: str) -> Any:
    """Step 1 for parents and young people: which of these have you met in the last year?"""
    workshop = _workshop_for_code(code)
    actor = _participant(workshop)
    if actor is None:
        return redirect(url_for("pages.join_page", code=workshop["join_code"]))
    met_before, _retold = board_answers.my_answer(get_db(), workshop["id"], actor.id)
    return _met_page(
        workshop, "met", sectors=_sectors(workshop["id"]), checked=set(met_before), error=None
    )


@bp.post("/w/<code>/met")
def met_retold(code: str) -> Any:
    """Step 2: of those, who did you have to tell your story to?"""
    workshop = _workshop_for_code(code)
    actor = _participant(workshop)
    if actor is None:
        return redirect(url_for("pages.join_page", code=workshop["join_code"]))
    offered = visible(catalog.workshop_roles(get_db(), workshop["id"]))
    chosen = {role_id for role_id in request.form.getlist("met") if role_id in offered}
    _met, retold_before = board_answers.my_answer(get_db(), workshop["id"], actor.id)
    return _met_page(
        workshop,
        "retold",
        sectors=_sectors(workshop["id"], chosen),
        chosen=sorted(chosen),
        checked=set(retold_before),
        op_id=secrets.token_urlsafe(16),
        error=None,
    )


@bp.post("/w/<code>/met/save")
def met_save(code: str) -> Any:
    """Store the answer (a second replaces the first); the room sees the new aggregates."""
    workshop = _workshop_for_code(code)
    actor = _participant(workshop)
    if actor is None:
        return redirect(url_for("pages.join_page", code=workshop["join_code"]))
    form = request.form
    data = {"roles_met": form.getlist("met")[:100], "retold": form.getlist("retold")[:100]}
    try:
        outcome = board_answers.answer_roles_met(get_db(), actor, form.get("op_id") or None, data)
    except DomainError as error:
        message = error_body(error)["error"]["message"]
        met_before, _retold = board_answers.my_answer(get_db(), workshop["id"], actor.id)
        return _met_page(
            workshop,
            "met",
            400,
            sectors=_sectors(workshop["id"]),
            checked=set(met_before),
            error=message,
        )
    notify.committed.send(outcome)
    roles = catalog.workshop_roles(get_db(), workshop["id"])
    met_now = {role_id for role_id in data["roles_met"] if role_id in roles}
    return _met_page(
        workshop,
        "done",
        titles=len(met_now),
        organisations=len({roles[role_id].organisation_sv for role_id in met_now}),
        retold=len(set(data["retold"]) & met_now),
    )


@bp.get("/qr/<code>.svg")
def qr_code(code: str) -> Response:
    """The join QR code as SVG, dark on light so every phone camera reads it."""
    workshop = _workshop_for_code(code)
    buffer = io.BytesIO()
    segno.make(join_url(workshop["join_code"]), error="m").save(
        buffer, kind="svg", scale=10, border=2, dark="#000000", light="#ffffff", xmldecl=False
    )
    response = Response(buffer.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, max-age=300"
    return response


@bp.get("/privacy")
def privacy() -> str:
    """The privacy notice in simple language, one tap from every page."""
    return render_template("privacy.html")


@bp.get("/healthz")
def health() -> dict[str, Any]:
    """For a reverse proxy or a script: the process answers."""
    return {"ok": True}


def _limits() -> dict[str, int]:
    return {
        "title": rules.TOPIC_TITLE_MAX,
        "description": rules.TOPIC_DESCRIPTION_MAX,
        "nickname": rules.NICKNAME_MAX,
        "organisation": rules.ORGANISATION_MAX,
    }


@bp.get("/w/<code>/agenda")
def agenda_wall(code: str) -> str:
    """The Open Space agenda on the projector: the grid of slots x spaces, filling live."""
    workshop = _workshop_for_code(code)
    config = client_config(view="wall", join_code=workshop["join_code"])
    return render_template(
        "agenda_wall.html",
        workshop=workshop,
        config=config,
        join_url=join_url(workshop["join_code"]),
    )


@bp.get("/w/<code>/news")
def news_wall(code: str) -> str:
    """The news wall: every session's notes, live, readable by everyone during the day."""
    workshop = _workshop_for_code(code)
    config = client_config(view="wall", join_code=workshop["join_code"])
    return render_template("news_wall.html", workshop=workshop, config=config)
