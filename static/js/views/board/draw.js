// Drawing the board's SVG: the background (sectors, the child in the centre), a card's wrapped
// title, links and group frames. Given the board's geometry (`B`) and words (`L`); it keeps no
// state of its own. Used by board.js.

import { clear } from '../../common.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svgEl(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

export function wrap(text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= 2) return lines;
  // Cut between words, at the end: what a card shows stays the start of its name.
  let second = '';
  for (const word of lines.slice(1).join(' ').split(' ')) {
    if (second && `${second} ${word}`.length > width - 1) break;
    second = second ? `${second} ${word}` : word;
  }
  return [lines[0], `${second}…`];
}

function arrowDefs() {
  const defs = svgEl('defs');
  const marker = svgEl('marker', {
    id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 5, markerHeight: 5, orient: 'auto-start-reverse',
  });
  marker.append(svgEl('path', { d: 'M0 0L10 5L0 10z', class: 'arrow-head' }));
  defs.append(marker);
  return defs;
}

// Draws what never changes and returns the layers the live board is drawn into.
export function drawBackground(svg, B, L) {
  const back = svgEl('g', { 'aria-hidden': 'true' });
  for (const sector of B.sectors) {
    const [x0, y0, x1, y1] = B.areas[sector];
    back.append(svgEl('rect', { x: x0, y: y0, width: x1 - x0, height: y1 - y0, class: `sector sector-${sector}` }));
    const [lx, ly] = B.sector_labels[sector];
    back.append(svgEl('text', { x: lx, y: ly, class: `sector-label sector-ink-${sector}` }, L.sectors[sector]));
  }
  const { x, y, r } = B.centre;
  back.append(svgEl('circle', { cx: x, cy: y, r, class: 'centre' }));
  wrap(L.centre, 14).forEach((line, n, all) => {
    back.append(svgEl('text', { x, y: y + 9 - 15 * (all.length - 1) + 30 * n, class: 'centre-label' }, line));
  });
  const layers = {
    groups: svgEl('g', { 'aria-hidden': 'true' }),
    links: svgEl('g', { 'aria-hidden': 'true' }),
    cards: svgEl('g'),
    heat: svgEl('g', { 'aria-hidden': 'true', class: 'heat-layer' }),
  };
  svg.append(arrowDefs(), back, layers.groups, layers.links, layers.cards, layers.heat);
  return layers;
}

// Wide letters or one long word can make a line longer than the card. The last line drops whole
// words from its end (the card still shows the start of its name, word for word: "label in
// name"); a line still too wide is squeezed to fit. The ellipsis is drawn, not read out.
const unclosed = (text) => (text.match(/\(/g) || []).length > (text.match(/\)/g) || []).length;

function fit(tspan, text, last, before, room) {
  const space = text.endsWith(' ') ? ' ' : '';
  let cut = text.trim().endsWith('…');
  let words = text.trim().replace(/…$/, '').split(' ');
  const draw = () => {
    clear(tspan);
    tspan.append(document.createTextNode(words.join(' ') + space));
    if (cut) tspan.append(svgEl('tspan', { 'aria-hidden': 'true' }, '…'));
  };
  draw();
  while (last && words.length > 1 && tspan.getComputedTextLength() > room) {
    words = words.slice(0, -1);
    cut = true;
    draw();
  }
  // A bracket opened and cut off would show words the name does not have on their own.
  while (last && cut && words.length && unclosed(`${before} ${words.join(' ')}`)) {
    words = words.slice(0, -1);
    draw();
  }
  if (tspan.getComputedTextLength() > room) {
    tspan.setAttribute('textLength', room);
    tspan.setAttribute('lengthAdjust', 'spacingAndGlyphs');
  }
}

// A card's title on two lines at most, each fitted to the card's width.
export function drawTitle(textNode, title, cardWidth) {
  clear(textNode);
  const lines = wrap(title, 17);
  lines.forEach((line, index) => {
    // A space after the first line: read together, the lines are words of the card's name
    // (which is what "label in name" checks), not "Speech andlanguage".
    const shown = index < lines.length - 1 ? `${line} ` : line;
    const tspan = svgEl('tspan', { x: 10, y: (lines.length === 2 ? 26 : 38) + 24 * index }, shown);
    textNode.append(tspan);
    fit(tspan, shown, index === lines.length - 1, lines.slice(0, index).join(' '), cardWidth - 20);
  });
}

export function heatStep(n, most) {
  if (!n || !most) return 0;
  return Math.min(4, 1 + Math.floor((3 * n) / most));
}

// `centreOf(card)` is where the card is shown (the overlay's position), plus half a card.
export function drawLinks(layer, board, centreOf, B) {
  clear(layer);
  for (const link of Object.values(board.links)) {
    const a = board.cards[String(link.source_id)];
    const b = board.cards[String(link.target_id)];
    if (!a || !b) continue;
    const from = centreOf(a);
    let to = centreOf(b);
    const attrs = { x1: from.x, y1: from.y, class: `link link-${link.kind}` };
    if (link.kind === 'refers_to') {
      const dx = to.x - from.x;
      const dy = to.y - from.y;
      const scale = Math.max(Math.abs(dx) / (B.card_w / 2 + 6), Math.abs(dy) / (B.card_h / 2 + 6), 1);
      to = { x: to.x - dx / scale, y: to.y - dy / scale };
      attrs['marker-end'] = 'url(#arrow)';
    }
    layer.append(svgEl('line', { ...attrs, x2: to.x, y2: to.y }));
  }
}

export function drawGroups(layer, board, position, B, L) {
  clear(layer);
  for (const group of B.groups) {
    const members = Object.values(board.cards).filter((card) => card.group === group).map(position);
    if (!members.length) continue;
    const x0 = Math.min(...members.map((p) => p.x)) - 14;
    const y0 = Math.min(...members.map((p) => p.y)) - 40;
    const x1 = Math.max(...members.map((p) => p.x)) + B.card_w + 14;
    const y1 = Math.max(...members.map((p) => p.y)) + B.card_h + 14;
    layer.append(svgEl('rect', { x: x0, y: y0, width: x1 - x0, height: y1 - y0, rx: 16, class: 'group-frame' }));
    layer.append(svgEl('text', { x: x0 + 12, y: y0 + 27, class: 'group-label' }, L.groups[group]));
  }
}
