// The room state and `apply(event)`: a faithful mirror of workshop/domain/state.py.

const HEAD_GRACE_MS = 2000;

export class Store {
  constructor({ includeHidden, onGap }) {
    this.includeHidden = includeHidden;
    this.onGap = onGap;
    this.state = null;
    this.buffer = new Map();
    this.gapTimer = null;
    this.headTimer = null;
    this.listeners = new Set();
  }

  get seq() {
    return this.state ? this.state.seq : 0;
  }

  subscribe(listener) {
    this.listeners.add(listener);
  }

  notify(events) {
    for (const listener of this.listeners) listener(this.state, events);
  }

  setSnapshot(snapshot) {
    this.state = snapshot;
    for (const seq of [...this.buffer.keys()]) if (seq <= snapshot.seq) this.buffer.delete(seq);
    this.drain([]);
  }

  // The server's periodic `head`: a broadcast that never arrived (its message queue was down)
  // shows as a seq this page lacks. Batches in flight get a moment to land, then we sync.
  noteHead(seq) {
    if (typeof seq !== 'number' || !this.state || seq <= this.state.seq) return;
    clearTimeout(this.headTimer);
    this.headTimer = setTimeout(() => {
      if (this.state && this.state.seq < seq && this.onGap) this.onGap(false);
    }, HEAD_GRACE_MS);
  }

  // Batches may arrive out of order from several server threads, or before the first snapshot:
  // ignore what is already applied, buffer the rest until the gap fills, and ask for a sync if
  // it does not fill within a second.
  applyAll(events) {
    for (const event of events || []) {
      if (!event || typeof event.seq !== 'number') continue;
      if (!this.state || event.seq > this.state.seq) this.buffer.set(event.seq, event);
    }
    if (this.state) this.drain([]);
  }

  drain(applied) {
    try {
      while (this.buffer.has(this.state.seq + 1)) {
        const event = this.buffer.get(this.state.seq + 1);
        this.buffer.delete(event.seq);
        this.state = apply(this.state, event, this.includeHidden);
        applied.push(event);
      }
    } catch {
      // An event this page cannot apply: start again from a fresh snapshot rather than guess.
      this.buffer.clear();
      if (this.onGap) this.onGap(true);
    }
    for (const seq of [...this.buffer.keys()]) if (seq <= this.state.seq) this.buffer.delete(seq);
    clearTimeout(this.gapTimer);
    if (this.buffer.size) {
      this.gapTimer = setTimeout(() => this.onGap && this.onGap(false), 1000);
    }
    this.notify(applied);
  }
}

function setTally(state, tally) {
  for (const [topicId, total] of Object.entries(tally || {})) {
    if (total) state.tally[String(topicId)] = total;
    else delete state.tally[String(topicId)];
  }
}

export function apply(previous, event, includeHidden) {
  if (event.seq <= previous.seq) return previous;
  const state = structuredClone(previous);
  state.seq = event.seq;
  const data = event.payload;
  const topics = state.topics;
  switch (event.type) {
    case 'workshop.updated':
    case 'workshop.closed':
    case 'workshop.reopened':
      state.workshop = data.workshop;
      break;
    case 'participant.joined':
    case 'participant.updated':
      state.participants = data.participants;
      break;
    case 'topic.posted':
    case 'topic.edited':
    case 'topic.unhidden':
      if (includeHidden || !data.topic.hidden) topics[String(data.topic.id)] = data.topic;
      setTally(state, data.tally);
      break;
    case 'topic.hidden':
      if (includeHidden) {
        topics[String(data.topic.id)] = data.topic;
      } else {
        delete topics[String(data.topic.id)];
        delete state.tally[String(data.topic.id)];
      }
      setTally(state, includeHidden ? data.tally : {});
      break;
    case 'topic.deleted':
      delete topics[String(data.topic_id)];
      delete state.tally[String(data.topic_id)];
      setTally(state, data.tally);
      break;
    case 'topic.merged':
      delete topics[String(data.source_id)];
      delete state.tally[String(data.source_id)];
      if (includeHidden || !data.target.hidden) {
        topics[String(data.target.id)] = data.target;
        setTally(state, data.tally);
      }
      break;
    case 'round.opened':
      state.round = data.round;
      state.tally = {};
      break;
    case 'round.closed':
      state.round = data.round;
      break;
    case 'vote.cast':
    case 'vote.retracted':
      if (topics[String(data.topic_id)]) setTally(state, { [data.topic_id]: data.total });
      break;
    default:
      // An event type this page does not know: resync rather than guess.
      throw new Error(`unknown event type ${event.type}`);
  }
  return state;
}
