// The wall's still view of the board: the server's own picture (the same SVG as the reports),
// fetched again after the board or the catalogue changed, at most every REFRESH_MS, so a room
// of people dragging cards does not make the projector reload the picture many times a second.
//
// A board too crowded to read whole at 12 px (the 62 titles) comes as pages, a sector each
// (GET board/pages, issue 23): one picture per page, each as large as the stage, turned by the
// wall's one pager like every other list. `onPages` is told when the pages changed, so the
// wall fits them again.

const REFRESH_MS = 2000;

export function boardStill(section, { url, pagesUrl, lang, onPages }) {
  let shown = -1;
  let wanted = 0;
  let last = 0;
  let timer = null;
  const first = section.querySelector('img');
  // The whole board's description; a page's picture is described by its own title.
  const wholeAlt = first.alt;

  function pictures(pages) {
    const imgs = [...section.querySelectorAll('img')];
    while (imgs.length > pages.length) imgs.pop().remove();
    while (imgs.length < pages.length) {
      const img = first.cloneNode(false);
      img.removeAttribute('id');
      section.append(img);
      imgs.push(img);
    }
    return imgs;
  }

  async function load() {
    timer = null;
    last = Date.now();
    const seq = wanted;
    let pages = [null];
    try {
      const answer = await fetch(`${pagesUrl}?lang=${encodeURIComponent(lang)}&v=${seq}`, { cache: 'no-store' });
      if (answer.ok) pages = (await answer.json()).pages;
    } catch {
      // Offline for a moment: the whole picture, as before there were pages.
    }
    shown = seq;
    const base = `${url}?lang=${encodeURIComponent(lang)}&v=${seq}`;
    const imgs = pictures(pages.length ? pages : [null]);
    imgs.forEach((img, n) => {
      const page = pages[n];
      img.alt = page && pages.length > 1 ? page.title : wholeAlt;
      img.src = pages.length > 1 ? `${base}&page=${n}` : base;
    });
    onPages();
  }

  return {
    // `active`: the wall shows the board now; `events`: what the store just applied (a
    // snapshot comes with none, and then the picture is fetched again too).
    update(state, events, active) {
      const touched = !events || !events.length || events.some((e) => /^(board|catalog)\./.test(e.type));
      if (touched) wanted = state.seq;
      if (!active || shown === wanted || timer) return;
      timer = setTimeout(load, Math.max(0, last + REFRESH_MS - Date.now()));
    },
    // The pictures in page order, for the pager.
    items: () => [...section.querySelectorAll('img')],
  };
}
