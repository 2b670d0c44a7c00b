// The facilitator's console: voting rounds, moderation (hide, merge, delete), settings; the
// parts of the day are shown one at a time (console_rail.js).

import {
  announce, clear, el, makeT, readConfig, renderRanking, renderResult, showError, syncTopicList,
  topicAnnouncer,
} from './common.js';
import { mountPhases, roundItems } from './phases_ui.js';
import { mountDeliver } from './deliver_ui.js';
import { mountAgendaConsole } from './agenda_console.js';
import { mountAgendaSetup } from './agenda_setup.js';
import { mountNotesForm } from './notes_ui.js';
import { mountRail, renderPresence } from './console_rail.js';
import { mountOpeningConsole } from './opening_ui.js';
import { mountClosingConsole } from './closing_ui.js';
import { mountReviewConsole } from './review_ui.js';
import { mountHistory } from './views/history.js';
import { Room } from './socket.js';
import { visible } from './state/topics.js';
import { connectionBanner } from './status.js';

const { config } = readConfig();
const t = makeT(config.strings);
const $ = (id) => document.getElementById(id);
const banner = connectionBanner($('connection'), t);
const items = new Map();
let leaving = false;
// "3 new topics" a moment later, and not while the coordinator types (the console posts too).
const newTopics = topicAnnouncer(t, (id) => ownPosts.has(id));
const ownPosts = new Set();
// The rail (console_rail.js): tells the team which part this console shows once connected.
let rail = null;
// The team's short history (views/history.js): asked again after every (re)connection.
let teamHistory = null;
// The shown topics a card can be merged into, and a key that changes when they do.
const merge = { targets: [], key: '' };

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
room.store.subscribe(render);
teamHistory = mountHistory(room, t, config.lang);
mountDeliver(room);
mountAgendaConsole(room, t);
mountAgendaSetup(room, t);
mountNotesForm(room, t);
mountOpeningConsole(room, t);
mountClosingConsole(room, t);
mountReviewConsole(room, t, config.workshop_id);

