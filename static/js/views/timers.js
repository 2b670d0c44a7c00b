// Countdowns and announcements on every screen. What is left is counted on the server's clock:
// the screen asks it (`clock`) when it can and every minute, and keeps the difference to its own.

import { clear, el } from '../common.js';
import { slotsInOrder } from '../state/agenda.js';
import { mmss, remaining } from '../state/timers.js';

const CLOCK_EVERY_MS = 60_000;

export function serverClock(room) {
  let offset = 0;
  let asked = 0;
  async function ask() {
    if (!room.connected) return;
    const sent = Date.now();
    try {
      const answer = await room.socket.timeout(5000).emitWithAck('clock', {});
      const back = Date.now();
      if (answer && answer.ok) offset = Date.parse(answer.now) - (sent + back) / 2;
      asked = back;
    } catch {
      // No answer: keep the last difference; the countdown still runs.
    }
  }
  // Cheap to call often: it only asks when it has not for a while (or never, since a reconnect).
  setInterval(() => {
    if (room.connected && Date.now() - asked > CLOCK_EVERY_MS) ask();
  }, 1000);
  return { now: () => Date.now() + offset, ask };
}

// The running countdowns, soonest first: [{slot, seconds}]; stopped ones that still have time too.
export function countdowns(state, nowMs) {
  const out = [];
  for (const slot of slotsInOrder(state)) {
    const timer = state.timers[String(slot.id)];
    if (!timer) continue;
    out.push({ slot, timer, seconds: remaining(timer, nowMs) });
  }
  return out;
}

// The latest announcement into a status region that exists before its first update.
export function renderAnnouncement(state, node, t) {
  const note = state && state.announcement;
  clear(node);
  if (!note) return;
  node.append(el('strong', { text: t('announcement') }), ' ', note.text);
}

// One line per countdown into `list`, redrawn every second.
export function tickCountdowns(room, clock, list, t, { runningOnly = false } = {}) {
  function draw() {
    const state = room.store.state;
    if (!state) return;
    const items = countdowns(state, clock.now()).filter((c) => !runningOnly || c.timer.running);
    const text = items.map(({ slot, timer, seconds }) => {
      const label = `${slot.starts}–${slot.ends}`;
      if (!seconds) return t('timer_over', { slot: label });
      return t(timer.running ? 'timer_left' : 'timer_paused', { slot: label, time: mmss(seconds) });
    });
    // Only touch the page when the words change (screen readers, and old phones).
    const joined = text.join('\n');
    if (list.dataset.shown === joined) return;
    list.dataset.shown = joined;
    clear(list);
    for (const line of text) list.append(el('li', { text: line }));
    list.hidden = text.length === 0;
  }
  setInterval(draw, 1000);
  room.store.subscribe(draw);
  return draw;
}

// The console: a countdown per slot (minutes, start, stop, +5) and the announcement form.
export function mountTimersConsole(room, t, clock, send) {
  const list = document.getElementById('timer-controls');
  const rows = new Map(); // slot id -> { li, shown }

  function row(slot) {
    const id = `timer-minutes-${slot.id}`;
    const label = `${slot.starts}–${slot.ends}`;
    const [h1, m1] = slot.starts.split(':').map(Number);
    const [h2, m2] = slot.ends.split(':').map(Number);
    const minutes = el('input', { attrs: { id, type: 'number', min: 1, max: 600, inputmode: 'numeric', value: (h2 * 60 + m2) - (h1 * 60 + m1) } });
    const shown = el('span', { className: 'timer-left' });
    const button = (text, name, payload) => el('button', {
      className: 'button small', text,
      attrs: { type: 'button', 'aria-label': `${text} ${label}` },
      on: { click: () => send(name, { slot_id: slot.id, ...payload() }) },
    });
    const li = el('li', { className: 'row timer-row' }, [
      el('strong', { text: label }),
      shown,
      el('div', { className: 'field' }, [el('label', { text: t('timer_minutes'), attrs: { for: id } }), minutes]),
      button(t('timer_start'), 'timer.start', () => ({ minutes: Number(minutes.value) })),
      button(t('timer_stop'), 'timer.stop', () => ({})),
      button(t('timer_plus5'), 'timer.extend', () => ({ minutes: 5 })),
    ]);
    return { li, shown };
  }

  function render() {
    const state = room.store.state;
    if (!state) return;
    const slots = slotsInOrder(state);
    const keep = new Set(slots.map((s) => s.id));
    for (const [id, item] of rows) if (!keep.has(id)) { item.li.remove(); rows.delete(id); }
    for (const slot of slots) {
      if (!rows.has(slot.id)) rows.set(slot.id, row(slot));
      list.append(rows.get(slot.id).li); // keeps time order; moving a node keeps its focus state
    }
    document.getElementById('timer-panel').hidden = slots.length === 0;
    tick();
  }

  function tick() {
    const state = room.store.state;
    if (!state) return;
    for (const [id, item] of rows) {
      const timer = state.timers[String(id)];
      const text = timer ? mmss(remaining(timer, clock.now())) + (timer.running ? '' : ` (${t('timer_stopped')})`) : '';
      if (item.shown.textContent !== text) item.shown.textContent = text;
    }
  }

  document.getElementById('announce-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const field = document.getElementById('announce-text');
    const answer = await send('announcement.send', { text: field.value });
    if (answer && answer.ok) field.value = '';
  });
  room.store.subscribe(render);
  setInterval(tick, 1000);
}

// Every screen: the latest announcement and the running countdowns; returns the server clock.
export function mountTimers(room, t) {
  const clock = serverClock(room);
  const node = document.getElementById('announcement');
  let shown = null;
  room.store.subscribe((state) => {
    const id = state && state.announcement ? state.announcement.id : null;
    if (id === shown) return; // the status region speaks only when there is something new
    shown = id;
    renderAnnouncement(state, node, t);
  });
  tickCountdowns(room, clock, document.getElementById('countdowns'), t, { runningOnly: true });
  return clock;
}
