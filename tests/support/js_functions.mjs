// Finds the functions in a browser module and how many lines each spans, without a parser
// package (nothing is installed for the front end but what static/vendor ships): a small lexer
// that knows strings, template literals, comments and regular expressions, and a `{` that opens
// a function body (after `=>`, or after the `)` of `function name(...)`, `name(...)` in a class
// or an object). A function's lines include those of the functions inside it: a `mount…` that
// keeps its parts as inner closures is as long as all of them.
//
//   node tests/support/js_functions.mjs [--over N] FILE...   lists the functions over N lines

import { readFileSync } from 'node:fs';

const NOT_CALLS = new Set(['if', 'for', 'while', 'switch', 'catch', 'with', 'return', 'typeof', 'await']);
// After one of these a `/` starts a regular expression, not a division.
const BEFORE_EXPRESSION = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

function isIdentStart(c) {
  return /[A-Za-z_$]/.test(c);
}

function isIdentPart(c) {
  return /[A-Za-z0-9_$]/.test(c);
}

// Tokens worth knowing for finding functions: identifiers, punctuation (with its line), and
// opaque strings/templates/regexes/numbers. Template literals' `${...}` are lexed as code.
export function tokenize(source) {
  const tokens = [];
  const modes = []; // 'template' or 'brace' for each `{`/`${` still open
  let i = 0;
  let line = 1;
  const push = (type, value, at) => tokens.push({ type, value, line: at });
  const regexAllowed = () => {
    const last = tokens.at(-1);
    if (!last) return true;
    if (last.type === 'ident') return BEFORE_EXPRESSION.has(last.value);
    if (last.type === 'punct') return ![')', ']', '}'].includes(last.value);
    return false;
  };
  const skipTemplate = () => {
    // From just after a ` or a closing } of ${...}: to the end of the literal or the next ${.
    const start = line;
    while (i < source.length) {
      const c = source[i];
      if (c === '\\') { i += 2; continue; }
      if (c === '\n') line += 1;
      if (c === '`') { i += 1; push('template', '`', start); return; }
      if (c === '$' && source[i + 1] === '{') { i += 2; modes.push('template'); push('punct', '${', line); return; }
      i += 1;
    }
  };
  while (i < source.length) {
    const c = source[i];
    if (c === '\n') { line += 1; i += 1; continue; }
    if (/\s/.test(c)) { i += 1; continue; }
    if (c === '/' && source[i + 1] === '/') { while (i < source.length && source[i] !== '\n') i += 1; continue; }
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? source.length : end + 2;
      for (let k = i; k < stop; k += 1) if (source[k] === '\n') line += 1;
      i = stop;
      continue;
    }
    if (c === '"' || c === "'") {
      const start = line;
      i += 1;
      while (i < source.length && source[i] !== c && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
      i += 1;
      push('string', c, start);
      continue;
    }
    if (c === '`') { i += 1; skipTemplate(); continue; }
    if (c === '/' && regexAllowed()) {
      const start = line;
      let inClass = false;
      i += 1;
      while (i < source.length && source[i] !== '\n') {
        const r = source[i];
        if (r === '\\') { i += 2; continue; }
        if (r === '[') inClass = true;
        else if (r === ']') inClass = false;
        else if (r === '/' && !inClass) break;
        i += 1;
      }
      i += 1;
      while (i < source.length && isIdentPart(source[i])) i += 1; // flags
      push('regex', '/', start);
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < source.length && isIdentPart(source[j])) j += 1;
      push('ident', source.slice(i, j), line);
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] || ''))) {
      let j = i + 1;
      while (j < source.length && /[0-9A-Za-z_.]/.test(source[j])) j += 1;
      push('number', source.slice(i, j), line);
      i = j;
      continue;
    }
    if (c === '=' && source[i + 1] === '>') { push('punct', '=>', line); i += 2; continue; }
    if (c === '{') { modes.push('brace'); push('punct', '{', line); i += 1; continue; }
    if (c === '}') {
      if (modes.pop() === 'template') { push('punct', '}', line); i += 1; skipTemplate(); continue; }
      push('punct', '}', line);
      i += 1;
      continue;
    }
    push('punct', c, line);
    i += 1;
  }
  return tokens;
}

function matchingOpen(tokens, closeIndex, open, close) {
  let depth = 0;
  for (let k = closeIndex; k >= 0; k -= 1) {
    if (tokens[k].value === close && tokens[k].type === 'punct') depth += 1;
    else if (tokens[k].value === open && tokens[k].type === 'punct') {
      depth -= 1;
      if (depth === 0) return k;
    }
  }
  return -1;
}

// The name a function is known by: `function name`, `name(...) {`, `name = (...) =>`,
// `name: (...) =>`; otherwise where it starts.
function nameBefore(tokens, k) {
  const t = tokens[k - 1];
  const u = tokens[k - 2];
  if (t && t.type === 'ident' && t.value !== 'function' && t.value !== 'async') return t.value;
  if (t && (t.value === '=' || t.value === ':') && u && u.type === 'ident') return u.value;
  if (t && t.value === 'async' && u && (u.value === '=' || u.value === ':') && tokens[k - 3]) return tokens[k - 3].value;
  return null;
}

// A `{` at token index k: the function it opens, {name, start} (start: the header's line), or null.
function functionAt(tokens, k) {
  const before = tokens[k - 1];
  if (!before || before.type !== 'punct') return null;
  if (before.value === '=>') {
    const params = tokens[k - 2];
    let head = k - 2;
    if (params && params.value === ')') head = matchingOpen(tokens, k - 2, '(', ')');
    if (head < 0) return null;
    return { name: nameBefore(tokens, head) || '(arrow)', start: tokens[head].line };
  }
  if (before.value !== ')') return null;
  const open = matchingOpen(tokens, k - 1, '(', ')');
  const callee = tokens[open - 1];
  if (!callee || callee.type !== 'ident' || NOT_CALLS.has(callee.value)) return null;
  if (callee.value === 'function') return { name: '(function)', start: callee.line };
  // `function name(`, or a method `name(` (in a class or an object literal).
  const keyword = tokens[open - 2];
  const start = keyword && keyword.value === 'function' ? keyword.line : callee.line;
  return { name: callee.value, start };
}

// Every function in the source: {name, start, end, lines}.
export function functionsIn(source) {
  const tokens = tokenize(source);
  const found = [];
  const open = []; // for every `{` still open: the function it began, or null
  for (let k = 0; k < tokens.length; k += 1) {
    const token = tokens[k];
    if (token.type !== 'punct') continue;
    if (token.value === '{' || token.value === '${') {
      open.push(token.value === '{' ? functionAt(tokens, k) : null);
    } else if (token.value === '}') {
      const fn = open.pop();
      if (fn) found.push({ ...fn, end: token.line, lines: token.line - fn.start + 1 });
    }
  }
  // Braces that do not pair up mean the lexer misread something (a regex, a template): say so
  // rather than measure wrongly.
  if (open.length) throw new Error(`${open.length} unclosed braces: the source was misread`);
  return found.sort((a, b) => a.start - b.start);
}

export function longFunctions(source, most) {
  return functionsIn(source).filter((fn) => fn.lines > most);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  let most = 60;
  if (args[0] === '--over') {
    most = Number(args[1]);
    args.splice(0, 2);
  }
  let count = 0;
  for (const file of args) {
    for (const fn of longFunctions(readFileSync(file, 'utf8'), most)) {
      count += 1;
      console.log(`${file}:${fn.start} ${fn.name} ${fn.lines} lines`);
    }
  }
  process.exitCode = count ? 1 : 0;
}
