// The participant's phone: post topics, spend and take back dots, see the room live.

import {
  announce, attachCounter, clear, el, makeT, readConfig, renderResult, showError, showPending,
  syncTopicList, topicAnnouncer,
} from './common.js';
import { mountPhases, roundItems } from './phases_ui.js';
import { mountActionList } from './deliver_view.js';
import { mountAgendaPhone } from './agenda_phone.js';
import { mountOpeningPhone } from './opening_ui.js';
import { mountClosingPhone } from './closing_ui.js';
import { mountQuestionsPhone, questionFirst } from './views/questions.js';
import { watchFeedbackNews, watchWindow, windowNow } from './feedback_ui.js';
import { Room } from './socket.js';
import { inReading } from './state/workshops.js';
import { connectionBanner } from './status.js';

const { config } = readConfig();
const t = makeT(config.strings);
let me = { topic_ids: [], votes: {}, dots_left: 0 };
const items = new Map(); // topic id -> { li, parts }

const $ = (id) => document.getElementById(id);
const banner = connectionBanner($('connection'), t);
// "3 new topics", not one announcement per post, and never while the person is typing.
const newTopics = topicAnnouncer(t, (id) => (me.topic_ids || []).includes(id));
const view = { mineOnly: false, folded: false, wasOpen: false };

