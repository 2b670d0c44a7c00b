// A voting round on the facilitator's console: open one (budget, cap, purpose, sealed or live,
// on topics or themes), how it goes, close or reveal it, and the ranking of this round and the
// earlier ones.

import { clear, el, renderRanking, renderResult, sendShowingError } from '../../common.js';
import { visible } from '../../state/topics.js';
import { roundItems } from '../phases/index.js';

const $ = (id) => document.getElementById(id);

export function mountVotingConsole(room, t, { config }) {
  const view = { room, t, config, command: (name, payload, errorNode) => sendShowingError(room, name, payload, errorNode) };
  room.store.subscribe((state) => {
    if (!state) return;
    renderRound(view, state);
    renderResults(view, state);
  });
  wireRoundForm(view);
}

function roundStatus(view, round) {
  const { t } = view;
  if (!round) return t('no_round');
  const open = round.status === 'open';
  let status = open
    ? t('round_open_status', { n: round.number, budget: round.budget, max: round.max_per_topic })
    : t('round_closed_status', { n: round.number });
  if (round.purpose) status += ` ${round.purpose}`;
  if (open) status += ` ${round.sealed ? t('console_sealed') : t('console_live')}`;
  return status;
}

function renderRound(view, state) {
  const { t } = view;
  const round = state.round;
  const open = Boolean(round && round.status === 'open');
  $('round-status').textContent = roundStatus(view, round);
  // Enough to know when to close: who has voted, and how many dots are still in people's hands.
  $('round-turnout').hidden = !open;
  if (open) {
    const left = Math.max(0, state.participants.total * round.budget - state.turnout.dots);
    $('round-turnout').textContent = t('console_turnout', {
      n: state.turnout.voters, total: state.participants.total, dots: state.turnout.dots, left,
    });
  }
  $('round-form').hidden = open || state.workshop.status !== 'open';
  $('round-keeps').hidden = !state.rounds.length;
  $('round-close').hidden = !open;
  $('round-reveal').hidden = !(open && round.sealed);
}

function renderResults(view, state) {
  const { t, config } = view;
  const list = $('results');
  if (!state.round) {
    clear(list);
  } else {
    const { items, tally } = roundItems(state, state.round);
    const shown = state.round.scope === 'themes' ? Object.values(items) : Object.values(state.topics).filter(visible);
    renderRanking(list, shown, tally, t);
  }
  const past = state.rounds.filter((r) => r.results && r.id !== (state.round && state.round.id));
  $('no-past-rounds').hidden = past.length > 0;
  const rounds = $('past-round-list');
  clear(rounds);
  for (const round of past.slice().reverse()) {
    const ranking = el('ol', { className: 'results', attrs: { lang: state.workshop.language || config.lang } });
    const shown = roundItems(state, round);
    renderResult(ranking, shown.results, shown.items, t);
    const label = round.purpose ? `${t('round_n', { n: round.number })}: ${round.purpose}` : t('round_n', { n: round.number });
    rounds.append(el('li', {}, [el('details', {}, [el('summary', { text: label }), ranking])]));
  }
}

function wireRoundForm(view) {
  $('round-form').addEventListener('submit', (event) => {
    event.preventDefault();
    view.command('round.open', {
      budget: Number($('round-budget').value),
      max_per_topic: Number($('round-cap').value),
      purpose: $('round-purpose').value,
      sealed: !$('round-live').checked,
      scope: $('round-scope').value,
    }, $('round-error'));
  });
  $('round-close').addEventListener('click', () => view.command('round.close', {}, $('round-error')));
  $('round-reveal').addEventListener('click', () => view.command('round.reveal', {}, $('round-error')));
}
