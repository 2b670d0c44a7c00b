// The board page ("the 50 titles"), for a participant who opened it from their phone and for the
// console: the Room and its messages; the board itself is views/board/page.js.

import { announce, makeT, readConfig } from '../common.js';
import { Room } from '../socket.js';
import { connectionBanner } from '../status.js';
import { mountBoard } from '../views/board/page.js';

const { config } = readConfig();
const t = makeT(config.strings);
const STAFF = config.view === 'console';
const banner = connectionBanner(document.getElementById('connection'), t);
let board = null;

const room = new Room({
  config,
  t,
  auth: { view: config.view, workshop_id: config.workshop_id, lang: config.lang, board: true },
  includeHidden: STAFF,
  onStatus: (status) => banner(status, room.pending),
  onMessage: (name, body) => {
    if (name === 'board.dragging') board.showGhost(body);
    else if (name === 'warning' && body && body.error) announce(body.error.message);
    else if (name === 'workshop.deleted') banner('gone', 0, t('workshop_deleted'));
    else if (name === 'server.restarting') banner('restarting', room.pending);
    else if (STAFF && ['session.ended', 'refused', 'disconnected'].includes(name)) window.location.assign('/login');
    else if (!STAFF && name === 'refused' && body.code === 'not_joined') window.location.reload();
  },
});
board = mountBoard(room, { config, t });
room.connect();
