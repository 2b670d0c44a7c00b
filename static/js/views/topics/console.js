// Topics on the facilitator's console: the list to moderate (review, hide, merge and its undo,
// delete), search and order, and a topic posted by the facilitator.

import {
  clear, el, sendShowingError, showError, syncTopicList, topicAnnouncer,
} from '../../common.js';
import { visible } from '../../state/topics.js';

const $ = (id) => document.getElementById(id);

const ORDERS = {
  // Waiting for review first: they are what the coordinator has to act on.
  waiting: (a, b) => (b.pending - a.pending) || (b.id - a.id),
  newest: (a, b) => b.id - a.id,
  dots: (a, b, tally) => ((tally[String(b.id)] || 0) - (tally[String(a.id)] || 0)) || (b.id - a.id),
};

export function mountTopicsConsole(room, t, { config }) {
  const ownPosts = new Set();
  const view = {
    room, t, config, items: new Map(), ownPosts,
    // "3 new topics" a moment later, and not while the coordinator types (the console posts too).
    newTopics: topicAnnouncer(t, (id) => ownPosts.has(id)),
    // The shown topics a card can be merged into, and a key that changes when they do.
    merge: { targets: [], key: '' },
    command: (name, payload, errorNode) => sendShowingError(room, name, payload, errorNode),
  };
  room.store.subscribe((state, events) => render(view, state, events));
  wireTopicTools(view);
}

function render(view, state, events) {
  if (!state) return;
  renderTopics(view, state);
  for (const event of events) {
    if (event.type === 'topic.posted') view.newTopics(event.payload.topic.id);
  }
}

function matches(topic, query) {
  if (!query) return true;
  const text = [topic.title, topic.description, ...(topic.also || [])].join('\n');
  return text.toLocaleLowerCase().includes(query);
}

function renderTopics(view, state) {
  const { t, items, merge } = view;
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
  list.lang = state.workshop.language || view.config.lang;
  syncTopicList(list, items, topics, (topic) => buildTopic(view, topic.id), (item, topic) => updateTopic(view, item, topic, state));
  placeInOrder(view, list, topics);
  filterBySearch(view, topics);
}

// Search: what the coordinator typed, in the title, the description or a merged duplicate.
function filterBySearch(view, topics) {
  const query = $('topic-search').value.trim().toLocaleLowerCase();
  let shown = 0;
  for (const topic of topics) {
    const item = view.items.get(topic.id);
    item.li.hidden = !matches(topic, query) && !item.li.contains(document.activeElement);
    if (!item.li.hidden) shown += 1;
  }
  $('topic-filter-count').hidden = !query;
  $('topic-filter-count').textContent = view.t('filter_count', { n: shown, total: topics.length });
  $('no-match').hidden = !(query && shown === 0 && topics.length);
}

// Put the cards in the chosen order, but not while the coordinator is working in the list
// (the focus or the pointer in it): a card must not move away under a click. New cards are
// already in place; the rest follow when the focus or the pointer leaves.
function placeInOrder(view, list, topics) {
  if (list.contains(document.activeElement) || list.matches(':hover')) return;
  let previous = null;
  for (const topic of topics) {
    const { li } = view.items.get(topic.id);
    const wanted = previous ? previous.nextSibling : list.firstChild;
    if (li !== wanted) list.insertBefore(li, wanted);
    previous = li;
  }
}

function buildTopic(view, topicId) {
  const { t } = view;
  const parts = {};
  parts.title = el('h3', { className: 'topic-title' });
  parts.hidden = el('span', { className: 'badge muted-badge', text: t('hidden') });
  parts.waiting = el('span', { className: 'badge waiting-badge', text: t('waiting') });
  parts.description = el('p', { className: 'topic-description' });
  parts.also = el('p', { className: 'topic-also hint' });
  parts.approve = el('button', { className: 'button small primary', text: t('approve'), attrs: { type: 'button' }, on: { click: () => approve(view, topicId) } });
  parts.total = el('p', { className: 'topic-total' });
  parts.error = el('p', { className: 'error', attrs: { role: 'alert' } });
  parts.error.hidden = true;
  parts.actions = buildActions(view, topicId, parts);
  const item = { li: null, parts, optionsKey: null };
  // The merge choices (every shown topic) are built when the actions open, not for every card.
  parts.actions.addEventListener('toggle', () => { if (parts.actions.open) fillMergeOptions(view, item, topicId); });
  item.li = el('li', { className: 'topic card', attrs: { 'data-topic-id': topicId } }, [
    el('div', { className: 'topic-view' }, [parts.waiting, parts.hidden, parts.title, parts.description, parts.also, parts.total]),
    el('div', { className: 'actions' }, [parts.approve, parts.actions]),
    parts.error,
  ]);
  return item;
}

