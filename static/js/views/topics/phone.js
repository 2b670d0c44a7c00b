// Topics on a participant's phone: post one, edit or delete one's own, and the list with a dot
// button pair on each card while a round is open. What is this person's (their topics, their
// dots) is read from the store's `me` (state/me.js).

import {
  announce, attachCounter, el, showError, showPending, syncTopicList, topicAnnouncer,
} from '../../common.js';
import { afterPost, afterTopicDot, dotsOnTopic, ownsTopic } from '../../state/me.js';

const $ = (id) => document.getElementById(id);

export function isOpen(state) {
  return state.workshop.status === 'open';
}

export function roundOpen(state) {
  return Boolean(state.round && state.round.status === 'open' && isOpen(state));
}

// `filter` is shared with the voting view, whose "Only my dots" button sets `mineOnly`.
export function mountTopicsPhone(room, t, { config, filter }) {
  const view = {
    room, t, config, filter, items: new Map(), folded: false, wasOpen: false,
    // "3 new topics", not one announcement per post, and never while the person is typing.
    newTopics: topicAnnouncer(t, (id) => ownsTopic(room.store.me, id)),
  };
  // The list again after a change of this view's own (the form folded, an edit ended).
  view.redraw = () => render(view, room.store.state, []);
  room.store.subscribe((state, events) => render(view, state, events));
  wirePosting(view);
  return view;
}

function render(view, state, events) {
  if (!state) return;
  $('post-panel').hidden = !isOpen(state);
  // What people write is in the workshop's language: the browser hyphenates by it.
  $('topics').lang = state.workshop.language || view.config.lang;
  renderPostForm(view, state);
  renderTopics(view, state);
  for (const event of events) {
    if (event.type === 'topic.posted' || event.type === 'topic.approved') view.newTopics(event.payload.topic.id);
  }
}

// While a round is open the form folds away (a button opens it again), so the list and its dot
// buttons come first; never under someone who is typing.
function renderPostForm(view, state) {
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

function topicOrder(state) {
  // Newest first and stable while voting, so buttons never jump under a finger.
  return Object.values(state.topics).sort((a, b) => b.id - a.id);
}

function renderTopics(view, state) {
  const { items, t, filter } = view;
  const me = view.room.store.me;
  const topics = topicOrder(state);
  $('no-topics').hidden = topics.length > 0;
  $('topic-count').textContent = topics.length ? `(${topics.length})` : '';
  syncTopicList($('topics'), items, topics, (topic) => buildTopic(view, topic), (item, topic) => updateTopic(view, item, topic, state));
  // "Only my dots": the topics this person put dots on. The one holding the focus stays, so
  // taking back its last dot does not pull the button away from under the finger.
  let shown = 0;
  for (const [id, item] of items) {
    const mine = dotsOnTopic(me, id) > 0;
    item.li.hidden = filter.mineOnly && !mine && !item.li.contains(document.activeElement);
    if (!item.li.hidden) shown += 1;
  }
  $('no-my-dots').hidden = !(filter.mineOnly && shown === 0);
  $('no-my-dots').textContent = t('no_my_dots');
}

function buildTopic(view, topic) {
  const { t } = view;
  const parts = {};
  parts.title = el('h3', { className: 'topic-title' });
  parts.badge = el('span', { className: 'badge', text: t('yours') });
  parts.description = el('p', { className: 'topic-description' });
  parts.voting = buildDots(view, topic.id, parts);
  parts.edit = el('button', {
    className: 'button small', text: t('edit'), attrs: { type: 'button' },
    on: { click: () => startEdit(view, topic.id) },
  });
  parts.del = el('button', {
    className: 'button small danger', text: t('delete'), attrs: { type: 'button' },
    on: { click: () => removeTopic(view, topic.id) },
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

function buildDots(view, topicId, parts) {
  parts.mine = el('p', { className: 'my-dots' });
  // aria-disabled, not disabled: a disabled button drops the keyboard focus to the page's top
  // the moment the last dot is taken back.
  parts.remove = el('button', {
    className: 'button dot-button', text: '−', attrs: { type: 'button', 'aria-disabled': 'true' },
    on: { click: () => { if (parts.remove.getAttribute('aria-disabled') !== 'true') vote(view, 'vote.remove', topicId); } },
  });
  parts.add = el('button', {
    className: 'button dot-button primary', text: '+', attrs: { type: 'button' },
    on: { click: () => vote(view, 'vote.add', topicId) },
  });
  return el('div', { className: 'voting' }, [parts.remove, parts.mine, parts.add]);
}

function updateTopic(view, item, topic, state) {
  const { t } = view;
  const me = view.room.store.me;
  const { parts } = item;
  const mine = ownsTopic(me, topic.id);
  parts.title.textContent = topic.title;
  parts.description.textContent = topic.description;
  parts.description.hidden = !topic.description;
  parts.badge.hidden = !mine;
  parts.own.hidden = !mine || !isOpen(state) || item.editing;
  parts.voting.hidden = !roundOpen(state);
  const myDots = dotsOnTopic(me, topic.id);
  parts.mine.textContent = t('your_dots', { n: myDots });
  parts.add.setAttribute('aria-label', t('add_dot', { title: topic.title }));
  parts.remove.setAttribute('aria-label', t('remove_dot', { title: topic.title }));
  parts.remove.setAttribute('aria-disabled', String(myDots === 0));
  item.li.classList.toggle('has-my-dots', myDots > 0);
}

async function vote(view, name, topicId) {
  const { room, t } = view;
  const item = view.items.get(topicId);
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
  room.store.setMe(afterTopicDot(room.store.me, topicId, ack));
  announce(`${t(name === 'vote.add' ? 'vote_cast' : 'vote_retracted')} ${t('dots_left', { n: ack.dots_left })}`);
}

function startEdit(view, topicId) {
  const { room, t, config } = view;
  const item = view.items.get(topicId);
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
        on: { click: () => stopEdit(view, item, form) },
      }),
    ]),
  ]);
  form.addEventListener('submit', (event) => saveEdit(view, event, { item, form, topicId, title, description }));
  item.parts.view.hidden = true;
  item.parts.own.hidden = true;
  item.li.insertBefore(form, item.parts.voting);
  title.focus();
}

