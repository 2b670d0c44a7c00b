"""Issue 9's screens in a full room: 40 real topics, 51 participants, two sealed rounds.

The wall from the back of the room (1280x800 and 1920x1080), a 320 px phone, the console; what
the screens *receive* (websocket frames), not only what they show.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    DESKTOP,
    axe_violations,
    csp_violations,
    join,
    login,
    screenshot_dir,
    watch,
)
from tests.integration.helpers import NO_QUOTA, Client, burst, close_all, phones
from tests.support.live import LiveServer

pytestmark = pytest.mark.browser

# Not a loopback address: the wall and the console then show no "phones cannot use this" notice
# (nothing is ever sent there; it is only the text of the QR code and the link).
PUBLIC_URL = "http://workshop.local:5000"
SMALL = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}
WALLS = {"1280x800": {"width": 1280, "height": 800}, "1920x1080": {"width": 1920, "height": 1080}}

# What a municipal workshop on "one way in" wrote, long Swedish compounds included.
TOPICS = [
    "Samma socialsekreterare hela vägen",
    "Kortare väntetider till barn- och ungdomspsykiatrin",
    "Föräldrastödsprogram redan i förskolan",
    "En gemensam ingång för alla kommunens stödinsatser",
    "Skolsköterskan som första kontaktperson",
    "Samordnad individuell plan utan krångel",
    "Ungdomsmottagningen öppen på kvällar",
    "Tolk vid varje möte med vårdnadshavare",
    "Familjecentral i varje stadsdel",
    "Elevhälsan och socialtjänsten i samma hus",
    "Enklare blanketter på lättläst svenska",
    "Fritidsgårdarnas personal som brobyggare",
    "Stöd till syskon till barn med funktionsnedsättning",
    "Uppföljning efter avslutad insats",
    "Barnets röst i varje utredning",
    "Digital tidsbokning hos familjebehandlare",
    "Ensamkommande ungdomars boendesituation",
    "Mindre personalomsättning inom socialtjänsten",
    "Mötesplatser för föräldrar till tonåringar",
    "Anhörigstöd för mor- och farföräldrar",
    "Förebyggande arbete mot skolfrånvaro",
    "Socialsekreterarkontakten när man flyttar mellan kommuner",
    "Öppettider som passar föräldrar som arbetar skift",
    "Gemensamma utbildningsdagar för skola och socialtjänst",
    "Barnrättsperspektivet i budgetarbetet",
    "Kontaktperson för barn i familjehem",
    "Sommaraktiviteter för barn i ekonomiskt utsatta familjer",
    "Samverkansöverenskommelser som faktiskt följs",
    "Psykisk ohälsa bland unga tjejer",
    "Idrottsföreningarnas ansvar för inkludering",
    "Informationsmaterial på fler språk",
    "Stöd vid separation och vårdnadstvister",
    "Hembesök av barnavårdscentralen upp till sex år",
    "Skolskjuts för barn som bor i familjehem",
    "Förvaltningsövergripande ärendehantering",
    "Unga vuxnas övergång från BUP till vuxenpsykiatrin",
    "Trygga vuxna i skolans korridorer",
    "Lättillgänglig budget- och skuldrådgivning",
    "Läxhjälp i bibliotekens lokaler",
    "Återkoppling till dem som lämnat synpunkter",
]
assert len(TOPICS) == 40
PURPOSES = {1: "Vilka ämnen tar vi vidare?", 2: "Vad gör vi först?"}


def vote_plan(phone_index: int, topic_ids: list[int], seed: int) -> list[int]:
    """Five dots (at most 3 on one topic) spread so that the ranking has ties."""
    i = phone_index + seed
    return [
        topic_ids[i % 7],
        topic_ids[(i * 3) % 11],
        topic_ids[(i * 5) % 13],
        topic_ids[20 + i % 4],
        topic_ids[30 + i % 10],
    ]


def run_round(console: Client, people: list[Client], topic_ids: list[int], seed: int) -> int:
    """Open a sealed round, let everyone place their five dots, return the round's id."""
    opened = console.command("round.open", budget=5, max_per_topic=3, purpose=PURPOSES[seed])
    assert opened["ok"], opened
    plan = [
        (phone, "vote.add", {"op_id": f"r{seed}-{n}-{k}", "topic_id": topic})
        for n, phone in enumerate(people)
        for k, topic in enumerate(vote_plan(n, topic_ids, seed))
    ]
    results = burst(plan)
    assert all(ack["ok"] for _, _, ack, _ in results), [a for _, _, a, _ in results if not a["ok"]]
    return opened["round"]["id"]


