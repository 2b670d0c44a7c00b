// The news wall: every session's notes as they are written, in slot and space order.

import { makeT, readConfig } from './common.js';
import { renderNews } from './notes_ui.js';
import { Room } from './socket.js';
import { connectionBanner } from './status.js';
import { mountTimers } from './timers_ui.js';

const { config } = readConfig();
const t = makeT(config.strings);
const $ = (id) => document.getElementById(id);
const banner = connectionBanner($('connection'), t);

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
room.store.subscribe((state) => {
  if (state) $('news-empty').hidden = renderNews(state, $('news'), t) > 0;
});
room.connect();
