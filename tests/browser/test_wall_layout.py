"""Issue 21, the wall: one main view at a time, a strip that stays in view, nothing off screen.

One full room (40 topics, a closed round, 5 themes with ideas, 3 slots x 6 spaces with 12
sessions and notes, role cards on the board and "met" answers, 8 actions, an announcement and a
running countdown) is built once over Socket.IO and reused: for every phase, wall view and
projector size the wall is measured where it stands, after `wall.show` or a resize, not
reloaded. The server runs on 127.0.0.1, so the wall also carries its loopback notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations, csp_violations, screenshot_dir, watch
from tests.browser.test_crowded_room import SPLIT_WORDS, TOPICS
from tests.integration.helpers import Client, close_all, phones
from tests.support.live import LiveServer, csrf_token

pytestmark = pytest.mark.browser

SIZES = {"1280x800": {"width": 1280, "height": 800}, "1920x1080": {"width": 1920, "height": 1080}}
PHASES = ("discover", "define", "develop", "deliver")
# What the coordinator can choose (wall.show), and the quiet closing circle on top of "auto".
VIEWS = ("auto", "marketplace", "round", "results", "board", "opening", "quiet")
THEMES = [
    ("En enda ingång", "Hur kan familjer hitta rätt stöd med ett enda samtal?"),
    ("Stöd tidigt", "Hur når vi föräldrar innan problemen växer?"),
    ("Skolan och socialtjänsten", "Hur arbetar skola och socialtjänst som ett lag?"),
    ("Ungas egna röster", "Hur blir barnets röst hörd i varje beslut?"),
    ("Samma person hela vägen", "Hur slipper familjer berätta sin historia om och om igen?"),
]
IDEAS = [
    "Ett telefonnummer för alla frågor",
    "Familjecentral med öppet på kvällen",
    "Föräldrautbildning i förskolan",
    "Gemensam planering varje månad",
]
SPACES = ["Stora salen", "Biblioteket", "Rum 1", "Rum 2", "Ateljén", "Matsalen"]
ROLES = ["skolkurator", "logoped", "bvc-sjukskoterska", "rektor", "syv", "kaa", "speciallarare"]
ANNOUNCEMENT = "Fika i matsalen klockan 15. Nästa omgång börjar 15.20 i stora salen."

# The outermost visible element of each of these is a main view (the old wall had no
# data-view; its sections are listed too, so this test could measure it).
MAIN_VIEWS = (
    "[data-view], .wall-main, .wall-themes, #deliver-view, #board-still, #opening-wall,"
    " #closing-wall, #board-figures"
)

MEASURE = """
([mainSelector]) => {
  const vw = innerWidth, vh = innerHeight;
  const shown = (n) => n.getClientRects().length > 0 && getComputedStyle(n).visibility !== 'hidden'
    && !n.closest('.visually-hidden');
  const box = (n) => { const r = n.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const area = (n) => { const r = n.getBoundingClientRect(); return r.width * r.height > 0; };
  const candidates = [...document.querySelectorAll(mainSelector)]
    .filter((n) => shown(n) && area(n));
  const views = candidates.filter((n) => !candidates.some((o) => o !== n && o.contains(n)));
  const texts = [];
  for (const n of document.querySelectorAll('#app *')) {
    if (!shown(n) || n.closest('#connection')) continue;
    const own = [...n.childNodes].some((c) => c.nodeType === 3 && c.data.trim());
    if (!own) continue;
    const r = n.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    // An inline element's own line boxes: a title after a rank on the same line is no overlap.
    const rects = [...n.getClientRects()].filter((q) => q.width && q.height);
    texts.push({n, rects, text: n.textContent.trim().slice(0, 50),
      size: parseFloat(getComputedStyle(n).fontSize),
      notice: Boolean(n.closest('#loopback-notice')), ...box(n)});
  }
  const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
    && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const over = [];
  for (let i = 0; i < texts.length; i += 1) {
    for (let j = i + 1; j < texts.length; j += 1) {
      const a = texts[i], b = texts[j];
      if (a.n.contains(b.n) || b.n.contains(a.n)) continue;
      if (a.rects.some((p) => b.rects.some((q) => overlap(p, q)))) over.push([a.text, b.text]);
    }
  }
  const strip = (sel) => [...document.querySelectorAll(sel)].filter(shown).map(box);
  return {
    vw, vh,
    views: views.map((n) => ({name: n.dataset.view || n.id || n.className, ...box(n)})),
    outside: texts.filter((t) => t.top < -1 || t.left < -1 || t.bottom > vh + 1 || t.right > vw + 1)
      .map((t) => [t.text, Math.round(t.bottom)]),
    small: texts.filter((t) => !t.notice && t.size < 0.029 * vh).map((t) => [t.text, t.size]),
    overlapping: over.slice(0, 5),
    code: strip('.wall-code'),
    countdown: strip('#countdowns li'),
    announcement: strip('#announcement'),
    bars: document.querySelectorAll('.bar-row:not([hidden])').length
      && [...document.querySelectorAll('#bars .bar-row')].filter(shown).length,
  };
}
"""


class FullRoom:
    """The day of issue 21 in one workshop, driven over Socket.IO by its console."""

    def __init__(self, server: LiveServer) -> None:
        self.server = server
        session = server.login()
        info = server.create_workshop(
            session,
            title="En väg in för barn och familjer",
            theme="Hur ger vi barn och familjer en enda väg in till stöd?",
        )
        self.id, self.code = info["id"], info["join_code"]
        self.console = Client(server, session, view="console", workshop_id=self.id)
        self.people = phones(server, self.code, self.id, 6)
        ids = [self.command("topic.post", title=title)["topic"]["id"] for title in TOPICS]
        # A closed round with a ranking, for "round" and "results".
        self.round_id = self.command("round.open", budget=5, max_per_topic=3)["round"]["id"]
        for n, phone in enumerate(self.people):
            for k in range(5):
                assert phone.command("vote.add", topic_id=ids[(n * 3 + k * 7) % 40])["ok"]
        self.command("round.close")
        # Themes, eight topics each, with ideas; one low-hanging fruit.
        self.command("phase.change", phase="develop")
        for t, (title, statement) in enumerate(THEMES):
            theme = self.command("theme.create", title=title, statement=statement)["theme"]
            for topic_id in ids[t * 8 : t * 8 + 8]:
                self.command("theme.add_topic", theme_id=theme["id"], topic_id=topic_id)
            for idea in IDEAS[: 2 + t % 3]:
                posted = self.command("idea.post", theme_id=theme["id"], text=idea)
                if t == 0:
                    self.command("idea.mark", idea_id=posted["idea"]["id"], low_hanging=True)
        # The agenda: 3 slots x 6 spaces, a dozen sessions, notes on five of them.
        slots = [
            self.command("slot.save", starts=f"{h}:00", ends=f"{h}:45")["slot"]["id"]
            for h in (13, 14, 15)
        ]
        spaces = [self.command("space.save", name=name)["space"]["id"] for name in SPACES]
        sessions = []
        for n in range(12):
            placed = self.command(
                "session.place", topic_id=ids[n], slot_id=slots[n // 6], space_id=spaces[n % 6]
            )
            sessions.append(placed["session"]["id"])
        for n, session_id in enumerate(sessions[:11]):
            for field, text in (
                ("convener", "Anna och Omar"),
                ("discussion", "Vi pratade om hur familjer slussas runt. " * (1 + n % 4)),
                ("recommendations", "Ett gemensamt telefonnummer och en kontaktperson."),
            ):
                self.command(
                    "notes.write", session_id=session_id, field=field, text=text, version=0
                )
        for n, phone in enumerate(self.people[:4]):
            assert phone.command("session.going", session_id=sessions[n], going=True)["ok"]
        # The board: role cards, and three families' answers to "which have you met".
        for role in ROLES:
            self.command("board.place", role_id=role)
        for n in range(3):
            self.answer_met(ROLES[: 3 + n], ROLES[:1])
        self.command("phase.change", phase="deliver")
        for n in range(8):
            self.command(
                "action.add",
                what=f"Åtgärd {n + 1}: samordna föräldrautbildningen mellan förvaltningarna",
                who={"role_id": ROLES[n % len(ROLES)], "organisation": "Elevhälsan"},
                first_step="Boka ett första möte med rektorerna",
                due="2027-03-01",
            )
        self.command("announcement.send", text=ANNOUNCEMENT)
        self.command("timer.start", slot_id=slots[0], minutes=45)
        self.command("phase.change", phase="discover")

    def answer_met(self, met: list[str], retold: list[str]) -> None:
        session = self.server.join(self.code)
        base = self.server.base
        token = csrf_token(session.get(f"{base}/w/{self.code}/met").text)
        response = session.post(
            f"{base}/w/{self.code}/met/save",
            data={"csrf_token": token, "met": met, "retold": retold},
        )
        assert response.ok, response.status_code

    def command(self, command: str, **payload: Any) -> dict[str, Any]:
        ack = self.console.command(command, **payload)
        assert ack["ok"], (command, ack)
        return ack

    def show(self, view: str) -> None:
        """What the coordinator chooses on the console; "quiet" is the closing circle."""
        self.command("closing.set", quiet=view == "quiet")
        if view == "results":
            self.command("wall.show", view="results", round_id=self.round_id)
        else:
            self.command("wall.show", view="auto" if view == "quiet" else view)

    def close(self) -> None:
        close_all([self.console, *self.people])


@pytest.fixture(scope="module")
def room(server: LiveServer) -> Iterator[FullRoom]:
    full = FullRoom(server)
    yield full
    full.close()


def settle(page: Page) -> None:
    """Long enough for the events to arrive and the wall to fit what it shows."""
    page.wait_for_timeout(250)
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")


def problems(m: dict[str, Any], view: str) -> list[str]:
    found = []
    if len(m["views"]) != 1:
        found.append(f"{len(m['views'])} main views: {[v['name'] for v in m['views']]}")
    if m["overlapping"]:
        found.append(f"text over text: {m['overlapping'][:2]}")
    if m["outside"]:
        found.append(f"{len(m['outside'])} texts off screen, e.g. {m['outside'][:2]}")
    if m["small"]:
        found.append(f"{len(m['small'])} texts under 3 %, e.g. {m['small'][:2]}")
    for name in ("code", "countdown", "announcement"):
        inside = [b for b in m[name] if b["bottom"] <= m["vh"] + 1 and b["top"] >= -1]
        if not inside:
            found.append(f"the {name} is not in view")
    if view == "results" and not m["bars"]:
        found.append("the chosen result is not shown")
    return found


@pytest.mark.parametrize("size", list(SIZES))
def test_every_phase_and_view_fits_with_one_main_view_and_the_strip_in_view(
    browser: Browser, server: LiveServer, room: FullRoom, size: str
) -> None:
    context = browser.new_context(viewport=SIZES[size], locale="sv-SE")
    wall = context.new_page()
    seen = watch(wall, server.base)
    wall.goto(f"{server.base}/w/{room.code}/wall")
    expect(wall.locator("#announcement")).to_contain_text("Fika")
    failures: dict[str, list[str]] = {}
    cases = [(phase, view) for phase in PHASES for view in VIEWS]
    cases.append(("deliver", "results while quiet"))
    for n, (phase, view) in enumerate(cases):
        if n == 0 or cases[n - 1][0] != phase:
            room.command("phase.change", phase=phase)
        if view == "results while quiet":
            room.command("closing.set", quiet=True)
            room.command("wall.show", view="results", round_id=room.round_id)
        else:
            room.show(view)
        settle(wall)
        found = problems(wall.evaluate(MEASURE, [MAIN_VIEWS]), view.split()[0])
        if found:
            failures[f"{phase}/{view}"] = found
        if view == "auto" or phase == "discover":
            name = "" if view == "auto" else f"-{view}"
            wall.screenshot(path=str(screenshot_dir() / f"wall-layout-{phase}{name}-{size}.png"))
    room.show("auto")
    report = "\n".join(f"{case}: {'; '.join(f)}" for case, f in failures.items())
    print(f"\n{len(failures)} of {len(cases)} cases fail at {size}:\n{report}")
    assert failures == {}, report
    assert seen["errors"] == [] and csp_violations(wall) == []
    context.close()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_wall_pages_and_has_no_serious_axe_violations(
    browser: Browser, server: LiveServer, room: FullRoom, lang: str
) -> None:
    found = {}
    context = browser.new_context(viewport=SIZES["1280x800"])
    wall = context.new_page()
    wall.goto(f"{server.base}/w/{room.code}/wall?lang={lang}")
    page_label = wall.locator("#wall-page")
    for phase, view in (("discover", "marketplace"), ("define", "auto"), ("deliver", "auto")):
        room.command("phase.change", phase=phase)
        room.show(view)
        settle(wall)
        found[f"{phase}/{view}"] = axe_violations(wall)
    # Eight actions do not fit a 1280x800 wall: they page, saying which part is shown.
    expect(page_label).to_have_text(re.compile(r"^1–\d av 8$" if lang == "sv" else r"^1–\d of 8$"))
    for name, url in (("agenda", "agenda"), ("news", "news")):
        other = context.new_page()
        other.goto(f"{server.base}/w/{room.code}/{url}?lang={lang}")
        settle(other)
        found[name] = axe_violations(other)
        other.close()
    room.command("phase.change", phase="discover")
    room.show("auto")
    assert {name: v for name, v in found.items() if v} == {}
    context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_the_agenda_and_news_walls_fit_and_page(
    browser: Browser, server: LiveServer, room: FullRoom, size: str
) -> None:
    context = browser.new_context(viewport=SIZES[size], locale="sv-SE")
    failures = {}
    for name in ("agenda", "news"):
        page = context.new_page()
        page.goto(f"{server.base}/w/{room.code}/{name}")
        page.wait_for_selector(".agenda-wall-grid tbody tr, .news-card")
        settle(page)
        m = page.evaluate(MEASURE, ["#app"])
        found = [f for f in problems({**m, "views": [1]}, name) if "code" not in f]
        if found:
            failures[name] = found
        page.screenshot(path=str(screenshot_dir() / f"wall-{name}-{size}.png"))
        if name == "agenda":
            # The whole day (3 slots) on a 1920x1080 screen; on 1280x800 six spaces of long
            # Swedish titles may not fit in projector type: then the slots page, and say so.
            shown = page.locator(".agenda-wall-grid tbody tr:visible").count()
            label = page.locator("#agenda-rows")
            if size == "1920x1080" and shown != 3:
                failures["agenda day"] = [f"{shown} of 3 slots in view"]
            elif shown < 3 and label.text_content() != f"1–{shown} av 3":
                failures["agenda pages"] = [f"{shown} of 3 slots, {label.text_content()!r}"]
        # Long Swedish compounds break with a hyphen, or not at all.
        words = ".agenda-title, .agenda-also" if name == "agenda" else ".news-title, .news-text"
        if page.evaluate(SPLIT_WORDS, words):
            failures[f"{name} words"] = page.evaluate(SPLIT_WORDS, words)
        if name == "news":
            # 11 notes do not fit: the wall pages them.
            expect(page.locator("#news-page")).to_have_text(re.compile(r"^1–\d+ av 11$"))
        page.close()
    assert failures == {}, failures
    context.close()
