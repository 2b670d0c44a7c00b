"""A refusal in the reader's language: every domain error code's message, and the
`{ok: false, error: {code, message}}` body the acks and the JSON API send."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext

from ..domain.errors import ERROR_CODES, DomainError

ERROR_MESSAGES: dict[str, Any] = {
    "bad_request": lazy_gettext("That request was not understood. Reload the page and try again."),
    "too_long": lazy_gettext("That text is too long: at most %(max)s characters."),
    "empty": lazy_gettext("Please write something first."),
    "not_found": lazy_gettext("That is no longer here. It may have been removed."),
    "forbidden": lazy_gettext("Only the facilitator can do that."),
    "not_joined": lazy_gettext("You have not joined this workshop. Open the join link again."),
    "workshop_closed": lazy_gettext("This workshop is closed."),
    "no_open_round": lazy_gettext("Voting is not open right now."),
    "round_already_open": lazy_gettext("A voting round is already open."),
    "over_budget": lazy_gettext("You have used all your %(budget)s dots. Take one back first."),
    "over_topic_limit": lazy_gettext("At most %(max)s dots on one topic."),
    "nothing_to_take_back": lazy_gettext("You have no dot on that topic."),
    "not_your_topic": lazy_gettext("You can only change your own topics."),
    "topic_hidden": lazy_gettext(
        "The organiser has taken this topic off the wall, so it can no longer be changed."
    ),
    "too_many_topics": lazy_gettext(
        "This workshop already has %(max)s topics, the most it can hold. Add your words to one "
        "of them instead."
    ),
    "merge_into_self": lazy_gettext("Pick two different topics to merge."),
    "rate_limited": lazy_gettext("Slow down a little, then try again."),
    "server_full": lazy_gettext("The room is full right now. Try again in a minute."),
    "server_busy": lazy_gettext("The server is busy. Your change was not saved; try again."),
    "unavailable": lazy_gettext("Something went wrong on the server. Your change was not saved."),
    "invalid_budget": lazy_gettext(
        "The budget must be 1 to 50 dots, and the cap per topic no larger than the budget."
    ),
    "invalid_code": lazy_gettext("That code does not match an open workshop. Check the letters."),
    "board_locked": lazy_gettext("The facilitator has locked the board for now."),
    "card_changed": lazy_gettext(
        "Someone else moved or changed that card just before you. The board shows their change."
    ),
    "board_full": lazy_gettext("The board already holds %(max)s cards, the most it can hold."),
    "link_to_self": lazy_gettext("Pick two different cards to link."),
    "nothing_to_undo": lazy_gettext("You have no change on the board to undo."),
    "wrong_phase": lazy_gettext("That is not part of this phase of the workshop."),
    "too_many_themes": lazy_gettext("This workshop already has %(max)s themes, the most it holds."),
    "no_themes": lazy_gettext("Make a theme first: this round is for voting on themes."),
    "not_in_round": lazy_gettext("This voting round is not about that. Look at what it is for."),
    "theme_in_round": lazy_gettext("Close the voting round on the themes first."),
    "too_many_ideas": lazy_gettext("This workshop already has %(max)s ideas, the most it holds."),
    "invalid_date": lazy_gettext("Write the date as year-month-day, for example 2027-03-15."),
    "follow_up_before_due": lazy_gettext(
        "The follow-up date cannot be before the due date. Pick a later follow-up date."
    ),
    "action_changed": lazy_gettext(
        "Someone else changed this action just before you. It now shows their version; "
        "make your change again if it is still needed."
    ),
    "too_many_actions": lazy_gettext(
        "This workshop already has %(max)s actions, the most it can hold."
    ),
    "too_many_decisions": lazy_gettext(
        "This workshop already has %(max)s decisions, the most it can hold."
    ),
    "bad_catalog_row": lazy_gettext(
        "Line %(line)s of the file, column “%(column)s”: the value is missing, too long or not "
        "allowed. Nothing was imported."
    ),
    "bad_catalog_file": lazy_gettext(
        "The file could not be read. Save it as CSV (UTF-8) and try again. Nothing was imported."
    ),
    "catalog_full": lazy_gettext("The list already holds %(max)s, the most it can hold."),
    # The team
    "not_your_role": lazy_gettext(
        "Your role in this workshop's team does not include that. Ask the owner if you need it."
    ),
    "invitation_used": lazy_gettext(
        "This invitation has already been used. Ask the workshop's owner for a new link."
    ),
    "invitation_expired": lazy_gettext(
        "This invitation has expired. Ask the workshop's owner for a new link."
    ),
    "already_in_team": lazy_gettext("You are already in this workshop's team."),
    # Facilitator accounts
    "link_used": lazy_gettext(
        "This link has already been used, or a newer one was made. Ask the admin for a new link."
    ),
    "link_expired": lazy_gettext("This link has expired. Ask the admin for a new link."),
    "own_account": lazy_gettext(
        "You cannot remove your own account: the installation needs its admin."
    ),
    "wrong_password": lazy_gettext("That is not your current password. Nothing was changed."),
    "oidc_refused": lazy_gettext(
        "The sign-in did not open an account here: the provider gave no e-mail address, or "
        "that address already has an account that is not linked to it. Ask the admin."
    ),
    # The Open Space agenda
    "bad_time": lazy_gettext(
        "Check the times: write them like 10:00 (with a date where one is asked for), and let "
        "each end after it starts."
    ),
    "slot_overlap": lazy_gettext("That time overlaps the slot %(starts)s–%(ends)s."),
    "bad_capacity": lazy_gettext("The number of places must be from 1 to %(max)s."),
    "agenda_full": lazy_gettext("The agenda already has %(max)s of those, the most it can hold."),
    "not_empty": lazy_gettext("Move the sessions out of it first."),
    "not_your_session": lazy_gettext("You can only place and move sessions of your own topics."),
    "already_placed": lazy_gettext("That topic is already on the agenda."),
    "cell_taken": lazy_gettext("Someone already took that place. Pick another one."),
    "convener_busy": lazy_gettext("You already have a session at that time. Pick another time."),
    "bad_minutes": lazy_gettext("Give a number of minutes from 1 to %(max)s."),
    "notes_too_long": lazy_gettext(
        "Someone else wrote here at the same time and both texts together are too long "
        "(at most %(max)s characters). Copy your text, shorten it and save again."
    ),
    "window_not_open": lazy_gettext(
        "You cannot take part yet. It starts %(opens)s (Swedish time). Nothing was saved."
    ),
    "window_closed": lazy_gettext(
        "The time to take part is over. It ended %(closes)s (Swedish time). Nothing was saved."
    ),
    "too_many_items": lazy_gettext("The feedback page holds at most %(max)s lines."),
    "photo_too_large": lazy_gettext(
        "The photo is too big (at most %(max)s MB). Take it again with a smaller size."
    ),
    "not_a_photo": lazy_gettext("That file is not a photo we can read. Use a JPEG or PNG picture."),
    "photo_too_many_pixels": lazy_gettext(
        "The photo has too many pixels (at most %(max)s million). "
        "Take it again with a smaller size."
    ),
    "too_many_photos": lazy_gettext("A session can have at most %(max)s photos."),
    "too_many_waiting": lazy_gettext(
        "You already have %(max)s things waiting for the organiser. Wait until they have looked."
    ),
    "posting_closed": lazy_gettext(
        "The organiser has closed posting of topics. Nothing was saved."
    ),
    "room_quiet": lazy_gettext(
        "The room is quiet now for the closing circle: nothing new can be posted. "
        "Nothing was saved."
    ),
    "notice_unfinished": lazy_gettext(
        "You cannot join yet: the person who runs this is still writing what you read first. "
        "Try again later."
    ),
    "question_already_open": lazy_gettext(
        "A quick question is already open. Close it before you ask the next one."
    ),
    "question_closed": lazy_gettext("This question is closed. Your answer was not saved."),
    "bad_options": lazy_gettext("A single choice needs %(min)s to %(max)s different options."),
    "too_many_questions": lazy_gettext("A workshop holds at most %(max)s quick questions."),
    "already_in_process": lazy_gettext("That workshop is already a step of this process."),
    "too_many_steps": lazy_gettext("A process holds at most %(max)s workshops."),
    "reason_required": lazy_gettext("Say why the action was dropped. Nothing was saved."),
    "date_in_future": lazy_gettext("That date has not come yet. Nothing was saved."),
    "nothing_to_note": lazy_gettext("Change the status or write a note first. Nothing was saved."),
    "too_many_updates": lazy_gettext("An action keeps at most %(max)s lines of history."),
}
assert set(ERROR_MESSAGES) == set(ERROR_CODES), "every error code needs a message"


def error_body(error: DomainError) -> dict[str, Any]:
    """The `{ok: false, error: {code, message}}` body in the current language."""
    params = _times_in_words(error.params)
    try:
        message = str(ERROR_MESSAGES[error.code]) % params if params else None
    except (KeyError, TypeError, ValueError):
        message = None
    if message is None:
        message = str(ERROR_MESSAGES.get(error.code, ERROR_MESSAGES["bad_request"]))
        if "%(" in message:
            message = str(ERROR_MESSAGES["bad_request"])
    return {"ok": False, "error": {"code": error.code, "message": message}}


def _times_in_words(params: dict[str, Any]) -> dict[str, Any]:
    """A window's times ("2026-12-08 18:00", Swedish local time, from the domain) written the
    reader's way: "8 december, 18:00" or "8 December, 18:00"."""
    if not any(name in params for name in ("opens", "closes")):
        return params
    from babel.dates import format_datetime
    from flask_babel import get_locale

    out = dict(params)
    for name in ("opens", "closes"):
        try:
            moment = datetime.strptime(str(params[name]), "%Y-%m-%d %H:%M")
        except (KeyError, ValueError):
            continue
        out[name] = format_datetime(moment, "d MMMM, HH:mm", locale=str(get_locale()))
    return out