class Room:
    """A workshop with 40 topics and 51 joined participants, driven over Socket.IO."""

    def __init__(self, server: LiveServer, participants: int = 51, **workshop: Any) -> None:
        self.server = server
        self.session = server.login()
        fields = {
            "title": "En väg in för barn och familjer",
            "theme": "Hur ger vi barn och familjer en enda väg in till stöd?",
            "dot_budget": 5,
            "max_per_topic": 3,
            **workshop,
        }
        info = server.create_workshop(self.session, **fields)
        self.id, self.code = info["id"], info["join_code"]
        self.console = Client(server, self.session, view="console", workshop_id=self.id)
        self.topic_ids = [
            self.console.command("topic.post", title=title)["topic"]["id"] for title in TOPICS
        ]
        self.people = phones(server, self.code, self.id, participants) if participants else []

    def command(self, name: str, **payload: Any) -> dict[str, Any]:
        ack = self.console.command(name, **payload)
        assert ack["ok"], ack
        return ack

    def snapshot(self) -> dict[str, Any]:
        return self.console.call("sync", {"since": 0})["snapshot"]

    def close(self) -> None:
        close_all([self.console, *self.people])


@pytest.fixture(scope="module")
def crowd_server() -> Iterator[LiveServer]:
    env = {**NO_QUOTA, "WORKSHOP_PUBLIC_URL": PUBLIC_URL, "WORKSHOP_HEAD_INTERVAL": "2"}
    with LiveServer(env=env) as live:
        live.add_facilitator()
        yield live


@pytest.fixture(scope="module")
def crowd(crowd_server: LiveServer) -> Iterator[Room]:
    """Two closed sealed rounds, both with ties in their rankings."""
    room = Room(crowd_server)
    for seed in (1, 2):
        run_round(room.console, room.people, room.topic_ids, seed)
        room.command("round.close")
    rounds = room.snapshot()["rounds"]
    assert [r["status"] for r in rounds] == ["closed", "closed"]
    for past in rounds:
        ranks = [line["rank"] for line in past["results"]]
        assert len(ranks) != len(set(ranks)), "the ranking needs a tie for this test"
    yield room
    room.close()


# --- what a page receives ------------------------------------------------------------------


def pump_until(page: Page, predicate: Callable[[], bool], timeout: float) -> None:
    """Wait until predicate() holds, letting Playwright deliver frames meanwhile.

    Its sync API hands websocket frames to Python only while a page call runs: a plain
    time.sleep loop sees none that arrive during the wait (on a busy machine the approved
    topic's frame came after the check and the test failed). The caller asserts.
    """
    deadline = time.monotonic() + timeout
    while not predicate() and time.monotonic() < deadline:
        page.wait_for_timeout(100)


class Frames:
    """Every text frame a page's websockets receive, and the Socket.IO packets in them."""

    PACKET = re.compile(r"^4([23])(\d*)(.*)$", re.S)

    def __init__(self, page: Page) -> None:
        self.raw: list[str] = []
        page.on("websocket", self._socket)

    def _socket(self, ws: Any) -> None:
        ws.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        if isinstance(payload, str):
            self.raw.append(payload)

    def packets(self) -> list[Any]:
        out = []
        for frame in list(self.raw):
            match = self.PACKET.match(frame)
            if match:
                out.append(json.loads(match.group(3)))
        return out

    def events(self) -> list[dict[str, Any]]:
        """The log events a page received, batched or in a sync answer."""
        found: list[dict[str, Any]] = []
        for packet in self.packets():
            if packet and packet[0] in ("events", "event"):
                body = packet[1]
                found.extend(body if isinstance(body, list) else [body])
            elif packet and isinstance(packet[0], dict) and "events" in packet[0]:
                found.extend(packet[0]["events"])
        return found

    def snapshots(self) -> list[dict[str, Any]]:
        return [
            p[0]["snapshot"]
            for p in self.packets()
            if p and isinstance(p[0], dict) and isinstance(p[0].get("snapshot"), dict)
        ]

    def mentions(self, text: str) -> bool:
        escaped = json.dumps(text)[1:-1]  # "\u00e4" when the server escapes non-ASCII
        return any(text in frame or escaped in frame for frame in list(self.raw))


