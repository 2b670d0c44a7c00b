// Decisions (Deliver): the browser's twin of workshop/domain/decisions.py.

export const empty = { decisions: {} };

function changed(state, data) {
  state.decisions[String(data.decision.id)] = data.decision;
}

export const reducers = {
  'decision.recorded': changed,
  'decision.edited': changed,
  'decision.removed': (state, data) => {
    delete state.decisions[String(data.decision_id)];
  },
};
