"""Commands through the service layer, on a real database (the replay check is test_registry.py)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from tests.conftest import PASSWORD, make_facilitator
from tests.support.refusals import refused
from tests.support.rooms import Room, build_room
from workshop.domain import rules
from workshop.domain.actors import Actor
from workshop.services import accounts, participants, sync, topics, voting, workshops
from workshop.store.models import Event, LoginSession, Topic, Vote, utcnow


@pytest.fixture
def room(app: Any, db: Any) -> Room:
    return build_room(app, db, people=[{"nickname": "A", "group": "young"}, {"group": "parent"}])


def post(db: Any, actor: Actor, title: str, op: str | None = None) -> int:
    return topics.post_topic(db, actor, op, {"title": title}).result["topic"]["id"]


def test_the_budget_and_the_cap_hold(db: Any, room: Room) -> None:
    wid, fac, a = room.wid, room.fac, room.people[0]
    topics = [post(db, fac, f"T{i}") for i in range(3)]
    voting.open_round(db, fac, None, {"budget": 4, "max_per_topic": 2})
    for topic in (topics[0], topics[0]):
        voting.add_vote(db, a, None, {"topic_id": topic})
    with refused("over_topic_limit"):
        voting.add_vote(db, a, None, {"topic_id": topics[0]})
    voting.add_vote(db, a, None, {"topic_id": topics[1]})
    last = voting.add_vote(db, a, None, {"topic_id": topics[2]})
    assert last.result["dots_left"] == 0
    with refused("over_budget"):
        voting.add_vote(db, a, None, {"topic_id": topics[1]})
    assert participants.me(db, wid, a.id)["dots_left"] == 0


def test_votes_only_in_an_open_round_and_only_by_participants(db: Any, room: Room) -> None:
    fac, a = room.fac, room.people[0]
    topic = post(db, fac, "T")
    with refused("no_open_round"):
        voting.add_vote(db, a, None, {"topic_id": topic})
    voting.open_round(db, fac, None, {})
    with refused("forbidden"):
        voting.add_vote(db, fac, None, {"topic_id": topic})
    with refused("round_already_open"):
        voting.open_round(db, fac, None, {})
    voting.close_round(db, fac, None, {})
    with refused("no_open_round"):
        voting.add_vote(db, a, None, {"topic_id": topic})
    # The round is closed, not open without her dot: nothing is open to take a dot back from.
    with refused("no_open_round"):
        voting.remove_vote(db, a, None, {"topic_id": topic})


def test_nobody_changes_another_person_s_topic(db: Any, room: Room) -> None:
    fac, a, b = room.fac, room.people[0], room.people[1]
    topic = post(db, a, "Mine")
    for command in (topics.edit_topic, topics.delete_topic):
        with refused("not_your_topic"):
            command(db, b, None, {"topic_id": topic, "title": "Hijacked"})
    topics.edit_topic(db, fac, None, {"topic_id": topic, "title": "Fixed typo"})
    for command in (topics.set_topic_hidden, topics.merge_topics):
        with refused("forbidden"):
            command(db, a, None, {"topic_id": topic, "hidden": True})


def test_merge_moves_dots_up_to_the_cap_and_returns_the_rest(db: Any, room: Room) -> None:
    wid, fac, a = room.wid, room.fac, room.people[0]
    source, target = post(db, fac, "Dup"), post(db, fac, "Original")
    voting.open_round(db, fac, None, {"budget": 5, "max_per_topic": 3})
    for topic in (source, source, target, target):
        voting.add_vote(db, a, None, {"topic_id": topic})
    outcome = topics.merge_topics(db, fac, None, {"source_id": source, "target_id": target})
    assert outcome.events[-1]["payload"]["tally"] == {str(target): 3}
    mine = participants.me(db, wid, a.id)
    assert mine["votes"] == {str(target): 3} and mine["dots_left"] == 2
    with refused("merge_into_self"):
        topics.merge_topics(db, fac, None, {"source_id": target, "target_id": target})


def test_hiding_or_deleting_gives_the_dots_back(db: Any, room: Room) -> None:
    wid, fac, a = room.wid, room.fac, room.people[0]
    hidden, deleted = post(db, fac, "Off topic"), post(db, a, "Oops")
    voting.open_round(db, fac, None, {"budget": 5, "max_per_topic": 3})
    voting.add_vote(db, a, None, {"topic_id": hidden})
    voting.add_vote(db, a, None, {"topic_id": deleted})
    topics.set_topic_hidden(db, fac, None, {"topic_id": hidden, "hidden": True})
    with refused("not_found"):
        voting.add_vote(db, a, None, {"topic_id": hidden})
    topics.delete_topic(db, a, None, {"topic_id": deleted})
    assert participants.me(db, wid, a.id)["dots_left"] == 5
    assert str(hidden) not in sync.snapshot(db, wid, include_hidden=False)["topics"]


def test_a_deleted_topic_s_words_leave_the_log(db: Any, room: Room) -> None:
    a = room.people[0]
    topic = post(db, a, "My secret words")
    topics.edit_topic(db, a, None, {"topic_id": topic, "title": "Still secret"})
    topics.delete_topic(db, a, None, {"topic_id": topic})
    with db.read() as session:
        payloads = [str(p) for p in session.scalars(sa.select(Event.payload))]
        assert session.scalar(sa.select(sa.func.count(Topic.id))) == 0
    assert not any("secret" in p for p in payloads)


def test_a_closed_workshop_refuses_joins_topics_and_votes(db: Any, room: Room) -> None:
    wid, fac, a = room.wid, room.fac, room.people[0]
    topic = post(db, fac, "T")
    voting.open_round(db, fac, None, {})
    workshops.close_workshop(db, fac, None, {})
    assert sync.snapshot(db, wid, include_hidden=True)["round"]["status"] == "closed"
    for command in (
        lambda: participants.join(db, wid, {}),
        lambda: topics.post_topic(db, a, None, {"title": "Late"}),
        lambda: voting.add_vote(db, a, None, {"topic_id": topic}),
    ):
        # The closed workshop is the reason, even for a vote whose round closed with it.
        with refused("workshop_closed"):
            command()


def test_a_known_op_id_returns_the_first_result_and_changes_nothing(db: Any, room: Room) -> None:
    wid, fac, a = room.wid, room.fac, room.people[0]
    topic = post(db, fac, "T")
    voting.open_round(db, fac, None, {})
    first = voting.add_vote(db, a, "same-op", {"topic_id": topic})
    seq = sync.snapshot(db, wid, include_hidden=True)["seq"]
    again = voting.add_vote(db, a, "same-op", {"topic_id": topic})
    assert again.replayed and again.events == []
    # A vote's stored answer is empty (it would say where someone put a dot); the replay brings
    # the participant's current state instead.
    assert again.result == {} and again.private[(wid, a.id)]["votes"] == {str(topic): 1}
    assert first.result["dots_left"] == again.private[(wid, a.id)]["dots_left"]
    assert sync.snapshot(db, wid, include_hidden=True)["seq"] == seq
    with db.read() as session:
        assert session.scalar(sa.select(sa.func.count(Vote.id))) == 1
    # The same op_id from another person is their own command.
    voting.add_vote(db, room.people[1], "same-op", {"topic_id": topic})


def test_events_are_numbered_without_gaps(db: Any, room: Room) -> None:
    wid, fac = room.wid, room.fac
    for i in range(5):
        post(db, fac, f"T{i}")
    with db.read() as session:
        seqs = list(session.scalars(sa.select(Event.seq).where(Event.workshop_id == wid)))
    assert sorted(seqs) == list(range(1, len(seqs) + 1))


def test_sync_gives_events_or_a_snapshot(db: Any, room: Room) -> None:
    wid, fac = room.wid, room.fac
    post(db, fac, "T")
    last = sync.snapshot(db, wid, include_hidden=True)["seq"]
    assert "snapshot" in sync.events_since(db, wid, 0, include_hidden=True)
    assert [
        e["seq"] for e in sync.events_since(db, wid, last - 1, include_hidden=True)["events"]
    ] == [last]
    assert "snapshot" in sync.events_since(db, wid, last + 10, include_hidden=True)


def test_purge_deletes_workshops_closed_long_ago_and_leaves_no_rows(db: Any, room: Room) -> None:
    wid, fac, a = room.wid, room.fac, room.people[0]
    topic = post(db, a, "T")
    voting.open_round(db, fac, None, {})
    voting.add_vote(db, a, None, {"topic_id": topic})
    workshops.close_workshop(db, fac, None, {})
    assert workshops.purge_expired(db, 30) == []
    assert workshops.purge_expired(db, -1) == [wid]
    with db.read() as session:
        for table in ("participants", "topics", "votes", "events", "voting_rounds", "workshops"):
            assert session.scalar(sa.text(f"select count(*) from {table}")) == 0, table  # noqa: S608


def test_a_failing_statement_never_carries_what_people_typed(db: Any) -> None:
    # Failing statements are logged with their exception (QUALITY.md: no topic text in logs).
    typed = "Hemligt ämne från en tolvåring"
    with pytest.raises(sa.exc.OperationalError) as failure, db.engine.connect() as connection:
        connection.execute(sa.text("SELECT * FROM no_such_table WHERE title = :t"), {"t": typed})
    assert typed not in str(failure.value)


def test_a_login_expires_after_its_lifetime_even_on_an_open_socket(app: Any, db: Any) -> None:
    user_id = make_facilitator(app)
    token = accounts.log_in(db, "facilitator@example.se", PASSWORD)
    assert accounts.user_for_login(db, token) == user_id
    for age_days, expected in (
        (rules.LOGIN_LIFETIME_DAYS - 1, user_id),
        (rules.LOGIN_LIFETIME_DAYS + 1, None),
    ):
        with db.unit_of_work() as uow:
            row = uow.session.get(LoginSession, accounts.hash_token(token))
            row.created_at = utcnow() - timedelta(days=age_days)
            uow.commit()
        assert accounts.user_for_login(db, token) == expected, age_days


def test_the_hourly_purge_also_forgets_ended_logins(app: Any, db: Any) -> None:
    make_facilitator(app)
    live = accounts.log_in(db, "facilitator@example.se", PASSWORD)
    logged_out = accounts.log_in(db, "facilitator@example.se", PASSWORD)
    old = accounts.log_in(db, "facilitator@example.se", PASSWORD)
    accounts.log_out(db, logged_out)
    with db.unit_of_work() as uow:
        row = uow.session.get(LoginSession, accounts.hash_token(old))
        row.created_at = utcnow() - timedelta(days=rules.LOGIN_LIFETIME_DAYS + 1)
        uow.commit()
    workshops.purge_expired(db, 30)
    with db.read() as session:
        kept = set(session.scalars(sa.select(LoginSession.id)))
    assert kept == {accounts.hash_token(live)}


def test_sqlite_overwrites_deleted_words_and_waits_for_the_writer(db: Any) -> None:
    """Set by the app on every connection, not left to how the machine's SQLite was built."""
    with db.read() as session:
        pragma = {
            name: session.execute(sa.text(f"PRAGMA {name}")).scalar()
            for name in ("secure_delete", "journal_mode", "busy_timeout", "foreign_keys")
        }
    assert pragma == {
        "secure_delete": 1,
        "journal_mode": "wal",
        "busy_timeout": pragma["busy_timeout"],
        "foreign_keys": 1,
    }
    assert pragma["busy_timeout"] >= 5000
