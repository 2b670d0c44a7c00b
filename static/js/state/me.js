// The participant's own state on their phone: the server's private `me` message
// (workshop/domain/messages.py `Me`: profile, own topics, dots, inputs waiting for review, the
// agenda's "I'm going" and "I'm here"), kept in the store (`store.me`) beside the room's state so
// every view reads it from one place. Not part of the room's state: it is never in a snapshot
// or an event, and walls and consoles have none. No DOM: tested under node (tests/js/me.test.mjs).

export function emptyMe() {
  return {
    participant_id: null, nickname: '', group: '', organisation: '',
    topic_ids: [], hidden_topic_ids: [], waiting_topics: [], waiting_inputs: [],
    round_id: null, votes: {}, theme_votes: {}, dots_left: 0, going: [], here: null,
  };
}

// What the server sent, with every list and map there even where an older server left it out.
export function received(mine) {
  const me = { ...emptyMe(), ...(mine || {}) };
  for (const key of ['topic_ids', 'hidden_topic_ids', 'waiting_topics', 'waiting_inputs', 'going']) me[key] = me[key] || [];
  for (const key of ['votes', 'theme_votes']) me[key] = me[key] || {};
  return me;
}

// A dot given or taken back on a topic: the answer carries this person's dots on it and what is
// left. A replayed command's answer carries no numbers (the `me` that comes with it has them).
export function afterTopicDot(me, topicId, ack) {
  if (!ack || !ack.ok || ack.replayed) return me;
  return { ...me, dots_left: ack.dots_left, votes: { ...me.votes, [String(topicId)]: ack.mine } };
}

// A dot on a theme (a round on themes): the answer carries this person's dots on it.
export function afterThemeDot(me, themeId, ack) {
  if (!ack || !ack.ok) return me;
  return { ...me, theme_votes: { ...me.theme_votes, [String(themeId)]: ack.mine } };
}

// A topic this person just posted is theirs before the next `me` says so.
export function afterPost(me, topic) {
  if (!topic || me.topic_ids.includes(topic.id)) return me;
  return { ...me, topic_ids: [...me.topic_ids, topic.id] };
}

export function ownsTopic(me, topicId) {
  return me.topic_ids.includes(topicId);
}

export function dotsOnTopic(me, topicId) {
  return me.votes[String(topicId)] || 0;
}

export function dotsOnTheme(me, themeId) {
  return me.theme_votes[String(themeId)] || 0;
}

export function isGoing(me, sessionId) {
  return me.going.includes(sessionId);
}

export function isHere(me, sessionId) {
  return me.here === sessionId;
}

// What this person wrote that waits for the organiser: a topic's title, or an input's kind and
// its words ("Idé: Fler bänkar").
export function waitingLines(me, t) {
  const lines = me.waiting_topics.map((topic) => topic.title);
  for (const input of me.waiting_inputs) {
    const words = Object.values(input.words || {}).join(' – ');
    lines.push(words ? `${t(`held_${input.kind}`)}: ${words}` : t(`held_${input.kind}`));
  }
  return lines;
}
