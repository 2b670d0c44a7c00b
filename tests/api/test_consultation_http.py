"""The consultation through the console's forms and the CLI: create from a template, edit the
notice and window, save as a template and reuse it."""

from __future__ import annotations

import re
from typing import Any

from tests.conftest import joined_client, logged_in_client, make_facilitator
from tests.support.notices import written
from workshop.services import feedback, sync, workshops


def _new(console: Any, **form: str) -> int:
    response = console.post("/console/", data={"title": "Samråd", "language": "sv", **form})
    assert response.status_code == 302, response.data
    workshop_id = int(re.search(r"/console/(\d+)", response.headers["Location"]).group(1))
    return workshop_id


def test_the_console_creates_edits_and_saves_a_youth_consultation(app: Any, db: Any) -> None:
    make_facilitator(app)
    console = logged_in_client(app)
    page = console.get("/console/").get_data(as_text=True)
    assert "Samråd med unga" in page and "Samråd med föräldrar" in page
    wid = _new(console, template="youth", dot_budget="5", max_per_topic="3")
    made = workshops.get_workshop(db, wid)
    assert made["template"] == "youth" and made["review_topics"] is True
    assert made["dot_budget"] == 3 and made["theme"].startswith("Vad gör det lätt")
    form = {
        "ask_age_band": "on",
        "sv-purpose": "Vi vill veta hur skolan kan bli bättre.",
        "opens_at": "2026-12-01T18:00",
        "closes_at": "2026-12-08T18:00",
    }
    saved = console.post(f"/console/{wid}/consultation", data=form)
    assert saved.status_code == 302
    made = workshops.get_workshop(db, wid)
    assert made["texts"]["sv"]["purpose"] == "Vi vill veta hur skolan kan bli bättre."
    # A mode's texts are replaced as a whole; the modes the form did not send are kept.
    assert made["texts"]["sv"]["use"] == "" and made["texts"]["en"]["use"].startswith("We read")
    assert made["closes_at"] == "2026-12-08T17:00:00Z"
    assert made["ask_nickname"] is False and made["ask_age_band"] is True
    page = console.get(f"/console/{wid}").get_data(as_text=True)
    assert 'value="2026-12-08T18:00"' in page
    wrong = console.post(f"/console/{wid}/consultation", data={**form, "closes_at": "2026-11-01"})
    assert wrong.status_code == 400 and "Kolla tiderna" in wrong.get_data(as_text=True)
    kept = console.post(f"/console/{wid}/template", data={"name": "Skolsamråd"})
    assert kept.status_code == 302
    page = console.get("/console/").get_data(as_text=True)
    template_id = re.search(r'<option value="(saved-\d+)"[^>]*>Skolsamråd<', page).group(1)
    again = workshops.get_workshop(db, _new(console, template=template_id))
    assert again["texts"] == made["texts"] and again["ask_age_band"] is True


def test_another_facilitator_cannot_use_or_edit_it(app: Any, db: Any) -> None:
    make_facilitator(app)
    make_facilitator(app, "other@example.se")
    console = logged_in_client(app)
    wid = _new(console, template="parents")
    console.post(f"/console/{wid}/template", data={"name": "Vår"})
    other = logged_in_client(app, "other@example.se")
    assert other.post(f"/console/{wid}/consultation", data={}).status_code == 404
    assert other.post(f"/console/{wid}/template", data={"name": "x"}).status_code == 404
    assert other.post("/console/", data={"title": "x", "template": "saved-1"}).status_code == 400


def test_the_cli_creates_from_a_template(app: Any, db: Any, monkeypatch: Any) -> None:
    from click.testing import CliRunner

    from workshop.cli import main

    make_facilitator(app)
    monkeypatch.setattr("workshop.cli.base.load_app", lambda: app)
    runner = CliRunner()
    result = runner.invoke(
        main, ["create", "facilitator@example.se", "Föräldrasamråd", "--template", "parents"]
    )
    assert result.exit_code == 0, result.output
    made = workshops.workshop_by_code(db, result.output.split()[0])
    assert made["template"] == "parents" and made["texts"]["sv_easy"]["voluntary"]
    wrong = runner.invoke(main, ["create", "facilitator@example.se", "X", "--template", "nope"])
    assert wrong.exit_code != 0 and "not_found" in wrong.output


