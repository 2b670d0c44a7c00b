// The room state's machinery: ordering, gaps, buffering and the head beacon. What each event
// does to the state lives in state/<feature>.js, the browser's twin of workshop/domain/.
// A phone's own state (`me`, state/me.js) is kept here too, beside the room's.
import { apply } from './state/index.js';
import { emptyMe, received } from './state/me.js';

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
    this.me = emptyMe();
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

  // The participant's `me` from the server, or one a view worked out from a command's answer
  // (state/me.js): every view draws again from the same state and the new `me`.
  setMe(mine) {
    this.me = received(mine);
    this.redraw();
  }

  // Every view draws the same state again (the `me` changed, or a view's own choice such as a
  // filter). Before the first snapshot there is nothing to draw; the snapshot draws everything.
  redraw() {
    if (this.state) this.notify([]);
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
