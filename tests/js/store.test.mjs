// The room state's machinery (static/js/store.js) under node: ordering by seq, buffering before
// the snapshot, gaps that ask for a sync, the head beacon, and an event this page cannot apply.
// Run by tests/unit/test_js_units.py (`node --test tests/js/`).
import assert from 'node:assert/strict';
import { beforeEach, afterEach, mock, test } from 'node:test';
import { emptyState } from '../../static/js/state/index.js';
import { Store } from '../../static/js/store.js';

const lock = (seq) => ({ seq, type: 'board.locked', payload: {} });
const unlock = (seq) => ({ seq, type: 'board.unlocked', payload: {} });
const snapshot = (seq, locked = false) => {
  const state = emptyState({ id: 1, status: 'open' });
  state.seq = seq;
  state.board.locked = locked;
  return state;
};

let gaps;
let heard;
function store() {
  gaps = [];
  heard = [];
  const made = new Store({ includeHidden: false, onGap: (full) => gaps.push(full) });
  made.subscribe((state, events) => heard.push(events.map((event) => event.seq)));
  return made;
}

beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
afterEach(() => mock.timers.reset());

test('events that arrive out of order are applied in seq order', () => {
  const s = store();
  s.setSnapshot(snapshot(1));
  s.applyAll([unlock(3)]);
  assert.equal(s.seq, 1, 'seq 3 waits for seq 2');
  assert.equal(s.state.board.locked, false);
  s.applyAll([lock(2)]);
  assert.equal(s.seq, 3);
  // locked by 2, then unlocked by 3: the other order would leave it locked.
  assert.equal(s.state.board.locked, false);
  assert.deepEqual(heard.at(-1), [2, 3]);
});

test('an event already applied (or in the snapshot) is ignored', () => {
  const s = store();
  s.setSnapshot(snapshot(5, true));
  s.applyAll([unlock(4), unlock(5)]);
  assert.equal(s.seq, 5);
  assert.equal(s.state.board.locked, true);
  assert.equal(s.buffer.size, 0);
  mock.timers.tick(5000);
  assert.deepEqual(gaps, [], 'an old event is no gap');
});

test('events before the first snapshot wait for it; those it covers are dropped', () => {
  const s = store();
  s.applyAll([lock(2), unlock(3), lock(4)]);
  assert.equal(s.state, null);
  assert.deepEqual(heard, [], 'nothing to draw before the snapshot');
  s.setSnapshot(snapshot(3));
  assert.equal(s.seq, 4);
  assert.equal(s.state.board.locked, true);
  assert.deepEqual(heard, [[4]], 'only the event after the snapshot is applied');
  assert.equal(s.buffer.size, 0);
});

test('a gap that does not fill within a second asks for a sync', () => {
  const s = store();
  s.setSnapshot(snapshot(1));
  s.applyAll([lock(3)]);
  mock.timers.tick(999);
  assert.deepEqual(gaps, []);
  mock.timers.tick(1);
  assert.deepEqual(gaps, [false], 'a sync of the missed events, not a whole snapshot');
});

test('a gap that fills in time asks for nothing', () => {
  const s = store();
  s.setSnapshot(snapshot(1));
  s.applyAll([lock(3)]);
  mock.timers.tick(500);
  s.applyAll([unlock(2)]);
  mock.timers.tick(5000);
  assert.deepEqual(gaps, []);
  assert.equal(s.seq, 3);
});

test('an event this page cannot apply asks for a whole snapshot and keeps the state before it', () => {
  const s = store();
  s.setSnapshot(snapshot(1));
  s.applyAll([lock(2), { seq: 3, type: 'no.such_event', payload: {} }, unlock(4)]);
  assert.deepEqual(gaps, [true]);
  assert.equal(s.seq, 2);
  assert.equal(s.state.board.locked, true);
  assert.equal(s.buffer.size, 0, 'what waited behind it is dropped: the snapshot brings it');
  assert.deepEqual(heard.at(-1), [2]);
});

test('the head beacon asks for a sync only if the page is still behind after the grace', () => {
  const s = store();
  s.setSnapshot(snapshot(4));
  s.noteHead(4);
  s.noteHead(3);
  mock.timers.tick(5000);
  assert.deepEqual(gaps, [], 'a head the page has reached is nothing');
  s.noteHead(6);
  mock.timers.tick(1000);
  s.applyAll([lock(5), unlock(6)]);
  mock.timers.tick(1000);
  assert.deepEqual(gaps, [], 'the batch in flight landed within the grace');
  s.noteHead(7);
  mock.timers.tick(2000);
  assert.deepEqual(gaps, [false]);
});
