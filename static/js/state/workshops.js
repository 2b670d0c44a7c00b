// A workshop's settings and status: the twin of workshop/domain/workshops.py.

import { questionOpen } from './questions.js';

export const empty = {};

function changed(state, data) {
  state.workshop = data.workshop;
}

export const reducers = {
  'workshop.updated': changed,
  'workshop.closed': changed,
  'workshop.reopened': changed,
};

// The title and the question as a reader of `mode` ("sv", "sv_easy", "en") reads them: the
// version the coordinator wrote for that mode, else the workshop's own (domain/consultation.py
// in_reading: the same rule on the server's pages).
export function inReading(workshop, mode) {
  const own = (workshop.texts || {})[mode] || {};
  return { title: own.title || workshop.title, theme: own.theme || workshop.theme };
}

// What the wall shows now: the coordinator's choice (console: "Show on the wall"), or for "auto"
// the phase's own view. A chosen view wins over the quiet closing circle (quiet only stops new
// input); "auto" is the closing circle while the room is quiet, an open round while it runs, the
// themes from Define on (their ideas in Develop), the actions in Deliver, else the marketplace
// or the latest round. {name, kind, round}: `kind` and `round` for the topics' view only.
export function wallView(state) {
  const { wall_view: chosen, wall_round_id: roundId } = state.workshop;
  const topicsView = (kind, round = null) => ({ name: 'topics', kind, round });
  const latest = () => (state.round ? topicsView('round', state.round) : topicsView('marketplace'));
  if (chosen === 'results') {
    const past = state.rounds.find((r) => r.id === roundId && r.results);
    if (past) return topicsView('results', past);
  }
  if (chosen === 'marketplace') return topicsView('marketplace');
  if (chosen === 'round') return latest();
  if (chosen === 'board' || chosen === 'opening') return { name: chosen, round: null };
  if (chosen === 'question' || questionOpen(state)) return { name: 'question', round: null };
  if (state.closing && state.closing.quiet) return { name: 'closing', round: null };
  if (state.round && state.round.status === 'open') return topicsView('round', state.round);
  const phase = state.phase || 'discover';
  if (phase === 'deliver' && Object.keys(state.actions || {}).length) return { name: 'actions', round: null };
  if (phase === 'deliver' || (phase !== 'discover' && Object.keys(state.themes).length)) {
    return { name: 'themes', round: null };
  }
  return latest();
}
