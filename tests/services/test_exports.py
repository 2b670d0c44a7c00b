"""Exports off the request thread (issue 23): "export everything" runs on the worker processes,
the console follows it (how many pieces done, the files so far), downloads the zip and single
files; a second start while one runs follows the same export, a failing renderer ends in an
error and never a hang, another facilitator's workshop is refused, and finished exports are
kept within bounds."""

from __future__ import annotations

import io
import time
import zipfile
from typing import Any

import pytest

from tests.conftest import logged_in_client, make_facilitator, make_workshop
from workshop.domain.actors import Actor
from workshop.services import exports, participants, reports, topics, voting

SETTINGS = exports.Settings(processes=2, timeout_seconds=60, idle_seconds=60)


@pytest.fixture
def small(app: Any, db: Any) -> dict[str, Any]:
    """Two topics, one closed round: every format has something to show."""
    owner = make_facilitator(app)
    wid = make_workshop(app, owner, title="Exportdag")["id"]
    fac = Actor("facilitator", wid, owner)
    _, joined = participants.join(db, wid, {"group": "parent"})
    person = Actor("participant", wid, joined.result["participant_id"])
    ids = [
        topics.post_topic(db, fac, None, {"title": title}).result["topic"]["id"]
        for title in ("En väg in", "Tolk vid alla möten")
    ]
    voting.open_round(db, fac, None, {"budget": 2, "max_per_topic": 2})
    voting.add_vote(db, person, None, {"topic_id": ids[0]})
    voting.close_round(db, fac, None, {})
    return {"wid": wid, "fac": fac, "report": reports.build_report(db, wid)}


def wait(job: exports.Job, seconds: float = 60) -> exports.Job:
    deadline = time.monotonic() + seconds
    while job.state == "running":
        assert time.monotonic() < deadline, f"still running after {seconds} s: {job.status()}"
        time.sleep(0.05)
    return job


def test_every_piece_together_makes_what_the_renderers_make(small: dict) -> None:
    """The workers lay out each PDF and Word document on its own: together they are the very
    files of the pdf and docx renderers, and one file costs only its own piece."""
    report = small["report"]
    targets = exports.renderer_targets()
    pieces = exports.pieces_for(report, ["pdf", "docx"], targets)
    made: dict[str, bytes] = {}
    for piece in pieces:
        made.update(exports.render_piece(report, piece))
    assert set(made) == set(reports.render(report, ["pdf", "docx"]))
    # The longest first: the two PDFs that hold every round and the board.
    assert [(p.fmt, p.document) for p in pieces[:2]] == [
        ("pdf", "report"),
        ("pdf", "report-discover"),
    ]
    [one] = exports.pieces_for(report, ["pdf"], targets, only="feedback-sv.pdf")
    assert one.document == "feedback-sv"
    assert len(exports.pieces_for(report, ["md"], targets, only="report.md")) == 1
    assert exports.pieces_for(report, ["pdf"], targets, only="nothing.pdf") == []


def test_an_export_runs_reports_progress_and_is_reused_while_unchanged(
    small: dict, db: Any
) -> None:
    jobs = exports.ExportJobs(SETTINGS)
    job = jobs.start(small["wid"], small["report"])
    assert job.state == "running" and job.done < job.pieces == job.status()["total"]
    again = jobs.start(small["wid"], small["report"])
    assert again is job  # a second start while one runs follows the first
    wait(job)
    status = job.status()
    print(f"small workshop, every format: {status['seconds']} s, {status['total']} pieces")
    assert status["state"] == "done" and status["done"] == status["total"]
    assert {"report.pdf", "report.docx", "feedback-sv.pdf", "topics.csv", "round-1.png"} <= set(
        status["files"]
    )
    names = zipfile.ZipFile(io.BytesIO(jobs.archive(job))).namelist()
    assert sorted(names) == status["files"]
    assert jobs.start(small["wid"], small["report"]) is job  # unchanged: the same files
    assert jobs.render(small["wid"], small["report"], ["md"]) == job.files
    topics.post_topic(db, small["fac"], None, {"title": "Något nytt"})
    changed = reports.build_report(db, small["wid"])
    fresh = jobs.start(small["wid"], changed)
    assert fresh is not job
    wait(fresh)
    assert "Något nytt" in fresh.files["report.md"].decode()


