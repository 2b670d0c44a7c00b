// The double diamond's phase: the twin of workshop/domain/phases.py.

export const empty = { phase: 'discover' };

export const reducers = {
  'phase.changed': (state, data) => {
    state.phase = data.phase;
  },
};
