// The Open Space agenda on a phone: the whole agenda as a list (by time), "my day", and a
// convener's own topics to put in a free cell. "I'm going" builds the day; "I'm here" says which
// talk the person is in now (one at a time: tapping another moves them).

import { announce, clear, el, showError } from '../../common.js';
import {
  alsoTitles, countsOf, freeCells, placedTopicIds, slotsInOrder, spacesInOrder, titleOf,
} from '../../state/agenda.js';
import { isGoing, isHere, ownsTopic } from '../../state/me.js';
import { mountNotesForm } from '../notes.js';
import { mountPhotos } from '../photos.js';
import { mountTimers } from '../timers.js';

const $ = (id) => document.getElementById(id);

export function mountAgendaPhone(room, t) {
  const view = {
    room, t,
    // Each talk's nodes by session id. A busy room sends counts many times a minute; a list
    // rebuilt on each of them would swap the button under a finger between press and release
    // and lose the tap, so talks are filled in place and only rebuilt when the agenda's cells
    // change.
    talks: new Map(),
    layout: '',
  };
  room.store.subscribe((state) => render(view, state));
  mountTimers(room, t);
  mountNotesForm(room, t);
  mountPhotos(room, t);
}

async function send(view, name, payload) {
  const answer = await view.room.send(name, payload);
  showError($('agenda-error-phone'), answer && !answer.ok ? answer.error.message : '');
  return answer;
}

const slotLabel = (slot) => `${slot.starts}–${slot.ends}`;
const sessionTitle = (view, state, session) => titleOf(state, session) || view.t('removed_topic');

// The buttons read where the person stands when tapped, not when the list was drawn.
async function toggleGoing(view, sessionId) {
  const { t } = view;
  const going = isGoing(view.room.store.me, sessionId);
  const answer = await send(view, 'session.going', { session_id: sessionId, going: !going });
  if (answer && answer.ok) announce(going ? t('agenda_not_going_done') : t('agenda_going_done'));
}

async function toggleHere(view, sessionId) {
  const { room, t } = view;
  const here = isHere(room.store.me, sessionId);
  const session = room.store.state && room.store.state.agenda.sessions[String(sessionId)];
  const title = session ? sessionTitle(view, room.store.state, session) : '';
  const answer = await send(view, 'session.here', here ? {} : { session_id: sessionId });
  if (answer && answer.ok) announce(here ? t('agenda_left') : t('agenda_here_done', { title }));
}

function makeTalk(view, sessionId) {
  const { t } = view;
  const button = (key, text, onClick, extra = '') => el('button', {
    className: `button small${extra}`, text,
    attrs: { type: 'button', 'data-key': `${key}-${sessionId}` },
    on: { click: onClick },
  });
  const talk = {
    title: el('p', { className: 'agenda-title' }),
    also: el('p', { className: 'hint' }),
    where: el('p', { className: 'hint' }),
    counts: el('p', { className: 'agenda-counts' }),
    badge: el('p', { className: 'badge', text: t('agenda_yours') }),
    going: button('going', t('agenda_going'), () => toggleGoing(view, sessionId)),
    here: button('here', t('agenda_here'), () => toggleHere(view, sessionId)),
    off: button('off', t('agenda_unplace'), () => send(view, 'session.remove', { session_id: sessionId }), ' danger'),
  };
  talk.item = el('li', { className: 'agenda-talk' }, [
    talk.title, talk.also, talk.where, talk.counts, talk.badge,
    el('div', { className: 'row' }, [talk.going, talk.here, talk.off]),
  ]);
  return talk;
}

function fillTalk(view, talk, state, { session, slot, space }) {
  const { t } = view;
  const me = view.room.store.me;
  const title = sessionTitle(view, state, session);
  const counts = countsOf(state, session.id);
  const here = isHere(me, session.id);
  const mine = ownsTopic(me, session.topic_id);
  const also = alsoTitles(state, session);
  talk.item.classList.toggle('is-here', here);
  talk.title.textContent = title;
  talk.also.textContent = also.length ? t('also', { titles: also.join(' · ') }) : '';
  talk.also.hidden = !also.length;
  const where = space.capacity ? t('agenda_where_places', { space: space.name, n: space.capacity }) : space.name;
  talk.where.textContent = `${slotLabel(slot)} · ${where}`;
  talk.counts.textContent = t('agenda_counts', { going: counts.going, here: counts.here });
  talk.badge.hidden = !mine;
  talk.off.hidden = !mine;
  talk.going.setAttribute('aria-pressed', isGoing(me, session.id) ? 'true' : 'false');
  talk.here.setAttribute('aria-pressed', here ? 'true' : 'false');
  talk.going.setAttribute('aria-label', t('agenda_going_named', { title }));
  talk.here.setAttribute('aria-label', t('agenda_here_named', { title }));
  talk.off.setAttribute('aria-label', t('agenda_unplace_named', { title }));
}

