"""Errors the rules raise; adapters turn the stable code into a translated message."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A command was refused. `code` is stable for clients; `params` fill the translated message."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


# Every code a client can receive, so the adapters and docs/protocol.md stay complete.
ERROR_CODES = (
    "bad_request",
    "too_long",
    "empty",
    "not_found",
    "forbidden",
    "not_joined",
    "workshop_closed",
    "no_open_round",
    "round_already_open",
    "over_budget",
    "over_topic_limit",
    "nothing_to_take_back",
    "not_your_topic",
    "topic_hidden",
    "too_many_topics",
    "merge_into_self",
    "rate_limited",
    "photo_too_many_pixels",
    "server_busy",
    "server_full",
    "unavailable",
    "invalid_budget",
    "invalid_code",
    "board_locked",
    "card_changed",
    "board_full",
    "link_to_self",
    "nothing_to_undo",
    "wrong_phase",
    "too_many_themes",
    "too_many_ideas",
    "no_themes",
    "not_in_round",
    "theme_in_round",
    # Deliver: action cards and decisions
    "invalid_date",
    "follow_up_before_due",
    "action_changed",
    "too_many_actions",
    "too_many_decisions",
    "bad_catalog_row",
    "bad_catalog_file",
    # The team (domain/team.py)
    "not_your_role",
    "invitation_used",
    "invitation_expired",
    "already_in_team",
    # Facilitator accounts (domain/accounts.py)
    "link_used",
    "link_expired",
    "own_account",
    "wrong_password",
    "oidc_refused",
    "catalog_full",
    # The Open Space agenda
    "bad_time",
    "slot_overlap",
    "bad_capacity",
    "agenda_full",
    "not_empty",
    "not_your_session",
    "already_placed",
    "cell_taken",
    "convener_busy",
    "bad_minutes",
    "notes_too_long",
    "window_not_open",
    "window_closed",
    "too_many_items",
    # Photos of the flip chart (domain/photos.py)
    "photo_too_large",
    "not_a_photo",
    "too_many_photos",
    "too_many_waiting",
    # Before the day and the closing circle (domain/closing.py)
    "posting_closed",
    "room_quiet",
    # A consultation's notice with "[datum]" still in it (domain/consultation.py)
    "notice_unfinished",
    # Quick questions (domain/questions.py)
    "question_already_open",
    "question_closed",
    "bad_options",
    "too_many_questions",
    # A process of several workshops (domain/process.py) and following actions up
    "already_in_process",
    "too_many_steps",
    "reason_required",
    "date_in_future",
    "nothing_to_note",
    "too_many_updates",
)
