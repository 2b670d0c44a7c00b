// Runs the browser's reducers (static/js/state/) under node: reads {state, events, includeHidden}
// as JSON on stdin, or {list: true}, and writes the resulting state (or the registry) as JSON.
import { readFileSync } from 'node:fs';
import { apply, emptyState, REDUCERS } from '../../static/js/state/index.js';

const input = JSON.parse(readFileSync(0, 'utf8'));
if (input.list) {
  process.stdout.write(JSON.stringify({ types: Object.keys(REDUCERS).sort(), empty: emptyState(null) }));
} else {
  let state = input.state;
  for (const event of input.events) state = apply(state, event, input.includeHidden);
  process.stdout.write(JSON.stringify(state));
}
