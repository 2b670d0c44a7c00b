// Topics on the marketplace: the browser's twin of workshop/domain/topics.py.
import { setTally } from './voting.js';

export const empty = { topics: {} };

function drop(state, topicId) {
  delete state.topics[String(topicId)];
  delete state.tally[String(topicId)];
}

// Shown on phones and the wall: neither hidden nor waiting for review.
export function visible(topic) {
  return !topic.hidden && !topic.pending;
}

function show(state, topic, includeHidden) {
  if (includeHidden || visible(topic)) state.topics[String(topic.id)] = topic;
  else drop(state, topic.id);
}

function setTurnout(state, turnout) {
  if (turnout) state.turnout = turnout;
}

function changed(state, data, includeHidden) {
  show(state, data.topic, includeHidden);
}

export const reducers = {
  'topic.posted': changed,
  'topic.edited': changed,
  'topic.approved': changed,
  'topic.deleted': (state, data) => {
    drop(state, data.topic_id);
    setTally(state, data.tally);
    setTurnout(state, data.turnout);
  },
  // Phones and the wall receive the id only; the console also the topic and its totals.
  'topic.hidden': (state, data, includeHidden) => {
    if (includeHidden && data.topic) {
      show(state, data.topic, includeHidden);
      setTally(state, data.tally);
    } else {
      drop(state, data.topic_id);
    }
    setTurnout(state, data.turnout);
  },
  'topic.unhidden': (state, data, includeHidden) => {
    show(state, data.topic, includeHidden);
    if (includeHidden || visible(data.topic)) setTally(state, data.tally);
  },
  'topic.unmerged': (state, data, includeHidden) => {
    show(state, data.source, includeHidden);
    show(state, data.target, includeHidden);
  },
  'topic.merged': (state, data, includeHidden) => {
    drop(state, data.source_id);
    show(state, data.target, includeHidden);
    if (includeHidden || visible(data.target)) setTally(state, data.tally);
    setTurnout(state, data.turnout);
  },
};
