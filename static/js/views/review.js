// Review before showing on the console: what participants sent that waits (an idea, a board card
// or note, session notes, a photo), to show in the room or to drop. The twin of
// workshop/services/review.py; topics wait in the topic list instead.

import { announce, clear, el, showError } from '../common.js';
import { waitingLines } from '../state/me.js';

const $ = (id) => document.getElementById(id);

export function mountReviewConsole(room, t, workshopId) {
  const card = $('review-card');
  if (!card) return;
  const list = $('held-list');
  let shownKey = null;
  // Set by a click here: the next list keeps the focus in the card (never moved there otherwise).
  let keepFocus = false;

  async function settle(name, item, done) {
    keepFocus = true;
    const answer = await room.send(name, { held_id: item.id });
    showError($('review-error'), answer && !answer.ok ? answer.error.message : '');
    if (answer && answer.ok) announce(t(done, { kind: t(`held_${item.kind}`) }));
  }

  function row(item) {
    const label = t(`held_${item.kind}`);
    const body = item.kind === 'photo'
      ? el('img', {
        className: 'held-photo',
        attrs: { src: `/console/${workshopId}/held/${item.id}.jpg`, alt: t('held_photo_alt'), loading: 'lazy' },
      })
      : el('p', { className: 'held-words', text: Object.values(item.words || {}).join('\n\n') });
    return el('li', { className: 'held-item', attrs: { 'data-held-id': item.id } }, [
      el('p', { className: 'held-kind muted', text: label }),
      body,
      el('div', { className: 'row' }, [
        el('button', {
          className: 'button small primary',
          text: t('held_show'),
          attrs: { type: 'button', 'aria-label': `${t('held_show')}: ${label}` },
          on: { click: () => settle('review.show', item, 'held_shown') },
        }),
        el('button', {
          className: 'button small',
          text: t('held_drop'),
          attrs: { type: 'button', 'aria-label': `${t('held_drop')}: ${label}` },
          on: { click: () => settle('review.drop', item, 'held_dropped') },
        }),
      ]),
    ]);
  }

  room.store.subscribe((state) => {
    if (!state) return;
    const held = Object.values(state.held || {}).sort((a, b) => a.id - b.id);
    card.hidden = held.length === 0 && !state.workshop.review_topics;
    $('held-count').textContent = held.length ? `(${held.length})` : '';
    $('held-none').hidden = held.length > 0;
    // Rebuilt only when what waits changes: votes arriving must not swap the button under a click.
    const key = held.map((item) => item.id).join(',');
    if (key === shownKey) return;
    shownKey = key;
    clear(list);
    for (const item of held) list.append(row(item));
    // After showing or dropping one, the next one's first button has the focus.
    if (keepFocus) (held.length ? list.querySelector('button') : $('review-heading')).focus();
    keepFocus = false;
  });
}

// On a participant's phone: their own topics the organiser took off the wall, said kindly and
// without their words (those are no longer sent to phones at all), and what they wrote that
// still waits for the organiser, in their own words (sent only to their own phone).
export function mountReviewPhone(room, t) {
  room.store.subscribe((state) => {
    if (!state) return;
    const me = room.store.me;
    const count = me.hidden_topic_ids.length;
    const notice = $('taken-off-notice');
    notice.hidden = count === 0;
    notice.textContent = count ? t('taken_off', { n: count }) : '';
    const lines = waitingLines(me, t);
    $('waiting-panel').hidden = lines.length === 0;
    const list = $('waiting-topics');
    clear(list);
    for (const line of lines) list.append(el('li', { text: line }));
  });
}
