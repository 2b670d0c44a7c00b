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

// The title and the question as a reader of `mode` ("sv", "sv_easy", "en") reads them: the
// version the coordinator wrote for that mode, else the workshop's own (domain/consultation.py
// in_reading: the same rule on the server's pages).
export function inReading(workshop, mode) {
  const own = (workshop.texts || {})[mode] || {};
  return { title: own.title || workshop.title, theme: own.theme || workshop.theme };
}
