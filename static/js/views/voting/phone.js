// A voting round on a participant's phone: the round's panel, the dots-left bar with "Only my
// dots", the latest result and every earlier round's. The dots left are the store's `me`.

import { announce, clear, el, renderResult } from '../../common.js';
import { roundItems } from '../phases/index.js';
import { roundOpen } from '../topics/phone.js';

const $ = (id) => document.getElementById(id);

// `filter.mineOnly` ("Only my dots") is read by the topic list (views/topics/phone.js).
export function mountVotingPhone(room, t, { config, filter }) {
  const view = { room, t, config, filter };
  room.store.subscribe((state, events) => render(view, state, events));
  $('mine-only').addEventListener('click', () => {
    filter.mineOnly = !filter.mineOnly;
    room.store.redraw();
  });
}

function render(view, state, events) {
  if (!state) return;
  for (const id of ['results', 'past-round-list']) $(id).lang = state.workshop.language || view.config.lang;
  renderRound(view, state);
  renderResults(view, state);
  for (const event of events) {
    if (event.type === 'round.opened') announce(view.t('round_opened', { budget: event.payload.round.budget }));
    else if (event.type === 'round.closed') announce(view.t('round_closed'));
  }
}

function renderRound(view, state) {
  const { t, filter } = view;
  const panel = $('round-panel');
  panel.hidden = !state.round;
  if (!state.round) return;
  const open = roundOpen(state);
  $('round-status').textContent = open
    ? t('round_opened', { budget: state.round.budget })
    : t('round_closed');
  $('round-purpose').textContent = state.round.purpose || '';
  $('round-purpose').hidden = !state.round.purpose;
  $('dots-left').textContent = open ? t('dots_left', { n: view.room.store.me.dots_left }) : '';
  $('dots-bar').hidden = !open;
  document.documentElement.classList.toggle('has-dots-bar', open);
  if (!open) filter.mineOnly = false;
  $('mine-only').setAttribute('aria-pressed', String(filter.mineOnly));
  // What this promises is what the wall does: a sealed round shows no totals anywhere.
  $('round-note').textContent = open ? t(state.round.sealed ? 'votes_hidden_note' : 'votes_live_note') : '';
  $('round-note').hidden = !open;
}

function renderResults(view, state) {
  const { t } = view;
  const closed = Boolean(state.round && state.round.status === 'closed');
  $('results-panel').hidden = !closed;
  if (closed) {
    const latest = roundItems(state, state.rounds.find((r) => r.id === state.round.id));
    renderResult($('results'), latest.results || [], latest.items, t);
  }
  // Every earlier round keeps its result.
  const past = state.rounds.filter((r) => r.results && (!closed || r.id !== state.round.id));
  $('past-rounds').hidden = past.length === 0;
  const list = $('past-round-list');
  clear(list);
  for (const round of past.slice().reverse()) {
    const ranking = el('ol', { className: 'results' });
    const shown = roundItems(state, round);
    renderResult(ranking, shown.results, shown.items, t);
    list.append(el('li', {}, [
      el('details', {}, [
        el('summary', { text: round.purpose ? `${t('round_n', { n: round.number })}: ${round.purpose}` : t('round_n', { n: round.number }) }),
        ranking,
      ]),
    ]));
  }
}
