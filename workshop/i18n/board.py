"""The board's fixed words in the current language (sectors, groups, kinds of link, the
families' figures) for the picture, the wall and the reports, and the board page's own words."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext

from .screens import _agenda_strings, _plural


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
