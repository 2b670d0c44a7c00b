// The Open Space agenda on the console: the grid (drag a session to a free cell, or the Move
// button: a keyboard alternative), merging, taking off, and the clashes to look at. The slots
// and spaces themselves are set up in views/agenda/setup.js.

import { announce, clear, el, showError } from '../../common.js';
import {
  alsoTitles, clashes, countsOf, freeCells, placedTopicIds, sessionIn, slotsInOrder, spacesInOrder, titleOf,
} from '../../state/agenda.js';
import { visible } from '../../state/topics.js';
import { renderNews } from '../notes.js';
import { mountTimers, mountTimersConsole } from '../timers.js';

const $ = (id) => document.getElementById(id);

export function mountAgendaConsole(room, t) {
  const view = {
    room, t, error: $('agenda-error'),
    // Which session's Move or Merge form or removal question is open, so a live update does not
    // close it.
    open: { move: null, merge: null, remove: null },
    dragged: null,
  };
  $('place-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const [slotId, spaceId] = $('place-cell').value.split(':').map(Number);
    const topicId = Number($('place-topic').value);
    if (!topicId || !slotId) return;
    await send(view, 'session.place', { topic_id: topicId, slot_id: slotId, space_id: spaceId });
  });
  room.store.subscribe((state) => render(view, state));
  room.store.subscribe((state) => {
    if (state) $('console-news-empty').hidden = renderNews(state, $('console-news'), t, 'h4') > 0;
  });
  mountTimersConsole(room, t, mountTimers(room, t), (name, payload) => send(view, name, payload));
  return { render: (state) => render(view, state) };
}

async function send(view, name, payload) {
  const answer = await view.room.send(name, payload);
  showError(view.error, answer && !answer.ok ? answer.error.message : '');
  if (answer && !answer.ok) announce(answer.error.message);
  return answer;
}

function slotLabel(slot) {
  return `${slot.starts}–${slot.ends}`;
}

function cellOptions(select, state, current) {
  clear(select);
  for (const { slot, space } of freeCells(state)) {
    select.append(el('option', { text: `${slotLabel(slot)} · ${space.name}`, attrs: { value: `${slot.id}:${space.id}` } }));
  }
  if (current) select.value = current;
  return select.options.length;
}

function sessionCard(view, state, session, flagged) {
  const title = titleOf(state, session) || view.t('removed_topic');
  const counts = countsOf(state, session.id);
  const card = el('div', {
    className: `agenda-session${flagged.has(session.id) ? ' clash' : ''}`,
    attrs: { draggable: 'true', 'data-session-id': session.id },
    on: {
      dragstart: (event) => {
        view.dragged = session.id;
        event.dataTransfer.setData('text/plain', String(session.id));
        event.dataTransfer.effectAllowed = 'move';
      },
      dragend: () => { view.dragged = null; },
    },
  });
  card.append(el('p', { className: 'agenda-title', text: title }));
  const also = alsoTitles(state, session);
  if (also.length) card.append(el('p', { className: 'hint', text: view.t('also', { titles: also.join(' · ') }) }));
  card.append(el('p', { className: 'agenda-counts', text: view.t('agenda_counts', { going: counts.going, here: counts.here }) }));
  card.append(sessionActions(view, session, title));
  if (view.open.move === session.id) card.append(moveForm(view, state, session, title));
  if (view.open.merge === session.id) card.append(mergeForm(view, state, session, title));
  if (view.open.remove === session.id) card.append(removeQuestion(view, session, title));
  return card;
}

function toggle(view, kind, sessionId) {
  const was = view.open[kind];
  view.open.move = null;
  view.open.merge = null;
  view.open.remove = null;
  view.open[kind] = was === sessionId ? null : sessionId;
  render(view, view.room.store.state);
  if (view.open.remove === sessionId) $(`unplace-keep-${sessionId}`).focus();
}

function sessionActions(view, session, title) {
  const button = (kind, text, label, className = 'button small') => el('button', {
    className, text, attrs: { type: 'button', 'aria-expanded': String(view.open[kind] === session.id), 'aria-label': label },
    on: { click: () => toggle(view, kind, session.id) },
  });
  return el('div', { className: 'row agenda-actions' }, [
    button('move', view.t('agenda_move'), view.t('agenda_move_named', { title })),
    button('merge', view.t('agenda_merge'), view.t('agenda_merge_named', { title })),
    button('remove', view.t('agenda_unplace'), view.t('agenda_unplace_named', { title }), 'link-button'),
  ]);
}

