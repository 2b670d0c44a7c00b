// The participant's phone: what happens now first, then the rest of the day. This screen puts
// the views together and orders the sections; each view draws its own part from the store (the
// room's state and the participant's own `me`, state/me.js).

import { announce, makeT, readConfig } from '../common.js';
import { mountPhases } from '../views/phases/index.js';
import { mountActionList } from '../views/deliver/actions.js';
import { mountAgendaPhone } from '../views/agenda/phone.js';
import { mountOpeningPhone } from '../views/opening.js';
import { mountClosingPhone } from '../views/closing.js';
import { mountQuestionsPhone, questionFirst } from '../views/questions.js';
import { watchFeedbackNews, watchWindow, windowNow } from '../views/feedback.js';
import { mountProfilePhone } from '../views/participants.js';
import { mountReviewPhone } from '../views/review.js';
import { isOpen, mountTopicsPhone } from '../views/topics/phone.js';
import { mountVotingPhone } from '../views/voting/phone.js';
import { Room } from '../socket.js';
import { inReading } from '../state/workshops.js';
import { connectionBanner } from '../status.js';

const { config } = readConfig();
const t = makeT(config.strings);
const $ = (id) => document.getElementById(id);
const banner = connectionBanner($('connection'), t);
// "Only my dots": set by the voting view's button, read by the topic list.
const filter = { mineOnly: false };

const room = new Room({
  config,
  t,
  auth: { view: 'phone', workshop_id: config.workshop_id, lang: config.lang },
  includeHidden: false,
  onStatus: (status) => banner(status, room.pending),
  onMessage: handleMessage,
});

function handleMessage(name, body) {
  if (name === 'warning' && body && body.error) announce(body.error.message);
  if (name === 'workshop.deleted') banner('gone', 0, t('workshop_deleted'));
  if (name === 'server.restarting') banner('restarting', room.pending);
  if (name === 'refused' && body.code === 'not_joined') window.location.reload();
  if (name === 'dots.returned' && body && body.dots) {
    const text = t(`dots_returned_${body.reason}`, { n: body.dots });
    $('returned-notice').textContent = text;
    $('returned-notice').hidden = false;
    announce(text);
  }
}

room.store.subscribe(render);
// The round's view before the topic list: a closed round turns "Only my dots" off first.
mountVotingPhone(room, t, { config, filter });
mountReviewPhone(room, t);
mountTopicsPhone(room, t, { config, filter });
mountProfilePhone(room, t);
mountActionList(room.store);
mountAgendaPhone(room, t);
mountOpeningPhone(room, config.lang);
mountClosingPhone(room, t);
mountQuestionsPhone(room, t, config.lang);
watchFeedbackNews(room.store, $('feedback-news'), t('feedback_news'));
watchWindow(room.store, $('window-note'), t, config.lang);
// Outside the consultation's window the server refuses every input; the phone folds the forms
// and dot buttons away, and the window's notice (at the top) says why.
function markWindow() {
  const workshop = room.store.state && room.store.state.workshop;
  const { early, over } = workshop ? windowNow(workshop) : {};
  document.body.classList.toggle('window-shut', Boolean(early || over));
}
room.store.subscribe(markWindow);
setInterval(markWindow, 30000);

// What happens now comes first (issue 21): the room's name and notices, then the one thing to
// do in this phase or round, then the rest; the four design phases, the opening circle and the
// board's invitation last (a 14-year-old's first screen is their question, not the method).
// The sections themselves move, not only their look, so reading and Tab order follow the screen.
const TOP = ['#connection', '.room-head', '.announce-bar', '#window-note', '#closing-notice',
  '#closed-notice', '#taken-off-notice', '#returned-notice', '#feedback-news', '#waiting-panel'];
const REST = ['#question-phone', '#results-panel', '#round-panel', '#dots-bar', '#agenda-phone', '#notes-panel',
  '#post-panel', '#topics-panel', '#themes-panel', '#deliver-note', '#deliver-view'];
const LAST = ['#phase-panel', '#opening-phone', '#titles-panel', '#past-rounds', '#profile-panel'];
let arranged = '';

function nowFirst(state) {
  const round = state.round && state.round.status === 'open' ? state.round : null;
  if (round && round.scope === 'themes') return ['#round-panel', '#dots-bar', '#themes-panel'];
  if (round) return ['#round-panel', '#dots-bar', '#topics-panel'];
  if (state.phase === 'define' || state.phase === 'develop') return ['#themes-panel'];
  if (state.phase === 'deliver') return ['#deliver-view', '#deliver-note'];
  return ['#agenda-phone', '#notes-panel', '#post-panel', '#topics-panel'];
}

function arrange(state) {
  const order = [...new Set([...TOP, ...questionFirst(state), ...nowFirst(state), ...REST, ...LAST])];
  const key = order.join(',');
  if (key === arranged) return;
  arranged = key;
  const app = $('app');
  const focused = document.activeElement;
  for (const selector of order) {
    const node = app.querySelector(`:scope > ${selector}`);
    if (node) app.append(node);
  }
  // A node moved with the focus in it loses the focus: give it back where it was.
  if (focused && focused !== document.activeElement && app.contains(focused)) focused.focus({ preventScroll: true });
}

function render(state, events) {
  if (!state) return;
  arrange(state);
  // The parts about the method that the coordinator turned off are not there at all (CSS).
  $('app').dataset.parts = (state.workshop.phone_parts || []).join(' ');
  const read = inReading(state.workshop, config.reading);
  $('workshop-title').textContent = read.title;
  const theme = $('workshop-theme');
  theme.textContent = read.theme;
  theme.hidden = !read.theme;
  $('closed-notice').hidden = isOpen(state);
  for (const event of events) if (event.type === 'workshop.closed') announce(t('workshop_closed'));
}

mountPhases(room, t, { screen: 'phone' });
room.connect();
