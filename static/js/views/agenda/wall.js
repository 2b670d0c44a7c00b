// The agenda on the projector (screens/agenda_wall.js): a table with the slots down and the
// given spaces across, each cell a talk (its title, merged titles, who goes and who is here) or
// free. The screen decides which spaces and which slots fit.

import { clear, el } from '../../common.js';
import { alsoTitles, countsOf, sessionIn, slotsInOrder, titleOf } from '../../state/agenda.js';
import { fitWords } from '../../wall_layout.js';

export function drawAgendaGrid(grid, state, spaces, { t, lang }) {
  const slots = slotsInOrder(state);
  clear(grid);
  // What people wrote is in the workshop's language (screen readers read it so).
  grid.lang = state.workshop.language || lang;
  grid.append(el('caption', { className: 'visually-hidden', text: t('agenda_caption') }));
  const head = el('tr', {}, [el('th', { text: t('agenda_time'), attrs: { scope: 'col' } })]);
  for (const space of spaces) head.append(el('th', { text: space.name, attrs: { scope: 'col' } }));
  grid.append(el('thead', {}, [head]));
  const body = el('tbody');
  for (const slot of slots) {
    // The time on two lines if need be, so the spaces keep the width.
    const when = el('th', { attrs: { scope: 'row' } }, [`${slot.starts}–`, el('wbr'), slot.ends]);
    const row = el('tr', {}, [when]);
    for (const space of spaces) {
      const session = sessionIn(state, slot.id, space.id);
      const cell = el('td');
      if (session) {
        cell.className = 'taken';
        cell.append(el('p', { className: 'agenda-title', text: titleOf(state, session) || t('removed_topic') }));
        const also = alsoTitles(state, session);
        if (also.length) cell.append(el('p', { className: 'agenda-also', text: t('also', { titles: also.join(' · ') }) }));
        const counts = countsOf(state, session.id);
        if (counts.going || counts.here) {
          cell.append(el('p', { className: 'agenda-counts', text: t('agenda_counts', { going: counts.going, here: counts.here }) }));
        }
      } else {
        cell.className = 'free';
        cell.append(el('span', { className: 'agenda-free-text', text: t('agenda_free') }));
      }
      row.append(cell);
    }
    body.append(row);
  }
  grid.append(body);
  fitWords(grid.querySelectorAll('thead th, .agenda-title, .agenda-also'));
}
