// Shared helpers for every screen. User text only ever goes in through textContent.

export function readConfig() {
  const root = document.getElementById('app');
  return { root, config: JSON.parse(root.dataset.config) };
}

// Fill `%(name)s` placeholders of a server-translated string.
export function format(template, params = {}) {
  return String(template).replace(/%\((\w+)\)s/g, (_, name) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : '');
}

// A plural text arrives as [one, other] (Swedish and English have these two forms): `n` picks.
export function makeT(strings) {
  return (key, params = {}) => {
    const text = strings[key] ?? key;
    return format(Array.isArray(text) ? text[params.n === 1 ? 0 : 1] : text, params);
  };
}

// createElement with text and attributes; children may be nodes or strings (added as text).
export function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  const { text, className, attrs, on } = options;
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [event, handler] of Object.entries(on || {})) node.addEventListener(event, handler);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

// The polite status region exists in base.html before its first update (screen readers need it).
let announceTimer = null;
export function announce(text) {
  const region = document.getElementById('live-status');
  if (!region) return;
  region.textContent = '';
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => { region.textContent = text; }, 50);
}

// New topics from others, summed up ("3 new topics") a moment after the first arrives rather
// than one announcement per post, and held back while the focus is in a text field (a screen
// reader talking over what someone types is worse than a late summary): the summary follows
// when the focus leaves it. `isOwn(id)` leaves out the person's own posts.
const TEXT_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number']);

export function isTyping(node = document.activeElement) {
  if (!node) return false;
  if (node.tagName === 'TEXTAREA' || node.isContentEditable) return true;
  return node.tagName === 'INPUT' && TEXT_INPUTS.has(node.type);
}

export function topicAnnouncer(t, isOwn = () => false, delay = 1500) {
  const ids = new Set();
  let timer = null;
  const later = () => {
    if (!timer) timer = setTimeout(flush, delay);
  };
  const flush = () => {
    timer = null;
    for (const id of ids) if (isOwn(id)) ids.delete(id);
    if (!ids.size || isTyping()) return;
    announce(t('new_topics', { n: ids.size }));
    ids.clear();
  };
  document.addEventListener('focusout', () => { if (ids.size) later(); });
  return (id) => {
    ids.add(id);
    later();
  };
}

// An error next to the control that failed, as an alert; empty text hides it.
export function showError(node, message) {
  node.textContent = message || '';
  node.hidden = !message;
}

export function newOpId() {
  if (globalThis.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// Competition ranking (1, 2, 2, 4): equal totals share a rank. Mirrors workshop/domain/rules.rank.
export function rank(totals) {
  const ordered = [...totals].sort((a, b) => (b.total - a.total) || (a.id - b.id));
  const ranked = [];
  ordered.forEach((item, index) => {
    const position = index && item.total === ordered[index - 1].total ? ranked[index - 1].rank : index + 1;
    ranked.push({ ...item, rank: position });
  });
  for (const item of ranked) {
    item.tie = ranked.filter((other) => other.rank === item.rank).length > 1;
  }
  return ranked;
}

// A character counter under a text field, announced only by its visible text.
export function attachCounter(field, counter, t) {
  const update = () => {
    const left = Number(field.maxLength) - field.value.length;
    counter.textContent = t('chars_left', { n: left });
  };
  field.addEventListener('input', update);
  update();
}

// Keep a list of topics in step with the state, newest first, updating items in place.
// Existing nodes are never moved (moving a node takes its focus away); new ones are inserted.
export function syncTopicList(list, items, topics, build, update) {
  const wanted = new Set(topics.map((topic) => topic.id));
  for (const [id, item] of items) {
    if (!wanted.has(id)) {
      item.li.remove();
      items.delete(id);
    }
  }
  let previous = null;
  for (const topic of topics) {
    let item = items.get(topic.id);
    if (!item) {
      item = build(topic);
      items.set(topic.id, item);
      list.insertBefore(item.li, previous ? previous.nextSibling : list.firstChild);
    }
    update(item, topic);
    previous = item.li;
  }
}

// The ranked results (ties sharing a rank) as list items of `list`.
export function renderRanking(list, topics, tally, t) {
  const totals = topics.map((topic) => ({
    id: topic.id, title: topic.title, total: tally[String(topic.id)] || 0,
  }));
  renderRows(list, rank(totals), t);
}

// A round's announced result ([{rank, topic_id, total}]) with today's titles; a topic deleted
// or hidden since keeps its line without its words.
export function renderResult(list, results, topics, t) {
  const rows = (results || []).map((entry, index, all) => ({
    id: entry.topic_id,
    rank: entry.rank,
    total: entry.total,
    title: topics[String(entry.topic_id)] ? topics[String(entry.topic_id)].title : t('removed_topic'),
    tie: all.some((other) => other !== entry && other.rank === entry.rank),
  }));
  renderRows(list, rows, t);
}

function renderRows(list, rows, t) {
  clear(list);
  for (const row of rows) {
    list.append(el('li', { className: 'result' }, [
      el('span', { className: 'rank', text: t('rank', { rank: row.rank }) + (row.tie ? ` (${t('tie')})` : '') }),
      el('span', { className: 'result-title', text: row.title }),
      el('span', { className: 'result-total', text: t('dots', { n: row.total }) }),
    ]));
  }
}

// "Waiting to send…" next to a control while its command has no answer yet: at once when
// offline, after a short moment otherwise (a quick answer should not flash a message).
// A participant's words (or photo) that wait for the organiser's review: the answer has `held`
// instead of the thing itself. Say so where they wrote it, on screen and to screen readers.
export function heldNotice(answer, node, t) {
  const held = Boolean(answer && answer.ok && answer.held);
  if (node) {
    node.textContent = held ? t('held_sent') : '';
    node.hidden = !held;
  }
  if (held) announce(t('held_sent'));
  return held;
}

export function showPending(answer, node, text, offline) {
  const show = () => {
    node.textContent = text;
    node.hidden = false;
  };
  const timer = offline ? (show(), null) : setTimeout(show, 600);
  answer.finally(() => {
    clearTimeout(timer);
    node.textContent = '';
    node.hidden = true;
  });
  return answer;
}

// A command whose refusal is shown next to the control that sent it (errorNode may be null).
export async function sendShowingError(room, name, payload, errorNode) {
  if (errorNode) showError(errorNode, '');
  const ack = await room.send(name, payload);
  if (!ack.ok && errorNode) showError(errorNode, ack.error.message);
  return ack;
}
