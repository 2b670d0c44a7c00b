// The participant's own state (static/js/state/me.js) and where it is kept (the store's `me`),
// under node. Run by tests/unit/test_js_units.py (`node --test tests/js/`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  afterPost, afterThemeDot, afterTopicDot, dotsOnTheme, dotsOnTopic, emptyMe, isGoing, isHere,
  ownsTopic, received, waitingLines,
} from '../../static/js/state/me.js';
import { emptyState } from '../../static/js/state/index.js';
import { Store } from '../../static/js/store.js';

const fromServer = {
  participant_id: 7, nickname: 'Sam', group: 'youth', organisation: '',
  topic_ids: [3], hidden_topic_ids: [], waiting_topics: [], round_id: 2,
  votes: { 3: 1 }, dots_left: 4, theme_votes: {}, waiting_inputs: [], going: [11], here: 12,
};

test('a `me` from an older server still has every list and map', () => {
  const me = received({ participant_id: 7, topic_ids: [3], votes: { 3: 2 }, dots_left: 1, going: null });
  assert.deepEqual(me.going, []);
  assert.deepEqual(me.theme_votes, {});
  assert.deepEqual(me.waiting_inputs, []);
  assert.equal(me.here, null);
  assert.equal(dotsOnTopic(me, 3), 2);
  assert.equal(dotsOnTopic(me, 4), 0);
  assert.deepEqual(received(null), emptyMe());
});

test("a dot's answer sets the dots on that topic and those left, and nothing else", () => {
  const me = received(fromServer);
  const after = afterTopicDot(me, 5, { ok: true, mine: 2, dots_left: 2 });
  assert.equal(dotsOnTopic(after, 5), 2);
  assert.equal(dotsOnTopic(after, 3), 1, 'the other topic keeps its dot');
  assert.equal(after.dots_left, 2);
  assert.deepEqual(me.votes, { 3: 1 }, 'the old `me` is not changed');
  assert.equal(after.nickname, 'Sam');
});

test('a refused or replayed answer leaves `me` as it was', () => {
  const me = received(fromServer);
  assert.equal(afterTopicDot(me, 3, { ok: false, error: { code: 'no_dots' } }), me);
  // A replayed command's answer carries no numbers: the `me` that comes with it has them.
  assert.equal(afterTopicDot(me, 3, { ok: true, replayed: true }), me);
  assert.equal(afterThemeDot(me, 1, { ok: false }), me);
});

test("a theme's dot is kept apart from the topics' dots", () => {
  const me = afterThemeDot(received(fromServer), 9, { ok: true, mine: 3 });
  assert.equal(dotsOnTheme(me, 9), 3);
  assert.equal(dotsOnTopic(me, 9), 0);
  assert.equal(me.dots_left, 4);
});

test('a posted topic is mine at once, once', () => {
  const me = afterPost(received(fromServer), { id: 8, title: 'Bänkar' });
  assert.ok(ownsTopic(me, 8));
  assert.deepEqual(afterPost(me, { id: 8 }).topic_ids, [3, 8]);
  assert.equal(afterPost(me, undefined), me, 'an answer without a topic changes nothing');
});

test("the agenda's going and here", () => {
  const me = received(fromServer);
  assert.ok(isGoing(me, 11));
  assert.ok(!isGoing(me, 12));
  assert.ok(isHere(me, 12));
  assert.ok(!isHere(me, 11));
});

test('what waits for the organiser, in the person\'s own words', () => {
  const t = (key) => ({ held_idea: 'Idé', held_photo: 'Foto' })[key];
  const me = received({
    ...fromServer,
    waiting_topics: [{ id: 4, title: 'Fler bänkar' }],
    waiting_inputs: [{ id: 1, kind: 'idea', words: { text: 'Tak', why: 'Regn' } }, { id: 2, kind: 'photo', words: {} }],
  });
  assert.deepEqual(waitingLines(me, t), ['Fler bänkar', 'Idé: Tak – Regn', 'Foto']);
});

test('the store keeps `me` and every view draws again with it, once there is a state', () => {
  const store = new Store({ includeHidden: false, onGap: () => {} });
  const heard = [];
  store.subscribe((state, events) => heard.push([state && state.seq, events.length, store.me.dots_left]));
  assert.deepEqual(store.me, emptyMe());
  store.setMe(fromServer);
  assert.equal(store.me.dots_left, 4);
  assert.deepEqual(heard, [], 'nothing to draw before the snapshot');
  const snapshot = emptyState({ id: 1, status: 'open' });
  snapshot.seq = 3;
  store.setSnapshot(snapshot);
  store.setMe(afterTopicDot(store.me, 3, { ok: true, mine: 2, dots_left: 3 }));
  assert.deepEqual(heard, [[3, 0, 4], [3, 0, 3]]);
  assert.equal(store.state, snapshot, 'the room state is not touched by `me`');
});
