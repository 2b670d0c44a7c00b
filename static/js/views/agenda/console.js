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
  const error = $('agenda-error');
  // Which session's Move or Merge form or removal question is open, so a live update does not
  // close it.
  const open = { move: null, merge: null, remove: null };
  let dragged = null;

  async function send(name, payload) {
    const answer = await room.send(name, payload);
    showError(error, answer && !answer.ok ? answer.error.message : '');
    if (answer && !answer.ok) announce(answer.error.message);
    return answer;
  }

  $('place-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const [slotId, spaceId] = $('place-cell').value.split(':').map(Number);
    const topicId = Number($('place-topic').value);
    if (!topicId || !slotId) return;
    await send('session.place', { topic_id: topicId, slot_id: slotId, space_id: spaceId });
  });

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

  function sessionCard(state, session, flagged) {
    const title = titleOf(state, session) || t('removed_topic');
    const counts = countsOf(state, session.id);
    const card = el('div', {
      className: `agenda-session${flagged.has(session.id) ? ' clash' : ''}`,
      attrs: { draggable: 'true', 'data-session-id': session.id },
      on: {
        dragstart: (event) => {
          dragged = session.id;
          event.dataTransfer.setData('text/plain', String(session.id));
          event.dataTransfer.effectAllowed = 'move';
        },
        dragend: () => { dragged = null; },
      },
    });
    card.append(el('p', { className: 'agenda-title', text: title }));
    const also = alsoTitles(state, session);
    if (also.length) card.append(el('p', { className: 'hint', text: t('also', { titles: also.join(' · ') }) }));
    card.append(el('p', { className: 'agenda-counts', text: t('agenda_counts', { going: counts.going, here: counts.here }) }));
    card.append(sessionActions(session, title));
    if (open.move === session.id) card.append(moveForm(state, session, title));
    if (open.merge === session.id) card.append(mergeForm(state, session, title));
    if (open.remove === session.id) card.append(removeQuestion(session, title));
    return card;
  }

  function toggle(kind, sessionId) {
    const was = open[kind];
    open.move = null;
    open.merge = null;
    open.remove = null;
    open[kind] = was === sessionId ? null : sessionId;
    render(room.store.state);
    if (open.remove === sessionId) $(`unplace-keep-${sessionId}`).focus();
  }

  function sessionActions(session, title) {
    const button = (kind, text, label, className = 'button small') => el('button', {
      className, text, attrs: { type: 'button', 'aria-expanded': String(open[kind] === session.id), 'aria-label': label },
      on: { click: () => toggle(kind, session.id) },
    });
    return el('div', { className: 'row agenda-actions' }, [
      button('move', t('agenda_move'), t('agenda_move_named', { title })),
      button('merge', t('agenda_merge'), t('agenda_merge_named', { title })),
      button('remove', t('agenda_unplace'), t('agenda_unplace_named', { title }), 'link-button'),
    ]);
  }

  // Taking a session off loses its notes and everyone's "I'm going": asked first, in the page,
  // with the safe answer under the keyboard.
  function removeQuestion(session, title) {
    const questionId = `unplace-question-${session.id}`;
    const describe = { 'aria-describedby': questionId };
    const yes = el('button', { className: 'button small danger', text: t('agenda_unplace_yes'), attrs: { type: 'button', id: `unplace-yes-${session.id}`, ...describe } });
    const no = el('button', { className: 'button small', text: t('agenda_unplace_keep'), attrs: { type: 'button', id: `unplace-keep-${session.id}`, ...describe } });
    yes.addEventListener('click', () => removeSession(session, title));
    no.addEventListener('click', () => {
      open.remove = null;
      render(room.store.state);
      focusSession(session.id, 2);
    });
    return el('div', { className: 'agenda-confirm', attrs: { role: 'group', 'aria-labelledby': questionId } }, [
      el('p', { text: t('agenda_unplace_ask', { title }), attrs: { id: questionId } }),
      el('div', { className: 'row' }, [yes, no]),
    ]);
  }

  async function removeSession(session, title) {
    const order = [...$('agenda-grid').querySelectorAll('[data-session-id]')].map((n) => Number(n.dataset.sessionId));
    const next = order[order.indexOf(session.id) + 1] ?? order[order.indexOf(session.id) - 1];
    const answer = await send('session.remove', { session_id: session.id });
    if (!answer || !answer.ok) return;
    open.remove = null;
    render(room.store.state);
    announce(t('agenda_unplaced', { title }));
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

  function moveForm(state, session, title) {
    const id = `move-${session.id}`;
    const select = el('select', { attrs: { id } });
    const form = el('form', { className: 'row', attrs: { novalidate: true } }, [
      el('div', { className: 'field' }, [el('label', { text: t('agenda_move_to', { title }), attrs: { for: id } }), select]),
      el('button', { className: 'button small primary', text: t('agenda_move'), attrs: { type: 'submit' } }),
    ]);
    if (!cellOptions(select, state)) return el('p', { className: 'hint', text: t('agenda_no_free') });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const [slotId, spaceId] = select.value.split(':').map(Number);
      const answer = await send('session.move', { session_id: session.id, slot_id: slotId, space_id: spaceId });
      if (answer && answer.ok) {
        open.move = null;
        announce(t('agenda_moved'));
        render(room.store.state);
        focusSession(session.id, 0);
      }
    });
    return form;
  }

  function mergeForm(state, session, title) {
    const id = `session-merge-${session.id}`;
    const select = el('select', { attrs: { id } });
    for (const other of Object.values(state.agenda.sessions)) {
      if (other.id === session.id) continue;
      select.append(el('option', { text: titleOf(state, other) || t('removed_topic'), attrs: { value: other.id } }));
    }
    if (!select.options.length) return el('p', { className: 'hint', text: t('agenda_no_other') });
    const form = el('form', { className: 'row', attrs: { novalidate: true } }, [
      el('div', { className: 'field' }, [el('label', { text: t('agenda_merge_into', { title }), attrs: { for: id } }), select]),
      el('button', { className: 'button small primary', text: t('agenda_merge'), attrs: { type: 'submit' } }),
    ]);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const target = Number(select.value);
      const answer = await send('session.merge', { source_id: session.id, target_id: target });
      if (answer && answer.ok) {
        open.merge = null;
        render(room.store.state);
        focusSession(target, 1);
      }
    });
    return form;
  }

  function emptyCell(slot, space) {
    const td = el('td', { className: 'agenda-free', text: t('agenda_free') });
    td.addEventListener('dragover', (event) => {
      if (dragged === null) return;
      event.preventDefault();
      td.classList.add('drop');
    });
    td.addEventListener('dragleave', () => td.classList.remove('drop'));
    td.addEventListener('drop', async (event) => {
      event.preventDefault();
      td.classList.remove('drop');
      const id = Number(event.dataTransfer.getData('text/plain')) || dragged;
      if (id) {
        const answer = await send('session.move', { session_id: id, slot_id: slot.id, space_id: space.id });
        if (answer && answer.ok) announce(t('agenda_moved'));
      }
    });
    return td;
  }

  function renderClashes(state) {
    const found = clashes(state);
    const list = $('clashes');
    clear(list);
    const flagged = new Set();
    for (const clash of found) {
      const titles = clash.session_ids.map((id) => titleOf(state, state.agenda.sessions[String(id)]) || t('removed_topic'));
      clash.session_ids.forEach((id) => flagged.add(id));
      let text;
      if (clash.kind === 'over_capacity') {
        const session = state.agenda.sessions[String(clash.session_ids[0])];
        const space = state.agenda.spaces[String(session.space_id)];
        const counts = countsOf(state, session.id);
        text = t('clash_over_capacity', { title: titles[0], space: space.name, n: Math.max(counts.going, counts.here), capacity: space.capacity });
      } else {
        text = t(`clash_${clash.kind}`, { titles: titles.join(' · ') });
      }
      list.append(el('li', { text }));
    }
    $('no-clashes').hidden = found.length > 0;
    return flagged;
  }

  function renderSpaces(state, head) {
    const row = el('tr', {}, [el('th', { text: t('agenda_time'), attrs: { scope: 'col' } })]);
    for (const space of spacesInOrder(state)) {
      const th = el('th', { attrs: { scope: 'col' } }, [space.name]);
      if (space.capacity) th.append(el('span', { className: 'hint agenda-capacity', text: t('agenda_places', { n: space.capacity }) }));
      row.append(th);
    }
    head.append(row);
  }

  function render(state) {
    if (!state) return;
    const flagged = renderClashes(state);
    const slots = slotsInOrder(state);
    const spaces = spacesInOrder(state);
    const grid = $('agenda-grid');
    // A focused control inside the grid is rebuilt below: put the focus back on its twin.
    const focused = document.activeElement && grid.contains(document.activeElement) ? document.activeElement.getAttribute('aria-label') || document.activeElement.id : null;
    clear(grid);
    const ready = slots.length > 0 && spaces.length > 0;
    grid.hidden = !slots.length && !spaces.length;
    $('agenda-empty').hidden = ready;
    grid.append(el('caption', { className: 'visually-hidden', text: t('agenda_caption') }));
    const head = el('thead');
    renderSpaces(state, head);
    grid.append(head);
    const body = el('tbody');
    for (const slot of slots) {
      const row = el('tr', {}, [el('th', { attrs: { scope: 'row' } }, [slotLabel(slot)])]);
      for (const space of spaces) {
        const session = sessionIn(state, slot.id, space.id);
        if (session) row.append(el('td', {}, [sessionCard(state, session, flagged)]));
        else row.append(emptyCell(slot, space));
      }
      body.append(row);
    }
    grid.append(body);
    if (focused) {
      const twin = [...grid.querySelectorAll('button, select')].find((n) => (n.getAttribute('aria-label') || n.id) === focused);
      if (twin) twin.focus();
    }
    renderPlaceForm(state);
  }

  function renderPlaceForm(state) {
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

  room.store.subscribe(render);
  room.store.subscribe((state) => {
    if (state) $('console-news-empty').hidden = renderNews(state, $('console-news'), t, 'h4') > 0;
  });
  mountTimersConsole(room, t, mountTimers(room, t), send);
  return { render };
}
