"""What any entry point tells the live room, without the web adapter importing the realtime one.

Views and the CLI send these signals; realtime/ connects the one emitter (broadcast.py) to them
in its init_app. Without realtime (a CLI command on its own) nobody listens and nothing is lost:
the screens catch up through `sync` and the head beacon.
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# sender: a committed services.runner.Outcome; its events go to the workshop's screens.
committed = _signals.signal("committed")
# sender: the sha256 of a facilitator's login token that was logged out.
login_ended = _signals.signal("login-ended")
# sender: (workshop id, user id) of someone taken off a workshop's team.
member_removed = _signals.signal("member-removed")
# sender: the id of a workshop that was deleted.
workshop_deleted = _signals.signal("workshop-deleted")