async function saveEdit(view, event, { item, form, topicId, title, description }) {
  const { room, t } = view;
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
  stopEdit(view, item, form);
}

function stopEdit(view, item, form) {
  item.editing = false;
  form.remove();
  item.parts.view.hidden = false;
  view.redraw();
  item.parts.edit.focus();
}

async function removeTopic(view, topicId) {
  const { room, t } = view;
  if (!window.confirm(t('confirm_delete'))) return;
  const item = view.items.get(topicId);
  const answer = room.send('topic.delete', { topic_id: topicId });
  const ack = await (item ? showPending(answer, item.parts.pending, t('pending'), !room.connected) : answer);
  if (!ack.ok && item) showError(item.parts.error, ack.error.message);
}

// --- posting --------------------------------------------------------------------------------

function wirePosting(view) {
  const { t } = view;
  $('post-toggle').addEventListener('click', () => {
    view.folded = !view.folded;
    view.redraw();
    if (!view.folded) $('post-title').focus();
  });
  attachCounter($('post-title'), $('post-title-count'), t);
  attachCounter($('post-description'), $('post-description-count'), t);
  $('post-form').addEventListener('submit', (event) => post(view, event));
}

async function post(view, event) {
  const { room, t } = view;
  event.preventDefault();
  const title = $('post-title');
  const description = $('post-description');
  showError($('post-error'), '');
  if (!title.value.trim()) {
    showError($('post-error'), t('write_first'));
    title.focus();
    return;
  }
  const submit = $('post-form').querySelector('button[type="submit"]');
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
  // Clear only what was sent: a quick typist may already be writing the next topic.
  for (const [field, text] of [[title, sent.title], [description, sent.description]]) {
    if (field.value === text) {
      field.value = '';
      field.dispatchEvent(new Event('input'));
    }
  }
  room.store.setMe(afterPost(room.store.me, ack.topic));
  announce(t('topic_saved'));
}