const room = new Room({
  config,
  t,
  auth: { view: 'phone', workshop_id: config.workshop_id, lang: config.lang },
  includeHidden: false,
  onStatus: (status) => banner(status, room.pending),
  onMe: (mine) => {
    me = mine;
    agendaPhone.setMe(mine);
    questionsPhone.setMe(mine);
    fillProfile();
    render(room.store.state, []);
  },
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
mountActionList(room.store);
const agendaPhone = mountAgendaPhone(room, t);
mountOpeningPhone(room, config.lang);
mountClosingPhone(room, t);
const questionsPhone = mountQuestionsPhone(room, t, config.lang);
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

function isOpen(state) {
  return state.workshop.status === 'open';
}

function roundOpen(state) {
  return Boolean(state.round && state.round.status === 'open' && isOpen(state));
}

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
  renderTakenOff();
  $('post-panel').hidden = !isOpen(state);
  // What people write is in the workshop's language: the browser hyphenates by it.
  for (const id of ['topics', 'results', 'past-round-list']) $(id).lang = state.workshop.language || config.lang;
  renderRound(state);
  renderPostForm(state);
  renderTopics(state);
  renderResults(state);
  announceEvents(events);
}

// The organiser hid one of this person's topics: say so kindly, without its words (they are no
// longer sent to phones at all).
function renderTakenOff() {
  const count = (me.hidden_topic_ids || []).length;
  const notice = $('taken-off-notice');
  notice.hidden = count === 0;
  notice.textContent = count ? t('taken_off', { n: count }) : '';
  // Their own words, sent only to their own phone, while the organiser has not looked yet.
  const waiting = me.waiting_topics || [];
  const inputs = me.waiting_inputs || [];
  $('waiting-panel').hidden = waiting.length + inputs.length === 0;
  const list = $('waiting-topics');
  clear(list);
  for (const topic of waiting) list.append(el('li', { text: topic.title }));
  for (const input of inputs) {
    const words = Object.values(input.words || {}).join(' – ');
    list.append(el('li', { text: words ? `${t(`held_${input.kind}`)}: ${words}` : t(`held_${input.kind}`) }));
  }
}

function renderRound(state) {
  const panel = $('round-panel');
  panel.hidden = !state.round;
  if (!state.round) return;
  const open = roundOpen(state);
  $('round-status').textContent = open
    ? t('round_opened', { budget: state.round.budget })
    : t('round_closed');
  $('round-purpose').textContent = state.round.purpose || '';
  $('round-purpose').hidden = !state.round.purpose;
  $('dots-left').textContent = open ? t('dots_left', { n: me.dots_left }) : '';
  $('dots-bar').hidden = !open;
  document.documentElement.classList.toggle('has-dots-bar', open);
  if (!open) view.mineOnly = false;
  $('mine-only').setAttribute('aria-pressed', String(view.mineOnly));
  // What this promises is what the wall does: a sealed round shows no totals anywhere.
  $('round-note').textContent = open ? t(state.round.sealed ? 'votes_hidden_note' : 'votes_live_note') : '';
  $('round-note').hidden = !open;
}

function topicOrder(state) {
  // Newest first and stable while voting, so buttons never jump under a finger.
  return Object.values(state.topics).sort((a, b) => b.id - a.id);
}

// While a round is open the form folds away (a button opens it again), so the list and its dot
// buttons come first; never under someone who is typing.
function renderPostForm(state) {
  const open = roundOpen(state);
  if (open && !view.wasOpen) {
    const form = $('post-form');
    const busy = form.contains(document.activeElement) || $('post-title').value || $('post-description').value;
    view.folded = !busy;
  }
  if (!open) view.folded = false;
  view.wasOpen = open;
  $('post-toggle').hidden = !open;
  $('post-toggle').setAttribute('aria-expanded', String(!view.folded));
  $('post-form').hidden = view.folded;
}

function renderTopics(state) {
  const list = $('topics');
  const topics = topicOrder(state);
  $('no-topics').hidden = topics.length > 0;
  $('topic-count').textContent = topics.length ? `(${topics.length})` : '';
  syncTopicList(list, items, topics, buildTopic, (item, topic) => updateTopic(item, topic, state));
  // "Only my dots": the topics this person put dots on. The one holding the focus stays, so
  // taking back its last dot does not pull the button away from under the finger.
  let shown = 0;
  for (const [id, item] of items) {
    const mine = ((me.votes || {})[String(id)] || 0) > 0;
    item.li.hidden = view.mineOnly && !mine && !item.li.contains(document.activeElement);
    if (!item.li.hidden) shown += 1;
  }
  $('no-my-dots').hidden = !(view.mineOnly && shown === 0);
  $('no-my-dots').textContent = t('no_my_dots');
}

function buildTopic(topic) {
  const parts = {};
  parts.title = el('h3', { className: 'topic-title' });
  parts.badge = el('span', { className: 'badge', text: t('yours') });
  parts.description = el('p', { className: 'topic-description' });
  parts.mine = el('p', { className: 'my-dots' });
  // aria-disabled, not disabled: a disabled button drops the keyboard focus to the page's top
  // the moment the last dot is taken back.
  parts.remove = el('button', {
    className: 'button dot-button', text: '−', attrs: { type: 'button', 'aria-disabled': 'true' },
    on: { click: () => { if (parts.remove.getAttribute('aria-disabled') !== 'true') vote('vote.remove', topic.id); } },
  });
  parts.add = el('button', {
    className: 'button dot-button primary', text: '+', attrs: { type: 'button' },
    on: { click: () => vote('vote.add', topic.id) },
  });
  parts.voting = el('div', { className: 'voting' }, [parts.remove, parts.mine, parts.add]);
  parts.edit = el('button', {
    className: 'button small', text: t('edit'), attrs: { type: 'button' },
    on: { click: () => startEdit(topic.id) },
  });
  parts.del = el('button', {
    className: 'button small danger', text: t('delete'), attrs: { type: 'button' },
    on: { click: () => removeTopic(topic.id) },
  });
  parts.own = el('div', { className: 'own-actions' }, [parts.edit, parts.del]);
  parts.error = el('p', { className: 'error', attrs: { role: 'alert' } });
  parts.error.hidden = true;
  parts.pending = el('p', { className: 'pending' });
  parts.pending.hidden = true;
  parts.view = el('div', { className: 'topic-view' }, [parts.badge, parts.title, parts.description]);
  const li = el('li', { className: 'topic card', attrs: { 'data-topic-id': topic.id } }, [
    parts.view, parts.voting, parts.own, parts.pending, parts.error,
  ]);
  return { li, parts, editing: false };
}

function updateTopic(item, topic, state) {
  const { parts } = item;
  const mine = (me.topic_ids || []).includes(topic.id);
  parts.title.textContent = topic.title;
  parts.description.textContent = topic.description;
  parts.description.hidden = !topic.description;
  parts.badge.hidden = !mine;
  parts.own.hidden = !mine || !isOpen(state) || item.editing;
  const open = roundOpen(state);
  parts.voting.hidden = !open;
  const myDots = (me.votes || {})[String(topic.id)] || 0;
  parts.mine.textContent = t('your_dots', { n: myDots });
  parts.add.setAttribute('aria-label', t('add_dot', { title: topic.title }));
  parts.remove.setAttribute('aria-label', t('remove_dot', { title: topic.title }));
  parts.remove.setAttribute('aria-disabled', String(myDots === 0));
  item.li.classList.toggle('has-my-dots', myDots > 0);
}

async function vote(name, topicId) {
  const item = items.get(topicId);
  showError(item.parts.error, '');
  const ack = await showPending(
    room.send(name, { topic_id: topicId }), item.parts.pending, t('pending'), !room.connected,
  );
  if (!ack.ok) {
    showError(item.parts.error, ack.error.message);
    return;
  }
  // A replayed command's answer carries no numbers; the `me` that comes with it has them.
  if (ack.replayed) return;
  me = { ...me, dots_left: ack.dots_left, votes: { ...me.votes, [String(topicId)]: ack.mine } };
  render(room.store.state, []);
  announce(`${t(name === 'vote.add' ? 'vote_cast' : 'vote_retracted')} ${t('dots_left', { n: ack.dots_left })}`);
}

function startEdit(topicId) {
  const item = items.get(topicId);
  const topic = room.store.state.topics[String(topicId)];
  if (!item || !topic || item.editing) return;
  item.editing = true;
  const titleId = `edit-title-${topicId}`;
  const descriptionId = `edit-description-${topicId}`;
  const title = el('input', { attrs: { id: titleId, maxlength: config.limits.title, required: true } });
  title.value = topic.title;
  const description = el('textarea', { attrs: { id: descriptionId, rows: 3, maxlength: config.limits.description } });
  description.value = topic.description;
  const form = el('form', { className: 'stack edit-form', attrs: { novalidate: true } }, [
    el('label', { text: t('edit'), attrs: { for: titleId } }), title,
    el('label', { text: t('description'), attrs: { for: descriptionId } }), description,
    el('div', { className: 'row' }, [
      el('button', { className: 'button primary', text: t('save'), attrs: { type: 'submit' } }),
      el('button', {
        className: 'button', text: t('cancel'), attrs: { type: 'button' },
        on: { click: () => stopEdit(item, form) },
      }),
    ]),
  ]);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const ack = await showPending(
      room.send('topic.edit', { topic_id: topicId, title: title.value, description: description.value }),
      item.parts.pending, t('pending'), !room.connected,
    );
    if (!ack.ok) {
      showError(item.parts.error, ack.error.message);
      return;
    }
    showError(item.parts.error, '');
    stopEdit(item, form);
  });
  item.parts.view.hidden = true;
  item.parts.own.hidden = true;
  item.li.insertBefore(form, item.parts.voting);
  title.focus();
}

