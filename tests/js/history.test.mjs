// The console's short history (static/js/state/history.js, views/history.js's sentence) under
// node: entries merge by seq, newest first, at most 20; a sentence names the member, someone
// removed since, or falls back for a kind the page has no words for.
// Run by tests/unit/test_js_units.py (`node --test tests/js/`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LENGTH, merged } from '../../static/js/state/history.js';
import { sentence } from '../../static/js/views/history.js';

const entry = (seq, type = 'topic.hidden', by = 'Karin') => ({ seq, type, by, at: '2026-12-07T10:42:00Z' });

test('entries merge by seq, newest first, each once', () => {
  const first = merged([], [entry(3), entry(1)]);
  assert.deepEqual(first.map((e) => e.seq), [3, 1]);
  // The read after a reconnection overlaps what arrived live: nothing twice.
  const again = merged(first, [entry(4), entry(3), entry(2)]);
  assert.deepEqual(again.map((e) => e.seq), [4, 3, 2, 1]);
  assert.deepEqual(merged(again, undefined), again);
  assert.deepEqual(merged(again, [null, { seq: 'x' }]), again);
});

test('at most the latest twenty are kept', () => {
  const many = Array.from({ length: 30 }, (_, i) => entry(i + 1));
  const kept = merged([], many);
  assert.equal(LENGTH, 20);
  assert.equal(kept.length, 20);
  assert.equal(kept[0].seq, 30);
  assert.equal(kept[19].seq, 11);
});

test('a sentence names the member, or someone gone, in the reader\'s words', () => {
  const words = {
    'history_topic.hidden': '%(who)s dolde ett ämne',
    history_other: '%(who)s ändrade något',
    history_gone: 'Någon som inte längre är med i teamet',
  };
  const t = (key, params = {}) => (words[key] ?? key).replace(/%\((\w+)\)s/g, (_, n) => params[n] ?? '');
  assert.equal(sentence(entry(1), t), 'Karin dolde ett ämne');
  assert.equal(sentence(entry(2, 'topic.hidden', ''), t), 'Någon som inte längre är med i teamet dolde ett ämne');
  assert.equal(sentence(entry(3, 'something.new'), t), 'Karin ändrade något');
});
