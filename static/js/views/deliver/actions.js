// The action list on phones and the wall, read-only: what, who, first step, due.
// The data comes from the room state (state/actions.js); the words from the section's data-.

import { clear, el, makeT } from '../../common.js';

// Who as one line: a catalogue role's title in the page's language, or the free text, and the
// organisation.
export function whoText(who, roles) {
  const role = (who.role_id && roles[who.role_id]) || who.role || '';
  return [role, who.organisation].filter(Boolean).join(', ');
}

// Oldest first, as the console and the reports list them.
export function ordered(items) {
  return Object.values(items).sort((a, b) => a.id - b.id);
}

export function actionLines(action, data, t) {
  const lines = [];
  const who = whoText(action.who, data.roles);
  if (who) lines.push(t('who', { who }));
  if (action.first_step) lines.push(t('first_step', { step: action.first_step }));
  if (action.due) lines.push(t('due', { date: action.due }));
  return lines;
}

export function mountActionList(store) {
  const section = document.getElementById('deliver-view');
  if (!section) return;
  const data = JSON.parse(section.dataset.deliver);
  const t = makeT(data.strings);
  const list = document.getElementById('deliver-view-list');
  let key = null;
  store.subscribe((state) => {
    if (!state) return;
    const actions = ordered(state.actions);
    // Rebuilt only when a card changed: the wall re-renders on every vote.
    const next = JSON.stringify(actions);
    if (next === key) return;
    key = next;
    section.hidden = actions.length === 0;
    clear(list);
    for (const action of actions) {
      list.append(el('li', { className: `deliver-item status-${action.status}` }, [
        el('p', { className: 'deliver-what', text: action.what }),
        el('p', { className: 'deliver-status', text: t(`status_${action.status}`) }),
        ...actionLines(action, data, t).map((line) => el('p', { className: 'deliver-line', text: line })),
      ]));
    }
  });
}
