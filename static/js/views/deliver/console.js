// Deliver on the console: write action cards and decisions, set the participation levels.
//
// Lists follow the room state; the forms send commands and show a refused one's message next
// to the form (role="alert"). An edit names the card's version: when someone changed the card
// first, the server answers `action_changed` and the form follows the card as it is now.
//
// One part per feature (actions, decisions, participation), each a few named functions that
// share `view`: { room, t, data (the section's strings, roles, scales), editing, current }.

import { announce, clear, el, makeT, showError } from '../../common.js';
import { ordered, whoText } from './actions.js';

const $ = (id) => document.getElementById(id);

export function mountDeliver(room) {
  const section = $('deliver');
  if (!section) return;
  const data = JSON.parse(section.dataset.deliver);
  const view = { room, data, t: makeT(data.strings), editing: { action: null, decision: null }, current: null };
  wireActionForm(view);
  wireDecisionForm(view);
  wireParticipation(view);
  room.store.subscribe(followRoom(view));
}

// Rebuilt only when a card, a decision or a theme changed: a vote must not take the focus away.
// The participation form follows the room (another console, a reconnect) unless it is being
// filled in.
function followRoom(view) {
  let shown = null;
  let listed = null;
  const form = $('participation-form');
  return (state) => {
    if (!state) return;
    view.current = state;
    const key = JSON.stringify([state.actions, state.decisions, state.themes]);
    if (key !== listed) {
      listed = key;
      renderActions(view, state);
      renderActionChoice(view, state);
      renderDecisions(view, state);
    }
    const next = JSON.stringify(state.participation);
    if (next !== shown && !form.contains(document.activeElement)) {
      shown = next;
      fillParticipation(view, state.participation);
    }
  };
}

// --- who (a role from the board, or written in) -------------------------------------------

function who(prefix) {
  return {
    role_id: $(`${prefix}-role-id`).value,
    role: $(`${prefix}-role`).value,
    organisation: $(`${prefix}-organisation`).value,
  };
}

function fillWho(prefix, value) {
  $(`${prefix}-role-id`).value = value.role_id || '';
  $(`${prefix}-role`).value = value.role || '';
  $(`${prefix}-organisation`).value = value.organisation || '';
}

// --- actions --------------------------------------------------------------------------

function actionPayload() {
  const theme = $('action-theme').value.trim();
  const payload = {
    what: $('action-what').value,
    who: who('action'),
    first_step: $('action-step').value,
    due: $('action-due').value,
    follow_up: $('action-follow-up').value,
    status: $('action-status').value,
  };
  if (theme) payload.theme_id = Number(theme);
  return payload;
}

function fillAction(view, action) {
  const { t } = view;
  $('action-what').value = action ? action.what : '';
  fillWho('action', action ? action.who : {});
  $('action-step').value = action ? action.first_step : '';
  $('action-due').value = action ? action.due : '';
  $('action-follow-up').value = action ? action.follow_up : '';
  $('action-status').value = action ? action.status : 'planned';
  if (view.current) renderThemeChoice(view, view.current);
  $('action-theme').value = action && action.theme_id ? String(action.theme_id) : '';
  view.editing.action = action ? { id: action.id, version: action.version } : null;
  $('action-submit').textContent = action ? t('save_action') : t('add_action');
  $('action-cancel').hidden = !action;
  $('action-editing').hidden = !action;
  $('action-editing').textContent = action ? t('editing_action', { what: action.what }) : '';
}

async function saveAction(view) {
  const { room, t } = view;
  showError($('action-error'), '');
  const target = view.editing.action;
  const ack = target
    ? await room.send('action.edit', { ...actionPayload(), action_id: target.id, version: target.version })
    : await room.send('action.add', actionPayload());
  if (ack.ok) {
    fillAction(view, null);
    announce(t('action_saved'));
    $('action-what').focus();
    return;
  }
  if (ack.error.code === 'action_changed' && view.current) {
    // The later version won: show it, so the next save starts from what everyone sees.
    const latest = view.current.actions[String(target.id)];
    fillAction(view, latest || null);
    showError($('action-error'), `${ack.error.message} ${t('action_followed')}`);
    return;
  }
  showError($('action-error'), ack.error.message);
}

function wireActionForm(view) {
  $('action-form').addEventListener('submit', (event) => {
    event.preventDefault();
    saveAction(view);
  });
  $('action-cancel').addEventListener('click', () => {
    fillAction(view, null);
    showError($('action-error'), '');
    $('action-what').focus();
  });
}