# A dead worker costs a new pool (seconds of spawning): that case waits for the full run.
@pytest.mark.parametrize("renderer", ["raises", pytest.param("dies", marks=pytest.mark.slow)])
def test_a_failing_renderer_ends_the_export_with_an_error(
    small: dict, monkeypatch: pytest.MonkeyPatch, renderer: str
) -> None:
    targets = {
        "md": "workshop.exporters.text:markdown",
        "broken": f"tests.support.broken_renderers:{renderer}",
    }
    monkeypatch.setattr(exports, "renderer_targets", lambda: targets)
    jobs = exports.ExportJobs(SETTINGS)
    job = wait(jobs.start(small["wid"], small["report"]))
    assert (job.state, job.error, job.files) == ("failed", "export_failed", {})
    with pytest.raises(exports.ExportError):
        jobs.render(small["wid"], small["report"], ["broken"])
    monkeypatch.setattr(exports, "renderer_targets", lambda: {"md": targets["md"]})
    # The pool a dead worker broke is replaced: the next export works.
    assert "report.md" in wait(jobs.start(small["wid"], small["report"])).files


@pytest.mark.slow
def test_a_renderer_that_never_returns_is_stopped(
    small: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    targets = {"hangs": "tests.support.broken_renderers:hangs"}
    monkeypatch.setattr(exports, "renderer_targets", lambda: targets)
    jobs = exports.ExportJobs(exports.Settings(processes=2, timeout_seconds=3))
    started = time.monotonic()
    job = wait(jobs.start(small["wid"], small["report"]), seconds=30)
    assert job.error == "export_failed" and time.monotonic() - started < 20
    with pytest.raises(exports.ExportError):
        jobs.render(small["wid"], small["report"], ["hangs"])


def test_finished_exports_are_kept_within_bounds(
    small: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        exports, "renderer_targets", lambda: {"md": "workshop.exporters.text:markdown"}
    )
    jobs = exports.ExportJobs(exports.Settings(processes=2, keep=2))
    done = [wait(jobs.start(wid, small["report"])) for wid in (101, 102, 103)]
    assert jobs.job(101, done[0].id) is None  # the oldest went first
    assert [jobs.job(wid, job.id) for wid, job in zip((102, 103), done[1:], strict=True)] == done[
        1:
    ]
    assert jobs.job(999, done[2].id) is None  # a job belongs to its workshop
    tight = exports.ExportJobs(exports.Settings(processes=2, max_bytes=1))
    first = wait(tight.start(1, small["report"]))
    wait(tight.start(2, small["report"]))
    assert tight.job(1, first.id) is None


def test_the_console_exports_in_the_background_for_its_owner_only(
    app: Any, small: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    handed: list[exports.Piece] = []
    submit = exports.ExportJobs._submit

    def counted(jobs: exports.ExportJobs, report: Any, piece: exports.Piece) -> Any:
        handed.append(piece)
        return submit(jobs, report, piece)

    monkeypatch.setattr(exports.ExportJobs, "_submit", counted)
    owner = logged_in_client(app)
    base = f"/console/{small['wid']}/exports"
    assert owner.get(base).get_json() == {"ok": True, "export": None}
    started = owner.post(base)
    assert started.status_code == 202
    job = started.get_json()["export"]
    assert owner.post(base).get_json()["export"]["id"] == job["id"]  # clicked twice
    # The plain zip link (no JavaScript) joins the running export instead of making another.
    plain = owner.get(f"/console/{small['wid']}/report.zip")
    assert plain.status_code == 200 and len(handed) == job["total"]
    assert owner.get(base).get_json()["export"]["id"] == job["id"]
    deadline = time.monotonic() + 60
    while job["state"] == "running":
        assert time.monotonic() < deadline
        time.sleep(0.1)
        job = owner.get(job["status_url"]).get_json()["export"]
    assert job["state"] == "done" and job["done"] == job["total"]
    assert owner.get(base).get_json()["export"]["id"] == job["id"]
    archive = owner.get(job["zip_url"])
    assert archive.data == plain.data
    assert archive.headers["Content-Disposition"].startswith('attachment; filename="exportdag-')
    assert sorted(zipfile.ZipFile(io.BytesIO(archive.data)).namelist()) == job["files"]
    sheet = owner.get(job["file_urls"]["feedback-sv.pdf"])
    assert sheet.status_code == 200 and sheet.data.startswith(b"%PDF")
    # The old downloads are served by the same workers (and reuse the finished export).
    whole = owner.get(job["file_urls"]["report.pdf"]).data
    assert owner.get(f"/console/{small['wid']}/report.pdf").data == whole
    assert owner.get(f"/console/{small['wid']}/export/nothing.pdf").status_code == 404
    gone = owner.get(f"{base}/no-such-export")
    assert gone.status_code == 404
    assert gone.get_json()["error"]["code"] == "export_gone"
    assert "exporten" in gone.get_json()["error"]["message"]  # the workshop's language
    make_facilitator(app, "other@example.se")
    stranger = logged_in_client(app, "other@example.se")
    for response in (
        stranger.post(base),
        stranger.get(base),
        stranger.get(job["status_url"]),
        stranger.get(job["zip_url"]),
        stranger.get(job["file_urls"]["report.md"]),
    ):
        assert response.status_code == 404
    theirs = make_workshop(app, make_facilitator(app, "third@example.se"))
    # Another workshop's id in the address does not reach this export either.
    assert stranger.get(f"/console/{theirs['id']}/exports/{job['id']}").status_code == 404
    assert app.test_client().post(base).status_code in (302, 401)


def test_a_failed_export_says_so_in_the_users_language(
    app: Any, small: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        exports, "renderer_targets", lambda: {"md": "tests.support.broken_renderers:raises"}
    )
    owner = logged_in_client(app)
    job = owner.post(f"/console/{small['wid']}/exports").get_json()["export"]
    deadline = time.monotonic() + 60
    while job["state"] == "running":
        assert time.monotonic() < deadline
        time.sleep(0.1)
        job = owner.get(job["status_url"]).get_json()["export"]
    assert job["error"]["code"] == "export_failed"
    assert "Exporten" in job["error"]["message"]
    assert "zip_url" not in job and job["files"] == []
    refused = owner.get(f"/console/{small['wid']}/report.md")
    assert refused.status_code == 503 and "Exporten" in refused.get_json()["error"]["message"]


def test_the_console_starts_the_workers_as_it_opens(
    app: Any, small: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Reports part asks for the latest export as the console loads: the workers start
    then, so the first export does not wait for them to spawn and load WeasyPrint."""
    warmed: list[exports.Settings] = []
    monkeypatch.setattr(exports.Pool, "warm", lambda _pool, settings: warmed.append(settings))
    owner = logged_in_client(app)
    assert owner.get(f"/console/{small['wid']}/exports").status_code == 200
    assert len(warmed) == 1 and warmed[0].processes >= 1


def test_a_server_busy_with_exports_says_so(small: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        exports, "renderer_targets", lambda: {"slow": "tests.support.broken_renderers:slow"}
    )
    jobs = exports.ExportJobs(exports.Settings(processes=2, keep=1))
    first = jobs.start(1, small["report"])
    with pytest.raises(exports.ExportError) as refused:
        jobs.start(2, small["report"])
    assert refused.value.code == "export_busy"
    assert wait(first).files == {"slow.txt": b"done"}
    assert wait(jobs.start(2, small["report"])).state == "done"  # room again once it ended


class NoProcesses(exports.Pool):
    """A machine that cannot start a process (out of memory, a process limit)."""

    def submit(self, *_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("can't start new process")


def test_workers_that_cannot_start_give_an_error_not_a_500(small: dict) -> None:
    jobs = exports.ExportJobs(SETTINGS, pool=NoProcesses())
    job = jobs.start(small["wid"], small["report"])
    assert (job.state, job.error) == ("failed", "export_failed")
    with pytest.raises(exports.ExportError):
        jobs.render(small["wid"], small["report"], ["md"])