function stopEdit(item, form) {
  item.editing = false;
  form.remove();
  item.parts.view.hidden = false;
  render(room.store.state, []);
  item.parts.edit.focus();
}

async function removeTopic(topicId) {
  if (!window.confirm(t('confirm_delete'))) return;
  const item = items.get(topicId);
  const answer = room.send('topic.delete', { topic_id: topicId });
  const ack = await (item ? showPending(answer, item.parts.pending, t('pending'), !room.connected) : answer);
  if (!ack.ok && item) showError(item.parts.error, ack.error.message);
}

function renderResults(state) {
  const closed = Boolean(state.round && state.round.status === 'closed');
  $('results-panel').hidden = !closed;
  if (closed) {
    const latest = roundItems(state, state.rounds.find((r) => r.id === state.round.id));
    renderResult($('results'), latest.results || [], latest.items, t);
  }
  // Every earlier round keeps its result.
  const past = state.rounds.filter((r) => r.results && (!closed || r.id !== state.round.id));
  $('past-rounds').hidden = past.length === 0;
  const list = $('past-round-list');
  clear(list);
  for (const round of past.slice().reverse()) {
    const ranking = el('ol', { className: 'results' });
    const shown = roundItems(state, round);
    renderResult(ranking, shown.results, shown.items, t);
    list.append(el('li', {}, [
      el('details', {}, [
        el('summary', { text: round.purpose ? `${t('round_n', { n: round.number })}: ${round.purpose}` : t('round_n', { n: round.number }) }),
        ranking,
      ]),
    ]));
  }
}