// Taking a session off loses its notes and everyone's "I'm going": asked first, in the page,
// with the safe answer under the keyboard.
function removeQuestion(view, session, title) {
  const questionId = `unplace-question-${session.id}`;
  const describe = { 'aria-describedby': questionId };
  const yes = el('button', { className: 'button small danger', text: view.t('agenda_unplace_yes'), attrs: { type: 'button', id: `unplace-yes-${session.id}`, ...describe } });
  const no = el('button', { className: 'button small', text: view.t('agenda_unplace_keep'), attrs: { type: 'button', id: `unplace-keep-${session.id}`, ...describe } });
  yes.addEventListener('click', () => removeSession(view, session, title));
  no.addEventListener('click', () => {
    view.open.remove = null;
    render(view, view.room.store.state);
    focusSession(session.id, 2);
  });
  return el('div', { className: 'agenda-confirm', attrs: { role: 'group', 'aria-labelledby': questionId } }, [
    el('p', { text: view.t('agenda_unplace_ask', { title }), attrs: { id: questionId } }),
    el('div', { className: 'row' }, [yes, no]),
  ]);
}

async function removeSession(view, session, title) {
  const order = [...$('agenda-grid').querySelectorAll('[data-session-id]')].map((n) => Number(n.dataset.sessionId));
  const next = order[order.indexOf(session.id) + 1] ?? order[order.indexOf(session.id) - 1];
  const answer = await send(view, 'session.remove', { session_id: session.id });
  if (!answer || !answer.ok) return;
  view.open.remove = null;
  render(view, view.room.store.state);
  announce(view.t('agenda_unplaced', { title }));
  if (!focusSession(next, 0)) $('agenda-grid-heading').focus();
}

// The keyboard stays with the session it worked on (its Move, Merge or Take off button),
// never the top of the page.
function focusSession(sessionId, index) {
  const card = sessionId && $('agenda-grid').querySelector(`[data-session-id="${sessionId}"]`);
  const button = card && card.querySelectorAll('.agenda-actions button')[index];
  if (button) button.focus();
  return Boolean(button);
}

function moveForm(view, state, session, title) {
  const id = `move-${session.id}`;
  const select = el('select', { attrs: { id } });
  const form = el('form', { className: 'row', attrs: { novalidate: true } }, [
    el('div', { className: 'field' }, [el('label', { text: view.t('agenda_move_to', { title }), attrs: { for: id } }), select]),
    el('button', { className: 'button small primary', text: view.t('agenda_move'), attrs: { type: 'submit' } }),
  ]);
  if (!cellOptions(select, state)) return el('p', { className: 'hint', text: view.t('agenda_no_free') });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const [slotId, spaceId] = select.value.split(':').map(Number);
    const answer = await send(view, 'session.move', { session_id: session.id, slot_id: slotId, space_id: spaceId });
    if (answer && answer.ok) {
      view.open.move = null;
      announce(view.t('agenda_moved'));
      render(view, view.room.store.state);
      focusSession(session.id, 0);
    }
  });
  return form;
}

function mergeForm(view, state, session, title) {
  const id = `session-merge-${session.id}`;
  const select = el('select', { attrs: { id } });
  for (const other of Object.values(state.agenda.sessions)) {
    if (other.id === session.id) continue;
    select.append(el('option', { text: titleOf(state, other) || view.t('removed_topic'), attrs: { value: other.id } }));
  }
  if (!select.options.length) return el('p', { className: 'hint', text: view.t('agenda_no_other') });
  const form = el('form', { className: 'row', attrs: { novalidate: true } }, [
    el('div', { className: 'field' }, [el('label', { text: view.t('agenda_merge_into', { title }), attrs: { for: id } }), select]),
    el('button', { className: 'button small primary', text: view.t('agenda_merge'), attrs: { type: 'submit' } }),
  ]);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const target = Number(select.value);
    const answer = await send(view, 'session.merge', { source_id: session.id, target_id: target });
    if (answer && answer.ok) {
      view.open.merge = null;
      render(view, view.room.store.state);
      focusSession(target, 1);
    }
  });
  return form;
}

