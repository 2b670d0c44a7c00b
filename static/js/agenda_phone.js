// The Open Space agenda on a phone: the whole agenda as a list (by time), "my day", and a
// convener's own topics to put in a free cell. "I'm going" builds the day; "I'm here" says which
// talk the person is in now (one at a time: tapping another moves them).

import { announce, clear, el, showError } from './common.js';
import {
  alsoTitles, countsOf, freeCells, placedTopicIds, slotsInOrder, spacesInOrder, titleOf,
} from './state/agenda.js';
import { mountNotesForm } from './notes_ui.js';
import { mountPhotos } from './photos_ui.js';
import { mountTimers } from './timers_ui.js';

const $ = (id) => document.getElementById(id);

export function mountAgendaPhone(room, t) {
  let me = { topic_ids: [], going: [], here: null };
  // Each talk's buttons by session id, so a re-render can put the focus back where it was.
  async function send(name, payload) {
    const answer = await room.send(name, payload);
    showError($('agenda-error-phone'), answer && !answer.ok ? answer.error.message : '');
    return answer;
  }

  const slotLabel = (slot) => `${slot.starts}–${slot.ends}`;

  function talkItem(state, session, slot, space) {
    const title = titleOf(state, session) || t('removed_topic');
    const counts = countsOf(state, session.id);
    const going = (me.going || []).includes(session.id);
    const here = me.here === session.id;
    const mine = (me.topic_ids || []).includes(session.topic_id);
    const item = el('li', { className: `agenda-talk${here ? ' is-here' : ''}` });
    item.append(el('p', { className: 'agenda-title', text: title }));
    const also = alsoTitles(state, session);
    if (also.length) item.append(el('p', { className: 'hint', text: t('also', { titles: also.join(' · ') }) }));
    const where = space.capacity ? t('agenda_where_places', { space: space.name, n: space.capacity }) : space.name;
    item.append(el('p', { className: 'hint', text: `${slotLabel(slot)} · ${where}` }));
    item.append(el('p', { className: 'agenda-counts', text: t('agenda_counts', { going: counts.going, here: counts.here }) }));
    if (mine) item.append(el('p', { className: 'badge', text: t('agenda_yours') }));
    const row = el('div', { className: 'row' });
    row.append(
      el('button', {
        className: 'button small', text: t('agenda_going'),
        attrs: { type: 'button', 'aria-pressed': going ? 'true' : 'false', 'data-key': `going-${session.id}`, 'aria-label': t('agenda_going_named', { title }) },
        on: { click: async () => {
          const answer = await send('session.going', { session_id: session.id, going: !going });
          if (answer && answer.ok) announce(going ? t('agenda_not_going_done') : t('agenda_going_done'));
        } },
      }),
      el('button', {
        className: 'button small', text: t('agenda_here'),
        attrs: { type: 'button', 'aria-pressed': here ? 'true' : 'false', 'data-key': `here-${session.id}`, 'aria-label': t('agenda_here_named', { title }) },
        on: { click: async () => {
          const answer = await send('session.here', here ? {} : { session_id: session.id });
          if (answer && answer.ok) announce(here ? t('agenda_left') : t('agenda_here_done', { title }));
        } },
      }),
    );
    if (mine) {
      row.append(el('button', {
        className: 'button small danger', text: t('agenda_unplace'),
        attrs: { type: 'button', 'data-key': `off-${session.id}`, 'aria-label': t('agenda_unplace_named', { title }) },
        on: { click: () => send('session.remove', { session_id: session.id }) },
      }));
    }
    item.append(row);
    return item;
  }

  function renderConvene(state) {
    const placed = placedTopicIds(state);
    const mine = (me.topic_ids || []).filter((id) => !placed.has(id) && state.topics[String(id)]);
    const cells = freeCells(state);
    const list = $('convene-list');
    clear(list);
    for (const topicId of mine) {
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
        const answer = await send('session.place', { topic_id: topicId, slot_id: slotId, space_id: spaceId });
        if (answer && answer.ok) announce(t('agenda_placed'));
      });
      list.append(el('li', {}, [form]));
    }
    $('convene-panel').hidden = !(mine.length && cells.length && state.workshop.status === 'open');
  }

  function render(state) {
    if (!state) return;
    const slots = slotsInOrder(state);
    const spaces = spacesInOrder(state);
    $('agenda-phone').hidden = !(slots.length && spaces.length);
    const focusedKey = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.key : null;
    renderConvene(state);
    const whole = $('agenda-list');
    clear(whole);
    const day = $('my-day');
    clear(day);
    const lang = state.workshop.language;
    for (const slot of slots) {
      const talks = el('ul', { className: 'plain-list stack', attrs: { lang } });
      for (const space of spaces) {
        const session = Object.values(state.agenda.sessions).find((s) => s.slot_id === slot.id && s.space_id === space.id);
        if (!session) continue;
        talks.append(talkItem(state, session, slot, space));
        if ((me.going || []).includes(session.id) || me.here === session.id) {
          const title = titleOf(state, session) || t('removed_topic');
          day.append(el('li', { attrs: { lang } }, [el('strong', { text: slotLabel(slot) }), ` ${title} · ${space.name}`]));
        }
      }
      if (!talks.childElementCount) talks.append(el('li', { className: 'muted', text: t('agenda_nothing_yet') }));
      whole.append(el('h4', { text: slotLabel(slot) }), talks);
    }
    $('my-day-empty').hidden = day.childElementCount > 0;
    if (focusedKey) {
      const twin = $('agenda-phone').querySelector(`[data-key="${focusedKey}"]`);
      if (twin) twin.focus();
    }
  }

  room.store.subscribe(render);
  mountTimers(room, t);
  mountNotesForm(room, t);
  mountPhotos(room, t);
  return {
    setMe(mine) {
      me = mine;
      render(room.store.state);
    },
  };
}
