// Inputs waiting for review (an idea, a board card or note, session notes, a photo): the twin
// of workshop/domain/review.py. Only the console keeps them; phones and the wall keep nothing.

export const empty = { held: {} };

export const reducers = {
  'input.held': (state, data, includeHidden) => {
    if (includeHidden) state.held[String(data.held.id)] = data.held;
  },
  'input.settled': (state, data) => {
    delete state.held[String(data.held_id)];
  },
};
