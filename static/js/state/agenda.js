// The Open Space agenda: the browser's twin of workshop/domain/agenda.py.

export const empty = { agenda: { slots: {}, spaces: {}, sessions: {}, counts: {} } };

function putSession(state, session, includeHidden) {
  // Phones and the wall never learn who convenes a session.
  state.agenda.sessions[String(session.id)] = includeHidden ? session : { ...session, convener: null };
}

function setCounts(state, counts) {
  for (const [id, count] of Object.entries(counts || {})) {
    if (count.going || count.here) state.agenda.counts[id] = count;
    else delete state.agenda.counts[id];
  }
}

function dropSession(state, id) {
  delete state.agenda.sessions[String(id)];
  delete state.agenda.counts[String(id)];
  delete state.notes[String(id)];
}

export const reducers = {
  'slot.saved': (state, data) => {
    state.agenda.slots[String(data.slot.id)] = data.slot;
  },
  'slot.removed': (state, data) => {
    delete state.agenda.slots[String(data.slot_id)];
    delete state.timers[String(data.slot_id)];
  },
  'space.saved': (state, data) => {
    state.agenda.spaces[String(data.space.id)] = data.space;
  },
  'space.removed': (state, data) => {
    delete state.agenda.spaces[String(data.space_id)];
  },
  'session.placed': (state, data, includeHidden) => putSession(state, data.session, includeHidden),
  'session.moved': (state, data, includeHidden) => putSession(state, data.session, includeHidden),
  'session.merged': (state, data, includeHidden) => {
    dropSession(state, data.source_id);
    if (data.notes !== null && data.notes !== undefined) state.notes[String(data.target.id)] = data.notes;
    putSession(state, data.target, includeHidden);
    setCounts(state, data.counts);
  },
  'session.removed': (state, data) => dropSession(state, data.session_id),
  'attendance.counted': (state, data) => setCounts(state, data.counts),
};

// Slots by start time, spaces in the order they were made.
export function slotsInOrder(state) {
  return Object.values(state.agenda.slots).sort((a, b) => (a.starts < b.starts ? -1 : a.starts > b.starts ? 1 : a.id - b.id));
}

export function spacesInOrder(state) {
  return Object.values(state.agenda.spaces).sort((a, b) => a.id - b.id);
}

export function sessionIn(state, slotId, spaceId) {
  return Object.values(state.agenda.sessions).find((s) => s.slot_id === slotId && s.space_id === spaceId) || null;
}

export function countsOf(state, sessionId) {
  return state.agenda.counts[String(sessionId)] || { going: 0, here: 0 };
}

// The clashes of workshop/domain/agenda.py `clashes`, for the console.
export function clashes(state) {
  const found = [];
  const byConvener = new Map();
  const byCell = new Map();
  const sessions = Object.values(state.agenda.sessions).sort((a, b) => a.id - b.id);
  for (const s of sessions) {
    if (s.convener !== null && s.convener !== undefined) {
      const key = `${s.convener}:${s.slot_id}`;
      byConvener.set(key, [...(byConvener.get(key) || []), s.id]);
    }
    const cell = `${s.slot_id}:${s.space_id}`;
    byCell.set(cell, [...(byCell.get(cell) || []), s.id]);
  }
  for (const ids of byConvener.values()) if (ids.length > 1) found.push({ kind: 'convener_twice', session_ids: ids });
  for (const ids of byCell.values()) if (ids.length > 1) found.push({ kind: 'cell_twice', session_ids: ids });
  for (const s of sessions) {
    const space = state.agenda.spaces[String(s.space_id)];
    const count = countsOf(state, s.id);
    if (space && space.capacity !== null && Math.max(count.going, count.here) > space.capacity) {
      found.push({ kind: 'over_capacity', session_ids: [s.id] });
    }
  }
  return found;
}

// A session's title comes from its topic; null when this screen no longer has the topic (hidden
// or merged away), so the screen says so instead of showing stale words.
export function titleOf(state, session) {
  const topic = state.topics[String(session.topic_id)];
  return topic ? topic.title : null;
}

export function alsoTitles(state, session) {
  return (session.also_topic_ids || []).map((id) => state.topics[String(id)]).filter(Boolean).map((t) => t.title);
}

export function freeCells(state) {
  const cells = [];
  for (const slot of slotsInOrder(state)) {
    for (const space of spacesInOrder(state)) {
      if (!sessionIn(state, slot.id, space.id)) cells.push({ slot, space });
    }
  }
  return cells;
}

export function placedTopicIds(state) {
  return new Set(Object.values(state.agenda.sessions).map((s) => s.topic_id));
}
