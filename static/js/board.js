// The "50 titles" board: role cards around the child, links, groups and heat. Cards are dragged
// with pointer events (positions stream as ephemeral `board.drag`, the drop is one `board.move`)
// or moved with the arrow keys; every tool also works from the forms beside the board.

import { panZoom } from './board_zoom.js';
import { catalogEditor, effectiveRoles } from './catalog_ui.js';
import { announce, clear, el, heldNotice, makeT, readConfig, showError } from './common.js';
import { Room } from './socket.js';
import { connectionBanner } from './status.js';

const { config } = readConfig();
const t = makeT(config.strings);
const B = config.board;
const L = B.labels;
// The workshop's catalogue: the page's, with the live changes (state.catalog) laid over it.
let ROLES = new Map(B.roles.map((role) => [role.id, role]));
let rolesKey = '';
const STAFF = config.view === 'console';
const SVG_NS = 'http://www.w3.org/2000/svg';
const DRAG_EVERY_MS = 80;
const KEY_COMMIT_MS = 500;
const GHOST_MS = 1500;
const $ = (id) => document.getElementById(id);
const svg = $('board');
const banner = connectionBanner($('connection'), t);

const cardNodes = new Map(); // card id -> { g, rect, text, badge, badgeText }
const local = new Map(); // card id -> { x, y, until }: this screen's own move, until the log has it
const ghosts = new Map(); // card id -> { x, y, timer }: someone else dragging it right now
const acked = new Map(); // card id -> the newest version an ack told us
const inflight = new Map(); // card id -> the chain of its moves, one at a time
const keyTimers = new Map();
let selectedId = null;
let dragging = null;
let selectsKey = '';

const room = new Room({
  config,
  t,
  auth: { view: config.view, workshop_id: config.workshop_id, lang: config.lang, board: true },
  includeHidden: STAFF,
  onStatus: (status) => banner(status, room.pending),
  onMessage: (name, body) => {
    if (name === 'board.dragging') showGhost(body);
    else if (name === 'warning' && body && body.error) announce(body.error.message);
    else if (name === 'workshop.deleted') banner('gone', 0, t('workshop_deleted'));
    else if (name === 'server.restarting') banner('restarting', room.pending);
    else if (STAFF && ['session.ended', 'refused', 'disconnected'].includes(name)) window.location.assign('/login');
    else if (!STAFF && name === 'refused' && body.code === 'not_joined') window.location.reload();
  },
});
room.store.subscribe(render);

// --- drawing ------------------------------------------------------------------------------