def totals_seen(frames: Frames, round_id: int) -> list[str]:
    """Every total of the round a page received: vote totals, tallies, a reveal, results."""
    seen = []
    for event in frames.events():
        payload = event["payload"]
        vote = event["type"] in ("vote.cast", "vote.retracted")
        if vote and payload["round_id"] == round_id and payload["total"] is not None:
            seen.append(f"{event['type']} total {payload['total']}")
        tally = event["type"] in ("topic.unhidden", "topic.merged", "round.revealed")
        if tally and payload.get("tally"):
            seen.append(f"{event['type']} tally")
        if event["type"] == "round.closed" and payload["round"]["id"] == round_id:
            seen.append("round.closed results")
    for snapshot in frames.snapshots():
        if snapshot.get("round") and snapshot["round"]["id"] == round_id and snapshot["tally"]:
            seen.append("snapshot tally")
    return seen


# --- layout measurements -------------------------------------------------------------------

MEASURE = """
(selector) => [...document.querySelectorAll(selector)]
  .filter((n) => n.getClientRects().length)
  .map((n) => { const r = n.getBoundingClientRect(); const s = getComputedStyle(n);
    return {text: n.textContent.slice(0, 40), width: r.width, top: r.top, bottom: r.bottom,
            right: r.right, size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight),
            height: r.height}; })
"""

# Words of a visible text that a line break cut in two although they would have fitted on a
# line of their own. A word longer than the line may break: with a hyphen where the browser
# hyphenates Swedish (`hyphens: auto` and the list's lang="sv"); Debian's Chromium ships no
# hyphenation dictionaries, so there the wall breaks it at a syllable itself (wall_layout.js:
# each piece its own text, the hyphen drawn by CSS): every piece of text is checked.
SPLIT_WORDS = """
(selector) => { const cut = [];
  for (const node of document.querySelectorAll(selector)) {
    if (!node.getClientRects().length) continue;
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const re = /\\S+/g; let m;
      while ((m = re.exec(text.data))) {
        const range = document.createRange();
        range.setStart(text, m.index); range.setEnd(text, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size < 2) continue;
        const probe = document.createElement('span');
        probe.style.whiteSpace = 'nowrap';
        probe.textContent = m[0];
        node.append(probe);
        const fits = probe.getBoundingClientRect().width <= node.clientWidth;
        probe.remove();
        if (fits) cut.push(m[0]);
      }
    }
  }
  return cut; }
"""


