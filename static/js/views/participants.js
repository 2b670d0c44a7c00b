// Who takes part: on a phone the optional profile (nickname, group, organisation) from the
// store's `me`; on the console how many have joined, per group.

import { announce, clear, el, showError, showPending } from '../common.js';

const $ = (id) => document.getElementById(id);

export function mountProfilePhone(room, t) {
  const form = $('profile-form');
  if (!form) return;
  let filled = false;
  room.store.subscribe(() => {
    // Fill once, when `me` first comes: later ones must not overwrite what the person types.
    if (filled || room.store.me.participant_id === null) return;
    filled = true;
    fillProfile(form, room.store.me);
  });
  form.addEventListener('submit', (event) => saveProfile(room, t, form, event));
}

function fillProfile(form, me) {
  // A consultation may not ask for a nickname or an organisation: those fields are absent.
  if (form.elements.nickname) form.elements.nickname.value = me.nickname || '';
  for (const radio of form.querySelectorAll('input[name="group"]')) {
    radio.checked = radio.value === (me.group || '');
  }
  if (form.elements.organisation) form.elements.organisation.value = me.organisation || '';
  $('profile-panel').hidden = false;
}

async function saveProfile(room, t, form, event) {
  event.preventDefault();
  showError($('profile-error'), '');
  const checked = form.querySelector('input[name="group"]:checked');
  const ack = await showPending(room.send('profile.update', {
    nickname: form.elements.nickname ? form.elements.nickname.value : '',
    group: checked ? checked.value : '',
    organisation: form.elements.organisation ? form.elements.organisation.value : '',
  }), $('profile-pending'), t('pending'), !room.connected);
  if (!ack.ok) {
    showError($('profile-error'), ack.error.message);
    return;
  }
  announce(t('saved'));
}

export function mountParticipantsConsole(room, t) {
  room.store.subscribe((state) => {
    if (!state) return;
    $('participant-total').textContent = String(state.participants.total);
    const list = $('participant-groups');
    clear(list);
    for (const [group, n] of Object.entries(state.participants.counts)) {
      list.append(el('li', { text: `${t(`group_${group}`)}: ${n}` }));
    }
  });
}
