// A workshop's settings and status: the twin of workshop/domain/workshops.py.

export const empty = {};

function changed(state, data) {
  state.workshop = data.workshop;
}

export const reducers = {
  'workshop.updated': changed,
  'workshop.closed': changed,
  'workshop.reopened': changed,
};
