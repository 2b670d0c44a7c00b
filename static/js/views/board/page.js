// The "50 titles" board: role cards around the child, links, groups and heat. Cards are dragged
// with pointer events (positions stream as ephemeral `board.drag`, the drop is one `board.move`)
// or moved with the arrow keys; every tool also works from the forms beside the board.
//
// This file holds the board's state and its listeners (mountBoard; screens/board.js makes the
// Room and routes its messages). The parts: overlay.js (where a card this screen moved is shown
// until the log has the move: pure, tested under node), draw.js (the SVG), forms.js (the lists
// and panels beside the board), zoom.js (pan and zoom), ../catalog.js (the console's editor).

import { drawBackground, drawGroups, drawLinks, drawTitle, heatStep, svgEl } from './draw.js';
import {
  buildStaticForms, cardNames, explainRole, fillRoleSelect, fillSelect, renderLinkList, renderSelected, renderTools,
} from './forms.js';
import { afterAck, arrowStep, baseVersion, clampTo, moveToSend, settle, shownAt, touchedCards } from './overlay.js';
import { panZoom } from './zoom.js';
import { catalogEditor, effectiveRoles } from '../catalog.js';
import { announce, heldNotice, showError } from '../../common.js';

// Set once by mountBoard: there is one board on its page.
let config;
let t;
let B;
let L;
let STAFF;
let svg;
let room;
let renderCatalog;
// The workshop's catalogue: the page's, with the live changes (state.catalog) laid over it.
let ROLES = new Map();
let rolesKey = '';
const DRAG_EVERY_MS = 80;
const KEY_COMMIT_MS = 500;
const GHOST_MS = 1500;
const $ = (id) => document.getElementById(id);

const cardNodes = new Map(); // card id -> { g, rect, text, badge, badgeText }
let local = new Map(); // card id -> { x, y, until }: this screen's own move, until the log has it
const ghosts = new Map(); // card id -> { x, y, timer }: someone else dragging it right now
const acked = new Map(); // card id -> the newest version an ack told us
const inflight = new Map(); // card id -> the chain of its moves, one at a time
const keyTimers = new Map();
let selectedId = null;
let dragging = null;
let selectsKey = '';
let layers = null;

// The board page's part: draws the board from the room's state and wires its forms, pointer
// and keys. Returns what the screen routes to it (another screen dragging a card).
export function mountBoard(theRoom, { config: pageConfig, t: pageT }) {
  room = theRoom;
  config = pageConfig;
  t = pageT;
  B = config.board;
  L = B.labels;
  STAFF = config.view === 'console';
  svg = $('board');
  ROLES = new Map(B.roles.map((role) => [role.id, role]));
  room.store.subscribe(render);
  wirePlaceForms();
  wireCardForms();
  wireTools();
  // Focusable so the arrow keys can pan the board itself (the cards have their own keys).
  svg.setAttribute('tabindex', '0');
  panZoom(svg, B.width, B.height, {
    zoomIn: $('zoom-in'), zoomOut: $('zoom-out'), reset: $('zoom-reset'), status: $('zoom-level'),
  }, t);
  renderCatalog = catalogEditor({ config, t, labels: L, send: command, roles: () => ROLES });
  layers = drawBackground(svg, B, L);
  buildStaticForms({ B, L, t });
  return { showGhost };
}

// --- drawing ------------------------------------------------------------------------------

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
  return shownAt(card, local.get(id), ghosts.get(id));
}

function centreOf(card) {
  const { x, y } = position(card);
  return { x: x + B.card_w / 2, y: y + B.card_h / 2 };
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

function dropGoneCards(board) {
  for (const [id, node] of cardNodes) {
    if (board.cards[id]) continue;
    const hadFocus = node.g === document.activeElement;
    node.g.remove();
    node.heat.remove();
    cardNodes.delete(id);
    if (hadFocus) svg.focus();
    if (selectedId === id) selectedId = null;
  }
}

function renderCards(board) {
  const heat = board.met.heat;
  const cards = Object.values(board.cards);
  const most = Math.max(0, ...cards.map((card) => heat[card.role_id] || 0));
  dropGoneCards(board);
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
      drawTitle(node.text, role.title, B.card_w);
    }
    node.heat.style.display = n ? '' : 'none';
    node.badgeText.textContent = n ? String(n) : '';
    placeNode(id);
  }
}

function renderLinks(board) {
  drawLinks(layers.links, board, centreOf, B);
}

function renderGroups(board) {
  drawGroups(layers.groups, board, position, B, L);
}

// --- the forms beside the board -------------------------------------------------------------

function renderSelects(board, names) {
  const onBoard = new Set(Object.values(board.cards).map((card) => card.role_id));
  const key = [...names].map(([id, name]) => `${id}:${name}`).join('|') + `#${[...onBoard].sort().join(',')}#${rolesKey}`;
  if (key === selectsKey) return;
  selectsKey = key;
  fillRoleSelect($('place-role'), ROLES, onBoard, { B, L, t });
  explainPicked();
  const cards = [...names];
  fillSelect($('link-source'), cards, t('pick_card'));
  fillSelect($('link-target'), cards, t('pick_card'));
}

function explainPicked() {
  explainRole(ROLES.get($('place-role').value));
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
  local = settle(local, board.cards);
  for (const id of touchedCards(events)) if (ghosts.has(id)) clearGhost(id, false);
  document.body.classList.toggle('board-readonly', !canEdit());
  const names = cardNames(board, roleOf);
  renderCards(board);
  renderLinks(board);
  renderGroups(board);
  renderSelects(board, names);
  renderLinkList(board, names, { L, t, unlink: (linkId) => command('board.unlink', { link_id: linkId }, $('link-error')) });
  renderSelected(board, selectedId, roleOf, { L, t });
  renderTools(board, t);
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
  return baseVersion(currentCard(id), acked.get(id));
}

function clampX(x) { return clampTo(x, B.width - B.card_w); }
function clampY(y) { return clampTo(y, B.height - B.card_h); }

// Moves of one card go one at a time, each naming the version the last ack gave us: a quick
// second drop must not lose against our own first one.
function commitMove(id) {
  if (!local.get(id)) return;
  const previous = inflight.get(id) || Promise.resolve();
  const next = previous.then(async () => {
    const sent = moveToSend(local.get(id), currentCard(id));
    if (!sent) return;
    const ack = await room.send('board.move', { card_id: Number(id), version: versionOf(id), ...sent });
    const out = afterAck({ mine: local.get(id), sent, ack, acked: acked.get(id) });
    if (out.acked) acked.set(id, out.acked);
    if (out.mine) local.set(id, out.mine);
    else local.delete(id);
    if (out.refused) announce(out.refused.code === 'card_changed' ? t('card_changed') : out.refused.message);
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
  const arrow = arrowStep(event.key, event.shiftKey);
  if (arrow) {
    event.preventDefault();
    if (!canEdit()) {
      announce(t('locked'));
      return;
    }
    const card = currentCard(id);
    const from = position(card);
    local.set(id, { x: clampX(from.x + arrow[0]), y: clampY(from.y + arrow[1]) });
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

// The forms that add to the board: a role from the catalogue, and a link between two cards.
function wirePlaceForms() {
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
}

// The selected card's panel, and the words or note written onto the board.
function wireCardForms() {
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
}

function wireTools() {
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
}