// Hide, merge and delete behind one "Actions" per card: 40 topics are 40 controls to tab
// through, not 200. Its name says which topic (the title is read after "Actions").
function buildActions(view, topicId, parts) {
  const { t } = view;
  parts.hide = el('button', { className: 'button small', attrs: { type: 'button' }, on: { click: () => toggleHidden(view, topicId) } });
  const selectId = `merge-${topicId}`;
  parts.select = el('select', { attrs: { id: selectId } });
  parts.merge = el('button', { className: 'button small', text: t('merge'), attrs: { type: 'button' }, on: { click: () => mergeTopic(view, topicId) } });
  parts.del = el('button', { className: 'button small danger', text: t('delete'), attrs: { type: 'button' }, on: { click: () => remove(view, topicId) } });
  parts.mergeLabel = el('label', { className: 'visually-hidden', attrs: { for: selectId } });
  parts.summaryTopic = el('span', { className: 'visually-hidden' });
  return el('details', { className: 'topic-actions' }, [
    el('summary', {}, [el('span', { text: t('actions') }), ' ', parts.summaryTopic]),
    el('div', { className: 'actions' }, [parts.hide, parts.mergeLabel, parts.select, parts.merge, parts.del]),
  ]);
}

function updateTopic(view, item, topic, state) {
  const { t } = view;
  const { parts } = item;
  parts.title.textContent = topic.title;
  parts.description.textContent = topic.description;
  parts.description.hidden = !topic.description;
  parts.hidden.hidden = !topic.hidden;
  parts.waiting.hidden = !topic.pending || topic.hidden;
  parts.approve.hidden = parts.waiting.hidden;
  parts.approve.setAttribute('aria-label', `${t('approve')}: ${topic.title}`);
  renderAlso(view, parts, topic);
  item.li.classList.toggle('is-hidden', topic.hidden);
  item.li.classList.toggle('is-waiting', Boolean(topic.pending && !topic.hidden));
  parts.total.textContent = state.round ? t('dots', { n: state.tally[String(topic.id)] || 0 }) : '';
  parts.summaryTopic.textContent = t('actions_for', { title: topic.title });
  parts.hide.textContent = topic.hidden ? t('show') : t('hide');
  parts.hide.setAttribute('aria-label', `${topic.hidden ? t('show') : t('hide')}: ${topic.title}`);
  parts.del.setAttribute('aria-label', `${t('delete')}: ${topic.title}`);
  parts.merge.setAttribute('aria-label', `${t('merge')} ${topic.title}`);
  parts.mergeLabel.textContent = t('merge_pick', { title: topic.title });
  if (parts.actions.open) fillMergeOptions(view, item, topic.id);
}

// Every vote re-renders the list: the options are rebuilt only when the shown topics change,
// and the choice being made stays.
function fillMergeOptions(view, item, topicId) {
  const { merge, t } = view;
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

// The duplicates merged into a topic, each with an undo: a merge done in haste is not final.
function renderAlso(view, parts, topic) {
  const { t } = view;
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
      on: { click: () => view.command('topic.unmerge', { topic_id: ids[i] }, parts.error) },
    }));
  });
}

async function approve(view, topicId) {
  const { parts } = view.items.get(topicId);
  const ack = await view.command('topic.approve', { topic_id: topicId }, parts.error);
  // The button goes with the review: keep the keyboard on this card rather than the page's top.
  if (ack.ok && (document.activeElement === parts.approve || document.activeElement === document.body)) {
    parts.actions.querySelector('summary').focus();
  }
}

function toggleHidden(view, topicId) {
  const topic = view.room.store.state.topics[String(topicId)];
  view.command('topic.hide', { topic_id: topicId, hidden: !topic.hidden }, view.items.get(topicId).parts.error);
}

function mergeTopic(view, topicId) {
  const item = view.items.get(topicId);
  const target = Number(item.parts.select.value);
  if (!target) {
    showError(item.parts.error, view.t('merge_none'));
    return;
  }
  view.command('topic.merge', { source_id: topicId, target_id: target }, item.parts.error);
}

function remove(view, topicId) {
  if (!window.confirm(view.t('confirm_delete'))) return;
  view.command('topic.delete', { topic_id: topicId }, view.items.get(topicId).parts.error);
}

function wireTopicTools(view) {
  $('post-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const field = $('post-title');
    const ack = await view.command('topic.post', { title: field.value }, $('topic-error'));
    if (ack.ok) {
      if (ack.topic) view.ownPosts.add(ack.topic.id);
      field.value = '';
    }
  });
  const rerender = () => render(view, view.room.store.state, []);
  $('topic-search').addEventListener('input', rerender);
  $('topic-sort').addEventListener('change', rerender);
  // Cards held still under the pointer or the focus take their places once it leaves.
  $('topics').addEventListener('pointerleave', rerender);
  $('topics').addEventListener('focusout', () => setTimeout(() => {
    if (!$('topics').contains(document.activeElement)) rerender();
  }, 0));
}
