// The facilitator's console: voting rounds, moderation (hide, merge, delete), settings.

import {
  announce, clear, el, makeT, readConfig, renderRanking, showError, syncTopicList,
} from './common.js';
import { Room } from './socket.js';
import { connectionBanner } from './status.js';

const { config } = readConfig();
const t = makeT(config.strings);
const $ = (id) => document.getElementById(id);
const banner = connectionBanner($('connection'), t);
const items = new Map();

const room = new Room({
  config,
  t,
  auth: { view: 'console', workshop_id: config.workshop_id, lang: config.lang },
  includeHidden: true,
  onStatus: (status) => banner(status, room.pending),
  onMessage: (name) => {
    if (name === 'session.ended' || name === 'refused' || name === 'disconnected') {
      window.location.assign('/login');
    }
    if (name === 'server.restarting') banner('restarting', room.pending);
  },
});
room.store.subscribe(render);

function render(state, events) {
  if (!state) return;
  $('workshop-title').textContent = state.workshop.title;
  $('workshop-status').textContent = state.workshop.status === 'open' ? '' : t('workshop_closed');
  $('toggle-open').textContent = state.workshop.status === 'open' ? t('close_workshop') : t('open_workshop');
  renderParticipants(state);
  renderRound(state);
  renderTopics(state);
  renderResults(state);
  for (const event of events) {
    if (event.type === 'topic.posted') announce(t('topic_posted', { title: event.payload.topic.title }));
  }
}

function renderParticipants(state) {
  $('participant-total').textContent = String(state.participants.total);
  const list = $('participant-groups');
  clear(list);
  for (const [group, n] of Object.entries(state.participants.counts)) {
    list.append(el('li', { text: `${t(`group_${group}`)}: ${n}` }));
  }
}

function renderRound(state) {
  const round = state.round;
  const open = Boolean(round && round.status === 'open');
  $('round-status').textContent = !round
    ? t('no_round')
    : open
      ? t('round_open_status', { n: round.number, budget: round.budget, max: round.max_per_topic })
      : t('round_closed_status', { n: round.number });
  $('round-form').hidden = open || state.workshop.status !== 'open';
  $('round-close').hidden = !open;
}

function renderTopics(state) {
  const topics = Object.values(state.topics).sort((a, b) => b.id - a.id);
  $('no-topics').hidden = topics.length > 0;
  $('topic-count').textContent = topics.length ? `(${topics.length})` : '';
  // One key for this render: every topic's merge options are built from the same list.
  const optionsKey = topics.map((other) => `${other.id}:${other.title}`).join('\n');
  syncTopicList($('topics'), items, topics, (topic) => buildTopic(topic.id),
    (item, topic) => updateTopic(item, topic, state, topics, optionsKey));
}

function buildTopic(topicId) {
  const parts = {};
  parts.title = el('h3', { className: 'topic-title' });
  parts.hidden = el('span', { className: 'badge muted-badge', text: t('hidden') });
  parts.description = el('p', { className: 'topic-description' });
  parts.total = el('p', { className: 'topic-total' });
  parts.hide = el('button', { className: 'button small', attrs: { type: 'button' }, on: { click: () => toggleHidden(topicId) } });
  const selectId = `merge-${topicId}`;
  parts.select = el('select', { attrs: { id: selectId } });
  parts.merge = el('button', { className: 'button small', text: t('merge'), attrs: { type: 'button' }, on: { click: () => merge(topicId) } });
  parts.del = el('button', { className: 'button small danger', text: t('delete'), attrs: { type: 'button' }, on: { click: () => remove(topicId) } });
  parts.mergeLabel = el('label', { className: 'visually-hidden', attrs: { for: selectId } });
  parts.error = el('p', { className: 'error', attrs: { role: 'alert' } });
  parts.error.hidden = true;
  const li = el('li', { className: 'topic card', attrs: { 'data-topic-id': topicId } }, [
    el('div', { className: 'topic-view' }, [parts.hidden, parts.title, parts.description, parts.total]),
    el('div', { className: 'actions' }, [parts.hide, parts.mergeLabel, parts.select, parts.merge, parts.del]),
    parts.error,
  ]);
  return { li, parts };
}

