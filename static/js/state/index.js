// The browser's event registry: every feature's reducers by event type, and `apply`.
// The Python registry (workshop/domain/events.py) is the source; a test runs these reducers
// under node on the same events and checks both sides reach the same state.
import * as board from './board.js';
import * as feedback from './feedback.js';
import * as participants from './participants.js';
import * as topics from './topics.js';
import * as voting from './voting.js';
import * as workshops from './workshops.js';

const FEATURES = [workshops, participants, topics, voting, board, feedback];

export const REDUCERS = Object.assign({}, ...FEATURES.map((feature) => feature.reducers));

export function emptyState(workshop) {
  return structuredClone({ seq: 0, workshop, ...Object.assign({}, ...FEATURES.map((f) => f.empty)) });
}

export function apply(previous, event, includeHidden) {
  if (event.seq <= previous.seq) return previous;
  const reducer = Object.hasOwn(REDUCERS, event.type) ? REDUCERS[event.type] : null;
  // An event type this page does not know: resync rather than guess.
  if (!reducer) throw new Error(`unknown event type ${event.type}`);
  const state = structuredClone(previous);
  state.seq = event.seq;
  reducer(state, event.payload, includeHidden);
  return state;
}
