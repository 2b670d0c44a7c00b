// Voting rounds and the tally: the browser's twin of workshop/domain/voting.py.

export const empty = { round: null, tally: {} };

export function setTally(state, tally) {
  for (const [topicId, total] of Object.entries(tally || {})) {
    if (total) state.tally[String(topicId)] = total;
    else delete state.tally[String(topicId)];
  }
}

function totalChanged(state, data) {
  if (state.topics[String(data.topic_id)]) setTally(state, { [data.topic_id]: data.total });
}

export const reducers = {
  'round.opened': (state, data) => {
    state.round = data.round;
    state.tally = {};
  },
  // The ranking is derived from the tally, so only the status changes here.
  'round.closed': (state, data) => {
    state.round = data.round;
  },
  'vote.cast': totalChanged,
  'vote.retracted': totalChanged,
};
