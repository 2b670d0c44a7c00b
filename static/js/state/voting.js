// Voting rounds, their history, the turnout and the tally: the twin of workshop/domain/voting.py.

// theme_tally: a round on themes keeps its totals apart, by theme id (topic and theme ids overlap).
export const empty = {
  round: null, rounds: [], tally: {}, turnout: { voters: 0, dots: 0 }, theme_tally: {},
};

export function setTally(state, tally) {
  for (const [topicId, total] of Object.entries(tally || {})) {
    if (total) state.tally[String(topicId)] = total;
    else delete state.tally[String(topicId)];
  }
}

// Every round keeps its result; the latest is the current one.
function remember(state, round, results) {
  const previous = state.rounds.find((r) => r.id === round.id);
  const entry = { ...round, results: results !== undefined ? results : previous ? previous.results : null };
  state.rounds = [...state.rounds.filter((r) => r.id !== round.id), entry].sort((a, b) => a.number - b.number);
  state.round = round;
}

function totalChanged(state, data) {
  state.turnout = { voters: data.voters, dots: data.dots };
  // null while a sealed round is open: phones and the wall see the turnout only.
  if (data.total !== null && data.total !== undefined && state.topics[String(data.topic_id)]) {
    setTally(state, { [data.topic_id]: data.total });
  }
}

export const reducers = {
  'round.opened': (state, data) => {
    remember(state, data.round, null);
    state.tally = {};
    state.theme_tally = {};
    state.turnout = { voters: 0, dots: 0 };
  },
  'round.closed': (state, data) => {
    state.tally = {};
    if (data.round.scope === 'themes') {
      remember(state, data.round, data.theme_results);
      state.theme_tally = Object.fromEntries(data.theme_results.filter((r) => r.total).map((r) => [String(r.theme_id), r.total]));
      return;
    }
    remember(state, data.round, data.results);
    setTally(state, Object.fromEntries(data.results.map((r) => [String(r.topic_id), r.total])));
  },
  'round.revealed': (state, data) => {
    remember(state, data.round, undefined);
    state.tally = {};
    if (data.round.scope === 'themes') {
      state.theme_tally = Object.fromEntries(Object.entries(data.tally || {}).filter(([, n]) => n));
      return;
    }
    setTally(state, Object.fromEntries(Object.entries(data.tally || {}).filter(([id]) => state.topics[id])));
  },
  'vote.cast': totalChanged,
  'vote.retracted': totalChanged,
};