async function removeAction(view, action) {
  const ack = await view.room.send('action.remove', { action_id: action.id, version: action.version });
  if (ack.ok) announce(view.t('action_removed'));
  showError($('action-error'), ack.ok ? '' : ack.error.message);
  if (ack.ok && view.editing.action && view.editing.action.id === action.id) fillAction(view, null);
}

// The theme select offers the workshop's themes (Define) and keeps what is chosen.
function renderThemeChoice(view, state) {
  const select = $('action-theme');
  const chosen = select.value;
  const themes = Object.values(state.themes || {}).sort((a, b) => a.id - b.id);
  clear(select);
  select.append(el('option', { text: view.t('no_theme'), attrs: { value: '' } }));
  for (const theme of themes) {
    select.append(el('option', { text: theme.title, attrs: { value: String(theme.id) } }));
  }
  select.value = themes.some((theme) => String(theme.id) === chosen) ? chosen : '';
}

function actionLines(view, action, state) {
  const { t } = view;
  const lines = [t(`status_${action.status}`)];
  const named = whoText(action.who, view.data.roles);
  if (named) lines.push(t('who', { who: named }));
  if (action.first_step) lines.push(t('first_step', { step: action.first_step }));
  if (action.due) lines.push(t('due', { date: action.due }));
  if (action.follow_up) lines.push(t('follow_up', { date: action.follow_up }));
  if (action.theme_id) {
    const theme = (state.themes || {})[action.theme_id];
    if (theme) lines.push(t('theme', { title: theme.title }));
  }
  return lines;
}

function actionItem(view, action, state) {
  const { t } = view;
  return el('li', { className: 'deliver-item', attrs: { 'data-action-id': action.id } }, [
    el('p', { className: 'deliver-what', text: action.what }),
    el('p', { className: 'hint', text: actionLines(view, action, state).join(' · ') }),
    el('div', { className: 'row' }, [
      el('button', {
        className: 'button small',
        text: t('edit'),
        // The visible word starts the name ("Edit: …"): speech input users say what they see.
        attrs: { type: 'button', 'aria-label': `${t('edit')}: ${action.what}` },
        on: { click: () => { fillAction(view, action); $('action-what').focus(); } },
      }),
      el('button', {
        className: 'button small danger',
        text: t('remove'),
        attrs: { type: 'button', 'aria-label': t('remove_action_named', { what: action.what }) },
        on: { click: () => removeAction(view, action) },
      }),
    ]),
  ]);
}

function renderActions(view, state) {
  renderThemeChoice(view, state);
  const actions = ordered(state.actions);
  $('no-actions').hidden = actions.length > 0;
  $('action-count').textContent = actions.length ? `(${actions.length})` : '';
  const list = $('action-list');
  clear(list);
  for (const action of actions) list.append(actionItem(view, action, state));
}

// --- decisions ------------------------------------------------------------------------

function decisionPayload() {
  const payload = {
    text: $('decision-text').value,
    who: who('decision'),
    decided_on: $('decision-date').value,
  };
  const linked = $('decision-action').value;
  if (linked) payload.action_id = Number(linked);
  return payload;
}

function fillDecision(view, decision) {
  const { t } = view;
  $('decision-text').value = decision ? decision.text : '';
  fillWho('decision', decision ? decision.who : {});
  $('decision-date').value = decision ? decision.decided_on : '';
  $('decision-action').value = decision && decision.action_id ? String(decision.action_id) : '';
  view.editing.decision = decision ? decision.id : null;
  $('decision-submit').textContent = decision ? t('save_decision') : t('record_decision');
  $('decision-cancel').hidden = !decision;
  $('decision-editing').hidden = !decision;
  $('decision-editing').textContent = decision ? t('edit_decision_named', { text: decision.text }) : '';
}

async function saveDecision(view) {
  const { room, t, editing } = view;
  showError($('decision-error'), '');
  const ack = editing.decision
    ? await room.send('decision.edit', { ...decisionPayload(), decision_id: editing.decision })
    : await room.send('decision.record', decisionPayload());
  if (!ack.ok) {
    showError($('decision-error'), ack.error.message);
    return;
  }
  fillDecision(view, null);
  announce(t('decision_saved'));
  $('decision-text').focus();
}

