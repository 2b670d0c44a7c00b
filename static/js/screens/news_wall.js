// The news wall: every session's notes as they are written, in slot and space order. The notes
// that fit are on the wall; the rest follow page by page (wall_layout.js, "1–4 of 11").

import { makeT, readConfig } from '../common.js';
import { renderNews } from '../views/notes.js';
import { Room } from '../socket.js';
import { connectionBanner } from '../status.js';
import { mountTimers } from '../views/timers.js';
import { bottomOf, fitWords, makePager } from '../wall_layout.js';

const { config } = readConfig();
const t = makeT(config.strings);
const $ = (id) => document.getElementById(id);
const banner = connectionBanner($('connection'), t);
const wide = window.matchMedia('(min-width: 60rem)');
const pager = makePager({ t, label: $('news-page'), pageMs: 15_000 });
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
mountTimers(room, t);

function render() {
  const state = room.store.state;
  if (!state) return;
  const list = $('news');
  $('news-empty').hidden = renderNews(state, list, t) > 0;
  fitWords(list.querySelectorAll('.news-title, .news-where, .news-label, .news-text'));
  pager.show({ items: [...list.children], limit: () => (wide.matches ? bottomOf(list) : null), key: 'news' });
}

room.store.subscribe(render);
const refit = () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(render, 150);
};
new ResizeObserver(refit).observe(document.querySelector('.announce-bar'));
window.addEventListener('resize', refit);
room.connect();
