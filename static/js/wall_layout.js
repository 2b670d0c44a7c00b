// What fits on a projector, for every wall (the wall, the agenda wall, the news wall).
//
// A projector has no scroll bar anybody can use, and its type must stay readable from the back
// row, so nothing shrinks to fit. A list shows the items that fit above a bottom line; the rest
// wait for the next page, turned every `pageMs` and said in words ("1–6 of 11"), or, for a
// ranking, are summed up under its top rows ("and 28 more"). One pager serves every list.
//
// Debian's Chromium has no hyphenation dictionaries, so `hyphens: auto` does nothing there: a
// long Swedish compound was cut anywhere, with no hyphen. `fitWords` breaks only the words that
// do not fit their line, at a syllable, with a visible hyphen that screen readers skip.

import { el } from './common.js';

const calm = window.matchMedia('(prefers-reduced-motion: reduce)');

// `label` says which part is shown ("1–6 of 11"); `more` what a ranking leaves out.
export function makePager({ t, label, more = null, pageMs = 10_000 }) {
  const pager = { t, label, more, pageMs, start: 0, end: 0, timer: null, current: null };
  return {
    // items: the list's elements in order; limit(): the lowest point a line may reach (null: the
    // page scrolls, as in a narrow window); mode 'pages' or 'top'; key: a new list starts at 1;
    // onWrap(): called instead of going back to the first page.
    show({ items, limit, mode = 'pages', key = '', onWrap = null }) {
      if (!pager.current || pager.current.key !== key) stop(pager);
      pager.current = { items, limit, mode, key, onWrap };
      layout(pager);
    },
    // Nothing of this pager's on the wall now.
    hide() {
      stop(pager);
      pager.current = null;
      label.hidden = true;
      if (more) more.hidden = true;
    },
  };
}

function stop(pager) {
  clearTimeout(pager.timer);
  pager.timer = null;
  pager.start = 0;
}

function setLines(pager, paged, total) {
  const { t, label, more, start, end } = pager;
  const top = pager.current.mode === 'top';
  label.hidden = top || !paged;
  const words = end === start + 1
    ? t('wall_page_one', { n: end, total })
    : t('wall_page', { from: start + 1, to: end, total });
  label.textContent = !top && paged ? words : '';
  if (more) {
    more.hidden = !top || end >= total;
    more.textContent = top && end < total ? t('wall_more', { n: total - end }) : '';
  }
}

function layout(pager) {
  const { items, mode } = pager.current;
  const total = items.length;
  if (mode === 'top' || pager.start >= total) pager.start = 0;
  items.forEach((item, index) => { item.hidden = index < pager.start; });
  pager.end = total;
  setLines(pager, pager.start > 0, total);
  endPageAtTheLine(pager);
  const paged = mode !== 'top' && (pager.start > 0 || pager.end < total);
  setLines(pager, pager.start > 0 || pager.end < total, total);
  // With `onWrap` the caller has more to show after the last page (the agenda's next spaces).
  const turns = paged || Boolean(pager.current.onWrap);
  if (turns && !pager.timer) pager.timer = setTimeout(() => turn(pager), pager.pageMs);
  if (!turns) stop(pager);
}

// Items in one grid row end together, so the first past the line starts the next page; the
// line says which part is shown, and showing it can move the line: measure again.
function endPageAtTheLine(pager) {
  const { items, limit, mode } = pager.current;
  const total = items.length;
  for (let tries = 0; tries < 6; tries += 1) {
    const bottom = limit();
    if (bottom === null) break;
    // A page always shows at least one item; a ranking may show none, only "and 8 more".
    const first = mode === 'top' ? pager.start : pager.start + 1;
    const over = items.findIndex((item, index) => index >= first && index < pager.end
      && item.getBoundingClientRect().bottom > bottom + 0.5);
    if (over < 0) break;
    pager.end = over;
    items.slice(pager.end).forEach((item) => { item.hidden = true; });
    setLines(pager, true, total);
  }
}

function turn(pager) {
  pager.timer = null;
  const { current } = pager;
  if (!current) return;
  const wrap = pager.end >= current.items.length;
  pager.start = wrap ? 0 : pager.end;
  if (wrap && current.onWrap) {
    current.onWrap();
    return;
  }
  layout(pager);
  // A gentle fade for the new page; none at all for those who asked for less motion.
  if (calm.matches) return;
  for (const item of current.items) {
    if (!item.hidden) item.animate([{ opacity: 0 }, { opacity: 1 }], { duration: 400, easing: 'ease-out' });
  }
}

