"""Easy-read Swedish on the wire: a socket's error acks follow the reader's Lättläst choice,
which the handshake carries in its cookie; a phone next to it keeps the ordinary Swedish."""

from __future__ import annotations

from typing import Any

from tests.conftest import ack, joined_client, make_facilitator, make_workshop, op, socket_for


def test_error_acks_are_in_easy_read_swedish_for_the_reader_who_chose_it(app: Any) -> None:
    w = make_workshop(app, make_facilitator(app), title="Din röst")
    easy_http = joined_client(app, w["join_code"])
    # Choosing Lättläst on any page sets the cookie the socket's handshake then sends.
    assert easy_http.get(f"/w/{w['join_code']}?lang=sv&easy=1").status_code == 200
    plain_http = joined_client(app, w["join_code"])
    messages = {}
    for name, http in (("easy", easy_http), ("plain", plain_http)):
        sock = socket_for(app, http, view="phone", workshop_id=w["id"], lang="sv")
        answer = ack(sock, "vote.add", {"op_id": op(), "topic_id": 1})
        assert answer["ok"] is False and answer["error"]["code"] == "no_open_round"
        messages[name] = answer["error"]["message"]
        sock.disconnect()
    assert messages == {
        "easy": "Du kan inte rösta just nu.",
        "plain": "Röstningen är inte öppen just nu.",
    }
