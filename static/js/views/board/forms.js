// The forms and lists beside the board: the selects that name cards, the list of links, the
// selected card's panel, the lock and count line. Each draws from the state it is given; the
// listeners that send commands stay in board.js, which holds what this screen has sent.

import { clear, el } from '../../common.js';
import { svgEl } from './draw.js';

const $ = (id) => document.getElementById(id);

// The same role may be on the board twice: number the second one so the lists can tell them apart.
export function cardNames(board, roleOf) {
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

export function fillSelect(select, options, placeholder) {
  const value = select.value;
  clear(select);
  if (placeholder) select.append(el('option', { text: placeholder, attrs: { value: '' } }));
  for (const [id, name] of options) select.append(el('option', { text: name, attrs: { value: id } }));
  if ([...select.options].some((option) => option.value === value)) select.value = value;
}

// The catalogue by sector; a role already on the board says so.
export function fillRoleSelect(roleSelect, roles, onBoard, { B, L, t }) {
  const chosen = roleSelect.value;
  clear(roleSelect);
  for (const sector of B.sectors) {
    const optgroup = el('optgroup', { attrs: { label: L.sectors[sector] } });
    for (const role of [...roles.values()].filter((r) => r.sector === sector && !r.hidden)) {
      const text = onBoard.has(role.id) ? `${role.title} ${t('on_board')}` : role.title;
      optgroup.append(el('option', { text, attrs: { value: role.id } }));
    }
    roleSelect.append(optgroup);
  }
  if (chosen) roleSelect.value = chosen;
}

export function explainRole(role) {
  $('place-explain').textContent = role ? `${role.organisation}. ${role.explain}` : '';
}

export function renderLinkList(board, names, { L, t, unlink }) {
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
      on: { click: () => unlink(link.id) },
    });
    list.append(el('li', { className: `link-item link-item-${link.kind}` }, [el('span', { text }), remove]));
    if (String(link.id) === focusedLink) remove.focus();
  }
}

// The words and the group are filled in when another card is picked, never under someone typing.
function fillOnce(node, selectedId, value) {
  if (node.dataset.cardId === selectedId) return;
  node.dataset.cardId = selectedId;
  node.value = value;
}

export function renderSelected(board, selectedId, roleOf, { L, t }) {
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
  if (own) fillOnce($('selected-text'), selectedId, card.text);
  fillOnce($('selected-group'), selectedId, card.group);
}

export function renderTools(board, t) {
  $('board-count').textContent = t('cards_count', {
    n: Object.keys(board.cards).length, links: Object.keys(board.links).length,
  });
  $('lock-status').textContent = board.locked ? t('locked') : t('unlocked');
  $('lock-status').classList.toggle('is-locked', board.locked);
  if ($('lock')) $('lock').textContent = board.locked ? t('unlock') : t('lock');
}

// The choices that never change: sectors, link kinds, groups, and the links' legend.
export function buildStaticForms({ B, L, t }) {
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
