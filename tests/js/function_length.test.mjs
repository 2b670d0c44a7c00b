// The browser modules' shape (issue 21), under node: no function longer than about 60 lines
// (a `mount…` is a list of named parts, not one closure holding them all). The measure itself
// (tests/support/js_functions.mjs) is tested first, on functions just over and at the limit.
// Run by tests/unit/test_js_units.py (`node --test tests/js/`).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { functionsIn, longFunctions } from '../support/js_functions.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const JS = join(ROOT, 'static', 'js');
const MOST_LINES = 60;

function modules(folder = JS) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

const lines = (n, body = '  x += 1;') => Array.from({ length: n }, () => body).join('\n');

test('the measure finds a function one line over the limit, and not one at it', () => {
  const at = `function fits() {\n${lines(MOST_LINES - 2)}\n}\n`;
  const over = `export function tooLong(a, b) {\n${lines(MOST_LINES - 1)}\n}\n`;
  assert.deepEqual(longFunctions(at, MOST_LINES), []);
  assert.deepEqual(longFunctions(over, MOST_LINES).map((fn) => [fn.name, fn.lines]), [['tooLong', MOST_LINES + 1]]);
});

test('a function is as long as the closures inside it; arrows and methods count too', () => {
  const inner = (name) => `  function ${name}() {\n${lines(30)}\n  }`;
  const source = `export function mountAll(room) {\n${inner('a')}\n${inner('b')}\n}\n`
    + `const handler = async (event) => {\n${lines(61)}\n};\n`
    + `class Room {\n  send(name) {\n${lines(61)}\n  }\n}\n`;
  const long = longFunctions(source, MOST_LINES).map((fn) => fn.name);
  assert.deepEqual(long, ['mountAll', 'handler', 'send']);
});

test('strings, templates, regular expressions and comments do not confuse the measure', () => {
  const source = [
    'function tricky(a) {',
    "  const s = '}' + \"{\" + `${a ? `}${'{'}` : '{'}`;",
    '  const r = /[{}]\\//g; // }',
    '  /* { */',
    '  if (a) { return s.replace(r, "") / 2; }',
    '  return { a };',
    '}',
  ].join('\n');
  assert.deepEqual(functionsIn(source).map((fn) => [fn.name, fn.start, fn.end]), [['tricky', 1, 7]]);
});

test(`no browser function is longer than ${MOST_LINES} lines`, () => {
  const long = modules().flatMap((path) => longFunctions(readFileSync(path, 'utf8'), MOST_LINES)
    .map((fn) => `${relative(ROOT, path)}:${fn.start} ${fn.name} (${fn.lines} lines)`));
  assert.deepEqual(long, [], `split these into named functions that say what they do:\n${long.join('\n')}`);
});

