"""Photos of the flip chart: uploaded over HTTP, cleaned of EXIF, shown live on every screen of
the workshop and never to another one, deleted with the workshop."""

from __future__ import annotations

import io
import random
import re
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any

from flask import Flask
from PIL import EpsImagePlugin, Image, ImageCms, ImageFile, PngImagePlugin

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


# --- the second security review: who, where and how much before the body; formats; metadata ---


def png_bomb(side: int = 7000) -> bytes:
    """A valid RGB PNG of side x side black pixels: about 150 KB of file, 147 MB of pixels.

    Written row by row through zlib, so the test itself never holds the canvas."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    packer = zlib.compressobj(9)
    row = b"\x00" * (1 + 3 * side)  # filter byte, then black RGB
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


EPS = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\n%%EndComments\n"
    b"newpath 10 10 moveto 90 90 lineto stroke showpage\n%%EOF\n"
)


class UnreadableBody(io.BytesIO):
    """A request body that fails the test if anyone reads it."""

    def read(self, *_args: Any) -> bytes:
        raise AssertionError("the upload's body was read before it was refused")

    readline = readinto = read1 = read


def _declared_upload(http: Any, code: str, session_id: int, size: int = 5_000_000) -> Any:
    """A phone-sized upload that is refused before its body is read (reading fails the test)."""
    return http.post(
        f"/w/{code}/sessions/{session_id}/photos",
        input_stream=UnreadableBody(),
        content_type="multipart/form-data; boundary=x",
        headers={"Content-Length": str(size)},
    )


def test_a_bomb_png_is_refused_from_its_header_and_never_decoded(
    app: Flask, room: dict[str, Any], monkeypatch: Any
) -> None:
    code = room["workshop"]["join_code"]
    session_id = _agenda(room)
    decoded: list[str] = []
    real_load = ImageFile.ImageFile.load
    monkeypatch.setattr(
        ImageFile.ImageFile, "load", lambda im: decoded.append(im.format) or real_load(im)
    )
    bomb = png_bomb()
    assert len(bomb) < 300_000
    answer = _upload(room["http"]["phone_a"], code, session_id, bomb, "chart.png")
    assert answer.status_code == 400
    assert answer.json["error"]["code"] == "photo_too_many_pixels"
    assert "16 miljoner" in answer.json["error"]["message"]
    assert decoded == []
    assert _photo_files(app, room["workshop"]["id"]) == []


def test_an_eps_is_refused_without_opening_it_or_starting_any_program(
    app: Flask, room: dict[str, Any], monkeypatch: Any
) -> None:
    code = room["workshop"]["join_code"]
    session_id = _agenda(room)
    started: list[Any] = []
    opened: list[str] = []
    monkeypatch.setattr(
        subprocess.Popen, "__init__", lambda self, *a, **k: started.append(a) or 1 / 0
    )
    real_open = EpsImagePlugin.EpsImageFile._open
    monkeypatch.setattr(
        EpsImagePlugin.EpsImageFile, "_open", lambda im: opened.append("eps") or real_open(im)
    )
    for name in ("chart.eps", "chart.jpg"):
        answer = _upload(room["http"]["phone_a"], code, session_id, EPS, name)
        assert answer.status_code == 400
        assert answer.json["error"]["code"] == "not_a_photo"
    assert started == [] and opened == []
    # A GIF, a TIFF or a BMP is no phone's photo either.
    for image_format in ("GIF", "TIFF", "BMP"):
        out = io.BytesIO()
        Image.new("RGB", (64, 64), "red").save(out, image_format)
        answer = _upload(room["http"]["phone_a"], code, session_id, out.getvalue())
        assert answer.json["error"]["code"] == "not_a_photo", image_format


def test_a_comment_xmp_icc_profile_and_png_text_never_survive_the_cleaning(
    app: Flask, room: dict[str, Any]
) -> None:
    code = room["workshop"]["join_code"]
    session_id = _agenda(room)
    secret = "Stina Svensson, Storgatan 1, 070-1234567"
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>{secret}</rdf:Description>'
    xmp += "</x:xmpmeta>"
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    jpeg = io.BytesIO()
    Image.new("RGB", (320, 240), "navy").save(
        jpeg, "JPEG", comment=secret.encode(), xmp=xmp.encode(), icc_profile=icc
    )
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", secret)
    text.add_itxt("XML:com.adobe.xmp", xmp)
    png = io.BytesIO()
    Image.new("RGBA", (320, 240), (0, 90, 0, 128)).save(png, "PNG", pnginfo=text)
    for raw, name in ((jpeg.getvalue(), "a.jpg"), (png.getvalue(), "b.png")):
        assert secret.encode() in raw
        answer = _upload(room["http"]["phone_a"], code, session_id, raw, name)
        assert answer.status_code == 200, answer.json
        served = room["http"]["phone_a"].get(f"/w/{code}/photos/{answer.json['photo_id']}.jpg")
        assert b"Storgatan" not in served.data and b"xmpmeta" not in served.data, name
        clean = Image.open(io.BytesIO(served.data))
        assert not {"comment", "icc_profile", "xmp", "exif"} & set(clean.info), (name, clean.info)


def test_a_refused_upload_is_refused_before_its_body_is_read(
    app: Flask, room: dict[str, Any]
) -> None:
    """The room, the workshop, the session, the cap and the rate are settled from the request's
    head: a phone on slow wifi does not send 5 MB to hear no, and nobody makes the server
    read (or decode) what it would refuse anyway."""
    code = room["workshop"]["join_code"]
    session_id = _agenda(room)
    console, phone = room["console"], room["http"]["phone_a"]

    def refused(expected: str, status: int = 400, session: int = session_id) -> None:
        answer = _declared_upload(phone, code, session)
        assert (answer.status_code, answer.json["error"]["code"]) == (status, expected)

    refused("not_found", session=session_id + 1000)
    assert ack(console, "closing.set", {"op_id": op(), "quiet": True})["ok"]
    refused("room_quiet")
    assert ack(console, "closing.set", {"op_id": op(), "quiet": False})["ok"]
    window = {"op_id": op(), "opens_at": "2020-01-01T08:00", "closes_at": "2020-01-02T18:00"}
    assert ack(console, "consultation.update", window)["ok"]
    refused("window_closed")
    reopen = {"op_id": op(), "opens_at": "2020-01-01T08:00", "closes_at": "2099-01-01T18:00"}
    assert ack(console, "consultation.update", reopen)["ok"]
    assert ack(console, "workshop.close", {"op_id": op()})["ok"]
    refused("workshop_closed")
    assert ack(console, "workshop.reopen", {"op_id": op()})["ok"]
    for _ in range(6):
        answer = _upload(phone, code, session_id, jpeg_with_gps())
        assert answer.status_code == 200, answer.json
    refused("too_many_photos")
    assert len(_photo_files(app, room["workshop"]["id"])) == 6


def test_uploads_per_person_and_per_address_are_limited_before_the_body_is_read(
    app: Flask, room: dict[str, Any]
) -> None:
    code = room["workshop"]["join_code"]
    session_id = _agenda(room)
    app.config.update(PHOTOS_PER_MIN=3, PHOTOS_PER_MIN_PER_ADDRESS=5)
    phone_a, phone_b = room["http"]["phone_a"], room["http"]["phone_b"]
    refused_text = _upload(phone_a, code, session_id, b"not a picture")
    assert refused_text.json["error"]["code"] == "not_a_photo"  # counts: it was read
    for _ in range(2):
        assert _upload(phone_a, code, session_id, jpeg_with_gps()).status_code == 200
    flood = _declared_upload(phone_a, code, session_id)
    assert (flood.status_code, flood.json["error"]["code"]) == (429, "rate_limited")
    # The other phone on the same address has its own three, until the address's five.
    for _ in range(2):
        assert _upload(phone_b, code, session_id, jpeg_with_gps()).status_code == 200
    address = _declared_upload(phone_b, code, session_id)
    assert (address.status_code, address.json["error"]["code"]) == (429, "rate_limited")
    assert len(_photo_files(app, room["workshop"]["id"])) == 4


def test_a_phone_sized_photo_goes_through_with_the_csrf_token_in_its_header(
    app: Flask, room: dict[str, Any]
) -> None:
    """A 2-6 MB phone photo was a 413 for everyone: the app-wide CSRF check read the form under
    the 256 KB limit before the photo route could raise it."""
    code = room["workshop"]["join_code"]
    session_id = _agenda(room)
    app.config["WTF_CSRF_ENABLED"] = True
    phone = room["http"]["phone_a"]
    page = phone.get(f"/w/{code}").get_data(as_text=True)
    token = re.search(r'id="photos-block"[^>]*data-csrf="([^"]+)"', page)
    assert token, "the phone page carries the upload's CSRF token"
    photo = noisy_jpeg(2600, 1950)
    assert 3_000_000 < len(photo) < 8_000_000
    url = f"/w/{code}/sessions/{session_id}/photos"

    def post(headers: dict[str, str]) -> Any:
        data = {"photo": (io.BytesIO(photo), "IMG_0001.jpg"), "op_id": op()}
        return phone.post(url, data=data, content_type="multipart/form-data", headers=headers)

    without = post({})
    assert without.status_code == 400 and b"photo_added" not in without.data
    # Behind TLS the page it comes from must be this host's, as for every other form.
    for referrer in ("https://evil.example/w/x", ""):
        headers = {"X-CSRFToken": token.group(1), "Referer": referrer}
        data = {"photo": (io.BytesIO(photo), "IMG_0001.jpg"), "op_id": op()}
        foreign = phone.post(url, data=data, headers=headers, base_url="https://localhost")
        assert foreign.status_code == 400, referrer
    assert _photo_files(app, room["workshop"]["id"]) == []
    same_host = {"X-CSRFToken": token.group(1), "Referer": f"https://localhost/w/{code}"}
    data = {"photo": (io.BytesIO(photo), "IMG_0001.jpg"), "op_id": op()}
    answer = phone.post(url, data=data, headers=same_host, base_url="https://localhost")
    assert answer.status_code == 200, answer.data[:300]
    (stored,) = _photo_files(app, room["workshop"]["id"])
    assert Image.open(stored).size == (2000, 1500)


def noisy_jpeg(width: int, height: int) -> bytes:
    """A JPEG as large as a phone's photo of a busy flip chart (noise compresses badly)."""
    noise = Image.frombytes("RGB", (width, height), random.Random(5).randbytes(width * height * 3))
    out = io.BytesIO()
    noise.save(out, "JPEG", quality=92)
    return out.getvalue()


