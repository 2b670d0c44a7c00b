// The board's local-move overlay (static/js/views/board/overlay.js) under node: where a card this
// screen moved is shown until the log has the move, and how an ack, a late event and a refused
// move are reconciled. Run by tests/unit/test_js_units.py (`node --test tests/js/`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterAck, arrowStep, baseVersion, clampTo, moveToSend, settle, shownAt, touchedCards } from '../../static/js/views/board/overlay.js';

const card = (id, version, x = 0, y = 0) => ({ id, version, x, y });
const ok = (version) => ({ ok: true, card: { id: 7, version } });
const refused = (code) => ({ ok: false, error: { code, message: `refused: ${code}` } });

test('a card is shown where this screen put it, over a ghost, over the log', () => {
  const logged = card(7, 3, 10, 10);
  assert.deepEqual(shownAt(logged, { x: 50, y: 60 }, { x: 90, y: 90 }), { x: 50, y: 60 });
  assert.deepEqual(shownAt(logged, undefined, { x: 90, y: 90 }), { x: 90, y: 90 });
  assert.equal(shownAt(logged, undefined, undefined), logged);
});

test('the ack of my move keeps the card where I put it until the log reaches its version', () => {
  const sent = { x: 50, y: 60 };
  const out = afterAck({ mine: { ...sent }, sent, ack: ok(4), acked: 3 });
  assert.deepEqual(out, { mine: { x: 50, y: 60, until: 4 }, acked: 4, refused: null });
  const local = new Map([['7', out.mine]]);
  // The log still has version 3 (the card_moved event is late): the overlay stays.
  assert.deepEqual([...settle(local, { 7: card(7, 3, 10, 10) }).keys()], ['7']);
  // The event arrives: the state has the move, the overlay lets go.
  assert.deepEqual([...settle(local, { 7: card(7, 4, 50, 60) }).keys()], []);
  // Someone else's later move (version 5) also ends it: the card follows the log.
  assert.deepEqual([...settle(local, { 7: card(7, 5, 99, 99) }).keys()], []);
});

test('a move still on its way is never let go by an event from someone else', () => {
  const local = new Map([['7', { x: 50, y: 60 }]]);
  assert.deepEqual([...settle(local, { 7: card(7, 9, 1, 1) }).keys()], ['7']);
});

test('a removed card leaves the overlay', () => {
  const local = new Map([['7', { x: 50, y: 60, until: 4 }], ['8', { x: 1, y: 1 }]]);
  assert.deepEqual([...settle(local, { 8: card(8, 1) }).keys()], ['8']);
});

test('a refused move lets the card follow the server, and says why', () => {
  const sent = { x: 50, y: 60 };
  const out = afterAck({ mine: { ...sent }, sent, ack: refused('card_changed'), acked: 3 });
  assert.equal(out.mine, null, 'the loser follows the card as the server has it');
  assert.equal(out.acked, 3);
  assert.equal(out.refused.code, 'card_changed');
});

test('an answer to an older move does not touch a newer one made meanwhile', () => {
  const sent = { x: 50, y: 60 };
  const newer = { x: 200, y: 60 };
  const acked = afterAck({ mine: newer, sent, ack: ok(4), acked: 3 });
  assert.deepEqual(acked.mine, newer, 'no `until`: the newer move is still to be sent');
  assert.equal(acked.acked, 4, 'the next move names version 4');
  const lost = afterAck({ mine: newer, sent, ack: refused('card_changed'), acked: 3 });
  assert.deepEqual(lost.mine, newer);
  assert.equal(lost.refused, null, 'the person is not told about a move they already replaced');
});

test('an ack never lowers the version the next command names', () => {
  const sent = { x: 1, y: 1 };
  assert.equal(afterAck({ mine: { ...sent }, sent, ack: ok(4), acked: 6 }).acked, 6);
  assert.equal(baseVersion(card(7, 3), 6), 6);
  assert.equal(baseVersion(card(7, 8), 6), 8);
  assert.equal(baseVersion(undefined, undefined), 0);
});

test('a queued move is sent only while it is mine, unacked and the card is there', () => {
  assert.deepEqual(moveToSend({ x: 5, y: 6 }, card(7, 1)), { x: 5, y: 6 });
  assert.equal(moveToSend({ x: 5, y: 6, until: 2 }, card(7, 1)), null);
  assert.equal(moveToSend(undefined, card(7, 1)), null);
  assert.equal(moveToSend({ x: 5, y: 6 }, undefined), null);
});

test('the cards an event batch touched, whether it carries the card or its id', () => {
  const events = [
    { type: 'board.card_moved', payload: { card: { id: 7 } } },
    { type: 'board.card_removed', payload: { card_id: 8 } },
  ];
  assert.deepEqual(touchedCards(events), ['7', '8']);
});

test('arrow keys step 20, 100 with shift, and a move stays on the board', () => {
  assert.deepEqual(arrowStep('ArrowLeft', false), [-20, 0]);
  assert.deepEqual(arrowStep('ArrowDown', true), [0, 100]);
  assert.equal(arrowStep('Enter', false), null);
  assert.equal(clampTo(-5, 100), 0);
  assert.equal(clampTo(140.6, 100), 100);
  assert.equal(clampTo(40.6, 100), 41);
});
