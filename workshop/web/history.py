"""The console's short history of what the team did ("Karin hid a topic 10:42"): the words
for each kind of event in the reader's language. The entries come from services/history.py
(the console's `team.history` read, and `team.acted` as they happen)."""

from __future__ import annotations

from flask_babel import gettext, lazy_gettext

# One sentence per event type a facilitator's command logs; `%(who)s` is the member's name.
DONE: dict[str, object] = {
    "action.added": lazy_gettext("%(who)s added an action"),
    "action.edited": lazy_gettext("%(who)s changed an action"),
    "action.removed": lazy_gettext("%(who)s removed an action"),
    "announcement.sent": lazy_gettext("%(who)s sent an announcement"),
    "attendance.counted": lazy_gettext("%(who)s counted who came to a session"),
    "board.card_edited": lazy_gettext("%(who)s changed a card on the board"),
    "board.card_grouped": lazy_gettext("%(who)s grouped a card on the board"),
    "board.card_moved": lazy_gettext("%(who)s moved a card on the board"),
    "board.card_placed": lazy_gettext("%(who)s placed a card on the board"),
    "board.card_removed": lazy_gettext("%(who)s removed a card from the board"),
    "board.link_added": lazy_gettext("%(who)s linked two cards"),
    "board.link_removed": lazy_gettext("%(who)s removed a link between cards"),
    "board.locked": lazy_gettext("%(who)s locked the board"),
    "board.unlocked": lazy_gettext("%(who)s unlocked the board"),
    "catalog.imported": lazy_gettext("%(who)s imported the list of roles"),
    "catalog.organisation_added": lazy_gettext("%(who)s added an organisation"),
    "catalog.role_added": lazy_gettext("%(who)s added a role"),
    "catalog.role_hidden": lazy_gettext("%(who)s hid a role"),
    "catalog.role_renamed": lazy_gettext("%(who)s renamed a role"),
    "closing.changed": lazy_gettext("%(who)s changed the closing"),
    "decision.edited": lazy_gettext("%(who)s changed a decision"),
    "decision.recorded": lazy_gettext("%(who)s recorded a decision"),
    "decision.removed": lazy_gettext("%(who)s removed a decision"),
    "feedback.item_added": lazy_gettext("%(who)s added a line to the feedback page"),
    "feedback.item_edited": lazy_gettext("%(who)s changed a line of the feedback page"),
    "feedback.item_removed": lazy_gettext("%(who)s removed a line of the feedback page"),
    "idea.hidden": lazy_gettext("%(who)s hid an idea"),
    "idea.marked": lazy_gettext("%(who)s marked an idea"),
    "idea.posted": lazy_gettext("%(who)s posted an idea"),
    "idea.shown": lazy_gettext("%(who)s showed an idea again"),
    "input.settled": lazy_gettext("%(who)s reviewed something waiting"),
    "notes.counted": lazy_gettext("%(who)s counted a session's participants"),
    "notes.photo_added": lazy_gettext("%(who)s added a photo to a session's notes"),
    "notes.photo_removed": lazy_gettext("%(who)s removed a photo from a session's notes"),
    "notes.written": lazy_gettext("%(who)s wrote a session's notes"),
    "opening.updated": lazy_gettext("%(who)s changed the opening"),
    "participation.changed": lazy_gettext("%(who)s changed the participation level"),
    "phase.changed": lazy_gettext("%(who)s moved to another phase"),
    "question.asked": lazy_gettext("%(who)s asked a quick question"),
    "question.closed": lazy_gettext("%(who)s closed a quick question"),
    "question.word_hidden": lazy_gettext("%(who)s hid or showed a word of a quick question"),
    "round.closed": lazy_gettext("%(who)s closed a voting round"),
    "round.opened": lazy_gettext("%(who)s opened a voting round"),
    "round.revealed": lazy_gettext("%(who)s showed a round's results"),
    "session.merged": lazy_gettext("%(who)s merged two sessions"),
    "session.moved": lazy_gettext("%(who)s moved a session"),
    "session.placed": lazy_gettext("%(who)s placed a session on the agenda"),
    "session.removed": lazy_gettext("%(who)s took a session off the agenda"),
    "slot.removed": lazy_gettext("%(who)s removed a time slot"),
    "slot.saved": lazy_gettext("%(who)s saved a time slot"),
    "space.removed": lazy_gettext("%(who)s removed a space"),
    "space.saved": lazy_gettext("%(who)s saved a space"),
    "theme.created": lazy_gettext("%(who)s made a theme"),
    "theme.deleted": lazy_gettext("%(who)s deleted a theme"),
    "theme.edited": lazy_gettext("%(who)s changed a theme"),
    "theme.topic_added": lazy_gettext("%(who)s put a topic in a theme"),
    "theme.topic_removed": lazy_gettext("%(who)s took a topic out of a theme"),
    "timer.extended": lazy_gettext("%(who)s extended a countdown"),
    "timer.started": lazy_gettext("%(who)s started a countdown"),
    "timer.stopped": lazy_gettext("%(who)s stopped a countdown"),
    "topic.approved": lazy_gettext("%(who)s approved a topic"),
    "topic.deleted": lazy_gettext("%(who)s deleted a topic"),
    "topic.edited": lazy_gettext("%(who)s changed a topic"),
    "topic.hidden": lazy_gettext("%(who)s hid a topic"),
    "topic.merged": lazy_gettext("%(who)s merged two topics"),
    "topic.posted": lazy_gettext("%(who)s posted a topic"),
    "topic.unhidden": lazy_gettext("%(who)s showed a topic again"),
    "topic.unmerged": lazy_gettext("%(who)s split a merged topic"),
    "workshop.closed": lazy_gettext("%(who)s closed the workshop"),
    "workshop.reopened": lazy_gettext("%(who)s opened the workshop again"),
    "workshop.updated": lazy_gettext("%(who)s changed the workshop's settings"),
}
# Event types only a participant's command logs (joining, dots, "which have you met", input
# waiting for review): never a facilitator's action, so never in the history.
PARTICIPANTS_ONLY = frozenset(
    {
        "board.roles_met",
        "input.held",
        "participant.joined",
        "participant.updated",
        "question.answered",
        "theme.dot_added",
        "theme.dot_removed",
        "vote.cast",
        "vote.retracted",
    }
)


def history_strings() -> dict[str, str]:
    """The console's words for its history, in the page's language."""
    return {
        **{f"history_{kind}": str(text) for kind, text in DONE.items()},
        "history_other": gettext("%(who)s changed something"),
        "history_gone": gettext("Someone no longer in the team"),
        "history_heading": gettext("What the team did"),
        "history_empty": gettext("Nothing yet."),
    }