// The items inside one card that fit above `bottom`; the rest summed up in `moreNode`.
export function foldItems(items, bottom, moreNode, t) {
  items.forEach((item) => { item.hidden = false; });
  moreNode.hidden = true;
  if (!items.length || bottom === null) return;
  const last = () => moreNode.getBoundingClientRect().bottom;
  if (items[items.length - 1].getBoundingClientRect().bottom <= bottom) return;
  for (let shown = items.length - 1; shown >= 0; shown -= 1) {
    items[shown].hidden = true;
    moreNode.textContent = t('wall_more', { n: items.length - shown });
    moreNode.hidden = false;
    if (last() <= bottom) return;
  }
}

// --- long words -------------------------------------------------------------------------------

const VOWEL = /[aeiouyåäöéèêáàüæøœ]/i;
const LETTER = /\p{L}/u;
const canvas = document.createElement('canvas');
const pen = canvas.getContext('2d');

// Consonants that may begin a Swedish syllable together ("för|äldra|stöd", "pro|gram").
const ONSETS = new Set(('bl br dr dj fl fr fj gl gr kl kn kr kv pl pr ps sk skr sl sm sn sp spr st str sv '
  + 'tr tv tj sj bj pj mj nj lj vr').split(' '));

// Where a word may break: before the consonants that begin the next syllable, the longest group
// that can ("social|tjänsten", "ungdoms|psykiatrin"), else the last consonant; "ng" and "ck"
// stay together ("förvaltning|arna"); never fewer than two letters on a line.
export function syllableBreaks(word) {
  const points = [];
  const lower = word.toLowerCase();
  let vowelSeen = false;
  let cluster = '';
  for (let i = 0; i < lower.length; i += 1) {
    const letter = lower[i];
    if (!LETTER.test(letter)) {
      vowelSeen = false;
      cluster = '';
      continue;
    }
    if (!VOWEL.test(letter)) {
      cluster += letter;
      continue;
    }
    if (vowelSeen && cluster) {
      let onset = 1;
      for (let n = Math.min(3, cluster.length); n > 1; n -= 1) {
        if (ONSETS.has(cluster.slice(-n))) { onset = n; break; }
      }
      let at = i - onset;
      const pair = lower.slice(at - 1, at + 1);
      if (pair === 'ng' || pair === 'ck') at += 1;
      if (at >= 2 && at <= word.length - 2) points.push(at);
    }
    vowelSeen = true;
    cluster = '';
  }
  return points;
}

// Pieces of `word`, each with its hyphen at most `width` wide (the last one without it).
function pieces(word, width, measure) {
  const points = syllableBreaks(word);
  const out = [];
  let from = 0;
  while (measure(word.slice(from)) > width) {
    const fitting = points.filter((p) => p > from && measure(`${word.slice(from, p)}-`) <= width);
    if (!fitting.length) break;
    const at = fitting[fitting.length - 1];
    out.push(word.slice(from, at));
    from = at;
  }
  out.push(word.slice(from));
  return out;
}

// The width a text's lines have: its own box, or for inline text the block it flows in.
function lineWidth(node) {
  let block = node;
  while (block.parentElement && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
  const style = getComputedStyle(block);
  return block.clientWidth - parseFloat(style.paddingInlineStart || '0') - parseFloat(style.paddingInlineEnd || '0');
}

// Break the words of each node that are wider than its line, at a syllable, with a hyphen.
// The text itself stays the same (textContent); the hyphen is drawn by CSS (`.hy::after`).
export function fitWords(nodes) {
  for (const node of nodes) {
    if (!node.getClientRects().length) continue;
    // Only plain text (and this function's own pieces): other markup inside is left alone.
    if ([...node.children].some((child) => !child.matches('.hy, wbr'))) continue;
    const text = node.textContent;
    if (node.querySelector('.hy')) node.textContent = text;
    const width = lineWidth(node) * 0.97;
    if (width <= 0) continue;
    pen.font = getComputedStyle(node).font;
    const measure = (s) => pen.measureText(s).width;
    const parts = text.split(/(\s+)/);
    if (!parts.some((part) => part.trim() && measure(part) > width)) continue;
    node.textContent = '';
    for (const part of parts) {
      if (!part.trim() || measure(part) <= width) {
        node.append(part);
        continue;
      }
      const split = pieces(part, width, measure);
      split.forEach((piece, index) => {
        if (index === split.length - 1) node.append(piece);
        else node.append(el('span', { className: 'hy', text: piece }), el('wbr'));
      });
    }
  }
}

// The lowest point a list in `region` may reach: the region's own bottom edge.
export function bottomOf(region) {
  const box = region.getBoundingClientRect();
  const style = getComputedStyle(region);
  return box.bottom - parseFloat(style.paddingBlockEnd || '0') - parseFloat(style.borderBlockEndWidth || '0');
}
