// Topic posting closed and the quiet closing circle: the browser's twin of
// workshop/domain/closing.py.

export const empty = { closing: { posting_closed: false, quiet: false } };

export const reducers = {
  'closing.changed': (state, data) => {
    state.closing = { posting_closed: data.posting_closed, quiet: data.quiet };
  },
};
