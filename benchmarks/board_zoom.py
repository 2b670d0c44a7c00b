"""Pan and zoom on a full board: 200 cards in real Chromium, frame times while zooming, panning.

    .venv/bin/python -m benchmarks.board_zoom --cards 200

Starts a real server, places the cards through a Socket.IO connection of the console page (every
tenth a note), then on the console's board turns the mouse wheel 30 times, drags empty space
across the board and zooms again, while the page records the time between animation frames.
Pan and zoom only move the SVG's viewBox, so a frame should stay near 16.7 ms (60 a second).
Prints p50, p95 and the longest frame; it measures, it asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil

from playwright.sync_api import sync_playwright

from tests.browser.conftest import DESKTOP, login
from tests.support.live import LiveServer

PLACE = """async (count) => {
    const config = JSON.parse(document.getElementById('app').dataset.config);
    const { io } = await import(config.socketio_url);
    const socket = io({ auth: { view: config.view, workshop_id: config.workshop_id } });
    const roles = config.board.roles.map((r) => r.id);
    let ok = 0;
    for (let i = 0; i < count; i++) {
      const x = 20 + (i * 97) % 1760;
      const y = 20 + Math.floor(i / 18) * 110;
      const payload = i % 10 === 9 ? { kind: 'note', text: `Lapp ${i}` }
        : { role_id: roles[i % roles.length], x, y };
      const ack = await socket.emitWithAck('board.place', { op_id: `p${i}`, ...payload });
      if (ack.ok) ok++;
    }
    socket.disconnect();
    return ok;
}"""
FRAMES = """() => { window.__frames = []; let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last); last = now; requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick); }"""


def main() -> None:
    """Place the cards, zoom and pan, print the frame times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=200)
    args = parser.parse_args()
    with LiveServer() as server, sync_playwright() as playwright:
        base = server.base
        server.add_facilitator()
        workshop = server.create_workshop(server.login(), title="Zoom", language="sv")
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--headless", "--no-sandbox", "--disable-gpu"],
        )
        page = browser.new_context(**DESKTOP).new_page()
        login(page, base)
        page.goto(f"{base}/console/{workshop['id']}/board")
        page.wait_for_selector("#place-role option", state="attached")
        placed = page.evaluate(PLACE, args.cards)
        page.wait_for_function(
            f"() => document.querySelectorAll('g.board-card').length >= {placed}", timeout=60_000
        )
        page.evaluate("() => document.getElementById('board').scrollIntoView()")
        box = page.locator("#board").bounding_box()
        assert box is not None
        # The child's circle: empty space, so dragging there pans rather than moving a card.
        middle = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.evaluate(FRAMES)
        page.mouse.move(*middle)
        for n in range(30):
            page.mouse.wheel(0, -60 if n < 15 else 60)
        page.mouse.down()
        page.mouse.move(middle[0] + 300, middle[1] + 100, steps=40)
        page.mouse.up()
        for _ in range(20):
            page.mouse.wheel(0, -80)
        frames = sorted(page.evaluate("() => window.__frames.slice(2)"))
        browser.close()
    count = len(frames)
    p50, p95 = frames[count // 2], frames[int(count * 0.95)]
    print(
        f"{placed} cards; {count} frames while zooming and panning: p50 {p50:.1f} ms,"
        f" p95 {p95:.1f} ms, max {frames[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
