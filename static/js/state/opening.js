// The opening circle's text: the browser's twin of workshop/domain/opening.py. The defaults come
// with the snapshot (the server's), so they are written once, in Python.

export const empty = { opening: { texts: {}, custom: false } };

export const reducers = {
  'opening.updated': (state, data) => {
    state.opening = { texts: structuredClone(data.texts), custom: data.custom };
  },
};

// The text in the screen's language, else the other one.
export function openingIn(state, lang) {
  const texts = (state.opening && state.opening.texts) || {};
  return texts[lang] || texts.sv || texts.en || null;
}