function svgEl(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

function wrap(text, width) {
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

const layers = {};

function drawBackground() {
  const defs = svgEl('defs');
  const marker = svgEl('marker', {
    id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 5, markerHeight: 5, orient: 'auto-start-reverse',
  });
  marker.append(svgEl('path', { d: 'M0 0L10 5L0 10z', class: 'arrow-head' }));
  defs.append(marker);
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
  layers.groups = svgEl('g', { 'aria-hidden': 'true' });
  layers.links = svgEl('g', { 'aria-hidden': 'true' });
  layers.cards = svgEl('g');
  layers.heat = svgEl('g', { 'aria-hidden': 'true', class: 'heat-layer' });
  svg.append(defs, back, layers.groups, layers.links, layers.cards, layers.heat);
}

// Wide letters or one long word can make a line longer than the card. The last line drops whole
// words from its end (the card still shows the start of its name, word for word: "label in
// name"); a line still too wide is squeezed to fit. The ellipsis is drawn, not read out.
const unclosed = (text) => (text.match(/\(/g) || []).length > (text.match(/\)/g) || []).length;

function fit(tspan, text, last, before = '') {
  const room = B.card_w - 20;
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

function heatStep(n, most) {
  if (!n || !most) return 0;
  return Math.min(4, 1 + Math.floor((3 * n) / most));
}

function roleOf(card) {
  if (card.kind === 'text' || card.kind === 'note') {
    return { title: card.text, sector: '', organisation: '', explain: '', kind: card.kind };
  }
  return ROLES.get(card.role_id) || { title: card.role_id, sector: 'kommun', organisation: '', explain: '' };
}

function cardLabel(card, role, n) {
  if (card.kind === 'note') return t('note_label', { title: role.title });
  if (card.kind === 'text') return t('text_label', { title: role.title });
  return t('card_label', { title: role.title, sector: L.sectors[role.sector] || '', n });
}

function position(card) {
  const id = String(card.id);
  return local.get(id) || ghosts.get(id) || card;
}

function buildCard(id) {
  const g = svgEl('g', { class: 'board-card', tabindex: 0, role: 'button', 'data-card-id': id });
  const rect = svgEl('rect', { width: B.card_w, height: B.card_h, rx: 8, class: 'card-box' });
  // The card's name is its aria-label: the whole title, then what the keys do.
  const text = svgEl('text', { class: 'card-title' });
  g.append(rect, text);
  // The heat number sits in its own layer, outside the card's button: the card's name says it.
  const heat = svgEl('g', { class: 'heat' });
  const badge = svgEl('circle', { cx: B.card_w - 4, cy: 4, r: 19, class: 'heat-badge' });
  const badgeText = svgEl('text', { x: B.card_w - 4, y: 11, class: 'heat-badge-text' });
  heat.append(badge, badgeText);
  layers.heat.append(heat);
  g.addEventListener('pointerdown', (event) => startDrag(event, id));
  g.addEventListener('pointermove', moveDrag);
  g.addEventListener('pointerup', endDrag);
  g.addEventListener('pointercancel', cancelDrag);
  g.addEventListener('keydown', (event) => cardKey(event, id));
  layers.cards.append(g);
  const node = { g, rect, text, heat, badgeText, title: null };
  cardNodes.set(id, node);
  return node;
}

function placeNode(id) {
  const node = cardNodes.get(id);
  const card = room.store.state && room.store.state.board.cards[id];
  if (!node || !card) return;
  const { x, y } = position(card);
  node.g.setAttribute('transform', `translate(${x} ${y})`);
  node.heat.setAttribute('transform', `translate(${x} ${y})`);
}

function renderCards(board) {
  const heat = board.met.heat;
  const cards = Object.values(board.cards);
  const most = Math.max(0, ...cards.map((card) => heat[card.role_id] || 0));
  for (const [id, node] of cardNodes) {
    if (!board.cards[id]) {
      const hadFocus = node.g === document.activeElement;
      node.g.remove();
      node.heat.remove();
      cardNodes.delete(id);
      if (hadFocus) svg.focus();
      if (selectedId === id) selectedId = null;
    }
  }
  for (const card of cards) {
    const id = String(card.id);
    const node = cardNodes.get(id) || buildCard(id);
    const role = roleOf(card);
    const n = (card.kind || 'role') === 'role' ? heat[card.role_id] || 0 : 0;
    node.g.setAttribute('class', `board-card kind-${card.kind || 'role'} sector-${role.sector} heat-${heatStep(n, most)}${selectedId === id ? ' is-selected' : ''}${ghosts.has(id) ? ' is-moving' : ''}`);
    node.g.setAttribute('aria-label', cardLabel(card, role, n));
    node.g.setAttribute('aria-pressed', String(selectedId === id));
    if (node.title !== role.title) {
      node.title = role.title;
      clear(node.text);
      const lines = wrap(role.title, 17);
      lines.forEach((line, index) => {
        // A space after the first line: read together, the lines are words of the card's name
        // (which is what "label in name" checks), not "Speech andlanguage".
        const shown = index < lines.length - 1 ? `${line} ` : line;
        const tspan = svgEl('tspan', { x: 10, y: (lines.length === 2 ? 26 : 38) + 24 * index }, shown);
        node.text.append(tspan);
        fit(tspan, shown, index === lines.length - 1, lines.slice(0, index).join(' '));
      });
    }
    node.heat.style.display = n ? '' : 'none';
    node.badgeText.textContent = n ? String(n) : '';
    placeNode(id);
  }
}

function centreOf(card) {
  const { x, y } = position(card);
  return { x: x + B.card_w / 2, y: y + B.card_h / 2 };
}

function renderLinks(board) {
  clear(layers.links);
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
    layers.links.append(svgEl('line', { ...attrs, x2: to.x, y2: to.y }));
  }
}

function renderGroups(board) {
  clear(layers.groups);
  for (const group of B.groups) {
    const members = Object.values(board.cards).filter((card) => card.group === group).map(position);
    if (!members.length) continue;
    const x0 = Math.min(...members.map((p) => p.x)) - 14;
    const y0 = Math.min(...members.map((p) => p.y)) - 40;
    const x1 = Math.max(...members.map((p) => p.x)) + B.card_w + 14;
    const y1 = Math.max(...members.map((p) => p.y)) + B.card_h + 14;
    layers.groups.append(svgEl('rect', { x: x0, y: y0, width: x1 - x0, height: y1 - y0, rx: 16, class: 'group-frame' }));
    layers.groups.append(svgEl('text', { x: x0 + 12, y: y0 + 27, class: 'group-label' }, L.groups[group]));
  }
}

// --- the forms beside the board -------------------------------------------------------------

function cardNames(board) {
  // The same role may be on the board twice: number the second one so the lists can tell them apart.
  const seen = new Map();
  const names = new Map();
  for (const card of Object.values(board.cards).sort((a, b) => a.id - b.id)) {
    const title = roleOf(card).title;
    const n = (seen.get(title) || 0) + 1;
    seen.set(title, n);
    names.set(String(card.id), n > 1 ? `${title} (${n})` : title);
  }
  return names;
}

function fillSelect(select, options, placeholder) {
  const value = select.value;
  clear(select);
  if (placeholder) select.append(el('option', { text: placeholder, attrs: { value: '' } }));
  for (const [id, name] of options) select.append(el('option', { text: name, attrs: { value: id } }));
  if ([...select.options].some((option) => option.value === value)) select.value = value;
}

function renderSelects(board, names) {
  const onBoard = new Set(Object.values(board.cards).map((card) => card.role_id));
  const key = [...names].map(([id, name]) => `${id}:${name}`).join('|') + `#${[...onBoard].sort().join(',')}#${rolesKey}`;
  if (key === selectsKey) return;
  selectsKey = key;
  const roleSelect = $('place-role');
  const chosen = roleSelect.value;
  clear(roleSelect);
  for (const sector of B.sectors) {
    const label = L.sectors[sector];
    const optgroup = el('optgroup', { attrs: { label } });
    for (const role of [...ROLES.values()].filter((r) => r.sector === sector && !r.hidden)) {
      const text = onBoard.has(role.id) ? `${role.title} ${t('on_board')}` : role.title;
      optgroup.append(el('option', { text, attrs: { value: role.id } }));
    }
    roleSelect.append(optgroup);
  }
  if (chosen) roleSelect.value = chosen;
  explainPicked();
  const cards = [...names];
  fillSelect($('link-source'), cards, t('pick_card'));
  fillSelect($('link-target'), cards, t('pick_card'));
}

function explainPicked() {
  const role = ROLES.get($('place-role').value);
  $('place-explain').textContent = role ? `${role.organisation}. ${role.explain}` : '';
}

function renderLinkList(board, names) {
  const list = $('links');
  const focusedLink = document.activeElement && document.activeElement.dataset.linkId;
  clear(list);
  for (const link of Object.values(board.links).sort((a, b) => a.id - b.id)) {
    const text = t('link_text', {
      source: names.get(String(link.source_id)) || '?',
      kind: L.links[link.kind],
      target: names.get(String(link.target_id)) || '?',
    });
    const remove = el('button', {
      className: 'button small', text: t('delete'),
      attrs: { type: 'button', 'aria-label': `${t('delete')}: ${text}`, 'data-link-id': link.id },
      on: { click: () => command('board.unlink', { link_id: link.id }, $('link-error')) },
    });
    list.append(el('li', { className: `link-item link-item-${link.kind}` }, [el('span', { text }), remove]));
    if (String(link.id) === focusedLink) remove.focus();
  }
}

function renderSelected(board) {
  const card = selectedId && board.cards[selectedId];
  $('selected').hidden = !card;
  $('selected-none').hidden = Boolean(card);
  $('selected-none').textContent = t('no_card');
  if (!card) return;
  const role = roleOf(card);
  $('selected-title').textContent = role.title;
  const own = card.kind === 'text' || card.kind === 'note';
  $('selected-org').textContent = own ? t(card.kind === 'note' ? 'kind_note' : 'kind_text') : `${L.sectors[role.sector] || ''} · ${role.organisation}`;
  $('selected-explain').textContent = role.explain;
  $('selected-explain').hidden = !role.explain;
  $('selected-heat').textContent = own ? '' : t('met_by', { n: board.met.heat[card.role_id] || 0 });
  $('selected-heat').hidden = own;
  $('selected-words').hidden = !own;
  const words = $('selected-text');
  // The words are filled in when another card is picked, never under someone typing.
  if (own && words.dataset.cardId !== selectedId) {
    words.dataset.cardId = selectedId;
    words.value = card.text;
  }
  const group = $('selected-group');
  if (group.dataset.cardId !== selectedId) {
    group.dataset.cardId = selectedId;
    group.value = card.group;
  }
}

function renderTools(state) {
  const board = state.board;
  $('board-count').textContent = t('cards_count', {
    n: Object.keys(board.cards).length, links: Object.keys(board.links).length,
  });
  $('lock-status').textContent = board.locked ? t('locked') : t('unlocked');
  $('lock-status').classList.toggle('is-locked', board.locked);
  if ($('lock')) $('lock').textContent = board.locked ? t('unlock') : t('lock');
}

function canEdit() {
  const state = room.store.state;
  return Boolean(state) && (STAFF || (!state.board.locked && state.workshop.status === 'open'));
}

function render(state, events = []) {
  if (!state) return;
  const board = state.board;
  const catalogKey = JSON.stringify(state.catalog);
  if (catalogKey !== rolesKey) {
    rolesKey = catalogKey;
    ROLES = effectiveRoles(B.roles, state.catalog, config.lang);
    selectsKey = '';
  }
  for (const [id, mine] of local) {
    const card = board.cards[id];
    if (!card || (mine.until && card.version >= mine.until)) local.delete(id);
  }
  for (const event of events) {
    const id = event.payload.card ? String(event.payload.card.id) : String(event.payload.card_id);
    if (ghosts.has(id)) clearGhost(id, false);
  }
  document.body.classList.toggle('board-readonly', !canEdit());
  const names = cardNames(board);
  renderCards(board);
  renderLinks(board);
  renderGroups(board);
  renderSelects(board, names);
  renderLinkList(board, names);
  renderSelected(board);
  renderTools(state);
  renderCatalog(state);
  announceEvents(events, board, names);
}

function announceEvents(events, board, names) {
  for (const event of events) {
    const p = event.payload;
    if (event.type === 'board.card_placed') announce(t('card_placed', { title: roleOf(p.card).title }));
    else if (event.type === 'board.link_added') {
      announce(t('link_added', {
        source: names.get(String(p.link.source_id)) || '?', kind: L.links[p.link.kind], target: names.get(String(p.link.target_id)) || '?',
      }));
    } else if (event.type === 'board.locked') announce(t('locked'));
    else if (event.type === 'board.unlocked') announce(t('unlocked'));
  }
}

// --- changing the board ----------------------------------------------------------------------

async function command(name, payload, errorNode) {
  showError(errorNode, '');
  const ack = await room.send(name, payload);
  if (!ack.ok) showError(errorNode, ack.error.message);
  return ack;
}

function currentCard(id) {
  return room.store.state && room.store.state.board.cards[id];
}

function versionOf(id) {
  const card = currentCard(id);
  return Math.max(card ? card.version : 0, acked.get(id) || 0);
}

function clampX(x) { return Math.round(Math.min(Math.max(x, 0), B.width - B.card_w)); }
function clampY(y) { return Math.round(Math.min(Math.max(y, 0), B.height - B.card_h)); }

// Moves of one card go one at a time, each naming the version the last ack gave us: a quick
// second drop must not lose against our own first one.
function commitMove(id) {
  const mine = local.get(id);
  if (!mine) return;
  const previous = inflight.get(id) || Promise.resolve();
  const next = previous.then(async () => {
    const target = local.get(id);
    if (!target || target.until || !currentCard(id)) return;
    const { x, y } = target;
    const ack = await room.send('board.move', { card_id: Number(id), version: versionOf(id), x, y });
    const now = local.get(id);
    if (ack.ok && ack.card && typeof ack.card.version === 'number') {
      acked.set(id, Math.max(acked.get(id) || 0, ack.card.version));
      if (now && now.x === x && now.y === y) now.until = ack.card.version;
    } else if (now && now.x === x && now.y === y) {
      local.delete(id); // the loser's screen follows the card as the server has it
      if (!ack.ok) announce(ack.error.code === 'card_changed' ? t('card_changed') : ack.error.message);
    }
    render(room.store.state, []);
  });
  inflight.set(id, next.catch(() => {}));
}

function toBoard(event) {
  const point = svg.createSVGPoint();
  point.x = event.clientX;
  point.y = event.clientY;
  return point.matrixTransform(svg.getScreenCTM().inverse());
}

function startDrag(event, id) {
  if (event.button !== 0 || !currentCard(id)) return;
  const at = toBoard(event);
  const { x, y } = position(currentCard(id));
  dragging = { id, pointerId: event.pointerId, dx: at.x - x, dy: at.y - y, x, y, moved: false, sent: 0 };
  event.currentTarget.setPointerCapture(event.pointerId);
}

function moveDrag(event) {
  if (!dragging || event.pointerId !== dragging.pointerId || !canEdit()) return;
  const at = toBoard(event);
  const x = clampX(at.x - dragging.dx);
  const y = clampY(at.y - dragging.dy);
  if (!dragging.moved && Math.abs(x - dragging.x) < 4 && Math.abs(y - dragging.y) < 4) return;
  dragging.moved = true;
  local.set(dragging.id, { x, y });
  placeNode(dragging.id);
  renderLinks(room.store.state.board);
  renderGroups(room.store.state.board);
  const now = performance.now();
  if (now - dragging.sent >= DRAG_EVERY_MS && room.connected) {
    dragging.sent = now;
    // Ephemeral: not queued, not retried; a lost position is replaced by the next one.
    room.socket.volatile.emit('board.drag', { card_id: Number(dragging.id), x, y });
  }
}

function endDrag(event) {
  if (!dragging || event.pointerId !== dragging.pointerId) return;
  const { id, moved } = dragging;
  dragging = null;
  if (moved) commitMove(id);
  else select(id);
}

function cancelDrag() {
  if (!dragging) return;
  local.delete(dragging.id);
  dragging = null;
  render(room.store.state, []);
}

function cardKey(event, id) {
  const step = event.shiftKey ? 100 : 20;
  const arrows = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
  if (arrows[event.key]) {
    event.preventDefault();
    if (!canEdit()) {
      announce(t('locked'));
      return;
    }
    const card = currentCard(id);
    const from = position(card);
    local.set(id, { x: clampX(from.x + arrows[event.key][0]), y: clampY(from.y + arrows[event.key][1]) });
    render(room.store.state, []);
    clearTimeout(keyTimers.get(id));
    keyTimers.set(id, setTimeout(() => {
      commitMove(id);
      announce(t('card_moved', { title: roleOf(card).title }));
    }, KEY_COMMIT_MS));
  } else if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    select(id);
  } else if (event.key === 'Delete' || event.key === 'Backspace') {
    event.preventDefault();
    removeCard(id, $('selected-error'));
  }
}

function select(id) {
  selectedId = id;
  render(room.store.state, []);
  const card = currentCard(id);
  if (card) announce(t('selected', { title: roleOf(card).title }));
}

async function removeCard(id, errorNode) {
  const card = currentCard(id);
  if (!card) return;
  const title = roleOf(card).title;
  const ack = await command('board.remove', { card_id: Number(id), version: versionOf(id) }, errorNode);
  if (ack.ok) announce(t('card_removed', { title }));
}

function showGhost(body) {
  if (!body || typeof body.card_id !== 'number') return;
  const id = String(body.card_id);
  if (!currentCard(id) || (dragging && dragging.id === id)) return;
  const previous = ghosts.get(id);
  if (previous) clearTimeout(previous.timer);
  ghosts.set(id, { x: body.x, y: body.y, timer: setTimeout(() => clearGhost(id, true), GHOST_MS) });
  placeNode(id);
  renderLinks(room.store.state.board);
  const node = cardNodes.get(id);
  if (node) node.g.classList.add('is-moving');
}

function clearGhost(id, redraw) {
  const ghost = ghosts.get(id);
  if (ghost) clearTimeout(ghost.timer);
  ghosts.delete(id);
  if (redraw) render(room.store.state, []);
}

// --- the forms ---------------------------------------------------------------------------------

function buildStaticForms() {
  const sector = $('place-sector');
  sector.append(el('option', { text: t('own_sector'), attrs: { value: '' } }));
  for (const id of B.sectors) sector.append(el('option', { text: L.sectors[id], attrs: { value: id } }));
  const kind = $('link-kind');
  for (const id of B.link_kinds) kind.append(el('option', { text: L.links[id], attrs: { value: id } }));
  const group = $('selected-group');
  group.append(el('option', { text: t('no_group'), attrs: { value: '' } }));
  for (const id of B.groups) group.append(el('option', { text: L.groups[id], attrs: { value: id } }));
  const legend = $('legend');
  for (const id of B.link_kinds) {
    const sample = svgEl('svg', { viewBox: '0 0 60 12', width: 60, height: 12, 'aria-hidden': 'true', class: 'legend-sample' });
    sample.append(svgEl('line', { x1: 2, y1: 6, x2: 58, y2: 6, class: `link link-${id}` }));
    legend.append(el('li', {}, [sample, el('span', { text: L.links[id] })]));
  }
}

$('place-role').addEventListener('change', explainPicked);
$('place-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const payload = { role_id: $('place-role').value };
  if ($('place-sector').value) payload.sector = $('place-sector').value;
  const ack = await command('board.place', payload, $('place-error'));
  if (ack.ok && ack.card) {
    acked.set(String(ack.card.id), ack.card.version);
    selectedId = String(ack.card.id);
    render(room.store.state, []);
  }
});
$('link-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const source = Number($('link-source').value);
  const target = Number($('link-target').value);
  if (!source || !target) {
    showError($('link-error'), t('pick_card'));
    return;
  }
  command('board.link', { source_id: source, target_id: target, kind: $('link-kind').value }, $('link-error'));
});
$('group-save').addEventListener('click', async () => {
  if (!selectedId) return;
  const group = $('selected-group').value;
  const ack = await command('board.group', { card_id: Number(selectedId), version: versionOf(selectedId), group }, $('selected-error'));
  if (ack.ok && ack.card) {
    acked.set(selectedId, ack.card.version);
    announce(t('group_saved', { title: roleOf(ack.card).title, group: group ? L.groups[group] : t('no_group') }));
  }
});
$('write-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const kind = $('write-kind').value;
  const text = $('write-text').value;
  const ack = await command('board.place', { kind, text }, $('write-error'));
  if (heldNotice(ack, $('write-held'), t) && $('write-text').value === text) $('write-text').value = '';
  if (ack.ok && ack.card) {
    acked.set(String(ack.card.id), ack.card.version);
    selectedId = String(ack.card.id);
    // Only what was sent: words typed while the ack travelled stay.
    if ($('write-text').value === text) $('write-text').value = '';
    render(room.store.state, []);
  }
});
$('text-save').addEventListener('click', async () => {
  if (!selectedId) return;
  const ack = await command('board.edit', { card_id: Number(selectedId), version: versionOf(selectedId), text: $('selected-text').value }, $('selected-error'));
  if (ack.ok && ack.card) {
    acked.set(selectedId, ack.card.version);
    announce(t('words_saved', { title: ack.card.text }));
  }
  heldNotice(ack, $('selected-held'), t);
});
$('card-remove').addEventListener('click', () => selectedId && removeCard(selectedId, $('selected-error')));
$('undo').addEventListener('click', async () => {
  const ack = await command('board.undo', {}, $('tools-error'));
  if (ack.ok) announce(ack.undone === false ? t('not_undone') : t('undone'));
  if (ack.ok && ack.undone === false) showError($('tools-error'), t('not_undone'));
});
if ($('restore-removed')) {
  $('restore-removed').addEventListener('click', async () => {
    const ack = await command('board.restore', {}, $('tools-error'));
    const status = $('restore-status');
    status.hidden = !ack.ok;
    const said = ack.restored ? t('restored', { n: ack.restored }) : t('restored_none');
    status.textContent = ack.ok ? said : '';
    if (ack.ok) announce(status.textContent);
  });
}
if ($('lock')) {
  $('lock').addEventListener('click', () => {
    const locked = Boolean(room.store.state && room.store.state.board.locked);
    command('board.lock', { locked: !locked }, $('tools-error'));
  });
}
// Focusable so the arrow keys can pan the board itself (the cards have their own keys).
svg.setAttribute('tabindex', '0');
panZoom(svg, B.width, B.height, {
  zoomIn: $('zoom-in'), zoomOut: $('zoom-out'), reset: $('zoom-reset'), status: $('zoom-level'),
}, t);
const renderCatalog = catalogEditor({ config, t, labels: L, send: command, roles: () => ROLES });
drawBackground();
buildStaticForms();
room.connect();
