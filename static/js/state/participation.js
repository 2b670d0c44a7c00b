// Participation levels, anonymity and consent notes: the twin of workshop/domain/participation.py.

export const empty = {
  participation: { shier: '', trappa: '', anonymity: 'anonymous', consent_notes: '' },
};

export const reducers = {
  'participation.changed': (state, data) => {
    state.participation = data.participation;
  },
};
