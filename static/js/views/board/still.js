// The wall's still view of the board: the server's own picture (the same SVG as the reports),
// fetched again after the board or the catalogue changed, at most every REFRESH_MS, so a room
// of people dragging cards does not make the projector reload the picture many times a second.

const REFRESH_MS = 2000;

export function boardStill(img, url, lang) {
  let shown = -1;
  let wanted = 0;
  let last = 0;
  let timer = null;

  function load() {
    timer = null;
    last = Date.now();
    shown = wanted;
    img.src = `${url}?lang=${encodeURIComponent(lang)}&v=${wanted}`;
  }

  // `active`: the wall shows the board now; `events`: what the store just applied (a snapshot
  // comes with none, and then the picture is fetched again too).
  return function update(state, events, active) {
    const touched = !events || !events.length || events.some((e) => /^(board|catalog)\./.test(e.type));
    if (touched) wanted = state.seq;
    if (!active || shown === wanted || timer) return;
    timer = setTimeout(load, Math.max(0, last + REFRESH_MS - Date.now()));
  };
}
