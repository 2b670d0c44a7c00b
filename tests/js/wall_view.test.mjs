// Which main view the wall shows (static/js/state/workshops.js `wallView`), under node: the
// coordinator's choice wins, "auto" follows the room. Run by tests/unit/test_js_units.py.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyState } from '../../static/js/state/index.js';
import { wallView } from '../../static/js/state/workshops.js';

function room({ chosen = 'auto', roundId = null, phase = 'discover', round = null, rounds = [], quiet = false, themes = 0, actions = 0 } = {}) {
  const state = emptyState({ id: 1, status: 'open', wall_view: chosen, wall_round_id: roundId });
  state.phase = phase;
  state.round = round;
  state.rounds = rounds;
  state.closing = { ...state.closing, quiet };
  for (let id = 1; id <= themes; id += 1) state.themes[String(id)] = { id, title: `T${id}`, topic_ids: [] };
  for (let id = 1; id <= actions; id += 1) state.actions[String(id)] = { id, what: `A${id}` };
  return state;
}

const open = { id: 2, number: 2, status: 'open', scope: 'topics' };
const past = { id: 1, number: 1, status: 'closed', results: [] };

test('auto: the marketplace, an open round, the themes from Define on, the actions in Deliver', () => {
  assert.deepEqual(wallView(room()), { name: 'topics', kind: 'marketplace', round: null });
  assert.deepEqual(wallView(room({ round: open, rounds: [open] })), { name: 'topics', kind: 'round', round: open });
  assert.equal(wallView(room({ phase: 'define' })).kind, 'marketplace', 'no themes yet: the topics stay');
  assert.equal(wallView(room({ phase: 'define', themes: 2 })).name, 'themes');
  assert.equal(wallView(room({ phase: 'deliver' })).name, 'themes');
  assert.equal(wallView(room({ phase: 'deliver', actions: 1 })).name, 'actions');
  assert.equal(wallView(room({ phase: 'define', themes: 2, round: open })).name, 'topics', 'an open round comes first');
});

test('the quiet closing circle takes the wall only while nothing else is chosen', () => {
  assert.equal(wallView(room({ quiet: true, round: open })).name, 'closing');
  assert.equal(wallView(room({ quiet: true, chosen: 'board' })).name, 'board');
  assert.deepEqual(wallView(room({ quiet: true, chosen: 'results', roundId: 1, rounds: [past] })), { name: 'topics', kind: 'results', round: past });
});

test("a chosen round's result, or the latest round if that one has none", () => {
  assert.equal(wallView(room({ chosen: 'results', roundId: 9, rounds: [past] })).kind, 'marketplace');
  assert.deepEqual(wallView(room({ chosen: 'round', round: open })), { name: 'topics', kind: 'round', round: open });
  assert.equal(wallView(room({ chosen: 'marketplace', round: open })).kind, 'marketplace');
  assert.equal(wallView(room({ chosen: 'opening', phase: 'deliver', actions: 2 })).name, 'opening');
});
