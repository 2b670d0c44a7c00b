// Topics on the marketplace: the browser's twin of workshop/domain/topics.py.
import { setTally } from './voting.js';

export const empty = { topics: {} };

function drop(state, topicId) {
  delete state.topics[String(topicId)];
  delete state.tally[String(topicId)];
}

function show(state, topic, includeHidden) {
  if (includeHidden || !topic.hidden) state.topics[String(topic.id)] = topic;
  else drop(state, topic.id);
}

function changed(state, data, includeHidden) {
  show(state, data.topic, includeHidden);
}

export const reducers = {
  'topic.posted': changed,
  'topic.edited': changed,
  'topic.deleted': (state, data) => {
    drop(state, data.topic_id);
    setTally(state, data.tally);
  },
  // Phones and the wall receive the id only; the console also the topic and its totals.
  'topic.hidden': (state, data, includeHidden) => {
    if (includeHidden && data.topic) {
      show(state, data.topic, includeHidden);
      setTally(state, data.tally);
    } else {
      drop(state, data.topic_id);
    }
  },
  'topic.unhidden': (state, data, includeHidden) => {
    show(state, data.topic, includeHidden);
    setTally(state, data.tally);
  },
  'topic.merged': (state, data, includeHidden) => {
    drop(state, data.source_id);
    show(state, data.target, includeHidden);
    if (includeHidden || !data.target.hidden) setTally(state, data.tally);
  },
};
