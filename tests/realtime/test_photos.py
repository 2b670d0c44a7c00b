"""Photos of the flip chart: uploaded over HTTP, cleaned of EXIF, shown live on every screen of
the workshop and never to another one, deleted with the workshop."""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

from flask import Flask
from PIL import Image

from tests.conftest import ack, events_of, get_db_of, joined_client, make_workshop, op
from workshop.domain.actors import Actor
from workshop.services import workshops

GPS_IFD = 0x8825


def jpeg_with_gps(size: tuple[int, int] = (640, 480), orientation: int = 1) -> bytes:
    """A camera-like JPEG: GPS position, camera make and an orientation tag in its EXIF."""
    picture = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Phonemaker"  # Make
    exif[0x0112] = orientation
    exif[GPS_IFD] = {1: "N", 2: (59.0, 19.0, 48.0), 3: "E", 4: (18.0, 4.0, 6.0)}
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _agenda(room: dict[str, Any]) -> int:
    console = room["console"]
    slot = ack(console, "slot.save", {"op_id": op(), "starts": "10:00", "ends": "10:45"})
    space = ack(console, "space.save", {"op_id": op(), "name": "Rum A"})["space"]["id"]
    topic = ack(room["phone_a"], "topic.post", {"op_id": op(), "title": "Skolan"})["topic"]["id"]
    cell = {"topic_id": topic, "slot_id": slot["slot"]["id"], "space_id": space}
    return ack(room["phone_a"], "session.place", {"op_id": op(), **cell})["session"]["id"]


def _upload(http: Any, code: str, session_id: int, raw: bytes, name: str = "chart.jpg") -> Any:
    data = {"photo": (io.BytesIO(raw), name), "op_id": op()}
    return http.post(
        f"/w/{code}/sessions/{session_id}/photos", data=data, content_type="multipart/form-data"
    )


def _photo_files(app: Flask, workshop_id: int) -> list[Path]:
    folder = Path(app.instance_path) / "photos" / str(workshop_id)
    return sorted(folder.glob("*")) if folder.exists() else []


def test_a_photo_loses_its_exif_reaches_every_screen_and_can_be_removed(
    app: Flask, room: dict[str, Any]
) -> None:
    code, wid = room["workshop"]["join_code"], room["workshop"]["id"]
    session_id = _agenda(room)
    room["wall"].get_received()
    room["console"].get_received()
    raw = jpeg_with_gps((3000, 1000), orientation=6)  # turned: stored upright as 1000 x 3000
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(GPS_IFD)
    answer = _upload(room["http"]["phone_b"], code, session_id, raw)
    assert answer.status_code == 200, answer.json
    photo_id = answer.json["photo_id"]
    (added,) = events_of(room["wall"])
    assert added["type"] == "notes.photo_added"
    # Upright after the orientation tag, then scaled to at most 2000 px on the long side.
    assert added["payload"] == {
        "photo_id": photo_id,
        "session_id": session_id,
        "width": 667,
        "height": 2000,
    }
    assert events_of(room["console"]) == [added]
    served = room["http"]["phone_a"].get(f"/w/{code}/photos/{photo_id}.jpg")
    assert served.status_code == 200
    assert served.mimetype == "image/jpeg"
    assert "private" in served.headers["Cache-Control"]
    clean = Image.open(io.BytesIO(served.data))
    assert clean.size == (667, 2000)
    assert dict(clean.getexif()) == {}
    assert clean.getexif().get_ifd(GPS_IFD) == {}
    assert b"Phonemaker" not in served.data
    # The wall opens it by the workshop's code, like its own page.
    assert app.test_client().get(f"/w/{code}/photos/{photo_id}.jpg").status_code == 200
    (stored,) = _photo_files(app, wid)
    assert stored.read_bytes() == served.data

    # The wall reads; it never removes.
    refused = ack(room["wall"], "notes.remove_photo", {"op_id": op(), "photo_id": photo_id})
    assert refused["error"]["code"] == "forbidden"
    removed = ack(room["phone_a"], "notes.remove_photo", {"op_id": op(), "photo_id": photo_id})
    assert removed["ok"]
    (gone,) = events_of(room["wall"])
    assert gone["type"] == "notes.photo_removed"
    assert gone["payload"] == {"photo_id": photo_id}
    assert _photo_files(app, wid) == []
    assert room["http"]["phone_a"].get(f"/w/{code}/photos/{photo_id}.jpg").status_code == 404


def test_what_is_not_a_photo_or_too_big_is_refused_and_nothing_is_kept(
    app: Flask, room: dict[str, Any]
) -> None:
    code, wid = room["workshop"]["join_code"], room["workshop"]["id"]
    session_id = _agenda(room)
    room["wall"].get_received()
    phone = room["http"]["phone_a"]
    text = _upload(phone, code, session_id, b"Dear diary, this is not a picture.\n" * 20)
    assert text.status_code == 400
    assert text.json["error"]["code"] == "not_a_photo"
    assert "inte en bild" in text.json["error"]["message"]  # the workshop is Swedish
    app.config["PHOTO_MAX_BYTES"] = 20_000
    big = Image.frombytes("RGB", (100, 100), random.Random(1).randbytes(100 * 100 * 3))
    out = io.BytesIO()
    big.save(out, "PNG")
    assert len(out.getvalue()) > 20_000
    too_big = _upload(phone, code, session_id, out.getvalue(), "chart.png")
    assert too_big.status_code == 413
    assert too_big.json["error"]["code"] == "photo_too_large"
    # Far over the limit: refused from the request's length, before the body is read.
    huge = _upload(phone, code, session_id, b"\xff" * 200_000)
    assert huge.status_code == 413
    assert huge.json["error"]["code"] == "photo_too_large"
    # Someone who did not join is not let in; the session must be this workshop's.
    stranger = _upload(app.test_client(), code, session_id, jpeg_with_gps())
    assert stranger.status_code == 403
    wrong = _upload(phone, code, session_id + 1000, jpeg_with_gps())
    assert wrong.json["error"]["code"] == "not_found"
    assert events_of(room["wall"]) == []
    assert _photo_files(app, wid) == []


def test_another_workshop_never_sees_a_photo_and_deleting_the_workshop_deletes_the_files(
    app: Flask, room: dict[str, Any]
) -> None:
    code, wid = room["workshop"]["join_code"], room["workshop"]["id"]
    session_id = _agenda(room)
    # The facilitator uploads from the console (logged in, not joined).
    answer = _upload(room["http"]["console"], code, session_id, jpeg_with_gps())
    assert answer.status_code == 200, answer.json
    photo_id = answer.json["photo_id"]
    other = make_workshop(app, room["owner_id"], title="Annan")
    stranger = joined_client(app, other["join_code"], nickname="C", group="young")
    assert stranger.get(f"/w/{other['join_code']}/photos/{photo_id}.jpg").status_code == 404
    # Their own workshop's sessions are not this one's: they cannot attach to it either.
    refused = _upload(stranger, other["join_code"], session_id, jpeg_with_gps())
    assert refused.json["error"]["code"] == "not_found"
    assert len(_photo_files(app, wid)) == 1
    workshops.delete_workshop(get_db_of(app), Actor("facilitator", wid, room["owner_id"]))
    assert not (Path(app.instance_path) / "photos" / str(wid)).exists()
