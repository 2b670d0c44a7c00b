// The browser's event registry: every feature's reducers by event type, and `apply`.
// The Python registry (workshop/domain/events.py) is the source; a test runs these reducers
// under node on the same events and checks both sides reach the same state.
import * as agenda from './agenda.js';
import * as board from './board.js';
import * as catalog from './catalog.js';
import * as notes from './notes.js';
import * as feedback from './feedback.js';
import * as participants from './participants.js';
import * as timers from './timers.js';
import * as topics from './topics.js';
import * as voting from './voting.js';
import * as workshops from './workshops.js';
// The double diamond: phases, themes, ideas.
import * as ideas from './ideas.js';
import * as phases from './phases.js';
import * as themes from './themes.js';
// Deliver
import * as actions from './actions.js';
import * as decisions from './decisions.js';
import * as participation from './participation.js';
// Open Space: photos of the flip charts
import * as photos from './photos.js';
import * as opening from './opening.js';
import * as closing from './closing.js';
import * as questions from './questions.js';
// Review before showing, for everything but topics (which wait as topics).
import * as review from './review.js';

const FEATURES = [workshops, participants, topics, voting, board, phases, themes, ideas, actions, decisions, participation, catalog, agenda, timers, notes, feedback, photos, opening, closing, questions, review];

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
