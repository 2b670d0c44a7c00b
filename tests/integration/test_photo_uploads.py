"""Photo uploads against a real server: a crowd of decompression bombs costs the worker nothing,
and a real phone-sized photo goes through with the CSRF check on (QUALITY.md, Uploads)."""

from __future__ import annotations

import io
import random
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from PIL import Image

from tests.integration.helpers import close_all, parallel, room
from tests.realtime.test_photos import png_bomb
from tests.support.live import LiveServer, proc_status

pytestmark = [pytest.mark.integration]

BOMBS = 20


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    with LiveServer() as live:
        yield live


def _agenda_session(r: dict[str, Any]) -> int:
    console = r["console"]
    slot = console.command("slot.save", starts="10:00", ends="10:45")["slot"]["id"]
    space = console.command("space.save", name="Rum A")["space"]["id"]
    placed = console.command("session.place", topic_id=r["topics"][0], slot_id=slot, space_id=space)
    return placed["session"]["id"]


def _phone_with_token(server: LiveServer, code: str) -> tuple[requests.Session, str]:
    phone = server.join(code)
    page = phone.get(f"{server.base}/w/{code}").text
    token = re.search(r'id="photos-block"[^>]*data-csrf="([^"]+)"', page)
    assert token, "the phone page carries the upload's CSRF token"
    return phone, token.group(1)


def _post(
    server: LiveServer, code: str, session_id: int, phone: requests.Session, token: str, raw: bytes
) -> requests.Response:
    return phone.post(
        f"{server.base}/w/{code}/sessions/{session_id}/photos",
        files={"photo": ("IMG_0001.jpg", raw, "image/jpeg")},
        data={"op_id": uuid.uuid4().hex},
        headers={"X-CSRFToken": token},
        timeout=120,
    )


def test_twenty_bombs_at_once_cost_the_worker_nothing_and_a_phone_photo_goes_through(
    server: LiveServer,
) -> None:
    r = room(server, topics=1)
    code, session_id = r["code"], _agenda_session(r)
    phones = parallel(lambda _: _phone_with_token(server, code), range(BOMBS))
    (worker,) = server.pids()[1:]
    before = proc_status(worker)
    bomb = png_bomb()
    answers = parallel(
        lambda pair: _post(server, code, session_id, *pair, bomb), phones, workers=BOMBS
    )
    after = proc_status(worker)
    codes = sorted({(a.status_code, a.json()["error"]["code"]) for a in answers})
    growth_mb = (after["VmHWM"] - before["VmHWM"]) / 1024

    noise = Image.frombytes("RGB", (2600, 1950), random.Random(5).randbytes(2600 * 1950 * 3))
    out = io.BytesIO()
    noise.save(out, "JPEG", quality=92)
    photo = out.getvalue()
    accepted = _post(server, code, session_id, *phones[0], photo)
    print(
        f"\n{BOMBS} PNG bombs of {len(bomb) // 1024} KB ({7000} x {7000} px) at once: "
        f"{codes}; the worker's peak memory {before['VmHWM'] // 1024} -> "
        f"{after['VmHWM'] // 1024} MB (+{growth_mb:.1f} MB); "
        f"a {len(photo) / 1e6:.1f} MB phone photo: {accepted.status_code}"
    )
    close_all([r["console"], r["wall"]])
    assert codes == [(400, "photo_too_many_pixels")]
    assert growth_mb < 50
    assert accepted.status_code == 200, accepted.text[:300]
    assert accepted.json()["ok"]
