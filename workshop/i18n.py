"""Language choice and the translated texts shared by pages, acks and JavaScript."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from babel.support import NullTranslations, Translations
from flask import Flask, current_app, g, has_request_context, request
from flask_babel import Domain, get_locale, get_translations, gettext, lazy_gettext

from .catalogues import with_easy_read
from .domain.errors import ERROR_CODES, DomainError

LANG_COOKIE = "lang"
# Easy-read Swedish (lättläst) is a choice remembered beside the language, not a locale: dates
# and numbers stay Swedish (Babel knows no "sv_easy" locale), and only the texts change.
EASY_COOKIE = "easy"


def easy_read() -> bool:
    """True when the reader chose easy-read Swedish (?easy=1, then the cookie). A socket event
    runs in a copy of its handshake's request, so its acks follow the cookie too."""
    if not has_request_context():
        return False
    chosen = request.args.get("easy")
    if chosen in ("0", "1"):
        return chosen == "1"
    return request.cookies.get(EASY_COOKIE) == "1"


class EasyReadDomain(Domain):
    """Flask-Babel's domain, with the easy-read overrides laid over the Swedish catalogue when
    the reader chose Lättläst. Every gettext path (templates, gettext, lazy_gettext, the
    JavaScript strings, error acks) goes through get_translations, so none can miss it."""

    def get_translations(self) -> Translations | NullTranslations:
        """The ordinary catalogue, or in easy-read Swedish a merged copy cached beside it."""
        ordinary = super().get_translations()
        locale = get_locale()
        if locale is None or locale.language != "sv" or not easy_read():
            return ordinary
        key = (f"{locale}+easy", self.domain[0])
        merged = self.cache.get(key)
        if merged is None:
            merged = with_easy_read(ordinary)
            self.cache[key] = merged
        return merged


def reading_mode(lang: str) -> str:
    """ "sv", "sv_easy" or "en": which of a consultation's texts this reader gets."""
    return "sv_easy" if lang == "sv" and easy_read() else lang


