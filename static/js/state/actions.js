// Action cards (Deliver): the browser's twin of workshop/domain/actions.py.

export const empty = { actions: {} };

function changed(state, data) {
  state.actions[String(data.action.id)] = data.action;
}

export const reducers = {
  'action.added': changed,
  'action.edited': changed,
  'action.removed': (state, data) => {
    delete state.actions[String(data.action_id)];
    // Decisions that named the card keep their words, not the link (as the server does).
    for (const decision of Object.values(state.decisions)) {
      if (decision.action_id === data.action_id) decision.action_id = null;
    }
  },
};
