// The feedback page's lines ("you said, we did, why not, when"): the twin of
// workshop/domain/feedback.py. Phones and the wall only ever receive published lines.

export const empty = { feedback: {} };

function show(state, item, includeHidden) {
  if (includeHidden || item.published) state.feedback[String(item.id)] = item;
  else delete state.feedback[String(item.id)];
}

function changed(state, data, includeHidden) {
  show(state, data.item, includeHidden);
}

export const reducers = {
  'feedback.item_added': changed,
  'feedback.item_edited': changed,
  'feedback.item_removed': (state, data) => {
    delete state.feedback[String(data.item_id)];
  },
};