def page_width(page: Page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


def assert_wall_readable(wall: Page, selectors: str, name: str) -> list[dict[str, Any]]:
    """Visible on the screen (no scrolling), type at least about 3 % of its height."""
    height = wall.viewport_size["height"]
    width = wall.viewport_size["width"]
    boxes = wall.evaluate(MEASURE, selectors)
    assert boxes, name
    too_small = [b for b in boxes if b["size"] < 0.029 * height]
    assert too_small == [], (name, too_small[:3])
    below = [b for b in boxes if b["bottom"] > height + 1]
    assert below == [], (name, below[:3])
    assert page_width(wall) <= width, name
    return boxes


def assert_code_on_one_line(wall: Page) -> None:
    code = wall.evaluate(MEASURE, ".wall-code")[0]
    assert code["height"] < 1.5 * code["line"], code
    overflow = wall.evaluate(
        "() => { const n = document.querySelector('.wall-code');"
        " return n.scrollWidth - n.clientWidth; }"
    )
    assert overflow <= 0, overflow


def open_wall(browser: Browser, base: str, code: str, size: dict[str, int]) -> Page:
    wall = browser.new_context(viewport=size).new_page()
    wall.goto(f"{base}/w/{code}/wall")
    return wall


# --- the wall ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", list(WALLS))
def test_the_wall_pages_40_topics_and_shows_the_top_of_a_ranking(
    browser: Browser, crowd_server: LiveServer, crowd: Room, size: str
) -> None:
    base = crowd_server.base
    crowd.command("wall.show", view="marketplace")
    wall = open_wall(browser, base, crowd.code, WALLS[size])
    seen = watch(wall, base)
    wall.reload()
    expect(wall.locator(".wall-topic")).to_have_count(40)
    # Phones can reach the join address: no warning on the wall.
    expect(wall.locator("#loopback-notice")).to_have_count(0)
    assert_code_on_one_line(wall)

    # The marketplace: the cards that fit, in large type, and which of the 40 they are.
    indicator = wall.locator("#wall-page")
    expect(indicator).to_be_visible()
    first = indicator.text_content() or ""
    match = re.fullmatch(r"1–(\d+) av 40", first)
    assert match, first
    per_page = int(match.group(1))
    assert 6 <= per_page < 40, first
    cards = assert_wall_readable(
        wall, ".wall-topic-title, #wall-page, #topic-count, #participant-total", "marketplace"
    )
    assert len([c for c in cards if c["text"] in {t[:40] for t in TOPICS}]) == per_page
    assert wall.evaluate(SPLIT_WORDS, ".wall-topic-title") == []
    assert wall.evaluate("() => document.getElementById('topics').lang") == "sv"
    # One synchronous read: the wall rebuilds its cards on every change in the room, and a card
    # detached between finding it and reading it has no computed style.
    hyphens = wall.evaluate(
        "() => getComputedStyle(document.querySelector('.wall-topic-title')).hyphens"
    )
    assert hyphens == "auto"
    wall.screenshot(path=str(screenshot_dir("docs") / f"wall-40-topics-{size}.png"))

    # About ten seconds later the next page, and it says so.
    expect(indicator).to_have_text(re.compile(rf"^{per_page + 1}–\d+ av 40$"), timeout=15_000)
    assert_wall_readable(wall, ".wall-topic-title", "second page")
    assert wall.evaluate(SPLIT_WORDS, ".wall-topic-title") == []
    wall.screenshot(path=str(screenshot_dir() / f"wall-40-topics-page-2-{size}.png"))

    # The coordinator shows round 1's result: the top rows in large type, and how many more.
    first_round = crowd.snapshot()["rounds"][0]
    crowd.command("wall.show", view="results", round_id=first_round["id"])
    expect(wall.locator("#round-status")).to_have_text("Resultatet av omgång 1")
    expect(wall.locator(".bar-row")).to_have_count(len(first_round["results"]))
    more = wall.locator("#bars-more")
    expect(more).to_be_visible()
    shown = wall.locator(".bar-row:visible").count()
    assert 5 <= shown < len(first_round["results"])
    expect(more).to_have_text(f"och {len(first_round['results']) - shown} till")
    expected = [line["topic_id"] for line in first_round["results"][:shown]]
    ids = wall.eval_on_selector_all(
        ".bar-row", "rows => rows.filter(r => !r.hidden).map(r => Number(r.dataset.topicId))"
    )
    assert ids == expected
    assert_wall_readable(wall, ".bar-row:not([hidden]) .bar-label, #bars-more", "ranking")
    # Rank and title share a line: the title's first line starts level with the rank.
    tops = wall.eval_on_selector_all(
        ".bar-row:not([hidden])",
        """rows => rows.map(r => [r.querySelector('.rank').getBoundingClientRect().top,
            r.querySelector('.bar-title').getClientRects()[0].top])""",
    )
    assert all(abs(rank - title) < 4 for rank, title in tops), tops
    assert wall.evaluate(SPLIT_WORDS, ".bar-row:not([hidden]) .bar-title") == []
    wall.screenshot(path=str(screenshot_dir("docs") / f"wall-result-{size}.png"))

    crowd.command("wall.show", view="auto")
    assert seen["errors"] == [] and csp_violations(wall) == [] and seen["foreign"] == []
    wall.context.close()


def test_the_wall_pages_without_motion_when_asked(
    browser: Browser, crowd_server: LiveServer, crowd: Room
) -> None:
    crowd.command("wall.show", view="marketplace")
    context = browser.new_context(viewport=WALLS["1280x800"], reduced_motion="reduce")
    wall = context.new_page()
    wall.goto(f"{crowd_server.base}/w/{crowd.code}/wall")
    expect(wall.locator("#wall-page")).to_have_text(re.compile(r"^1–\d+ av 40$"))
    wall.evaluate(
        """() => { window.__animations = 0;
            new MutationObserver(() => { window.__animations += document.getAnimations().length; })
              .observe(document.getElementById('topics'), {subtree: true, attributes: true}); }"""
    )
    expect(wall.locator("#wall-page")).not_to_have_text(re.compile(r"^1–"), timeout=15_000)
    assert wall.evaluate("() => window.__animations + document.getAnimations().length") == 0
    crowd.command("wall.show", view="auto")
    context.close()


# --- the phone at 320 px -------------------------------------------------------------------


def test_a_320_px_phone_shows_tied_results_without_squeezing_a_title(
    browser: Browser, crowd_server: LiveServer, crowd: Room
) -> None:
    base = crowd_server.base
    phone = browser.new_context(**SMALL).new_page()
    seen = watch(phone, base)
    join(phone, base, crowd.code)
    expect(phone.locator("#results .result")).to_have_count(40)
    ties = phone.locator("#results .rank").filter(has_text="delad plats")
    assert ties.count() >= 2
    # Round 1 is still there under "Earlier rounds".
    phone.locator("#past-round-list summary").first.click()
    expect(phone.locator("#past-round-list .result").first).to_be_visible()
    for selector in (".result-title", ".topic-title"):
        narrow = [b for b in phone.evaluate(MEASURE, selector) if b["width"] < 120]
        assert narrow == [], (selector, narrow[:3])
    assert page_width(phone) <= 320
    assert phone.evaluate("() => document.body.scrollHeight") < 40_000
    phone.locator("#results-panel").evaluate("n => n.scrollIntoView({block: 'start'})")
    phone.screenshot(path=str(screenshot_dir("docs") / "phone-320-results.png"))
    assert seen["errors"] == [] and csp_violations(phone) == []
    phone.context.close()


# --- accessibility of every new state ------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_new_states_have_no_serious_axe_violations(
    browser: Browser, crowd_server: LiveServer, crowd: Room, lang: str
) -> None:
    base = crowd_server.base
    found: dict[str, list[dict[str, Any]]] = {}
    crowd.command("wall.show", view="marketplace")
    wall = browser.new_context(viewport=WALLS["1280x800"]).new_page()
    wall.goto(f"{base}/w/{crowd.code}/wall?lang={lang}")
    expect(wall.locator("#wall-page")).to_be_visible()
    found["wall paged"] = axe_violations(wall)
    crowd.command("wall.show", view="results", round_id=crowd.snapshot()["rounds"][0]["id"])
    expect(wall.locator("#bars-more")).to_be_visible()
    found["wall ranking"] = axe_violations(wall)
    crowd.command("wall.show", view="auto")
    expect(wall.locator("#bars-more")).to_be_visible()

    phone = browser.new_context(**SMALL).new_page()
    phone.goto(f"{base}/?lang={lang}")
    join(phone, base, crowd.code)
    expect(phone.locator("#results .result")).to_have_count(40)
    phone.locator("#past-round-list summary").first.click()
    found["phone 320 results"] = axe_violations(phone)

    console = browser.new_context(**DESKTOP).new_page()
    login(console, base)
    console.goto(f"{base}/console/{crowd.id}?lang={lang}")
    expect(console.locator(".console-topics li")).to_have_count(40)
    console.fill("#topic-search", "skol")
    expect(console.locator("#topic-filter-count")).to_be_visible()
    console.locator(".console-topics li:visible summary").first.click()
    found["console search and actions"] = axe_violations(console)

    # A third round, sealed: the wall shows the topics and the turnout, the phone its dots.
    crowd.command("round.open", budget=5, max_per_topic=3)
    try:
        expect(wall.locator("#turnout")).to_be_visible()
        expect(wall.locator("#wall-page")).to_be_visible()
        found["wall sealed round"] = axe_violations(wall)
        expect(phone.locator("#dots-bar")).to_be_visible()
        found["phone 320 voting"] = axe_violations(phone)
    finally:
        crowd.command("round.close")
    counts = {name: len(v) for name, v in found.items()}
    print(f"\naxe serious+critical, crowded room ({lang}): {counts}")
    assert {name: v for name, v in found.items() if v} == {}
    for page in (wall, phone, console):
        page.context.close()


