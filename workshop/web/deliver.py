"""What the Deliver screens need from the server: the catalogue's roles and organisations, the two
participation scales and the words, in the page's language (templates/_deliver_*.html)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import get_locale, gettext

from ..domain import actions as action_rules
from ..domain import decisions as decision_rules
from ..domain import participation as participation_rules
from ..domain.catalog import SECTORS, catalogue


def deliver_strings() -> dict[str, str]:
    """Texts only the Deliver scripts need (console form, phone and wall lists)."""
    return {
        "status_planned": gettext("Planned"),
        "status_started": gettext("Started"),
        "status_done": gettext("Done"),
        "status_dropped": gettext("Dropped"),
        "who": gettext("Who: %(who)s"),
        "first_step": gettext("First step: %(step)s"),
        "due": gettext("Done by %(date)s"),
        "follow_up": gettext("Follow-up %(date)s"),
        "theme": gettext("Theme: %(title)s"),
        "no_theme": gettext("No theme"),
        "decided_on": gettext("Decided %(date)s"),
        "for_action": gettext("Leads to: %(what)s"),
        "edit": gettext("Edit"),
        "remove": gettext("Remove"),
        "edit_action": gettext("Change the action"),
        "add_action": gettext("Add the action"),
        "save_action": gettext("Save the changes"),
        "editing_action": gettext("You are changing: %(what)s"),
        "action_saved": gettext("The action is saved."),
        "action_removed": gettext("The action was removed."),
        "action_followed": gettext("The form now shows the latest version."),
        "record_decision": gettext("Record the decision"),
        "save_decision": gettext("Save the changes"),
        "decision_saved": gettext("The decision is saved."),
        "decision_removed": gettext("The decision was removed."),
        "no_action_link": gettext("No action"),
        "participation_saved": gettext("Saved."),
        "promise_none": gettext("Choose a level on each scale to see what it promises."),
        "remove_action_named": gettext("Remove the action “%(what)s”"),
        "edit_action_named": gettext("Change the action “%(what)s”"),
        "remove_decision_named": gettext("Remove the decision “%(text)s”"),
        "edit_decision_named": gettext("Change the decision “%(text)s”"),
    }


def deliver_config(*, read_only: bool = False) -> dict[str, Any]:
    """Roles (id → title), organisations, both scales and the words, in the page's language;
    `read_only` (phones and the wall) only the words and the role titles a list needs."""
    lang = str(get_locale())
    roles = catalogue()
    if read_only:
        return {
            "strings": deliver_strings(),
            "roles": {role.id: role.title(lang) for role in roles.values()},
        }
    order = {sector: n for n, sector in enumerate(SECTORS)}
    by_sector = sorted(roles.values(), key=lambda role: (order[role.sector], role.title(lang)))
    return {
        "strings": deliver_strings(),
        "roles": {role.id: role.title(lang) for role in roles.values()},
        "role_options": [{"id": role.id, "title": role.title(lang)} for role in by_sector],
        "organisations": sorted({role.organisation(lang) for role in roles.values()}),
        "scales": participation_rules.scales(gettext),
        "statuses": list(action_rules.STATUSES),
        "limits": {
            "what": action_rules.WHAT_MAX,
            "step": action_rules.STEP_MAX,
            "who": action_rules.WHO_MAX,
            "decision": decision_rules.TEXT_MAX,
            "notes": participation_rules.CONSENT_NOTES_MAX,
        },
    }


def init_app(app: Flask) -> None:
    """Offer `deliver_config()` to the templates that include a Deliver partial."""
    app.jinja_env.globals["deliver_config"] = deliver_config
