// The facilitator's console: voting rounds, moderation (hide, merge, delete), settings.

import {
  announce, clear, el, makeT, readConfig, renderRanking, renderResult, showError, syncTopicList,
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
  let status = t('no_round');
  if (round) {
    status = open
      ? t('round_open_status', { n: round.number, budget: round.budget, max: round.max_per_topic })
      : t('round_closed_status', { n: round.number });
    if (round.purpose) status += ` ${round.purpose}`;
    if (open) status += ` ${round.sealed ? t('console_sealed') : t('console_live')}`;
  }
  $('round-status').textContent = status;
  // Enough to know when to close: who has voted, and how many dots are still in people's hands.
  $('round-turnout').hidden = !open;
  if (open) {
    const left = Math.max(0, state.participants.total * round.budget - state.turnout.dots);
    $('round-turnout').textContent = t('console_turnout', {
      n: state.turnout.voters, total: state.participants.total, dots: state.turnout.dots, left,
    });
  }
  $('round-form').hidden = open || state.workshop.status !== 'open';
  $('round-keeps').hidden = !state.rounds.length;
  $('round-close').hidden = !open;
  $('round-reveal').hidden = !(open && round.sealed);
  renderWallChoice(state);
}

function renderWallChoice(state) {
  const select = $('wall-view');
  const key = `${state.workshop.wall_view}:${state.workshop.wall_round_id}:${state.rounds.map((r) => `${r.id}${r.status}`).join(',')}`;
  if (select.dataset.key === key) return;
  select.dataset.key = key;
  clear(select);
  const options = [['auto', t('wall_auto')], ['marketplace', t('wall_marketplace')], ['round', t('wall_round')]];
  for (const past of state.rounds.filter((r) => r.results)) {
    options.push([`results:${past.id}`, t('wall_results', { n: past.number })]);
  }
  for (const [value, label] of options) select.append(el('option', { text: label, attrs: { value } }));
  const chosen = state.workshop.wall_view === 'results' ? `results:${state.workshop.wall_round_id}` : state.workshop.wall_view;
  select.value = chosen;
}

function renderTopics(state) {
  // Waiting for review first: they are what the coordinator has to act on.
  const topics = Object.values(state.topics).sort((a, b) => (b.pending - a.pending) || (b.id - a.id));
  $('no-topics').hidden = topics.length > 0;
  $('topic-count').textContent = topics.length ? `(${topics.length})` : '';
  const waiting = topics.filter((topic) => topic.pending && !topic.hidden).length;
  $('review-status').hidden = !state.workshop.review_topics;
  $('review-status').textContent = t('review_on', { n: waiting });
  // Merge targets are shown topics only: a hidden or unreviewed one would swallow the words.
  const targets = topics.filter((topic) => !topic.hidden && !topic.pending);
  // One key for this render: every topic's merge options are built from the same list.
  const optionsKey = targets.map((other) => `${other.id}:${other.title}`).join('\n');
  syncTopicList($('topics'), items, topics, (topic) => buildTopic(topic.id),
    (item, topic) => updateTopic(item, topic, state, targets, optionsKey));
}

function buildTopic(topicId) {
  const parts = {};
  parts.title = el('h3', { className: 'topic-title' });
  parts.hidden = el('span', { className: 'badge muted-badge', text: t('hidden') });
  parts.waiting = el('span', { className: 'badge waiting-badge', text: t('waiting') });
  parts.description = el('p', { className: 'topic-description' });
  parts.also = el('p', { className: 'topic-also hint' });
  parts.approve = el('button', { className: 'button small primary', text: t('approve'), attrs: { type: 'button' }, on: { click: () => approve(topicId) } });
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
    el('div', { className: 'topic-view' }, [parts.waiting, parts.hidden, parts.title, parts.description, parts.also, parts.total]),
    el('div', { className: 'actions' }, [parts.approve, parts.hide, parts.mergeLabel, parts.select, parts.merge, parts.del]),
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
  parts.waiting.hidden = !topic.pending || topic.hidden;
  parts.approve.hidden = parts.waiting.hidden;
  parts.approve.setAttribute('aria-label', `${t('approve')}: ${topic.title}`);
  parts.also.textContent = topic.also && topic.also.length ? t('also', { titles: topic.also.join(' · ') }) : '';
  parts.also.hidden = !parts.also.textContent;
  item.li.classList.toggle('is-hidden', topic.hidden);
  item.li.classList.toggle('is-waiting', Boolean(topic.pending && !topic.hidden));
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

function approve(topicId) {
  command('topic.approve', { topic_id: topicId }, items.get(topicId).parts.error);
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
  } else {
    const shown = Object.values(state.topics).filter((topic) => !topic.hidden && !topic.pending);
    renderRanking(list, shown, state.tally, t);
  }
  const past = state.rounds.filter((r) => r.results && r.id !== (state.round && state.round.id));
  $('no-past-rounds').hidden = past.length > 0;
  const rounds = $('past-round-list');
  clear(rounds);
  for (const round of past.slice().reverse()) {
    const ranking = el('ol', { className: 'results' });
    renderResult(ranking, round.results, state.topics, t);
    const label = round.purpose ? `${t('round_n', { n: round.number })}: ${round.purpose}` : t('round_n', { n: round.number });
    rounds.append(el('li', {}, [el('details', {}, [el('summary', { text: label }), ranking])]));
  }
}

$('round-form').addEventListener('submit', (event) => {
  event.preventDefault();
  command('round.open', {
    budget: Number($('round-budget').value),
    max_per_topic: Number($('round-cap').value),
    purpose: $('round-purpose').value,
    sealed: !$('round-live').checked,
  }, $('round-error'));
});
$('round-close').addEventListener('click', () => command('round.close', {}, $('round-error')));
$('round-reveal').addEventListener('click', () => command('round.reveal', {}, $('round-error')));
$('wall-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const [view, roundId] = $('wall-view').value.split(':');
  const payload = roundId ? { view, round_id: Number(roundId) } : { view };
  command('wall.show', payload, $('wall-error'));
});
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
    review_topics: form.elements.review_topics.checked,
  }, $('settings-error'));
  if (ack.ok) announce(t('saved'));
});

room.connect();
