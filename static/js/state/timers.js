// Countdowns per slot and the latest announcement: the browser's twin of workshop/domain/timers.py.

export const empty = { timers: {}, announcement: null };

function setTimer(state, data) {
  state.timers[String(data.timer.slot_id)] = data.timer;
}

export const reducers = {
  'timer.started': setTimer,
  'timer.stopped': setTimer,
  'timer.extended': setTimer,
  'announcement.sent': (state, data) => {
    state.announcement = { id: data.id, text: data.text, at: data.at };
  },
};

// Seconds left at `nowMs` (the server's clock, as the screen estimates it): domain.timers.remaining.
export function remaining(timer, nowMs) {
  if (!timer.running || !timer.ends_at) return Math.max(0, timer.left);
  return Math.max(0, Math.floor((Date.parse(timer.ends_at) - nowMs) / 1000));
}

export function mmss(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
