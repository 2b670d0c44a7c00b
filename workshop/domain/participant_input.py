"""What a participant may put into the room right now: one rule for every kind of input.

A consultation's window and the coordinator's switches (the quiet room, closed topic posting)
used to be asked feature by feature, so two days after a consultation closed it still took
theme dots, ideas, board cards and notes, session notes and photos: only topics and topic dots
asked. Now every command that takes a participant's input declares its kind on the command
skeleton (`services/runner.workshop_command(takes_input=...)`), and the skeleton asks this one
rule before the command's body runs; the facilitator is never held back by it.
"""

from __future__ import annotations

from datetime import datetime

from . import closing
from .consultation import check_window

# "dot": a dot on a topic or a theme; "answer": a family's "which have you met" on the board.
KINDS = ("topic", "idea", "notes", "board", "dot", "answer")


def check_input(
    kind: str,
    *,
    role: str,
    now: datetime,
    opens: datetime | None,
    closes: datetime | None,
    posting_closed: bool,
    quiet: bool,
) -> None:
    """Refuse a participant's input outside the window, or new words while the room is quiet.

    Dots and a family's answers are not words on the wall: a quiet closing circle may still hold
    its final round.
    """
    if kind not in KINDS:
        raise ValueError(kind)
    if role != "participant":
        return
    check_window(now, opens, closes)
    if kind in closing.KINDS:
        closing.check_may_post(kind, role=role, posting_closed=posting_closed, quiet=quiet)