function updateTopic(item, topic, state, topics, optionsKey) {
  const { parts } = item;
  parts.title.textContent = topic.title;
  parts.description.textContent = topic.description;
  parts.description.hidden = !topic.description;
  parts.hidden.hidden = !topic.hidden;
  item.li.classList.toggle('is-hidden', topic.hidden);
  parts.total.textContent = state.round ? t('dots', { n: state.tally[String(topic.id)] || 0 }) : '';
  parts.hide.textContent = topic.hidden ? t('show') : t('hide');
  parts.hide.setAttribute('aria-label', `${topic.hidden ? t('show') : t('hide')}: ${topic.title}`);
  parts.del.setAttribute('aria-label', `${t('delete')}: ${topic.title}`);
  parts.merge.setAttribute('aria-label', `${t('merge')} ${topic.title}`);
  parts.mergeLabel.textContent = t('merge_pick', { title: topic.title });
  // Every vote re-renders the list; rebuilding 150 selects of 150 options each time would make
  // the console crawl during a round, so the options are rebuilt only when the topics change.
  if (item.optionsKey === optionsKey) return;
  item.optionsKey = optionsKey;
  const selected = parts.select.value;
  clear(parts.select);
  parts.select.append(el('option', { text: t('merge_none'), attrs: { value: '' } }));
  for (const other of topics) {
    if (other.id !== topic.id) parts.select.append(el('option', { text: other.title, attrs: { value: other.id } }));
  }
  parts.select.value = selected;
}

async function command(name, payload, errorNode) {
  showError(errorNode, '');
  const ack = await room.send(name, payload);
  if (!ack.ok) showError(errorNode, ack.error.message);
  return ack;
}

function toggleHidden(topicId) {
  const topic = room.store.state.topics[String(topicId)];
  command('topic.hide', { topic_id: topicId, hidden: !topic.hidden }, items.get(topicId).parts.error);
}

function merge(topicId) {
  const item = items.get(topicId);
  const target = Number(item.parts.select.value);
  if (!target) {
    showError(item.parts.error, t('merge_none'));
    return;
  }
  command('topic.merge', { source_id: topicId, target_id: target }, item.parts.error);
}

function remove(topicId) {
  if (!window.confirm(t('confirm_delete'))) return;
  command('topic.delete', { topic_id: topicId }, items.get(topicId).parts.error);
}

function renderResults(state) {
  const list = $('results');
  if (!state.round) {
    clear(list);
    return;
  }
  renderRanking(list, Object.values(state.topics).filter((topic) => !topic.hidden), state.tally, t);
}

$('round-form').addEventListener('submit', (event) => {
  event.preventDefault();
  command('round.open', {
    budget: Number($('round-budget').value),
    max_per_topic: Number($('round-cap').value),
  }, $('round-error'));
});
$('round-close').addEventListener('click', () => command('round.close', {}, $('round-error')));
$('toggle-open').addEventListener('click', () => {
  const open = room.store.state && room.store.state.workshop.status === 'open';
  command(open ? 'workshop.close' : 'workshop.reopen', {}, $('settings-error'));
});
$('post-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const field = $('post-title');
  const ack = await command('topic.post', { title: field.value }, $('topic-error'));
  if (ack.ok) field.value = '';
});
$('settings-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const ack = await command('workshop.update', {
    title: form.elements.title.value,
    theme: form.elements.theme.value,
    language: form.elements.language.value,
    dot_budget: Number(form.elements.dot_budget.value),
    max_per_topic: Number(form.elements.max_per_topic.value),
  }, $('settings-error'));
  if (ack.ok) announce(t('saved'));
});

room.connect();
