"""The feedback page's rules without a database: what a line needs, and that phones and the wall
never receive a draft's words."""

from __future__ import annotations

from tests.support.refusals import refused
from workshop.domain import feedback as f
from workshop.domain.events import public_wire, wire
from workshop.domain.state import apply, empty_state


def item(**fields: object) -> f.FeedbackItem:
    base = dict(id=1, said="Mer tid", did="", why_not="", when="", outcome="open", published=False)
    return f.FeedbackItem(**{**base, **fields})


def test_a_line_needs_what_you_said_and_a_reason_for_will_not() -> None:
    assert f.clean_item({"said": " Mer tid "})["said"] == "Mer tid"
    with refused("empty"):
        f.clean_item({"said": "  "})
    with refused("empty") as no_reason:
        f.clean_item({"said": "Gratis bussar", "outcome": "will_not"})
    assert no_reason.value.params == {"field": "why_not"}
    for bad in ({"said": "x", "outcome": "maybe"}, {"said": "x", "published": "yes"}):
        with refused("bad_request"):
            f.clean_item(bad)
    with refused("too_many_items"):
        f.check_room_for_item(f.MAX_ITEMS)
    with refused("not_found"):
        f.check_source(topic_shown=False)


def test_a_draft_reaches_only_the_console() -> None:
    draft = wire(1, 1, None, f.FeedbackItemAdded(item()))
    public = public_wire(draft)
    assert public["type"] == "feedback.item_removed" and public["payload"] == {"item_id": 1}
    published = wire(1, 2, None, f.FeedbackItemEdited(item(published=True)))
    assert public_wire(published) == published
    for staff, expected in ((True, {"1"}), (False, set())):
        state = apply(empty_state({}), draft if staff else public, include_hidden=staff)
        assert set(state["feedback"]) == expected
    state = apply(empty_state({}), published, include_hidden=False)
    assert state["feedback"]["1"]["said"] == "Mer tid"
    unpublished = wire(1, 3, None, f.FeedbackItemEdited(item()))
    state = apply(state, public_wire(unpublished), include_hidden=False)
    assert state["feedback"] == {}


def test_a_line_may_be_written_for_english_readers_and_its_words_go_with_it() -> None:
    fields = f.clean_item(
        {
            "said": "Kortare väntetider till BUP",
            "outcome": "will_not",
            "why_not": "Regionen beslutar om BUP",
            "versions": {"en": {"said": " Shorter waits for CAMHS ", "why_not": ""}, "sv_easy": {}},
        }
    )
    assert fields["versions"] == {"en": {"said": "Shorter waits for CAMHS"}}
    english = f.in_reading(fields, "en")
    assert english["said"] == "Shorter waits for CAMHS"
    assert english["why_not"] == "Regionen beslutar om BUP"  # not written in English: the original
    assert f.in_reading(fields, "sv_easy")["said"] == "Kortare väntetider till BUP"
    for bad in ({"de": {"said": "x"}}, {"en": {"who": "x"}}, {"en": "x"}, ["en"]):
        with refused("bad_request"):
            f.clean_item({"said": "x", "versions": bad})
    with refused("too_long"):
        f.clean_item({"said": "x", "versions": {"en": {"when": "x" * (f.WHEN_MAX + 1)}}})
    # Taken away, a line's words go in every language (docs/privacy.md, issue 20 M3).
    item = f.FeedbackItem(1, "Mer tid", "", "", "", "open", True, versions=fields["versions"])
    gone = f.FeedbackItemEdited(item).without_words({("feedback", 1)}, withdrawn=True)
    assert gone.item.versions == {} and gone.item.said == ""