# --- sealed rounds and review, by what the screens receive ----------------------------------


def test_sealed_rounds_and_waiting_topics_never_reach_the_wall_or_a_phone_early(
    browser: Browser, crowd_server: LiveServer
) -> None:
    base = crowd_server.base
    room = Room(crowd_server)
    try:
        wall = open_wall(browser, base, room.code, WALLS["1280x800"])
        wall_frames = Frames(wall)
        wall.reload()
        phone = browser.new_context(**SMALL).new_page()
        phone_frames = Frames(phone)
        join(phone, base, room.code)
        console = browser.new_context(**DESKTOP).new_page()
        console_frames = Frames(console)
        login(console, base)
        console.goto(f"{base}/console/{room.id}")
        expect(console.locator(".console-topics li")).to_have_count(40)
        expect(wall.locator(".wall-topic")).to_have_count(40)

        # Round 1, sealed: 51 people place 255 dots. The console gets every total; the wall and
        # the phone only the turnout.
        first = run_round(room.console, room.people, room.topic_ids, 1)
        expect(wall.locator("#turnout")).to_contain_text("51 av 52")
        expect(phone.locator("#dots-bar")).to_be_visible()
        pump_until(console, lambda: len(totals_seen(console_frames, first)) >= 200, 30)
        assert len(totals_seen(console_frames, first)) >= 200, "the frames were not read"
        # A reload during the sealed round: the snapshot carries no totals either.
        wall.reload()
        expect(wall.locator("#turnout")).to_contain_text("51 av 52")
        assert wall_frames.snapshots(), "no snapshot seen"
        assert totals_seen(wall_frames, first) == []
        assert totals_seen(phone_frames, first) == []
        expect(wall.locator(".bar-row")).to_have_count(0)
        room.command("round.close")
        expect(wall.locator(".bar-row .rank").first).to_be_visible()
        assert totals_seen(wall_frames, first) == ["round.closed results"]
        first_results = room.snapshot()["rounds"][0]["results"]

        # Round 2, sealed too; round 1's result stays reachable everywhere.
        second = run_round(room.console, room.people, room.topic_ids, 2)
        expect(wall.locator("#turnout")).to_contain_text("51 av 52")
        wall.reload()
        phone.reload()
        expect(phone.locator("#dots-bar")).to_be_visible()
        assert totals_seen(wall_frames, second) == []
        assert totals_seen(phone_frames, second) == []
        earlier = console.locator("#past-round-list summary")
        expect(earlier).to_have_text([f"Omgång 1: {PURPOSES[1]}"])
        console.locator("#past-round-list summary").click()
        expect(console.locator("#past-round-list .result")).to_have_count(len(first_results))
        expect(phone.locator("#past-round-list summary")).to_have_count(1)
        console.select_option("#wall-view", f"results:{first}")
        console.click("#wall-form button[type=submit]")
        expect(wall.locator("#round-status")).to_have_text("Resultatet av omgång 1")
        top = first_results[0]
        expect(wall.locator(".bar-row").first).to_have_attribute("data-total", str(top["total"]))
        assert totals_seen(wall_frames, second) == []

        # Review before showing: a participant's topic waits on the console and reaches neither
        # the wall nor another phone until it is approved.
        # The settings are in the console's Set-up part; the topics on its marketplace.
        console.locator("#console-rail a[data-part=setup]").click()
        console.check("#review_topics")
        console.click("#settings-form button[type=submit]")
        console.locator("#console-rail a[data-part=marketplace]").click()
        expect(console.locator("#review-status")).to_be_visible()
        title = "Väntar på granskning: hämtning från förskolan"
        author = room.people[0]
        assert author.command("topic.post", title=title)["ok"]
        card = console.locator("li.topic").filter(has_text=title)
        expect(card.locator(".waiting-badge")).to_be_visible()
        # Playwright hands frames to Python only while it runs a page call: give it a few.
        for _ in range(50):
            if console_frames.mentions(title):
                break
            console.wait_for_timeout(100)
        assert console_frames.mentions(title), "the frames were not read"
        phone.wait_for_timeout(500)
        assert not wall_frames.mentions(title)
        assert not phone_frames.mentions(title)
        wall.reload()
        phone.reload()
        expect(wall.locator("#round-status")).to_be_visible()
        expect(phone.locator("li.topic")).to_have_count(40)
        assert not wall_frames.mentions(title)
        assert not phone_frames.mentions(title)
        card.get_by_role("button", name=re.compile("^Godkänn")).click()
        expect(phone.locator("li.topic")).to_have_count(41)
        pump_until(wall, lambda: wall_frames.mentions(title) and phone_frames.mentions(title), 10)
        assert wall_frames.mentions(title) and phone_frames.mentions(title)
        room.command("round.close")
        room.command("wall.show", view="marketplace")
        expect(wall.locator(".wall-topic")).to_have_count(41)
        wall.screenshot(path=str(screenshot_dir() / "wall-after-review.png"))
        for page in (wall, phone, console):
            assert csp_violations(page) == []
            page.context.close()
    finally:
        room.close()


