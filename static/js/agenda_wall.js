// The agenda on the projector: slots down, spaces across, in type large enough for the back of
// the room. What does not fit is paged: at most SPACES_PER_PAGE spaces and as many slots as fit
// the screen's height, turning every PAGE_MS ("page 1 of 2"); type never shrinks to fit.

import { clear, el, makeT, readConfig } from './common.js';
import { alsoTitles, countsOf, sessionIn, slotsInOrder, spacesInOrder, titleOf } from './state/agenda.js';
import { Room } from './socket.js';
import { connectionBanner } from './status.js';
import { mountTimers } from './timers_ui.js';

const { config } = readConfig();
const t = makeT(config.strings);
const $ = (id) => document.getElementById(id);
const banner = connectionBanner($('connection'), t);
const SPACES_PER_PAGE = 6;
const PAGE_MS = 12_000;
const paging = { page: 0, timer: null, slotsPerPage: null };
let resizeTimer = null;

const room = new Room({
  config,
  t,
  auth: { view: 'wall', join_code: config.join_code, lang: config.lang },
  includeHidden: false,
  comeBack: true,
  onStatus: (status) => banner(status),
  onMessage: (name) => {
    if (name === 'workshop.deleted') banner('gone', 0, t('workshop_deleted'));
    if (name === 'server.restarting') banner('restarting');
  },
});
// The announcement and countdown lines above the grid are drawn first: the grid is fitted to
// what space they leave, and fitted again when they change size.
mountTimers(room, t);
room.store.subscribe(() => render());
new ResizeObserver(() => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(render, 150);
}).observe(document.querySelector('.announce-bar'));

function pages(slots, spaces) {
  const spaceGroups = [];
  for (let i = 0; i < spaces.length; i += SPACES_PER_PAGE) spaceGroups.push(spaces.slice(i, i + SPACES_PER_PAGE));
  const perPage = paging.slotsPerPage || slots.length || 1;
  const slotGroups = [];
  for (let i = 0; i < slots.length; i += perPage) slotGroups.push(slots.slice(i, i + perPage));
  const out = [];
  for (const s of slotGroups) for (const g of spaceGroups) out.push({ slots: s, spaces: g });
  return out;
}

function draw(state, page) {
  const grid = $('agenda-wall-grid');
  clear(grid);
  grid.lang = state.workshop.language || config.lang;
  grid.append(el('caption', { className: 'visually-hidden', text: t('agenda_caption') }));
  const head = el('tr', {}, [el('th', { text: t('agenda_time'), attrs: { scope: 'col' } })]);
  for (const space of page.spaces) head.append(el('th', { text: space.name, attrs: { scope: 'col' } }));
  grid.append(el('thead', {}, [head]));
  const body = el('tbody');
  for (const slot of page.slots) {
    const row = el('tr', {}, [el('th', { attrs: { scope: 'row' }, text: `${slot.starts}–${slot.ends}` })]);
    for (const space of page.spaces) {
      const session = sessionIn(state, slot.id, space.id);
      const cell = el('td');
      if (session) {
        cell.className = 'taken';
        cell.append(el('p', { className: 'agenda-title', text: titleOf(state, session) || t('removed_topic') }));
        const also = alsoTitles(state, session);
        if (also.length) cell.append(el('p', { className: 'agenda-also', text: t('also', { titles: also.join(' · ') }) }));
        const counts = countsOf(state, session.id);
        if (counts.going || counts.here) {
          cell.append(el('p', { className: 'agenda-counts', text: t('agenda_counts', { going: counts.going, here: counts.here }) }));
        }
      } else {
        cell.className = 'free';
        cell.append(el('span', { className: 'agenda-free-text', text: t('agenda_free') }));
      }
      row.append(cell);
    }
    body.append(row);
  }
  grid.append(body);
}

// How many slot rows fit under the header: measured once the grid is drawn with every slot.
function fitSlots(state, slots, spaces) {
  const grid = $('agenda-wall-grid');
  paging.slotsPerPage = null;
  draw(state, { slots, spaces: spaces.slice(0, SPACES_PER_PAGE) });
  const rows = [...grid.tBodies[0].rows];
  const bottom = window.innerHeight - 8;
  const fitting = rows.filter((row) => row.getBoundingClientRect().bottom <= bottom).length;
  paging.slotsPerPage = Math.max(1, fitting || 1);
}

function render() {
  const state = room.store.state;
  if (!state) return;
  $('workshop-title').textContent = state.workshop.title;
  const slots = slotsInOrder(state);
  const spaces = spacesInOrder(state);
  const ready = slots.length > 0 && spaces.length > 0;
  $('agenda-wall-empty').hidden = ready;
  $('agenda-wall-grid').hidden = !ready;
  if (!ready) return;
  fitSlots(state, slots, spaces);
  const all = pages(slots, spaces);
  if (paging.page >= all.length) paging.page = 0;
  draw(state, all[paging.page]);
  const label = $('agenda-page');
  label.hidden = all.length < 2;
  label.textContent = t('agenda_page', { n: paging.page + 1, total: all.length });
  clearTimeout(paging.timer);
  if (all.length > 1) {
    paging.timer = setTimeout(() => {
      paging.page = (paging.page + 1) % all.length;
      render();
    }, PAGE_MS);
  }
}

window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(render, 150);
});

room.connect();
