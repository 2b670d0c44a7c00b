// The agenda on the projector: slots down, spaces across, in type large enough for the back of
// the room. The whole day when it fits; else the slots that fit, paged by wall_layout.js ("1–2
// of 3"), and more than SPACES_PER_PAGE spaces in turns ("page 1 of 2"). Type never shrinks.

import { makeT, readConfig } from '../common.js';
import { slotsInOrder, spacesInOrder } from '../state/agenda.js';
import { drawAgendaGrid } from '../views/agenda/wall.js';
import { Room } from '../socket.js';
import { connectionBanner } from '../status.js';
import { mountTimers } from '../views/timers.js';
import { bottomOf, makePager } from '../wall_layout.js';

const { config } = readConfig();
const t = makeT(config.strings);
const $ = (id) => document.getElementById(id);
const banner = connectionBanner($('connection'), t);
const SPACES_PER_PAGE = 6;
const PAGE_MS = 12_000;
const wide = window.matchMedia('(min-width: 60rem)');
const pager = makePager({ t, label: $('agenda-rows'), pageMs: PAGE_MS });
let group = 0;
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
const refit = () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(render, 150);
};
new ResizeObserver(refit).observe(document.querySelector('.announce-bar'));
window.addEventListener('resize', refit);

function render() {
  const state = room.store.state;
  if (!state) return;
  $('workshop-title').textContent = state.workshop.title;
  const slots = slotsInOrder(state);
  const spaces = spacesInOrder(state);
  const ready = slots.length > 0 && spaces.length > 0;
  $('agenda-wall-empty').hidden = ready;
  $('agenda-wall-grid').hidden = !ready;
  if (!ready) {
    pager.hide();
    return;
  }
  const groups = Math.ceil(spaces.length / SPACES_PER_PAGE);
  if (group >= groups) group = 0;
  drawAgendaGrid($('agenda-wall-grid'), state, spaces.slice(group * SPACES_PER_PAGE, (group + 1) * SPACES_PER_PAGE), { t, lang: config.lang });
  const label = $('agenda-page');
  label.hidden = groups < 2;
  label.textContent = t('agenda_page', { n: group + 1, total: groups });
  pager.show({
    items: [...$('agenda-wall-grid').tBodies[0].rows],
    limit: () => (wide.matches ? bottomOf($('agenda-wall-fill')) : null),
    key: `spaces:${group}`,
    onWrap: groups > 1 ? () => { group = (group + 1) % groups; render(); } : null,
  });
}

room.connect();
