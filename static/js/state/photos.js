// Photos of the flip chart: the browser's twin of workshop/domain/photos.py. The state knows
// which session each photo belongs to and its size; the picture itself comes over HTTP.

export const empty = { photos: {} };

export const reducers = {
  'notes.photo_added': (state, data) => {
    state.photos[String(data.photo_id)] = { session_id: data.session_id, width: data.width, height: data.height };
  },
  'notes.photo_removed': (state, data) => {
    delete state.photos[String(data.photo_id)];
  },
};

// A session's photos, oldest first, as [{id, width, height}].
export function photosOf(state, sessionId) {
  return Object.entries(state.photos || {})
    .filter(([, p]) => p.session_id === sessionId)
    .map(([id, p]) => ({ id: Number(id), width: p.width, height: p.height }))
    .sort((a, b) => a.id - b.id);
}