def test_the_feedback_page_closes_the_loop_through_the_same_link(app: Any, db: Any) -> None:
    make_facilitator(app)
    console = logged_in_client(app)
    wid = _new(console, template="youth")
    made = workshops.get_workshop(db, wid)
    code = made["join_code"]
    form = {
        f"{mode}-{field}": text
        for mode, fields in written(made["texts"]).items()
        for field, text in fields.items()
    }
    assert console.post(f"/console/{wid}/consultation", data=form).status_code == 302
    phone = joined_client(app, code)
    on_phone = phone.get(f"/w/{code}").get_data(as_text=True)
    assert 'id="feedback-news"' in on_phone
    # The profile panel asks no more than the join page did.
    assert 'name="nickname"' not in on_phone and 'name="organisation"' not in on_phone
    assert 'id="feedback-news" class="news" hidden' in phone.get(f"/w/{code}").get_data(
        as_text=True
    )
    line = {"said": "Mer tid med kuratorn", "outcome": "will", "when": "Våren 2027"}
    assert console.post(f"/console/{wid}/feedback", data=line).status_code == 302
    page = app.test_client().get(f"/w/{code}/feedback?lang=sv").get_data(as_text=True)
    assert "Mer tid med kuratorn" not in page and "Inget här än" in page  # a draft
    item_id = feedback.all_items(db, wid)[0]["id"]
    published = {**line, "published": "on"}
    assert console.post(f"/console/{wid}/feedback/{item_id}", data=published).status_code == 302
    page = app.test_client().get(f"/w/{code}/feedback?lang=sv").get_data(as_text=True)
    assert "Mer tid med kuratorn" in page and "Det här gör vi" in page and "Våren 2027" in page
    assert 'id="feedback-news" class="news" >' in phone.get(f"/w/{code}").get_data(as_text=True)
    no_reason = {"said": "Gratis bussar", "outcome": "will_not"}
    refused = console.post(f"/console/{wid}/feedback", data=no_reason)
    assert refused.status_code == 400 and 'role="alert"' in refused.get_data(as_text=True)
    # After the consultation the join link itself shows what was done.
    console.post(f"/console/{wid}/consultation", data={"closes_at": "2020-01-01T12:00"})
    after = app.test_client().get(f"/j/{code}?lang=sv").get_data(as_text=True)
    assert "Mer tid med kuratorn" in after and 'name="group"' not in after
    assert console.post(f"/console/{wid}/feedback/{item_id}/delete").status_code == 302
    assert console.post(f"/console/{wid}/feedback/{2**60}/delete").status_code == 400
    assert feedback.all_items(db, wid) == []


def test_an_open_space_day_starts_with_its_order_of_the_day(app: Any, db: Any) -> None:
    """The template sets up three slots and six spaces the coordinator then edits; the other
    templates set up none."""
    make_facilitator(app)
    console = logged_in_client(app)
    wid = _new(console, template="open-space")
    agenda = sync.snapshot(db, wid, include_hidden=True)["agenda"]
    slots = sorted((s["starts"], s["ends"]) for s in agenda["slots"].values())
    assert slots == [("10:00", "10:45"), ("11:00", "11:45"), ("13:00", "13:45")]
    assert sorted(s["name"] for s in agenda["spaces"].values()) == [f"Rum {n}" for n in range(1, 7)]
    youth = _new(console, template="youth")
    assert sync.snapshot(db, youth, include_hidden=True)["agenda"]["slots"] == {}


def test_the_template_and_the_console_choose_what_the_phones_show(app: Any, db: Any) -> None:
    make_facilitator(app)
    console = logged_in_client(app)
    plain = workshops.get_workshop(db, _new(console))
    assert plain["phone_parts"] == ["phases", "opening", "titles"]
    wid = _new(console, template="youth")
    assert workshops.get_workshop(db, wid)["phone_parts"] == ["titles"]
    page = console.get(f"/console/{wid}").get_data(as_text=True)
    assert (
        'id="phone-part-titles" name="phone_parts" type="checkbox" value="titles" checked' in page
    )
    form = {"phone_parts_asked": "1", "phone_parts": ["opening", "phases"]}
    assert console.post(f"/console/{wid}/consultation", data=form).status_code == 302
    assert workshops.get_workshop(db, wid)["phone_parts"] == ["phases", "opening"]
    # A post without the parts' marker (the window alone) leaves the phones as they were.
    assert console.post(f"/console/{wid}/consultation", data={}).status_code == 302
    assert workshops.get_workshop(db, wid)["phone_parts"] == ["phases", "opening"]
    bad = console.post(f"/console/{wid}/consultation", data={**form, "phone_parts": "agenda"})
    assert bad.status_code == 400
    assert workshops.get_workshop(db, wid)["phone_parts"] == ["phases", "opening"]
    # A saved template keeps the choice for next time.
    console.post(f"/console/{wid}/template", data={"name": "Vårt samråd"})
    page = console.get("/console/").get_data(as_text=True)
    saved = re.search(r'<option value="(saved-\d+)"[^>]*>Vårt samråd<', page).group(1)
    assert workshops.get_workshop(db, _new(console, template=saved))["phone_parts"] == [
        "phases",
        "opening",
    ]


