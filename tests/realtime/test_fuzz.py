"""Fuzzing every client event: no payload crashes a handler, changes state, or gets a 5xx-like
answer. At least 300 payloads per event (QUALITY.md)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import (
    ack,
    joined_client,
    logged_in_client,
    make_facilitator,
    make_workshop,
    socket_for,
)
from workshop.domain.errors import ERROR_CODES
from workshop.realtime import handlers  # noqa: F401  (registers every event into COMMANDS)
from workshop.realtime.commands import COMMANDS
from workshop.realtime.quota import quota

# 300 payloads for each of some 90 events (and 150 requests per API operation) take minutes:
# CI runs them, the fast loop of daily work does not.
pytestmark = pytest.mark.slow

EXAMPLES = 300

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=50),
    st.text(alphabet=st.sampled_from("\x00\u202e<>\"'`$%{}"), max_size=20),
    st.just("x" * 5000),
    st.just(float("nan")),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
keys = st.sampled_from(
    [
        "op_id",
        "topic_id",
        "title",
        "description",
        "hidden",
        "source_id",
        "target_id",
        "since",
        "budget",
        "max_per_topic",
        "language",
        "theme",
        "dot_budget",
        "nickname",
        "group",
        "organisation",
        "role_id",
        "card_id",
        "version",
        "x",
        "y",
        "sector",
        "kind",
        "link_id",
        "locked",
        "phase",
        "theme_id",
        "statement",
        "initiator",
        "idea_id",
        "text",
        "low_hanging",
        "scope",
        # Deliver
        "what",
        "who",
        "first_step",
        "due",
        "follow_up",
        "status",
        "theme_id",
        "action_id",
        "decision_id",
        "text",
        "decided_on",
        "shier",
        "trappa",
        "anonymity",
        "consent_notes",
        "text",
        "title_sv",
        "title_en",
        "organisation_sv",
        "name_sv",
        "extra",
        "",
    ]
)
payloads = st.one_of(values, st.dictionaries(keys, values, max_size=6))


def last_seq(log: sqlite3.Connection) -> int:
    """The sum of every workshop's event-log head, as committed in the database file.

    Read on a plain sqlite3 connection of its own in autocommit mode, so each read sees the
    latest commit: through the app's SQLAlchemy session a read cost about 0.6 ms, more than
    most refused commands do, and each payload reads it twice.
    """
    return log.execute("select coalesce(sum(last_seq), 0) from workshops").fetchone()[0]


@pytest.fixture(scope="module")
def fuzz_room(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One app for the whole module, so hypothesis can run hundreds of payloads quickly."""
    from workshop import create_app
    from workshop.cli import upgrade_database

    path = tmp_path_factory.mktemp("fuzz")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WORKSHOP_INSTANCE_PATH", str(path))
        room = _fuzz_room(create_app, upgrade_database, path)
        room["log"] = sqlite3.connect(path / "fuzz.sqlite3", isolation_level=None)
        try:
            yield room
        finally:
            room["log"].close()


def _fuzz_room(create_app: Any, upgrade_database: Any, path: Any) -> dict[str, Any]:
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{path / 'fuzz.sqlite3'}",
            "WTF_CSRF_ENABLED": False,
            "BROADCAST_COALESCE_MAX_SECONDS": 0,
            "HEAD_INTERVAL_SECONDS": 0,
            "QUOTA_OTHER_PER_MIN": 10**9,
            "QUOTA_VOTES_PER_MIN": 10**9,
            "QUOTA_TOPICS_PER_MIN": 10**9,
            # The fuzz checks what the payload rules refuse, not the volume a phone may send.
            "TEXT_BYTES_PER_MIN": 10**12,
            "TEXT_BYTES_PER_MIN_PER_ADDRESS": 10**12,
        }
    )
    upgrade_database(app.config["DATABASE_URL"])
    owner = make_facilitator(app)
    workshop = make_workshop(app, owner)
    quota.reset()
    return {
        "app": app,
        "console": socket_for(
            app, logged_in_client(app), view="console", workshop_id=workshop["id"]
        ),
        "phone": socket_for(
            app, joined_client(app, workshop["join_code"]), view="phone", workshop_id=workshop["id"]
        ),
    }


def test_the_fuzz_covers_every_event() -> None:
    """An empty list would make the fuzz below pass by running nothing."""
    assert len(COMMANDS) >= 15 and "vote.add" in COMMANDS


@pytest.mark.parametrize("event", sorted(COMMANDS))
def test_no_payload_breaks_an_event(
    fuzz_room: dict[str, Any], event: str, caplog: pytest.LogCaptureFixture
) -> None:
    sender = fuzz_room["console" if COMMANDS[event].roles == {"facilitator"} else "phone"]
    count = 0

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(payload=payloads)
    def one(payload: Any) -> None:
        nonlocal count
        count += 1
        before = last_seq(fuzz_room["log"])
        answer = ack(sender, event, payload)
        assert isinstance(answer, dict) and isinstance(answer.get("ok"), bool), answer
        if not answer["ok"]:
            assert answer["error"]["code"] in ERROR_CODES
            assert answer["error"]["code"] != "unavailable", (payload, answer)
            assert isinstance(answer["error"]["message"], str) and answer["error"]["message"]
            assert last_seq(fuzz_room["log"]) == before, payload
        sender.get_received()

    with caplog.at_level(logging.ERROR, logger="workshop"):
        one()
    print(f"\n{event}: {count} payloads")
    assert count >= EXAMPLES
    assert [r for r in caplog.records if r.name.startswith("workshop")] == []