// A convener's own topics that are not on the agenda yet, each with the free cells to put it in.
function renderConvene(view, state) {
  const placed = placedTopicIds(state);
  const mine = view.room.store.me.topic_ids.filter((id) => !placed.has(id) && state.topics[String(id)]);
  const cells = freeCells(state);
  const list = $('convene-list');
  clear(list);
  for (const topicId of mine) list.append(el('li', {}, [conveneForm(view, state, topicId, cells)]));
  $('convene-panel').hidden = !(mine.length && cells.length && state.workshop.status === 'open');
}

function conveneForm(view, state, topicId, cells) {
  const { t } = view;
  const title = state.topics[String(topicId)].title;
  const id = `convene-${topicId}`;
  const select = el('select', { attrs: { id } });
  for (const { slot, space } of cells) {
    select.append(el('option', { text: `${slotLabel(slot)} · ${space.name}`, attrs: { value: `${slot.id}:${space.id}` } }));
  }
  const form = el('form', { className: 'stack', attrs: { novalidate: true } }, [
    el('label', { text: t('agenda_place_named', { title }), attrs: { for: id } }),
    select,
    el('button', { className: 'button primary', text: t('agenda_place_here'), attrs: { type: 'submit' } }),
  ]);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const [slotId, spaceId] = select.value.split(':').map(Number);
    const answer = await send(view, 'session.place', { topic_id: topicId, slot_id: slotId, space_id: spaceId });
    if (answer && answer.ok) announce(t('agenda_placed'));
  });
  return form;
}

// Each slot's talks in the order of the rooms: what the agenda list is built from.
function cellsOf(state) {
  const sessions = Object.values(state.agenda.sessions);
  return slotsInOrder(state).map((slot) => ({
    slot,
    talks: spacesInOrder(state).map((space) => ({
      space, session: sessions.find((s) => s.slot_id === slot.id && s.space_id === space.id),
    })).filter((cell) => cell.session),
  }));
}

function rebuildList(view, state, cells) {
  const { talks, t } = view;
  const focusedKey = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.key : null;
  const whole = $('agenda-list');
  clear(whole);
  const kept = new Set();
  for (const { slot, talks: row } of cells) {
    const list = el('ul', { className: 'plain-list stack', attrs: { lang: state.workshop.language } });
    for (const { session } of row) {
      const talk = talks.get(session.id) || makeTalk(view, session.id);
      talks.set(session.id, talk);
      kept.add(session.id);
      list.append(talk.item);
    }
    if (!row.length) list.append(el('li', { className: 'muted', text: t('agenda_nothing_yet') }));
    whole.append(el('h4', { text: slotLabel(slot) }), list);
  }
  for (const id of [...talks.keys()]) if (!kept.has(id)) talks.delete(id);
  if (focusedKey) {
    const twin = whole.querySelector(`[data-key="${focusedKey}"]`);
    if (twin) twin.focus();
  }
}

function renderMyDay(view, state, cells) {
  const me = view.room.store.me;
  const day = $('my-day');
  clear(day);
  const lang = state.workshop.language;
  for (const { slot, talks: row } of cells) {
    for (const { space, session } of row) {
      if (!isGoing(me, session.id) && !isHere(me, session.id)) continue;
      day.append(el('li', { attrs: { lang } }, [
        el('strong', { text: slotLabel(slot) }), ` ${sessionTitle(view, state, session)} · ${space.name}`,
      ]));
    }
  }
  $('my-day-empty').hidden = day.childElementCount > 0;
}

function render(view, state) {
  if (!state) return;
  const cells = cellsOf(state);
  $('agenda-phone').hidden = !(slotsInOrder(state).length && spacesInOrder(state).length);
  renderConvene(view, state);
  const shape = JSON.stringify([
    state.workshop.language,
    cells.map(({ slot, talks: row }) => [slot.id, slot.starts, slot.ends, row.map((c) => c.session.id)]),
  ]);
  if (shape !== view.layout) rebuildList(view, state, cells);
  view.layout = shape;
  for (const { slot, talks: row } of cells) {
    for (const { space, session } of row) fillTalk(view, view.talks.get(session.id), state, { session, slot, space });
  }
  renderMyDay(view, state, cells);
}
