// Topic posting closed and the quiet closing circle: the console's two switches, the phone's
// notice (its posting forms fold away through a class on <body>), the wall's calm view.

import { clear, el, showError } from '../common.js';
import { countsOf, sessionIn, slotsInOrder, spacesInOrder, titleOf } from '../state/agenda.js';

const $ = (id) => document.getElementById(id);

function flags(state) {
  return state.closing || { posting_closed: false, quiet: false };
}

export function mountClosingPhone(room, t) {
  const notice = $('closing-notice');
  if (!notice) return;
  room.store.subscribe((state) => {
    if (!state) return;
    const { posting_closed: closed, quiet } = flags(state);
    document.body.classList.toggle('room-quiet', quiet);
    document.body.classList.toggle('posting-closed', closed || quiet);
    const text = quiet ? t('closing_quiet_phone') : closed ? t('closing_posting_phone') : '';
    notice.textContent = text;
    notice.hidden = !text;
  });
}

export function mountClosingConsole(room, t) {
  const posting = $('closing-posting');
  if (!posting) return;
  const quiet = $('closing-quiet');
  async function send(change) {
    const answer = await room.send('closing.set', change);
    showError($('closing-error'), answer && !answer.ok ? answer.error.message : '');
  }
  posting.addEventListener('click', () => send({ posting_closed: !flags(room.store.state).posting_closed }));
  quiet.addEventListener('click', () => send({ quiet: !flags(room.store.state).quiet }));
  room.store.subscribe((state) => {
    if (!state) return;
    const now = flags(state);
    posting.textContent = now.posting_closed ? t('closing_open_posting') : t('closing_close_posting');
    posting.setAttribute('aria-pressed', String(now.posting_closed));
    quiet.textContent = now.quiet ? t('closing_end_quiet') : t('closing_make_quiet');
    quiet.setAttribute('aria-pressed', String(now.quiet));
    const parts = [now.posting_closed ? t('closing_posting_is_closed') : t('closing_posting_is_open')];
    if (now.quiet) parts.push(t('closing_room_is_quiet'));
    $('closing-state').textContent = parts.join(' ');
  });
}

// The wall: while the room is quiet, the day's talks in slot and space order with how many
// were there, instead of the topics.
export function mountClosingWall(room, t) {
  const section = $('closing-wall');
  if (!section) return;
  room.store.subscribe((state) => {
    if (!state) return;
    const shown = flags(state).quiet;
    section.hidden = !shown;
    document.body.classList.toggle('wall-shows-closing', shown);
    if (!shown) return;
    const list = $('closing-wall-sessions');
    clear(list);
    let talks = 0;
    for (const slot of slotsInOrder(state)) {
      for (const space of spacesInOrder(state)) {
        const session = sessionIn(state, slot.id, space.id);
        const title = session && titleOf(state, session);
        if (!title) continue;
        talks += 1;
        const counts = countsOf(state, session.id);
        list.append(el('li', {}, [
          el('span', { className: 'closing-when', text: `${slot.starts} · ${space.name}` }),
          el('span', { className: 'closing-title', text: title }),
          el('span', { className: 'closing-count', text: counts.going ? t('closing_going', { n: counts.going }) : '' }),
        ]));
      }
    }
    const withNotes = Object.keys(state.notes || {}).length;
    $('closing-wall-figures').textContent = [
      t('closing_talks', { n: talks }), t('closing_with_notes', { n: withNotes }), t('participants', { n: state.participants.total }),
    ].join(' · ');
  });
}
