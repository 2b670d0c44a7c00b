// The facilitator's console: the parts of the day, shown one at a time (console_rail.js). This
// screen puts the views together; each draws its own part from the store.

import { makeT, readConfig } from '../common.js';
import { mountBoardFigures } from '../views/board/console.js';
import { mountParticipantsConsole } from '../views/participants.js';
import { mountPhases } from '../views/phases/index.js';
import { mountTopicsConsole } from '../views/topics/console.js';
import { mountVotingConsole } from '../views/voting/console.js';
import { mountWorkshopConsole } from '../views/workshops.js';
import { mountDeliver } from '../views/deliver/console.js';
import { mountAgendaConsole } from '../views/agenda/console.js';
import { mountAgendaSetup } from '../views/agenda/setup.js';
import { mountNotesForm } from '../views/notes.js';
import { mountRail, renderPresence } from './console_rail.js';
import { mountOpeningConsole } from '../views/opening.js';
import { mountClosingConsole } from '../views/closing.js';
import { mountQuestionsConsole } from '../views/questions.js';
import { mountReviewConsole } from '../views/review.js';
import { mountHistory } from '../views/history.js';
import { Room } from '../socket.js';
import { connectionBanner } from '../status.js';

const { config } = readConfig();
const t = makeT(config.strings);
const $ = (id) => document.getElementById(id);
const banner = connectionBanner($('connection'), t);
let leaving = false;
// The rail (console_rail.js): tells the team which part this console shows once connected.
let rail = null;
// The team's short history (views/history.js): asked again after every (re)connection.
let teamHistory = null;

const room = new Room({
  config,
  t,
  auth: { view: 'console', workshop_id: config.workshop_id, lang: config.lang },
  includeHidden: true,
  onStatus: (status) => {
    banner(status, room.pending);
    if (status === 'online' && rail) rail.here();
    if (status === 'online' && teamHistory) teamHistory.online();
  },
  onMessage: (name, body) => {
    // Several of these arrive together when a login ends; a second assign would abort the
    // first navigation.
    if ((name === 'session.ended' || name === 'refused' || name === 'disconnected') && !leaving) {
      leaving = true;
      window.location.assign('/login');
    }
    if (name === 'server.restarting') banner('restarting', room.pending);
    if (name === 'team.present') renderPresence($('team-present'), body, config.team_roles || {});
    if (teamHistory) teamHistory.message(name, body);
  },
});
teamHistory = mountHistory(room, t, config.lang);
mountWorkshopConsole(room, t);
mountParticipantsConsole(room, t);
mountBoardFigures(room, t);
mountVotingConsole(room, t, { config });
mountTopicsConsole(room, t, { config });
mountDeliver(room);
mountAgendaConsole(room, t);
mountAgendaSetup(room, t);
mountNotesForm(room, t);
mountOpeningConsole(room, t);
mountClosingConsole(room, t);
mountQuestionsConsole(room, t, config.lang);
mountReviewConsole(room, t, config.workshop_id);

mountPhases(room, t, { screen: 'console' });
rail = mountRail(room, t);
room.connect();
