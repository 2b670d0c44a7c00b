// Deliver on the console: write action cards and decisions, set the participation levels.
//
// Lists follow the room state; the forms send commands and show a refused one's message next
// to the form (role="alert"). An edit names the card's version: when someone changed the card
// first, the server answers `action_changed` and the form follows the card as it is now.

import { announce, clear, el, makeT, showError } from './common.js';
import { ordered, whoText } from './deliver_view.js';

const $ = (id) => document.getElementById(id);

export function mountDeliver(room) {
  const section = $('deliver');
  if (!section) return;
  const data = JSON.parse(section.dataset.deliver);
  const t = makeT(data.strings);
  const editing = { action: null, decision: null };
  let current = null;

  const who = (prefix) => ({
    role_id: $(`${prefix}-role-id`).value,
    role: $(`${prefix}-role`).value,
    organisation: $(`${prefix}-organisation`).value,
  });
  const fillWho = (prefix, value) => {
    $(`${prefix}-role-id`).value = value.role_id || '';
    $(`${prefix}-role`).value = value.role || '';
    $(`${prefix}-organisation`).value = value.organisation || '';
  };

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

  function fillAction(action) {
    $('action-what').value = action ? action.what : '';
    fillWho('action', action ? action.who : {});
    $('action-step').value = action ? action.first_step : '';
    $('action-due').value = action ? action.due : '';
    $('action-follow-up').value = action ? action.follow_up : '';
    $('action-status').value = action ? action.status : 'planned';
    if (current) renderThemeChoice(current);
    $('action-theme').value = action && action.theme_id ? String(action.theme_id) : '';
    editing.action = action ? { id: action.id, version: action.version } : null;
    $('action-submit').textContent = action ? t('save_action') : t('add_action');
    $('action-cancel').hidden = !action;
    $('action-editing').hidden = !action;
    $('action-editing').textContent = action ? t('editing_action', { what: action.what }) : '';
  }

  $('action-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    showError($('action-error'), '');
    const target = editing.action;
    const ack = target
      ? await room.send('action.edit', { ...actionPayload(), action_id: target.id, version: target.version })
      : await room.send('action.add', actionPayload());
    if (ack.ok) {
      fillAction(null);
      announce(t('action_saved'));
      $('action-what').focus();
      return;
    }
    if (ack.error.code === 'action_changed' && current) {
      // The later version won: show it, so the next save starts from what everyone sees.
      const latest = current.actions[String(target.id)];
      fillAction(latest || null);
      showError($('action-error'), `${ack.error.message} ${t('action_followed')}`);
      return;
    }
    showError($('action-error'), ack.error.message);
  });
  $('action-cancel').addEventListener('click', () => {
    fillAction(null);
    showError($('action-error'), '');
    $('action-what').focus();
  });

  async function removeAction(action) {
    const ack = await room.send('action.remove', { action_id: action.id, version: action.version });
    if (ack.ok) announce(t('action_removed'));
    showError($('action-error'), ack.ok ? '' : ack.error.message);
    if (ack.ok && editing.action && editing.action.id === action.id) fillAction(null);
  }

  // The theme select offers the workshop's themes (Define) and keeps what is chosen.
  function renderThemeChoice(state) {
    const select = $('action-theme');
    const chosen = select.value;
    const themes = Object.values(state.themes || {}).sort((a, b) => a.id - b.id);
    clear(select);
    select.append(el('option', { text: t('no_theme'), attrs: { value: '' } }));
    for (const theme of themes) {
      select.append(el('option', { text: theme.title, attrs: { value: String(theme.id) } }));
    }
    select.value = themes.some((theme) => String(theme.id) === chosen) ? chosen : '';
  }

  function renderActions(state) {
    renderThemeChoice(state);
    const actions = ordered(state.actions);
    $('no-actions').hidden = actions.length > 0;
    $('action-count').textContent = actions.length ? `(${actions.length})` : '';
    const list = $('action-list');
    clear(list);
    for (const action of actions) {
      const lines = [t(`status_${action.status}`)];
      const named = whoText(action.who, data.roles);
      if (named) lines.push(t('who', { who: named }));
      if (action.first_step) lines.push(t('first_step', { step: action.first_step }));
      if (action.due) lines.push(t('due', { date: action.due }));
      if (action.follow_up) lines.push(t('follow_up', { date: action.follow_up }));
      if (action.theme_id) {
        const theme = (state.themes || {})[action.theme_id];
        if (theme) lines.push(t('theme', { title: theme.title }));
      }
      list.append(el('li', { className: 'deliver-item', attrs: { 'data-action-id': action.id } }, [
        el('p', { className: 'deliver-what', text: action.what }),
        el('p', { className: 'hint', text: lines.join(' · ') }),
        el('div', { className: 'row' }, [
          el('button', {
            className: 'button small',
            text: t('edit'),
            // The visible word starts the name ("Edit: …"): speech input users say what they see.
            attrs: { type: 'button', 'aria-label': `${t('edit')}: ${action.what}` },
            on: { click: () => { fillAction(action); $('action-what').focus(); } },
          }),
          el('button', {
            className: 'button small danger',
            text: t('remove'),
            attrs: { type: 'button', 'aria-label': t('remove_action_named', { what: action.what }) },
            on: { click: () => removeAction(action) },
          }),
        ]),
      ]));
    }
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

  function fillDecision(decision) {
    $('decision-text').value = decision ? decision.text : '';
    fillWho('decision', decision ? decision.who : {});
    $('decision-date').value = decision ? decision.decided_on : '';
    $('decision-action').value = decision && decision.action_id ? String(decision.action_id) : '';
    editing.decision = decision ? decision.id : null;
    $('decision-submit').textContent = decision ? t('save_decision') : t('record_decision');
    $('decision-cancel').hidden = !decision;
    $('decision-editing').hidden = !decision;
    $('decision-editing').textContent = decision ? t('edit_decision_named', { text: decision.text }) : '';
  }

  $('decision-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    showError($('decision-error'), '');
    const ack = editing.decision
      ? await room.send('decision.edit', { ...decisionPayload(), decision_id: editing.decision })
      : await room.send('decision.record', decisionPayload());
    if (!ack.ok) {
      showError($('decision-error'), ack.error.message);
      return;
    }
    fillDecision(null);
    announce(t('decision_saved'));
    $('decision-text').focus();
  });
  $('decision-cancel').addEventListener('click', () => {
    fillDecision(null);
    showError($('decision-error'), '');
    $('decision-text').focus();
  });

  function renderActionChoice(state) {
    const select = $('decision-action');
    const chosen = select.value;
    clear(select);
    select.append(el('option', { text: t('no_action_link'), attrs: { value: '' } }));
    for (const action of ordered(state.actions)) {
      select.append(el('option', { text: action.what, attrs: { value: action.id } }));
    }
    select.value = state.actions[chosen] ? chosen : '';
  }

  function renderDecisions(state) {
    const decisions = ordered(state.decisions);
    $('no-decisions').hidden = decisions.length > 0;
    $('decision-count').textContent = decisions.length ? `(${decisions.length})` : '';
    const list = $('decision-list');
    clear(list);
    for (const decision of decisions) {
      const lines = [];
      const named = whoText(decision.who, data.roles);
      if (named) lines.push(t('who', { who: named }));
      if (decision.decided_on) lines.push(t('decided_on', { date: decision.decided_on }));
      const action = decision.action_id && state.actions[String(decision.action_id)];
      if (action) lines.push(t('for_action', { what: action.what }));
      list.append(el('li', { className: 'deliver-item', attrs: { 'data-decision-id': decision.id } }, [
        el('p', { className: 'deliver-what', text: decision.text }),
        lines.length ? el('p', { className: 'hint', text: lines.join(' · ') }) : null,
        el('div', { className: 'row' }, [
          el('button', {
            className: 'button small',
            text: t('edit'),
            attrs: { type: 'button', 'aria-label': `${t('edit')}: ${decision.text}` },
            on: { click: () => { fillDecision(decision); $('decision-text').focus(); } },
          }),
          el('button', {
            className: 'button small danger',
            text: t('remove'),
            attrs: { type: 'button', 'aria-label': t('remove_decision_named', { text: decision.text }) },
            on: {
              click: async () => {
                const ack = await room.send('decision.remove', { decision_id: decision.id });
                showError($('decision-error'), ack.ok ? '' : ack.error.message);
                if (ack.ok) announce(t('decision_removed'));
              },
            },
          }),
        ]),
      ]));
    }
  }

  // --- participation --------------------------------------------------------------------

  const form = $('participation-form');
  const picked = (name) => {
    const input = form.querySelector(`input[name="${name}"]:checked`);
    return input ? input.value : '';
  };

  // The same promise shows in the consultation part of the console when it is there.
  function renderPromise() {
    const promises = ['shier', 'trappa', 'anonymity']
      .map((name) => data.scales[name].find((level) => level.key === picked(name)))
      .filter(Boolean)
      .map((level) => `${level.name}: ${level.promise}`);
    if (!picked('shier') || !picked('trappa')) promises.push(t('promise_none'));
    for (const list of [$('participation-promise'), document.getElementById('consult-promise')]) {
      if (!list) continue;
      clear(list);
      for (const text of promises) list.append(el('li', { text }));
    }
  }

  function fillParticipation(value) {
    for (const name of ['shier', 'trappa', 'anonymity']) {
      for (const input of form.querySelectorAll(`input[name="${name}"]`)) {
        input.checked = input.value === value[name];
      }
    }
    $('consent-notes').value = value.consent_notes;
    renderPromise();
  }

  form.addEventListener('change', renderPromise);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
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
  });

  let shown = null;
  let listed = null;
  room.store.subscribe((state) => {
    if (!state) return;
    current = state;
    // Rebuilt only when a card, a decision or a theme changed: a vote must not take the focus away.
    const key = JSON.stringify([state.actions, state.decisions, state.themes]);
    if (key !== listed) {
      listed = key;
      renderActions(state);
      renderActionChoice(state);
      renderDecisions(state);
    }
    // The form follows the room (another console, a reconnect) unless it is being filled in.
    const next = JSON.stringify(state.participation);
    if (next !== shown && !form.contains(document.activeElement)) {
      shown = next;
      fillParticipation(state.participation);
    }
  });
}
