// The browser modules' imports, under node: every relative import names a module that exists
// and names it exports, and every page's entry module exists. Modules move between screens/ and
// views/ (issue 21): a stale path would otherwise only show as an empty screen in a browser test.
// Run by tests/unit/test_js_units.py (`node --test tests/js/`).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const JS = join(ROOT, 'static', 'js');

function modules(folder = JS) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

const IMPORT = /import\s*\{([^}]*)\}\s*from\s*'(\.[^']+)'|import\s+\*\s+as\s+\w+\s+from\s*'(\.[^']+)'|import\s*'(\.[^']+)'/g;
const EXPORT = /export\s+(?:async\s+)?(?:function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)/g;

function exportsOf(path) {
  return new Set([...readFileSync(path, 'utf8').matchAll(EXPORT)].map((m) => m[1]));
}

test('every relative import names a module that exists and names it exports', () => {
  const wrong = [];
  for (const path of modules()) {
    for (const m of readFileSync(path, 'utf8').matchAll(IMPORT)) {
      const target = resolve(dirname(path), m[2] || m[3] || m[4]);
      const where = `${relative(ROOT, path)} imports ${relative(ROOT, target)}`;
      if (!existsSync(target)) {
        wrong.push(`${where}: no such module`);
        continue;
      }
      const names = (m[1] || '').split(',').map((part) => part.trim().split(/\s+as\s+/)[0]).filter(Boolean);
      const exported = exportsOf(target);
      for (const name of names) if (!exported.has(name)) wrong.push(`${where}: no export ${name}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('every page loads an entry module that exists', () => {
  const templates = join(ROOT, 'templates');
  const missing = [];
  for (const name of readdirSync(templates)) {
    const text = readFileSync(join(templates, name), 'utf8');
    for (const m of text.matchAll(/filename='(js\/[^']+\.js)'/g)) {
      if (!existsSync(join(ROOT, 'static', m[1]))) missing.push(`${name}: static/${m[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});
