// The console's card "What the team did": the team's latest actions, by name, in the reader's
// language, as they happen (team.acted) and again after every (re)connection (team.history).
import { clear, el } from '../common.js';
import { merged } from '../state/history.js';

// "10:42" in the reader's language and the browser's time zone.
function clock(at, lang) {
  const moment = new Date(at);
  if (Number.isNaN(moment.getTime())) return '';
  return moment.toLocaleTimeString(lang === 'sv' ? 'sv-SE' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}

export function sentence(entry, t) {
  const who = entry.by || t('history_gone');
  const key = `history_${entry.type}`;
  return t(key) === key ? t('history_other', { who }) : t(key, { who });
}

export function mountHistory(room, t, lang) {
  const list = document.getElementById('team-history');
  let entries = [];
  if (!list) return { online() {}, message() {} };

  function render() {
    clear(list);
    if (!entries.length) {
      list.append(el('li', { className: 'muted', text: t('history_empty') }));
      return;
    }
    for (const entry of entries) {
      list.append(el('li', {}, [
        sentence(entry, t), ' ',
        el('time', { attrs: { datetime: entry.at }, text: clock(entry.at, lang) }),
      ]));
    }
  }

  render();
  return {
    // After each (re)connection: what happened while this console was away.
    online() {
      if (!room.connected) return;
      room.socket.emit('team.history', {}, (answer) => {
        if (answer && answer.ok) {
          entries = merged(entries, answer.entries);
          render();
        }
      });
    },
    message(name, body) {
      if (name !== 'team.acted' || !body) return;
      entries = merged(entries, body.entries);
      render();
    },
  };
}
