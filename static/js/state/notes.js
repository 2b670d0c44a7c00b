// Session notes: the browser's twin of workshop/domain/notes.py.

export const empty = { notes: {} };

function slot(state, sessionId) {
  const key = String(sessionId);
  if (!state.notes[key]) state.notes[key] = { fields: {}, counts: {} };
  return state.notes[key];
}

export const reducers = {
  'notes.written': (state, data) => {
    slot(state, data.session_id).fields[data.field] = { text: data.text, version: data.version };
  },
  'notes.counted': (state, data) => {
    slot(state, data.session_id).counts = { ...data.counts };
  },
};

export const FIELDS = ['title', 'convener', 'discussion', 'recommendations', 'next_steps'];
export const COUNT_KEYS = ['young', 'parent', 'kommun', 'region', 'stat', 'civil', 'other'];