def test_a_photo_id_past_sqlite_s_integers_is_not_found_not_a_crash(room: dict[str, Any]) -> None:
    code = room["workshop"]["join_code"]
    for photo_id in (2**63, 10**30):
        answer = room["http"]["phone_a"].get(f"/w/{code}/photos/{photo_id}.jpg")
        assert answer.status_code == 404


def test_a_phone_jpeg_with_a_second_picture_in_it_is_a_photo(
    app: Flask, room: dict[str, Any]
) -> None:
    """Many phones append a depth or HDR gain map (Multi-Picture format, which Pillow calls MPO):
    the first picture is the photo, and it is kept alone."""
    code = room["workshop"]["join_code"]
    session_id = _agenda(room)
    first, second = Image.new("RGB", (800, 600), "red"), Image.new("L", (400, 300), 128)
    raw = io.BytesIO()
    first.save(raw, "MPO", save_all=True, append_images=[second])
    assert Image.open(io.BytesIO(raw.getvalue())).format == "MPO"
    answer = _upload(room["http"]["phone_a"], code, session_id, raw.getvalue())
    assert answer.status_code == 200, answer.json
    (stored,) = _photo_files(app, room["workshop"]["id"])
    kept = Image.open(stored)
    assert (kept.format, kept.size, getattr(kept, "n_frames", 1)) == ("JPEG", (800, 600), 1)
    assert kept.getpixel((400, 300))[0] > 200  # the red photo, not the grey map
