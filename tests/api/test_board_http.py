"""The board over HTTP: the JSON API, the server-drawn SVG, the phone flow "who have you met"."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from tests.conftest import joined_client, logged_in_client, make_facilitator, make_workshop
from workshop.domain.actors import Actor
from workshop.services import accounts, board


def _board_with_cards(app: Any, db: Any) -> dict[str, Any]:
    owner = make_facilitator(app)
    workshop = make_workshop(app, owner, title="Tavlan <script>alert(1)</script>")
    fac = Actor("facilitator", workshop["id"], owner)
    one = board.place_card(db, fac, "1", {"role_id": "skolkurator"}).result["card"]
    two = board.place_card(db, fac, "2", {"role_id": "bup-psykolog"}).result["card"]
    board.add_link(
        db, fac, "3", {"source_id": one["id"], "target_id": two["id"], "kind": "refers_to"}
    )
    board.group_card(db, fac, "4", {"card_id": one["id"], "version": 1, "group": "elevhalsa"})
    return {"workshop": workshop, "owner": owner, "cards": (one, two)}


def _met(client: Any, code: str, met: list[str], retold: list[str]) -> Any:
    step_two = client.post(f"/w/{code}/met", data={"met": met})
    assert step_two.status_code == 200
    op_id = re.search(rb'name="op_id" value="([^"]+)"', step_two.data).group(1).decode()
    return client.post(f"/w/{code}/met/save", data={"met": met, "retold": retold, "op_id": op_id})


def test_the_api_gives_the_board_with_titles_links_and_aggregates(app: Any, db: Any) -> None:
    room = _board_with_cards(app, db)
    wid, code = room["workshop"]["id"], room["workshop"]["join_code"]
    phone = joined_client(app, code, group="parent")
    assert _met(phone, code, ["skolkurator", "logoped"], ["skolkurator"]).status_code == 200
    with app.app_context():
        token = accounts.create_api_token(db, "facilitator@example.se", "t")
    client = app.test_client()
    body = client.get(
        f"/api/v1/workshops/{wid}/board?lang=en", headers={"Authorization": f"Bearer {token}"}
    ).json
    cards = {card["role_id"]: card for card in body["board"]["cards"]}
    assert cards["skolkurator"]["title"] == "School counsellor / school social worker"
    assert cards["skolkurator"]["group"] == "elevhalsa" and cards["skolkurator"]["met_by"] == 1
    assert cards["bup-psykolog"]["met_by"] == 0 and cards["bup-psykolog"]["sector"] == "region"
    assert [link["kind"] for link in body["board"]["links"]] == ["refers_to"]
    assert body["board"]["aggregates"]["titles"] == {"median": 2, "low": 2, "high": 2}
    assert "participant" not in str(body)
    svenska = client.get(
        f"/api/v1/workshops/{wid}/board", headers={"Authorization": f"Bearer {token}"}
    )
    assert {c["title"] for c in svenska.json["board"]["cards"]} == {"Skolkurator", "Psykolog, BUP"}
    other = make_facilitator(app, "other@example.se")
    with app.app_context():
        other_token = accounts.create_api_token(db, "other@example.se", "t")
    assert (
        other
        and client.get(
            f"/api/v1/workshops/{wid}/board", headers={"Authorization": f"Bearer {other_token}"}
        ).status_code
        == 404
    )


def test_the_server_draws_the_board_as_an_svg_for_reports(app: Any, db: Any) -> None:
    room = _board_with_cards(app, db)
    wid = room["workshop"]["id"]
    console = logged_in_client(app)
    response = console.get(f"/console/{wid}/board.svg?lang=en&download=1")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.data.decode()
    root = ET.fromstring(response.data)  # noqa: S314  (our own output: well-formed, escaped)
    assert root.attrib["width"] == "277mm" and "<script>" not in text
    assert "School counsellor" in text and "Pupil health team" in text and "refers to" in text
    assert 'marker-end="url(#arrow)"' in text
    assert "Skolkurator" in console.get(f"/console/{wid}/board.svg?lang=sv").data.decode()
    stranger = joined_client(app, room["workshop"]["join_code"])
    assert stranger.get(f"/console/{wid}/board.svg").status_code == 302  # to the login


def test_a_parent_answers_which_roles_they_met_in_two_steps(app: Any, db: Any) -> None:
    owner = make_facilitator(app)
    workshop = make_workshop(app, owner)
    code = workshop["join_code"]
    phone = joined_client(app, code, group="parent")
    first = phone.get(f"/w/{code}/met")
    assert first.status_code == 200 and first.data.count(b'name="met"') == 62
    assert "Vad gör de?".encode() in first.data
    step_two = phone.post(f"/w/{code}/met", data={"met": ["logoped", "syv", "no-such-role"]})
    assert step_two.data.count(b'name="retold"') == 2
    done = _met(phone, code, ["logoped", "syv"], ["syv"])
    assert done.status_code == 200
    assert "Du har mött 2 titlar i 2 organisationer".encode() in done.data
    # The answer is remembered (ticked again), and the same op_id twice stores it once.
    assert phone.get(f"/w/{code}/met").data.count(b"checked") == 2
    bad = phone.post(
        f"/w/{code}/met/save", data={"met": ["logoped"], "retold": ["syv"], "op_id": "x"}
    )
    assert bad.status_code == 400 and b'role="alert"' in bad.data
    outsider = app.test_client()
    assert outsider.get(f"/w/{code}/met").status_code == 302
    assert outsider.post(f"/w/{code}/met/save", data={"met": ["logoped"]}).status_code == 302


def test_the_console_downloads_the_board_as_a_png_sized_for_a4(app: Any, db: Any) -> None:
    room = _board_with_cards(app, db)
    wid = room["workshop"]["id"]
    console = logged_in_client(app)
    response = console.get(f"/console/{wid}/board.png?lang=en")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert "attachment" in response.headers["Content-Disposition"]
    png = response.data
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width == 3508 and 0.6 < height / width < 0.75  # A4 landscape at 300 dpi
    stranger = joined_client(app, room["workshop"]["join_code"])
    assert stranger.get(f"/console/{wid}/board.png").status_code == 302


def test_the_wall_shows_the_board_s_picture_when_the_facilitator_chooses_it(
    app: Any, db: Any
) -> None:
    from workshop.services import workshops

    room = _board_with_cards(app, db)
    code = room["workshop"]["join_code"]
    fac = Actor("facilitator", room["workshop"]["id"], room["owner"])
    shown = workshops.show_on_wall(db, fac, "w", {"view": "board"})
    assert shown.result["workshop"]["wall_view"] == "board"
    assert shown.events[0]["payload"]["workshop"]["wall_view"] == "board"
    anyone = app.test_client()
    wall = anyone.get(f"/w/{code}/wall?lang=en")
    assert f"/w/{code}/board.svg".encode() in wall.data and b'id="board-still"' in wall.data
    picture = anyone.get(f"/w/{code}/board.svg?lang=en")
    assert picture.status_code == 200 and picture.mimetype == "image/svg+xml"
    assert picture.headers["Cache-Control"] == "no-store"
    text = picture.data.decode()
    assert "School counsellor" in text and "<script>" not in text and "&lt;script&gt;" in text
    assert anyone.get("/w/NOSUCH/board.svg").status_code == 404


def test_the_wall_pages_a_board_too_crowded_to_read_whole(app: Any, db: Any) -> None:
    """With every role of the catalogue on the board, the wall gets a page per sector (the
    crowded municipality in parts), each page's picture drawn with only its cards; a small
    board is one page. Past the last page the last one is drawn."""
    from workshop.services import catalog

    room = _board_with_cards(app, db)
    code = room["workshop"]["join_code"]
    anyone = app.test_client()
    small = anyone.get(f"/w/{code}/board/pages?lang=sv").get_json()
    assert small["ok"] is True and len(small["pages"]) == 1
    assert small["pages"][0]["sector"] == "" and small["pages"][0]["cards"] == 2

    fac = Actor("facilitator", room["workshop"]["id"], room["owner"])
    roles = catalog.roles_in(db, room["workshop"]["id"], "sv")
    for n, role in enumerate(roles):
        if role["id"] not in ("skolkurator", "bup-psykolog"):
            board.place_card(db, fac, f"r{n}", {"role_id": role["id"]})
    response = anyone.get(f"/w/{code}/board/pages?lang=sv")
    assert response.headers["Cache-Control"] == "no-store"
    pages = response.get_json()["pages"]
    assert len(pages) >= 4 and sum(page["cards"] for page in pages) == len(roles)
    assert [page["sector"] for page in pages][0] == "kommun"
    assert " · Kommun" in pages[0]["title"]
    svg_ns = "{http://www.w3.org/2000/svg}"
    for n, page in enumerate(pages):
        picture = anyone.get(f"/w/{code}/board.svg?lang=sv&page={n}")
        root = ET.fromstring(picture.data)  # noqa: S314 (our own SVG)
        cards = [g for g in root.iter(f"{svg_ns}g") if (g.get("class") or "").startswith("card")]
        assert len(cards) == page["cards"], page["title"]
        assert root.find(f"{svg_ns}title").text == page["title"]  # type: ignore[union-attr]
        _x, _y, width, height = (float(n) for n in root.get("viewBox", "").split())
        smallest = min(float(node.get("font-size", 99)) for node in root.iter(f"{svg_ns}text"))
        assert smallest * min(851 / width, 637 / height) >= 12, page["title"]
    past = anyone.get(f"/w/{code}/board.svg?lang=sv&page=99").data
    assert past == anyone.get(f"/w/{code}/board.svg?lang=sv&page={len(pages) - 1}").data
