"""The words the browser's screens draw themselves (the JavaScript strings) and the board's
fixed words (sectors, groups, kinds of link), in the current language."""

from __future__ import annotations

from flask_babel import get_translations, gettext

from .errors import ERROR_MESSAGES


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
        # Review before showing, for ideas, cards, notes and photos (static/js/views/review.js)
        "held_sent": gettext("Sent. The organiser reads it before it is shown."),
        "held_idea": gettext("Idea"),
        "held_card": gettext("Board card or note"),
        "held_notes": gettext("Session notes"),
        "held_photo": gettext("Photo of the flip chart"),
        "held_word": gettext("Answer to a quick question"),
        "held_photo_alt": gettext("Photo of a flip chart, waiting for your review"),
        "held_show": gettext("Show in the room"),
        "held_drop": gettext("Remove"),
        "held_shown": gettext("Shown in the room: %(kind)s."),
        "held_dropped": gettext("Removed: %(kind)s. Nobody else saw it."),
        "also": gettext("Also: %(titles)s"),
        "unmerge": gettext("Undo the merge"),
        "wall_page": gettext("%(from)s–%(to)s of %(total)s"),
        # A page of one item (the board's pages): "2 of 5", not "2–2 of 5".
        "wall_page_one": gettext("%(n)s of %(total)s"),
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
        # Photos of the flip chart (static/js/views/photos.js)
        "photo_add": gettext("Add a photo of the flip chart"),
        "photo_sending": gettext("Sending the photo …"),
        "photo_added": gettext("The photo is added."),
        "photo_remove": gettext("Remove photo"),
        "photo_removed": gettext("The photo is removed."),
        "photo_alt": gettext("Photo of the flip chart, %(n)s"),
        "photo_failed": gettext("The photo could not be sent. Try again."),
        # The opening circle (static/js/views/opening.js)
        "wall_opening": gettext("The opening circle (how today works)"),
        "opening_saved": gettext("The opening circle is saved."),
        "opening_confirm_reset": gettext(
            "Go back to the standard text in both languages? Your own words are removed."
        ),
        # Posting closed and the quiet closing circle (static/js/views/closing.js)
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
        # Quick questions (static/js/views/questions.js)
        "wall_question": gettext("The quick question and its answers"),
        "q_answered": _plural("%(n)s has answered.", "%(n)s have answered."),
        "q_sealed_note": gettext("The answers are shown when the question closes."),
        "q_closed": gettext("Closed."),
        "q_none": gettext("No quick question yet."),
        "q_no_answers": gettext("No answers yet."),
        "q_number": gettext("Question %(n)s"),
        "q_median": gettext("Median: %(m)s"),
        "q_scale_low": gettext("1 = not at all"),
        "q_scale_high": gettext("5 = completely"),
        "q_your_answer": gettext(
            "Your answer: %(answer)s. You can change it until the question closes."
        ),
        "q_your_answer_closed": gettext("Your answer: %(answer)s."),
        "q_saved": gettext("Your answer is saved."),
        "q_asked": gettext("The question is asked: phones show it now."),
        "q_hide": gettext("Hide"),
        "q_show": gettext("Show again"),
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


def phase_strings() -> dict[str, str | list[str]]:
    """The double diamond's texts for views/phases/index.js (every screen): short, plain words."""
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