function emptyCell(view, slot, space) {
  const td = el('td', { className: 'agenda-free', text: view.t('agenda_free') });
  td.addEventListener('dragover', (event) => {
    if (view.dragged === null) return;
    event.preventDefault();
    td.classList.add('drop');
  });
  td.addEventListener('dragleave', () => td.classList.remove('drop'));
  td.addEventListener('drop', async (event) => {
    event.preventDefault();
    td.classList.remove('drop');
    const id = Number(event.dataTransfer.getData('text/plain')) || view.dragged;
    if (id) {
      const answer = await send(view, 'session.move', { session_id: id, slot_id: slot.id, space_id: space.id });
      if (answer && answer.ok) announce(view.t('agenda_moved'));
    }
  });
  return td;
}

function renderClashes(view, state) {
  const found = clashes(state);
  const list = $('clashes');
  clear(list);
  const flagged = new Set();
  for (const clash of found) {
    const titles = clash.session_ids.map((id) => titleOf(state, state.agenda.sessions[String(id)]) || view.t('removed_topic'));
    clash.session_ids.forEach((id) => flagged.add(id));
    let text;
    if (clash.kind === 'over_capacity') {
      const session = state.agenda.sessions[String(clash.session_ids[0])];
      const space = state.agenda.spaces[String(session.space_id)];
      const counts = countsOf(state, session.id);
      text = view.t('clash_over_capacity', { title: titles[0], space: space.name, n: Math.max(counts.going, counts.here), capacity: space.capacity });
    } else {
      text = view.t(`clash_${clash.kind}`, { titles: titles.join(' · ') });
    }
    list.append(el('li', { text }));
  }
  $('no-clashes').hidden = found.length > 0;
  return flagged;
}

function renderSpaces(view, state, head) {
  const row = el('tr', {}, [el('th', { text: view.t('agenda_time'), attrs: { scope: 'col' } })]);
  for (const space of spacesInOrder(state)) {
    const th = el('th', { attrs: { scope: 'col' } }, [space.name]);
    if (space.capacity) th.append(el('span', { className: 'hint agenda-capacity', text: view.t('agenda_places', { n: space.capacity }) }));
    row.append(th);
  }
  head.append(row);
}

function render(view, state) {
  if (!state) return;
  const flagged = renderClashes(view, state);
  const slots = slotsInOrder(state);
  const spaces = spacesInOrder(state);
  const grid = $('agenda-grid');
  // A focused control inside the grid is rebuilt below: put the focus back on its twin.
  const focused = document.activeElement && grid.contains(document.activeElement) ? document.activeElement.getAttribute('aria-label') || document.activeElement.id : null;
  clear(grid);
  const ready = slots.length > 0 && spaces.length > 0;
  grid.hidden = !slots.length && !spaces.length;
  $('agenda-empty').hidden = ready;
  grid.append(el('caption', { className: 'visually-hidden', text: view.t('agenda_caption') }));
  const head = el('thead');
  renderSpaces(view, state, head);
  grid.append(head);
  const body = el('tbody');
  for (const slot of slots) {
    const row = el('tr', {}, [el('th', { attrs: { scope: 'row' } }, [slotLabel(slot)])]);
    for (const space of spaces) {
      const session = sessionIn(state, slot.id, space.id);
      if (session) row.append(el('td', {}, [sessionCard(view, state, session, flagged)]));
      else row.append(emptyCell(view, slot, space));
    }
    body.append(row);
  }
  grid.append(body);
  if (focused) {
    const twin = [...grid.querySelectorAll('button, select')].find((n) => (n.getAttribute('aria-label') || n.id) === focused);
    if (twin) twin.focus();
  }
  renderPlaceForm(view, state);
}

function renderPlaceForm(view, state) {
  const placed = placedTopicIds(state);
  const topics = Object.values(state.topics).filter((topic) => visible(topic) && !placed.has(topic.id));
  const select = $('place-topic');
  const keep = select.value;
  clear(select);
  for (const topic of topics) select.append(el('option', { text: topic.title, attrs: { value: topic.id } }));
  if (keep) select.value = keep;
  const cells = cellOptions($('place-cell'), state, $('place-cell').value);
  $('place-form').hidden = !(topics.length && cells);
}