function render(state, events) {
  if (!state) return;
  $('workshop-title').textContent = state.workshop.title;
  $('workshop-status').textContent = state.workshop.status === 'open' ? '' : t('workshop_closed');
  $('toggle-open').textContent = state.workshop.status === 'open' ? t('close_workshop') : t('open_workshop');
  renderParticipants(state);
  renderBoardFigures(state);
  renderRound(state);
  renderTopics(state);
  renderResults(state);
  for (const event of events) {
    if (event.type === 'topic.posted') newTopics(event.payload.topic.id);
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

// The board works on a page of its own; its part here says how far it has come.
function renderBoardFigures(state) {
  const board = state.board || { cards: {}, links: {}, met: { answers: 0 } };
  $('console-board-figures').textContent = t('console_board_figures', {
    cards: Object.keys(board.cards).length,
    links: Object.keys(board.links).length,
    answers: board.met ? board.met.answers : 0,
  });
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
  options.push(['board', t('wall_board')], ['opening', t('wall_opening')]);
  for (const past of state.rounds.filter((r) => r.results)) {
    options.push([`results:${past.id}`, t('wall_results', { n: past.number })]);
  }
  for (const [value, label] of options) select.append(el('option', { text: label, attrs: { value } }));
  const chosen = state.workshop.wall_view === 'results' ? `results:${state.workshop.wall_round_id}` : state.workshop.wall_view;
  select.value = chosen;
}

const ORDERS = {
  // Waiting for review first: they are what the coordinator has to act on.
  waiting: (a, b) => (b.pending - a.pending) || (b.id - a.id),
  newest: (a, b) => b.id - a.id,
  dots: (a, b, tally) => ((tally[String(b.id)] || 0) - (tally[String(a.id)] || 0)) || (b.id - a.id),
};

function matches(topic, query) {
  if (!query) return true;
  const text = [topic.title, topic.description, ...(topic.also || [])].join('\n');
  return text.toLocaleLowerCase().includes(query);
}

function renderTopics(state) {
  const order = ORDERS[$('topic-sort').value] || ORDERS.waiting;
  const topics = Object.values(state.topics).sort((a, b) => order(a, b, state.tally));
  $('no-topics').hidden = topics.length > 0;
  $('topic-count').textContent = topics.length ? `(${topics.length})` : '';
  const waiting = topics.filter((topic) => topic.pending && !topic.hidden).length
    + Object.keys(state.held || {}).length;
  $('review-status').hidden = !state.workshop.review_topics;
  $('review-status').textContent = t('review_on', { n: waiting });
  // Merge targets are shown topics only: a hidden or unreviewed one would swallow the words.
  merge.targets = topics.filter(visible).sort((a, b) => b.id - a.id);
  merge.key = merge.targets.map((other) => `${other.id}:${other.title}`).join('\n');
  const list = $('topics');
  list.lang = state.workshop.language || config.lang;
  syncTopicList(list, items, topics, (topic) => buildTopic(topic.id), (item, topic) => updateTopic(item, topic, state));
  placeInOrder(list, topics);
  // Search: what the coordinator typed, in the title, the description or a merged duplicate.
  const query = $('topic-search').value.trim().toLocaleLowerCase();
  let shown = 0;
  for (const topic of topics) {
    const item = items.get(topic.id);
    item.li.hidden = !matches(topic, query) && !item.li.contains(document.activeElement);
    if (!item.li.hidden) shown += 1;
  }
  $('topic-filter-count').hidden = !query;
  $('topic-filter-count').textContent = t('filter_count', { n: shown, total: topics.length });
  $('no-match').hidden = !(query && shown === 0 && topics.length);
}

// Put the cards in the chosen order, but not while the coordinator is working in the list
// (the focus or the pointer in it): a card must not move away under a click. New cards are
// already in place; the rest follow when the focus or the pointer leaves.
function placeInOrder(list, topics) {
  if (list.contains(document.activeElement) || list.matches(':hover')) return;
  let previous = null;
  for (const topic of topics) {
    const { li } = items.get(topic.id);
    const wanted = previous ? previous.nextSibling : list.firstChild;
    if (li !== wanted) list.insertBefore(li, wanted);
    previous = li;
  }
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
  parts.merge = el('button', { className: 'button small', text: t('merge'), attrs: { type: 'button' }, on: { click: () => mergeTopic(topicId) } });
  parts.del = el('button', { className: 'button small danger', text: t('delete'), attrs: { type: 'button' }, on: { click: () => remove(topicId) } });
  parts.mergeLabel = el('label', { className: 'visually-hidden', attrs: { for: selectId } });
  parts.error = el('p', { className: 'error', attrs: { role: 'alert' } });
  parts.error.hidden = true;
  // Hide, merge and delete behind one "Actions" per card: 40 topics are 40 controls to tab
  // through, not 200. Its name says which topic (the title is read after "Actions").
  parts.summaryTopic = el('span', { className: 'visually-hidden' });
  parts.actions = el('details', { className: 'topic-actions' }, [
    el('summary', {}, [el('span', { text: t('actions') }), ' ', parts.summaryTopic]),
    el('div', { className: 'actions' }, [parts.hide, parts.mergeLabel, parts.select, parts.merge, parts.del]),
  ]);
  const item = { li: null, parts, optionsKey: null };
  // The merge choices (every shown topic) are built when the actions open, not for every card.
  parts.actions.addEventListener('toggle', () => { if (parts.actions.open) fillMergeOptions(item, topicId); });
  item.li = el('li', { className: 'topic card', attrs: { 'data-topic-id': topicId } }, [
    el('div', { className: 'topic-view' }, [parts.waiting, parts.hidden, parts.title, parts.description, parts.also, parts.total]),
    el('div', { className: 'actions' }, [parts.approve, parts.actions]),
    parts.error,
  ]);
  return item;
}

function updateTopic(item, topic, state) {
  const { parts } = item;
  parts.title.textContent = topic.title;
  parts.description.textContent = topic.description;
  parts.description.hidden = !topic.description;
  parts.hidden.hidden = !topic.hidden;
  parts.waiting.hidden = !topic.pending || topic.hidden;
  parts.approve.hidden = parts.waiting.hidden;
  parts.approve.setAttribute('aria-label', `${t('approve')}: ${topic.title}`);
  renderAlso(parts, topic);
  item.li.classList.toggle('is-hidden', topic.hidden);
  item.li.classList.toggle('is-waiting', Boolean(topic.pending && !topic.hidden));
  parts.total.textContent = state.round ? t('dots', { n: state.tally[String(topic.id)] || 0 }) : '';
  parts.summaryTopic.textContent = t('actions_for', { title: topic.title });
  parts.hide.textContent = topic.hidden ? t('show') : t('hide');
  parts.hide.setAttribute('aria-label', `${topic.hidden ? t('show') : t('hide')}: ${topic.title}`);
  parts.del.setAttribute('aria-label', `${t('delete')}: ${topic.title}`);
  parts.merge.setAttribute('aria-label', `${t('merge')} ${topic.title}`);
  parts.mergeLabel.textContent = t('merge_pick', { title: topic.title });
  if (parts.actions.open) fillMergeOptions(item, topic.id);
}

// Every vote re-renders the list: the options are rebuilt only when the shown topics change,
// and the choice being made stays.
function fillMergeOptions(item, topicId) {
  const { parts } = item;
  if (item.optionsKey === merge.key) return;
  item.optionsKey = merge.key;
  const selected = parts.select.value;
  clear(parts.select);
  parts.select.append(el('option', { text: t('merge_none'), attrs: { value: '' } }));
  for (const other of merge.targets) {
    if (other.id !== topicId) parts.select.append(el('option', { text: other.title, attrs: { value: other.id } }));
  }
  parts.select.value = selected;
}

async function command(name, payload, errorNode) {
  showError(errorNode, '');
  const ack = await room.send(name, payload);
  if (!ack.ok) showError(errorNode, ack.error.message);
  return ack;
}

// The duplicates merged into a topic, each with an undo: a merge done in haste is not final.
function renderAlso(parts, topic) {
  const also = topic.also || [];
  const ids = topic.also_ids || [];
  const key = also.map((title, i) => `${ids[i]}:${title}`).join('\n');
  parts.also.hidden = also.length === 0;
  if (parts.also.dataset.key === key) return;
  parts.also.dataset.key = key;
  clear(parts.also);
  if (!also.length) return;
  parts.also.append(t('also', { titles: also.join(' · ') }));
  also.forEach((title, i) => {
    if (!ids[i]) return;
    parts.also.append(' ', el('button', {
      className: 'button small',
      text: t('unmerge'),
      attrs: { type: 'button', 'aria-label': `${t('unmerge')}: ${title}` },
      on: { click: () => command('topic.unmerge', { topic_id: ids[i] }, parts.error) },
    }));
  });
}

async function approve(topicId) {
  const { parts } = items.get(topicId);
  const ack = await command('topic.approve', { topic_id: topicId }, parts.error);
  // The button goes with the review: keep the keyboard on this card rather than the page's top.
  if (ack.ok && (document.activeElement === parts.approve || document.activeElement === document.body)) {
    parts.actions.querySelector('summary').focus();
  }
}

function toggleHidden(topicId) {
  const topic = room.store.state.topics[String(topicId)];
  command('topic.hide', { topic_id: topicId, hidden: !topic.hidden }, items.get(topicId).parts.error);
}

function mergeTopic(topicId) {
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
    const { items, tally } = roundItems(state, state.round);
    const shown = state.round.scope === 'themes' ? Object.values(items) : Object.values(state.topics).filter(visible);
    renderRanking(list, shown, tally, t);
  }
  const past = state.rounds.filter((r) => r.results && r.id !== (state.round && state.round.id));
  $('no-past-rounds').hidden = past.length > 0;
  const rounds = $('past-round-list');
  clear(rounds);
  for (const round of past.slice().reverse()) {
    const ranking = el('ol', { className: 'results', attrs: { lang: state.workshop.language || config.lang } });
    const shown = roundItems(state, round);
    renderResult(ranking, shown.results, shown.items, t);
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
    scope: $('round-scope').value,
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
  command(open ? 'workshop.close' : 'workshop.reopen', {}, $('toggle-error'));
});
$('post-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const field = $('post-title');
  const ack = await command('topic.post', { title: field.value }, $('topic-error'));
  if (ack.ok) {
    if (ack.topic) ownPosts.add(ack.topic.id);
    field.value = '';
  }
});
const rerender = () => render(room.store.state, []);
$('topic-search').addEventListener('input', rerender);
$('topic-sort').addEventListener('change', rerender);
// Cards held still under the pointer or the focus take their places once it leaves.
$('topics').addEventListener('pointerleave', rerender);
$('topics').addEventListener('focusout', () => setTimeout(() => {
  if (!$('topics').contains(document.activeElement)) rerender();
}, 0));
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

mountPhases(room, t, { screen: 'console' });
rail = mountRail(room, t);
room.connect();