def test_an_english_reader_reads_the_title_and_question_written_for_them(app: Any, db: Any) -> None:
    """A workshop without a consultation (an Open Space day) with its title and question also
    written in English: English readers get those on every page of theirs, Swedish readers the
    originals, and nobody is shown a consultation's notice because of a title."""
    make_facilitator(app)
    console = logged_in_client(app)
    wid = _new(console, theme="Hur ger vi familjer en väg in?")
    form = {"en-title": "One way in", "en-theme": "How do we give families one way in?"}
    assert console.post(f"/console/{wid}/consultation", data=form).status_code == 302
    made = workshops.get_workshop(db, wid)
    code = made["join_code"]
    assert set(made["texts"]) == {"en"}
    assert (made["texts"]["en"]["title"], made["texts"]["en"]["theme"]) == (
        "One way in",
        form["en-theme"],
    )
    english = app.test_client().get(f"/j/{code}?lang=en").get_data(as_text=True)
    assert "<h1>One way in</h1>" in english and "How do we give families one way in?" in english
    assert 'id="consult-notice"' not in english and "Before you join" in english
    swedish = app.test_client().get(f"/j/{code}?lang=sv").get_data(as_text=True)
    assert "<h1>Samråd</h1>" in swedish and "Hur ger vi familjer en väg in?" in swedish
    phone = joined_client(app, code)
    page = phone.get(f"/w/{code}?lang=en").get_data(as_text=True)
    assert '<h1 id="workshop-title">One way in</h1>' in page
    console_page = console.get(f"/console/{wid}").get_data(as_text=True)
    assert 'id="en-title"' in console_page and 'id="sv-title"' not in console_page
    # The English feedback sheet is headed by the English title.
    with app.app_context():
        from workshop.i18n import board_labels_in
        from workshop.services import reports

        files = reports.render(reports.build_report(db, wid, board_words=board_labels_in), ["md"])
    assert files["feedback-en.md"].decode().startswith("# One way in")
    assert files["feedback-sv.md"].decode().startswith("# Samråd")


def test_a_feedback_line_written_in_english_reaches_english_readers_and_their_sheet(
    app: Any, db: Any
) -> None:
    make_facilitator(app)
    console = logged_in_client(app)
    wid = _new(console)
    code = workshops.get_workshop(db, wid)["join_code"]
    line = {
        "said": "Kortare väntetider till BUP",
        "outcome": "will_not",
        "why_not": "Regionen beslutar om BUP",
        "published": "on",
        "en-said": "Shorter waits for child and adolescent psychiatry",
        "en-why_not": "The region decides about it",
        "en-did": "",
        "en-when": "",
    }
    assert console.post(f"/console/{wid}/feedback", data=line).status_code == 302
    english = app.test_client().get(f"/w/{code}/feedback?lang=en").get_data(as_text=True)
    assert "Shorter waits for child and adolescent psychiatry" in english
    assert "The region decides about it" in english and "Kortare" not in english
    swedish = app.test_client().get(f"/w/{code}/feedback?lang=sv").get_data(as_text=True)
    assert "Kortare väntetider till BUP" in swedish and "Shorter" not in swedish
    # The console shows the English part open, to be corrected where it was written.
    page = console.get(f"/console/{wid}").get_data(as_text=True)
    assert "Shorter waits for child and adolescent psychiatry</textarea>" in page
    # An edit over the socket that leaves the versions out keeps them.
    item_id = feedback.all_items(db, wid)[0]["id"]
    from tests.conftest import socket_for

    kept = {k: v for k, v in line.items() if not k.startswith("en-") and k != "published"}
    socket = socket_for(app, console, view="console", workshop_id=wid)
    answer = socket.emit(
        "feedback.edit",
        {"op_id": "e1", "item_id": item_id, **kept, "published": True},
        callback=True,
    )
    assert answer["ok"], answer
    assert feedback.all_items(db, wid)[0]["versions"]["en"]["said"].startswith("Shorter")
    with app.app_context():
        from workshop.i18n import board_labels_in
        from workshop.services import reports

        files = reports.render(reports.build_report(db, wid, board_words=board_labels_in), ["md"])
    sheet = files["feedback-en.md"].decode().replace("\\", "")
    assert "Shorter waits for child and adolescent psychiatry" in sheet
    assert "we will not do it: The region decides about it" in sheet
    assert "Kortare väntetider till BUP" in files["feedback-sv.md"].decode().replace("\\", "")