function wireDecisionForm(view) {
  $('decision-form').addEventListener('submit', (event) => {
    event.preventDefault();
    saveDecision(view);
  });
  $('decision-cancel').addEventListener('click', () => {
    fillDecision(view, null);
    showError($('decision-error'), '');
    $('decision-text').focus();
  });
}

function renderActionChoice(view, state) {
  const select = $('decision-action');
  const chosen = select.value;
  clear(select);
  select.append(el('option', { text: view.t('no_action_link'), attrs: { value: '' } }));
  for (const action of ordered(state.actions)) {
    select.append(el('option', { text: action.what, attrs: { value: action.id } }));
  }
  select.value = state.actions[chosen] ? chosen : '';
}

async function removeDecision(view, decision) {
  const ack = await view.room.send('decision.remove', { decision_id: decision.id });
  showError($('decision-error'), ack.ok ? '' : ack.error.message);
  if (ack.ok) announce(view.t('decision_removed'));
}

function decisionItem(view, decision, state) {
  const { t } = view;
  const lines = [];
  const named = whoText(decision.who, view.data.roles);
  if (named) lines.push(t('who', { who: named }));
  if (decision.decided_on) lines.push(t('decided_on', { date: decision.decided_on }));
  const action = decision.action_id && state.actions[String(decision.action_id)];
  if (action) lines.push(t('for_action', { what: action.what }));
  return el('li', { className: 'deliver-item', attrs: { 'data-decision-id': decision.id } }, [
    el('p', { className: 'deliver-what', text: decision.text }),
    lines.length ? el('p', { className: 'hint', text: lines.join(' · ') }) : null,
    el('div', { className: 'row' }, [
      el('button', {
        className: 'button small',
        text: t('edit'),
        attrs: { type: 'button', 'aria-label': `${t('edit')}: ${decision.text}` },
        on: { click: () => { fillDecision(view, decision); $('decision-text').focus(); } },
      }),
      el('button', {
        className: 'button small danger',
        text: t('remove'),
        attrs: { type: 'button', 'aria-label': t('remove_decision_named', { text: decision.text }) },
        on: { click: () => removeDecision(view, decision) },
      }),
    ]),
  ]);
}

function renderDecisions(view, state) {
  const decisions = ordered(state.decisions);
  $('no-decisions').hidden = decisions.length > 0;
  $('decision-count').textContent = decisions.length ? `(${decisions.length})` : '';
  const list = $('decision-list');
  clear(list);
  for (const decision of decisions) list.append(decisionItem(view, decision, state));
}

// --- participation --------------------------------------------------------------------

const SCALES = ['shier', 'trappa', 'anonymity'];

function picked(name) {
  const input = $('participation-form').querySelector(`input[name="${name}"]:checked`);
  return input ? input.value : '';
}

// The same promise shows in the consultation part of the console when it is there.
function renderPromise(view) {
  const promises = SCALES
    .map((name) => view.data.scales[name].find((level) => level.key === picked(name)))
    .filter(Boolean)
    .map((level) => `${level.name}: ${level.promise}`);
  if (!picked('shier') || !picked('trappa')) promises.push(view.t('promise_none'));
  for (const list of [$('participation-promise'), document.getElementById('consult-promise')]) {
    if (!list) continue;
    clear(list);
    for (const text of promises) list.append(el('li', { text }));
  }
}

function fillParticipation(view, value) {
  const form = $('participation-form');
  for (const name of SCALES) {
    for (const input of form.querySelectorAll(`input[name="${name}"]`)) {
      input.checked = input.value === value[name];
    }
  }
  $('consent-notes').value = value.consent_notes;
  renderPromise(view);
}

async function saveParticipation(view) {
  const { room, t } = view;
  showError($('participation-error'), '');
  $('participation-saved').hidden = true;
  const ack = await room.send('participation.set', {
    shier: picked('shier'),
    trappa: picked('trappa'),
    anonymity: picked('anonymity'),
    consent_notes: $('consent-notes').value,
  });
  if (!ack.ok) {
    showError($('participation-error'), ack.error.message);
    return;
  }
  $('participation-saved').textContent = t('participation_saved');
  $('participation-saved').hidden = false;
  announce(t('participation_saved'));
}

function wireParticipation(view) {
  const form = $('participation-form');
  form.addEventListener('change', () => renderPromise(view));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saveParticipation(view);
  });
}