function announceEvents(events) {
  for (const event of events) {
    if (event.type === 'topic.posted' || event.type === 'topic.approved') newTopics(event.payload.topic.id);
    else if (event.type === 'round.opened') announce(t('round_opened', { budget: event.payload.round.budget }));
    else if (event.type === 'round.closed') announce(t('round_closed'));
    else if (event.type === 'workshop.closed') announce(t('workshop_closed'));
  }
}

// --- posting --------------------------------------------------------------------------------

$('post-toggle').addEventListener('click', () => {
  view.folded = !view.folded;
  render(room.store.state, []);
  if (!view.folded) $('post-title').focus();
});

$('mine-only').addEventListener('click', () => {
  view.mineOnly = !view.mineOnly;
  render(room.store.state, []);
});

const postForm = $('post-form');
attachCounter($('post-title'), $('post-title-count'), t);
attachCounter($('post-description'), $('post-description-count'), t);
postForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const title = $('post-title');
  const description = $('post-description');
  showError($('post-error'), '');
  if (!title.value.trim()) {
    showError($('post-error'), t('write_first'));
    title.focus();
    return;
  }
  const submit = postForm.querySelector('button[type="submit"]');
  submit.disabled = true; // one tap, one topic, even while the answer is on its way
  const sent = { title: title.value, description: description.value };
  const ack = await showPending(room.send('topic.post', sent), $('post-pending'), t('pending'), !room.connected);
  submit.disabled = false;
  // Disabling the button dropped a keyboard user's focus; bring it back where the next topic
  // is typed.
  if (document.activeElement === document.body) title.focus();
  if (!ack.ok) {
    showError($('post-error'), ack.error.message);
    return;
  }
  if (ack.topic) me = { ...me, topic_ids: [...(me.topic_ids || []), ack.topic.id] };
  // Clear only what was sent: a quick typist may already be writing the next topic.
  for (const [field, text] of [[title, sent.title], [description, sent.description]]) {
    if (field.value === text) {
      field.value = '';
      field.dispatchEvent(new Event('input'));
    }
  }
  render(room.store.state, []);
  announce(t('topic_saved'));
});

// --- profile (optional): nickname and group ------------------------------------------------

const profileForm = $('profile-form');
let profileFilled = false;

function fillProfile() {
  // Fill once: later `me` updates must not overwrite what the participant is typing.
  if (profileFilled || !profileForm) return;
  profileFilled = true;
  // A consultation may not ask for a nickname or an organisation: those fields are absent.
  if (profileForm.elements.nickname) profileForm.elements.nickname.value = me.nickname || '';
  for (const radio of profileForm.querySelectorAll('input[name="group"]')) {
    radio.checked = radio.value === (me.group || '');
  }
  if (profileForm.elements.organisation) profileForm.elements.organisation.value = me.organisation || '';
  $('profile-panel').hidden = false;
}

if (profileForm) {
  profileForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError($('profile-error'), '');
    const checked = profileForm.querySelector('input[name="group"]:checked');
    const ack = await showPending(room.send('profile.update', {
      nickname: profileForm.elements.nickname ? profileForm.elements.nickname.value : '',
      group: checked ? checked.value : '',
      organisation: profileForm.elements.organisation ? profileForm.elements.organisation.value : '',
    }), $('profile-pending'), t('pending'), !room.connected);
    if (!ack.ok) {
      showError($('profile-error'), ack.error.message);
      return;
    }
    announce(t('saved'));
  });
}

mountPhases(room, t, { screen: 'phone' });
room.connect();
