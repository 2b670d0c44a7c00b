// Session notes: the news view (news wall and console) and the phone's note form.
//
// The form keeps what the person types: a live update from someone else fills a field only while
// it is untouched here; a touched field is saved from the version it started at, so the server
// keeps both texts if someone saved in between, and the phone says so.

import { announce, clear, el, heldNotice, showError } from '../common.js';
import { sessionIn, slotsInOrder, spacesInOrder, titleOf } from '../state/agenda.js';
import { COUNT_KEYS, FIELDS } from '../state/notes.js';
import { photoFigures } from './photos.js';

const $ = (id) => document.getElementById(id);

function sessionsInOrder(state) {
  const out = [];
  for (const slot of slotsInOrder(state)) {
    for (const space of spacesInOrder(state)) {
      const session = sessionIn(state, slot.id, space.id);
      if (session) out.push({ slot, space, session });
    }
  }
  return out;
}

function noteTitle(state, session) {
  const notes = state.notes[String(session.id)];
  const own = notes && notes.fields.title && notes.fields.title.text;
  return own || titleOf(state, session) || null;
}

// Every session that has notes, as cards, in slot and space order.
export function renderNews(state, list, t, headingLevel = 'h2') {
  clear(list);
  let shown = 0;
  for (const { slot, space, session } of sessionsInOrder(state)) {
    const photos = photoFigures(state, session.id, t);
    const notes = state.notes[String(session.id)] || (photos && { fields: {}, counts: {} });
    if (!notes) continue;
    const title = noteTitle(state, session);
    if (title === null) continue; // its topic is no longer shown: neither are its notes
    shown += 1;
    const card = el('article', { className: 'news-card' });
    card.append(el(headingLevel, { className: 'news-title', text: title }));
    card.append(el('p', { className: 'news-where', text: `${slot.starts}–${slot.ends} · ${space.name}` }));
    const f = notes.fields;
    if (f.convener && f.convener.text) card.append(el('p', { text: t('notes_convened_by', { name: f.convener.text }) }));
    const counts = COUNT_KEYS.filter((k) => notes.counts[k]).map((k) => `${t(`notes_count_${k}`)}: ${notes.counts[k]}`);
    if (counts.length) card.append(el('p', { className: 'news-counts', text: counts.join(' · ') }));
    for (const name of ['discussion', 'recommendations', 'next_steps']) {
      if (f[name] && f[name].text) {
        card.append(el('p', { className: 'news-label', text: t(`notes_${name}`) }), el('p', { className: 'news-text', text: f[name].text }));
      }
    }
    if (photos) card.append(photos);
    list.append(card);
  }
  return shown;
}

// The phone's form: pick a session, write, save.
export function mountNotesForm(room, t) {
  const view = {
    room, t, select: $('notes-session'), form: $('notes-form'),
    base: {}, // field -> version this phone started from
    dirty: new Set(),
    current: null,
  };
  for (const name of FIELDS) {
    $(`notes-${name}`).addEventListener('input', () => view.dirty.add(name));
  }
  for (const key of COUNT_KEYS) $(`notes-count-${key}`).addEventListener('input', () => view.dirty.add(`count:${key}`));
  view.select.addEventListener('change', () => {
    view.dirty.clear();
    view.current = view.select.value ? Number(view.select.value) : null;
    view.form.hidden = view.current === null;
    fill(view, room.store.state, true);
  });
  view.form.addEventListener('submit', (event) => save(view, event));
  room.store.subscribe((state) => {
    if (!state) return;
    renderChoices(view, state);
    $('notes-panel').hidden = sessionsInOrder(state).length === 0;
    fill(view, state, false);
  });
}

// The fields from the room's notes, except those this person is changing (unless `force`).
function fill(view, state, force) {
  const { current, dirty, base } = view;
  const notes = (current && state.notes[String(current)]) || { fields: {}, counts: {} };
  for (const name of FIELDS) {
    if (dirty.has(name) && !force) continue;
    const field = notes.fields[name] || { text: '', version: 0 };
    $(`notes-${name}`).value = field.text;
    base[name] = field.version;
  }
  for (const key of COUNT_KEYS) {
    if (dirty.has(`count:${key}`) && !force) continue;
    $(`notes-count-${key}`).value = notes.counts[key] ? String(notes.counts[key]) : '';
  }
}

function renderChoices(view, state) {
  const { select, t } = view;
  const keep = select.value;
  clear(select);
  select.append(el('option', { text: t('notes_pick'), attrs: { value: '' } }));
  for (const { slot, space, session } of sessionsInOrder(state)) {
    const title = titleOf(state, session) || t('removed_topic');
    select.append(el('option', { text: `${slot.starts} · ${space.name} · ${title}`, attrs: { value: session.id } }));
  }
  select.value = keep;
  if (select.value !== keep) select.value = '';
  view.current = select.value ? Number(select.value) : null;
  view.form.hidden = view.current === null;
}

async function save(view, event) {
  const { room, t } = view;
  event.preventDefault();
  if (view.current === null) return;
  const sessionId = view.current;
  const fields = await saveFields(view, sessionId);
  const failed = (await saveCounts(view, sessionId)) || fields.failed;
  const { conflict, held } = fields;
  showError($('notes-error'), failed);
  const notice = $('notes-conflict');
  notice.hidden = !conflict;
  notice.textContent = conflict ? t('notes_conflict') : '';
  if (!heldNotice(held, $('notes-held'), t) && !failed) {
    announce(conflict ? t('notes_conflict') : t('notes_saved'));
  }
  fill(view, room.store.state, false);
}

// Each changed field on its own, from the version this phone started from: a field someone else
// saved meanwhile comes back as a conflict (both texts kept).
async function saveFields(view, sessionId) {
  const { room, dirty, base } = view;
  let conflict = false;
  let held = null;
  let failed = '';
  for (const name of FIELDS) {
    if (!dirty.has(name)) continue;
    const answer = await room.send('notes.write', { session_id: sessionId, field: name, text: $(`notes-${name}`).value, version: base[name] || 0 });
    if (answer && answer.ok) {
      dirty.delete(name);
      conflict = conflict || answer.conflict;
      if (answer.held) held = answer;
    } else if (answer) failed = answer.error.message;
  }
  return { conflict, held, failed };
}

// The changed counts together; the refusal's words, if refused.
async function saveCounts(view, sessionId) {
  const { room, dirty } = view;
  const counts = {};
  for (const key of COUNT_KEYS) {
    if (!dirty.has(`count:${key}`)) continue;
    const raw = $(`notes-count-${key}`).value.trim();
    counts[key] = raw ? Number(raw) : 0;
  }
  if (!Object.keys(counts).length) return '';
  const answer = await room.send('notes.count', { session_id: sessionId, counts });
  if (answer && answer.ok) for (const key of Object.keys(counts)) dirty.delete(`count:${key}`);
  else if (answer) return answer.error.message;
  return '';
}