# --- voting on a phone with 40 topics, and the console ------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_voting_on_a_small_phone_and_running_40_topics_from_the_console(
    browser: Browser, crowd_server: LiveServer, lang: str
) -> None:
    base = crowd_server.base
    room = Room(crowd_server, participants=0)
    try:
        phone = browser.new_context(**SMALL).new_page()
        seen = watch(phone, base)
        phone.goto(f"{base}/?lang={lang}")
        join(phone, base, room.code)
        expect(phone.locator("li.topic")).to_have_count(40)
        expect(phone.locator("#post-form")).to_be_visible()
        expect(phone.locator("#post-toggle")).to_be_hidden()
        found: dict[str, list[dict[str, Any]]] = {}

        # The round opens: the form folds away, the dots left stay in view at the top.
        room.command("round.open", budget=5, max_per_topic=3)
        expect(phone.locator("#dots-bar")).to_be_visible()
        expect(phone.locator("#post-form")).to_be_hidden()
        toggle = phone.locator("#post-toggle")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        found["phone voting"] = axe_violations(phone)
        far = phone.locator("li.topic").nth(30)
        far.locator("button.dot-button.primary").click()
        expect(phone.locator("#dots-left")).to_contain_text("4")
        bar = phone.evaluate(MEASURE, "#dots-bar")[0]
        assert bar["top"] >= -1 and bar["bottom"] <= 640, bar
        assert phone.evaluate("() => window.scrollY") > 2000
        phone.locator("li.topic").nth(2).locator("button.dot-button.primary").click()
        expect(phone.locator("#dots-left")).to_contain_text("3")
        shots = screenshot_dir("docs" if lang == "sv" else "artifacts")
        phone.screenshot(path=str(shots / f"phone-320-voting-{lang}.png"))

        # "Only my dots": the two topics with this person's dots.
        phone.click("#mine-only")
        expect(phone.locator("#mine-only")).to_have_attribute("aria-pressed", "true")
        expect(phone.locator("li.topic:visible")).to_have_count(2)
        found["phone my dots"] = axe_violations(phone)
        phone.click("#mine-only")
        expect(phone.locator("li.topic:visible")).to_have_count(40)

        # The form opens again from its button, and posting still works.
        phone.evaluate("() => window.scrollTo(0, 0)")
        toggle.click()
        expect(phone.locator("#post-form")).to_be_visible()
        expect(phone.locator("#post-title")).to_be_focused()
        found["phone form open while voting"] = axe_violations(phone)

        # Others post while this person types: nothing is announced over the typing; once the
        # focus leaves the field, one summary.
        phone.locator("#post-title").type("Ett eget ämne på gång")
        region = phone.locator("#live-status")
        before = region.text_content()
        for n in range(3):
            assert room.console.command("topic.post", title=f"Nytt ämne {n}")["ok"]
        expect(phone.locator("li.topic")).to_have_count(43)
        phone.wait_for_timeout(2500)
        assert region.text_content() == before
        phone.locator("#mine-only").focus()
        expect(region).to_have_text("3 nya ämnen" if lang == "sv" else "3 new topics")
        assert page_width(phone) <= 320
        narrow = [b for b in phone.evaluate(MEASURE, ".topic-title") if b["width"] < 120]
        assert narrow == []

        # The console: search, order, and one "Actions" per card instead of five controls.
        console = browser.new_context(**DESKTOP).new_page()
        console_seen = watch(console, base)
        login(console, base)
        console.goto(f"{base}/console/{room.id}?lang={lang}")
        cards = console.locator(".console-topics li.topic")
        expect(cards).to_have_count(43)
        controls = console.evaluate(
            """() => [...document.querySelectorAll('.console-topics li.topic')].map(li =>
                [...li.querySelectorAll('button, select, input, summary, a')]
                  .filter(e => e.checkVisibility()).length)"""
        )
        assert max(controls) == 1, controls
        matching = sum("socialtjänst" in title.lower() for title in TOPICS)
        console.fill("#topic-search", "Socialtjänst")
        expect(cards.filter(visible=True)).to_have_count(matching)
        expect(console.locator("#topic-filter-count")).to_contain_text(f"{matching} ")
        found["console search"] = axe_violations(console)
        console.fill("#topic-search", "zzz ingenting")
        expect(console.locator("#no-match")).to_be_visible()
        console.fill("#topic-search", "")
        expect(cards.filter(visible=True)).to_have_count(43)
        # The phone's dots went to the 31st and the 3rd newest topics, one each; newest first.
        console.select_option("#topic-sort", "dots")
        expect(cards.first.locator(".topic-title")).to_have_text(TOPICS[37])
        expect(cards.nth(1).locator(".topic-title")).to_have_text(TOPICS[9])
        console.select_option("#topic-sort", "newest")
        expect(cards.first.locator(".topic-title")).to_have_text("Nytt ämne 2")

        # Hide a topic from its actions: its card is set aside and still reads at 4.5:1.
        target = cards.filter(has_text=TOPICS[5])
        target.locator("summary").click()
        target.locator(".topic-actions .actions button").first.click()
        expect(target).to_have_class(re.compile("is-hidden"))
        found["console hidden card"] = axe_violations(console)
        expect(phone.locator("li.topic")).to_have_count(42)
        console.screenshot(path=str(screenshot_dir() / f"console-40-topics-{lang}.png"))
        counts = {name: len(v) for name, v in found.items()}
        print(f"\naxe serious+critical, voting and console ({lang}): {counts}")
        assert {name: v for name, v in found.items() if v} == {}
        assert seen["errors"] == [] and console_seen["errors"] == []
        assert csp_violations(phone) == [] and csp_violations(console) == []
        for page in (phone, console):
            page.context.close()
    finally:
        room.close()


def test_a_loopback_join_address_says_phones_cannot_use_it(
    browser: Browser, server: LiveServer
) -> None:
    """The shared test server runs on 127.0.0.1 without WORKSHOP_PUBLIC_URL."""
    base = server.base
    workshop = server.create_workshop(server.login(), title="Bara lokalt")
    console = browser.new_context(**DESKTOP).new_page()
    login(console, base)
    console.goto(f"{base}/console/{workshop['id']}#opening")  # the join card's part
    wall = open_wall(browser, base, workshop["join_code"], WALLS["1280x800"])
    for page in (console, wall):
        notice = page.locator("#loopback-notice")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("workshop serve --host 0.0.0.0")
        expect(notice).to_contain_text("WORKSHOP_PUBLIC_URL")
        expect(notice).to_contain_text("127.0.0.1")
        assert axe_violations(page) == []
    assert_code_on_one_line(wall)
    wall.screenshot(path=str(screenshot_dir() / "wall-loopback.png"))
    for page in (console, wall):
        page.context.close()
