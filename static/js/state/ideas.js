// Ideas under themes, low-hanging fruit, hiding: the twin of workshop/domain/ideas.py.

export const empty = { ideas: {} };

function show(state, idea, includeHidden) {
  if (includeHidden || !idea.hidden) state.ideas[String(idea.id)] = idea;
  else delete state.ideas[String(idea.id)];
}

function changed(state, data, includeHidden) {
  show(state, data.idea, includeHidden);
}

export const reducers = {
  'idea.posted': changed,
  'idea.marked': changed,
  'idea.shown': changed,
  // Phones and the wall receive the id only; the console also the idea.
  'idea.hidden': (state, data, includeHidden) => {
    if (includeHidden && data.idea) show(state, data.idea, includeHidden);
    else delete state.ideas[String(data.idea_id)];
  },
};