def select_locale() -> str:
    """Explicit choice (?lang= or cookie) first, then the workshop's language, then the browser."""
    languages = current_app.config["LANGUAGES"]
    for candidate in (
        g.get("socket_lang"),
        request.args.get("lang"),
        request.cookies.get(LANG_COOKIE),
        g.get("workshop_language"),
    ):
        if candidate in languages:
            return candidate
    return (
        request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


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


def _plural(singular: str, plural: str) -> list[str]:
    """Both forms in the current language, [one, other], for the browser to pick by n (Swedish
    and English have these two)."""
    translations = get_translations()
    return [translations.ngettext(singular, plural, 1), translations.ngettext(singular, plural, 2)]


def _agenda_strings() -> dict[str, str | list[str]]:
    """The Open Space agenda's words, for the phone, the console and the walls."""
    return {
        "agenda_saved": gettext("Saved on the agenda."),
        "agenda_counts": gettext("%(going)s going · %(here)s here now"),
        "agenda_move": gettext("Move"),
        "agenda_move_named": gettext("Move “%(title)s”"),
        "agenda_move_to": gettext("Move “%(title)s” to"),
        "agenda_moved": gettext("Session moved."),
        "agenda_no_free": gettext("There is no free place. Add a time slot or a space."),
        "agenda_merge": gettext("Merge"),
        "agenda_merge_named": gettext("Merge “%(title)s” with another session"),
        "agenda_merge_into": gettext("Merge “%(title)s” into"),
        "agenda_no_other": gettext("There is no other session to merge with."),
        "agenda_unplace": gettext("Take off the agenda"),
        "agenda_unplace_named": gettext("Take off the agenda: “%(title)s”"),
        "agenda_free": gettext("Free"),
        "agenda_time": gettext("Time"),
        "agenda_places": _plural("%(n)s place", "%(n)s places"),
        "agenda_remove": gettext("Remove"),
        "agenda_remove_named": gettext("Remove %(name)s"),
        "agenda_caption": gettext("The agenda: times down, spaces across"),
        "clash_convener_twice": gettext("The same person hosts two sessions at once: %(titles)s"),
        "clash_cell_twice": gettext("Two sessions in one place at the same time: %(titles)s"),
        "clash_over_capacity": gettext(
            "“%(title)s” has %(n)s people but %(space)s has %(capacity)s places"
        ),
        "agenda_where_places": _plural("%(space)s (%(n)s place)", "%(space)s (%(n)s places)"),
        "agenda_yours": gettext("You host this talk"),
        "agenda_going": gettext("I'm going"),
        "agenda_going_named": gettext("I'm going to “%(title)s”"),
        "agenda_going_done": gettext("Added to your day."),
        "agenda_not_going_done": gettext("Taken out of your day."),
        "agenda_here": gettext("I'm here"),
        "agenda_here_named": gettext("I'm here, at “%(title)s”"),
        "agenda_here_done": gettext("You are at “%(title)s”."),
        "agenda_left": gettext("You left the talk."),
        "agenda_place_named": gettext("Where do you want to talk about “%(title)s”?"),
        "agenda_place_here": gettext("Put it here"),
        "agenda_placed": gettext("Your talk is on the agenda."),
        "agenda_nothing_yet": gettext("Nothing here yet."),
        "agenda_page": gettext("Page %(n)s of %(total)s"),
        "announcement": gettext("From the organiser:"),
        "timer_left": gettext("%(slot)s: %(time)s left"),
        "timer_paused": gettext("%(slot)s: paused, %(time)s left"),
        "timer_over": gettext("%(slot)s: time is up"),
        "timer_minutes": gettext("Minutes"),
        "timer_start": gettext("Start"),
        "timer_stop": gettext("Stop"),
        "timer_plus5": gettext("+5 min"),
        "timer_stopped": gettext("stopped"),
        "notes_pick": gettext("Pick a talk"),
        "notes_saved": gettext("The notes are saved."),
        "notes_conflict": gettext(
            "Someone else saved this at the same time. Both texts are kept, one after the "
            "other: read it through and tidy it up if you like."
        ),
        "notes_convened_by": gettext("Hosted by %(name)s"),
        "notes_discussion": gettext("What we talked about"),
        "notes_recommendations": gettext("What we recommend"),
        "notes_next_steps": gettext("Next steps"),
        "notes_count_young": gettext("Young people"),
        "notes_count_parent": gettext("Parents"),
        "notes_count_kommun": gettext("Municipality"),
        "notes_count_region": gettext("Region"),
        "notes_count_stat": gettext("State agencies"),
        "notes_count_civil": gettext("Civil society"),
        "notes_count_other": gettext("Others"),
    }


def js_strings() -> dict[str, str | list[str]]:
    """Texts the browser needs, translated on the server and handed over with |tojson."""
    return {
        **phase_strings(),
        "offline": gettext("Offline: your changes are kept and sent when you are back."),
        "online": gettext("Connected"),
        "reconnecting": gettext("Reconnecting…"),
        "retrying": gettext("The server closed the connection. Trying again in a moment…"),
        "server_full": gettext(
            "The room is full right now. Your phone tries again by itself in a moment. "
            "You can also ask the person who runs the workshop."
        ),
        "restarting": gettext("The server is restarting. Hold on, we reconnect by ourselves."),
        "topic_posted": gettext("New topic: %(title)s"),
        "feedback_news": gettext("News: see what we do with what you said"),
        "window_over": gettext("Taking part closed on %(closes)s. Thank you!"),
        "window_until": gettext("You can take part until %(closes)s, from home too."),
        "window_from": gettext("You can take part from %(opens)s."),
        "topic_saved": gettext("Your topic is posted."),
        "vote_cast": gettext("Dot placed."),
        "vote_retracted": gettext("Dot taken back."),
        "round_opened": gettext("Voting is open: you have %(budget)s dots."),
        "round_closed": gettext("Voting is closed."),
        "wall_round_open": gettext(
            "Voting is open: %(budget)s dots each, at most %(max)s on one topic."
        ),
        "dots_left": gettext("Dots left: %(n)s"),
        "your_dots": gettext("Your dots: %(n)s"),
        "dots": _plural("%(n)s dot", "%(n)s dots"),
        "add_dot": gettext("Add a dot to %(title)s"),
        "remove_dot": gettext("Take a dot back from %(title)s"),
        "edit": gettext("Edit"),
        "delete": gettext("Delete"),
        "save": gettext("Save"),
        "cancel": gettext("Cancel"),
        "hide": gettext("Hide"),
        "show": gettext("Show"),
        "merge": gettext("Merge into…"),
        "merge_pick": gettext("Merge “%(title)s” into which topic?"),
        "confirm_delete": gettext("Delete this topic?"),
        "hidden": gettext("Hidden"),
        "yours": gettext("Yours"),
        "rank": gettext("Rank %(rank)s"),
        "tie": gettext("tie"),
        "participants": gettext("%(n)s joined"),
        "pending": gettext("Waiting to send…"),
        "workshop_closed": gettext("This workshop is closed. Thank you!"),
        "workshop_deleted": gettext("This workshop has been removed."),
        "group_young": gettext("Young person"),
        "group_parent": gettext("Parent"),
        "group_professional": gettext("Professional"),
        "group_unspecified": gettext("Not given"),
        "chars_left": gettext("%(n)s characters left"),
        "description": gettext("Description"),
        "write_first": str(ERROR_MESSAGES["empty"]),
        "merge_none": gettext("Pick a topic"),
        "open_workshop": gettext("Open the workshop again"),
        "close_workshop": gettext("Close the workshop"),
        "saved": gettext("Saved."),
        "no_round": gettext("No voting round yet."),
        "round_open_status": gettext(
            "Round %(n)s is open: %(budget)s dots, at most %(max)s per topic."
        ),
        "round_closed_status": gettext("Round %(n)s is closed."),
        "votes_hidden_note": gettext("Totals are shown when voting closes."),
        "votes_live_note": gettext("This round shows the totals live."),
        "removed_topic": gettext("(a topic no longer shown)"),
        "dots_returned_hidden": gettext(
            "The organiser took a topic off the wall, so %(n)s of your dots came back."
        ),
        "dots_returned_merged": _plural(
            "Two topics were merged and one topic holds only so many of your dots, so %(n)s dot "
            "came back.",
            "Two topics were merged and one topic holds only so many of your dots, so %(n)s dots "
            "came back.",
        ),
        "dots_returned_deleted": gettext("A topic was deleted, so %(n)s of your dots came back."),
        "turnout": gettext("Have placed dots: %(n)s of %(total)s · Dots placed: %(dots)s"),
        "wall_past_result": gettext("The result of round %(n)s"),
        "wall_sealed": gettext("The totals are shown when voting closes."),
        "wall_live": gettext("The totals are shown live."),
        "round_n": gettext("Round %(n)s"),
        "console_sealed": gettext(
            "Sealed: phones and the wall see how many have voted, not the totals."
        ),
        "console_live": gettext("Live: everyone sees the totals."),
        "console_turnout": gettext(
            "%(n)s of %(total)s have placed dots · %(dots)s dots placed · %(left)s dots left in "
            "the room"
        ),
        "wall_auto": gettext("Automatic: what the phase needs (topics, round, themes, actions)"),
        "wall_marketplace": gettext("The marketplace (all topics)"),
        "wall_round": gettext("The current round"),
        "wall_results": gettext("The result of round %(n)s"),
        "wall_board": gettext("The board (the 50 titles), as a picture"),
        "review_on": gettext("Review before showing is on. Waiting for you: %(n)s"),
        "waiting": gettext("Waiting for review"),
        "approve": gettext("Approve"),
        # Review before showing, for ideas, cards, notes and photos (static/js/review_ui.js)
        "held_sent": gettext("Sent. The organiser reads it before it is shown."),
        "held_idea": gettext("Idea"),
        "held_card": gettext("Board card or note"),
        "held_notes": gettext("Session notes"),
        "held_photo": gettext("Photo of the flip chart"),
        "held_photo_alt": gettext("Photo of a flip chart, waiting for your review"),
        "held_show": gettext("Show in the room"),
        "held_drop": gettext("Remove"),
        "held_shown": gettext("Shown in the room: %(kind)s."),
        "held_dropped": gettext("Removed: %(kind)s. Nobody else saw it."),
        "also": gettext("Also: %(titles)s"),
        "unmerge": gettext("Undo the merge"),
        "wall_page": gettext("%(from)s–%(to)s of %(total)s"),
        "wall_more": _plural("and %(n)s more", "and %(n)s more"),
        "new_topics": _plural("%(n)s new topic", "%(n)s new topics"),
        "filter_count": gettext("Showing %(n)s of %(total)s"),
        "no_my_dots": gettext("You have not put dots on any topic yet."),
        "actions": gettext("Actions"),
        "actions_for": gettext("for “%(title)s”"),
        "taken_off": gettext(
            "The organiser has taken %(n)s of your topics off the wall. That can happen when a "
            "post names someone or does not fit the question. You can write a new one."
        ),
        "met_by": gettext("met by %(n)s"),
        # The Open Space agenda
        **_agenda_strings(),
        # Photos of the flip chart (static/js/photos_ui.js)
        "photo_add": gettext("Add a photo of the flip chart"),
        "photo_sending": gettext("Sending the photo …"),
        "photo_added": gettext("The photo is added."),
        "photo_remove": gettext("Remove photo"),
        "photo_removed": gettext("The photo is removed."),
        "photo_alt": gettext("Photo of the flip chart, %(n)s"),
        "photo_failed": gettext("The photo could not be sent. Try again."),
        # The opening circle (static/js/opening_ui.js)
        "wall_opening": gettext("The opening circle (how today works)"),
        "opening_saved": gettext("The opening circle is saved."),
        "opening_confirm_reset": gettext(
            "Go back to the standard text in both languages? Your own words are removed."
        ),
        # Posting closed and the quiet closing circle (static/js/closing_ui.js)
        "closing_posting_phone": gettext(
            "Posting topics is closed now. You can still read, vote and write notes."
        ),
        "closing_quiet_phone": gettext(
            "The room is quiet for the closing circle. Nothing new can be posted now."
        ),
        "closing_close_posting": gettext("Close topic posting"),
        "closing_open_posting": gettext("Open topic posting again"),
        "closing_make_quiet": gettext("Make the room quiet"),
        "closing_end_quiet": gettext("End the quiet"),
        "closing_posting_is_open": gettext("Topic posting is open."),
        "closing_posting_is_closed": gettext("Topic posting is closed."),
        "closing_room_is_quiet": gettext("The room is quiet: nothing new is posted."),
        "closing_going": _plural("%(n)s going", "%(n)s going"),
        "closing_talks": _plural("%(n)s talk", "%(n)s talks"),
        "closing_with_notes": _plural("%(n)s with notes", "%(n)s with notes"),
        # The console's parts of the day, its slots and spaces, taking a session off the agenda
        "rail_now": gettext("(now)"),
        "console_board_figures": gettext(
            "On the board: %(cards)s cards, %(links)s links, %(answers)s answers."
        ),
        "setup_slot_starts": gettext("Starts"),
        "setup_slot_ends": gettext("Ends"),
        "setup_space_name": gettext("Name"),
        "setup_space_places": gettext("Places"),
        "setup_save_named": gettext("Save %(name)s"),
        "agenda_unplace_ask": gettext(
            "Take “%(title)s” off the agenda? Its notes and everyone's “I'm going” go with it."
        ),
        "agenda_unplace_yes": gettext("Yes, take it off"),
        "agenda_unplace_keep": gettext("Keep it"),
        "agenda_unplaced": gettext("“%(title)s” is off the agenda."),
        "theme_edit": gettext("Change the theme"),
    }


def board_labels() -> dict[str, Any]:
    """The board's fixed words in the current language: sectors, groups, kinds of link."""
    return {
        "centre": gettext("The child and family"),
        "sectors": {
            "kommun": gettext("Municipality"),
            "region": gettext("Region"),
            "stat": gettext("State agencies"),
            "civil": gettext("Civil society"),
        },
        "groups": {
            "elevhalsa": gettext("Pupil health team (elevhälsa)"),
            "familjecentral": gettext("Family centre"),
            "sip": gettext("SIP, coordinated individual plan"),
            "sspf": gettext("SSPF: school, social services, police, leisure"),
            "barnahus": gettext("Barnahus"),
            "kaa": gettext("KAA, activity responsibility 16–20"),
        },
        "links": {
            "works_with": gettext("works with"),
            "refers_to": gettext("refers to"),
            "double_work": gettext("double work"),
            "between_chairs": gettext("falls between the chairs"),
        },
        "met_by": gettext("met by %(n)s"),
        # The picture's headline: the same figures as the wall's (issue 23)
        "met_titles": gettext("Titles met per family"),
        "met_organisations": gettext("Organisations involved per family"),
        "met_retold": gettext("Told their story again, per family"),
        "met_median_range": gettext("median %(median)s (from %(low)s to %(high)s)"),
        "met_answers": gettext("%(n)s answers"),
        "met_organisations_total": gettext("%(n)s organisations in all"),
        "met_retold_total": gettext("%(n)s times in all"),
        # The Open Space agenda (the same words as the phone and console get)
        **_agenda_strings(),
    }


def phase_strings() -> dict[str, str | list[str]]:
    """The double diamond's texts for phases_ui.js (every screen): short, plain words."""
    return {
        "phase_discover": gettext("Discover"),
        "phase_define": gettext("Define"),
        "phase_develop": gettext("Develop"),
        "phase_deliver": gettext("Deliver"),
        "phase_discover_what": gettext(
            "We collect what matters to you. Post topics and vote with dots."
        ),
        "phase_define_what": gettext("We put the topics into themes and choose what matters most."),
        "phase_develop_what": gettext(
            "Share ideas for the themes. Small ideas that can start at once are welcome."
        ),
        "phase_deliver_what": gettext("We decide what happens next and who does it."),
        "theme_from_topics": gettext("From the topics:"),
        "ideas": gettext("Ideas"),
        "theme_title": gettext("Theme"),
        "theme_statement": gettext("Problem statement"),
        "theme_statement_hint": gettext("How might we …?"),
        "theme_initiator": gettext("Initiator"),
        "theme_initiator_hint": gettext(
            "A role or an organisation that takes it further, for example “Rektor, "
            "Norrskolan”. Write a name only if the person agrees."
        ),
        "theme_initiator_is": gettext("Initiator: %(who)s"),
        "theme_delete": gettext("Delete theme"),
        "theme_confirm_delete": gettext(
            "Delete this theme? Its topics stay; its ideas are deleted."
        ),
        "theme_take_out": gettext("Take out"),
        "theme_put": gettext("Put in theme"),
        "theme_for": gettext("Theme for “%(title)s”"),
        "theme_none": gettext("No theme"),
        "idea_label": gettext("Your idea"),
        "idea_post": gettext("Post idea"),
        "fruit": gettext("Low-hanging fruit"),
        "fruit_mark": gettext("Low-hanging fruit"),
        "theme_rank": _plural("Place %(rank)s · %(n)s dot", "Place %(rank)s · %(n)s dots"),
    }


def board_labels_in(language: str) -> dict[str, Any]:
    """The board's fixed words in a given language: a report is in its workshop's language,
    whatever language the coordinator's browser or the command line uses."""
    from flask_babel import force_locale

    with force_locale(language):
        return board_labels()


def board_strings() -> dict[str, str]:
    """Texts only the board page's script needs."""
    return {
        "card_label": gettext(
            "%(title)s, %(sector)s. Met by %(n)s. Arrow keys move it, Enter selects it, "
            "Delete takes it off."
        ),
        "card_placed": gettext("%(title)s is on the board."),
        "card_moved": gettext("%(title)s moved."),
        "card_removed": gettext("%(title)s was taken off the board."),
        "card_changed": gettext("Someone else moved that card first; it is where they put it."),
        "link_added": gettext("Linked: %(source)s %(kind)s %(target)s."),
        "link_text": gettext("%(source)s %(kind)s %(target)s"),
        "undone": gettext("Your last change was undone."),
        "not_undone": gettext(
            "Someone else has changed that card since, so your change was not undone."
        ),
        "locked": gettext("The board is locked: only the facilitator can change it."),
        "unlocked": gettext("The board is open for changes."),
        "lock": gettext("Lock the board"),
        "unlock": gettext("Unlock the board"),
        "restored_none": gettext("No card was taken off by a participant in the last 15 minutes."),
        "restored": _plural(
            "%(n)s card that participants took off in the last 15 minutes is back.",
            "%(n)s cards that participants took off in the last 15 minutes are back.",
        ),
        "no_group": gettext("No group"),
        "no_card": gettext("No card selected. Click a card, or Tab to it and press Enter."),
        "pick_card": gettext("Pick a card"),
        "on_board": gettext("(on the board)"),
        "own_sector": gettext("In its own sector"),
        "cards_count": gettext("%(n)s cards, %(links)s links"),
        "selected": gettext("Selected: %(title)s"),
        "group_saved": gettext("%(title)s: %(group)s."),
        "note_label": gettext(
            "Note: %(title)s. Arrow keys move it, Enter selects it, Delete takes it off."
        ),
        "text_label": gettext(
            "%(title)s, written in. Arrow keys move it, Enter selects it, Delete takes it off."
        ),
        "kind_note": gettext("A note"),
        "kind_text": gettext("A person, in someone's own words"),
        "zoom_level": gettext("Zoom: %(n)s percent"),
        "role_hidden_mark": gettext("(hidden)"),
        "role_hide": gettext("Hide from the lists"),
        "role_show": gettext("Show in the lists again"),
        "role_added": gettext("Added: %(title)s"),
        "role_renamed": gettext("Renamed: %(title)s"),
        "role_hidden": gettext("%(title)s is hidden from the lists."),
        "role_shown": gettext("%(title)s is in the lists again."),
        "organisation_added": gettext("Organisation added: %(name)s"),
        "words_saved": gettext("Saved: %(title)s"),
    }


def init_app(app: Flask) -> None:
    """Hook the locale selector in and remember an explicit ?lang= choice in a cookie."""
    from .extensions import babel

    babel.init_app(app, locale_selector=select_locale)
    # Flask-Babel builds its default domain lazily (a cached property): put ours there so every
    # request, socket event and template uses it.
    babel.domain_instance = EasyReadDomain(domain=app.config.get("BABEL_DOMAIN", "messages"))

    @app.context_processor
    def language_context() -> dict[str, Any]:
        from flask_babel import get_locale

        lang = str(get_locale())
        return {
            "current_lang": lang,
            "languages": app.config["LANGUAGES"],
            "reading_mode": reading_mode(lang),
        }

    @app.after_request
    def remember_language(response: Any) -> Any:
        chosen = request.args.get("lang")
        if chosen in app.config["LANGUAGES"] and chosen != request.cookies.get(LANG_COOKIE):
            response.set_cookie(
                LANG_COOKIE,
                chosen,
                max_age=60 * 60 * 24 * 365,
                samesite="Lax",
                secure=app.config["SESSION_COOKIE_SECURE"],
                httponly=True,
            )
        easy = request.args.get("easy")
        if easy in ("0", "1") and easy != request.cookies.get(EASY_COOKIE, "0"):
            response.set_cookie(
                EASY_COOKIE,
                easy,
                max_age=60 * 60 * 24 * 365,
                samesite="Lax",
                secure=app.config["SESSION_COOKIE_SECURE"],
                httponly=True,
            )
        return response
