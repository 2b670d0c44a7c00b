// The agenda's time slots and spaces on the console's Set-up part: added, corrected in place (a
// slot's times, a space's name and places: slot.save and space.save with the id) and removed.

import { announce, el, showError } from '../../common.js';
import { slotsInOrder, spacesInOrder } from '../../state/agenda.js';

const $ = (id) => document.getElementById(id);

// An input follows the server only while the coordinator has not changed it: a live update
// must not wipe out a correction being typed.
function follow(input, value) {
  if (input.value === (input.dataset.seen ?? '') || input.value === value) input.value = value;
  input.dataset.seen = value;
}

function field(id, label, input) {
  input.id = id;
  return el('div', { className: 'field' }, [el('label', { text: label, attrs: { for: id } }), input]);
}

// One editable row: its fields, Save (the form's submit) and Remove.
function editRow(t, fields, onSave, onRemove) {
  const save = el('button', { className: 'button small', text: t('save'), attrs: { type: 'submit' } });
  const remove = el('button', { className: 'button small danger', text: t('agenda_remove'), attrs: { type: 'button' } });
  remove.addEventListener('click', onRemove);
  const form = el('form', { className: 'row agenda-edit', attrs: { novalidate: true } }, [...fields, save, remove]);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSave();
  });
  return { li: el('li', {}, [form]), save, remove };
}

function slotRow(t, send, slot) {
  const starts = el('input', { attrs: { type: 'time', required: true } });
  const ends = el('input', { attrs: { type: 'time', required: true } });
  const row = editRow(t, [
    field(`slot-${slot.id}-starts`, t('setup_slot_starts'), starts),
    field(`slot-${slot.id}-ends`, t('setup_slot_ends'), ends),
  ], () => send('slot.save', { slot_id: slot.id, starts: starts.value, ends: ends.value }),
  () => send('slot.remove', { slot_id: slot.id }));
  return { ...row, starts, ends };
}

function spaceRow(t, send, space) {
  const name = el('input', { attrs: { type: 'text', maxlength: 60, required: true, autocomplete: 'off' } });
  const places = el('input', { attrs: { type: 'number', min: 1, max: 10000, inputmode: 'numeric' } });
  const row = editRow(t, [
    field(`space-${space.id}-name`, t('setup_space_name'), name),
    field(`space-${space.id}-places`, t('setup_space_places'), places),
  ], () => {
    const payload = { space_id: space.id, name: name.value };
    if (places.value.trim()) payload.capacity = Number(places.value);
    send('space.save', payload);
  }, () => send('space.remove', { space_id: space.id }));
  return { ...row, name, places };
}

// Rows kept by id, in the given order; a row is moved only when out of place, as a node taken
// out of the page loses the focus.
function syncRows(list, rows, items, build, update) {
  for (const [id, row] of rows) {
    if (!items.some((item) => item.id === id)) {
      row.li.remove();
      rows.delete(id);
    }
  }
  let previous = null;
  for (const item of items) {
    if (!rows.has(item.id)) rows.set(item.id, build(item));
    const row = rows.get(item.id);
    update(row, item);
    const wanted = previous ? previous.nextSibling : list.firstChild;
    if (row.li !== wanted) list.insertBefore(row.li, wanted);
    previous = row.li;
  }
}

function named(row, t, name) {
  row.save.setAttribute('aria-label', t('setup_save_named', { name }));
  row.remove.setAttribute('aria-label', t('agenda_remove_named', { name }));
}

export function mountAgendaSetup(room, t) {
  const rows = { slot: new Map(), space: new Map() };

  async function send(name, payload) {
    const answer = await room.send(name, payload);
    showError($('setup-error'), answer && !answer.ok ? answer.error.message : '');
    if (answer && !answer.ok) announce(answer.error.message);
    else if (name.endsWith('.save')) announce(t('agenda_saved'));
    return answer;
  }

  function render(state) {
    if (!state) return;
    const slots = slotsInOrder(state);
    const spaces = spacesInOrder(state);
    $('no-slots').hidden = slots.length > 0;
    $('no-spaces').hidden = spaces.length > 0;
    syncRows($('slot-list'), rows.slot, slots, (slot) => slotRow(t, send, slot), (row, slot) => {
      follow(row.starts, slot.starts);
      follow(row.ends, slot.ends);
      named(row, t, `${slot.starts}–${slot.ends}`);
    });
    syncRows($('space-list'), rows.space, spaces, (space) => spaceRow(t, send, space), (row, space) => {
      follow(row.name, space.name);
      follow(row.places, space.capacity ? String(space.capacity) : '');
      named(row, t, space.name);
    });
  }

  $('slot-form').addEventListener('submit', (event) => {
    event.preventDefault();
    send('slot.save', { starts: $('slot-starts').value, ends: $('slot-ends').value });
  });
  $('space-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const raw = $('space-capacity').value.trim();
    const payload = { name: $('space-name').value };
    if (raw) payload.capacity = Number(raw);
    const answer = await send('space.save', payload);
    if (answer && answer.ok) {
      $('space-name').value = '';
      $('space-capacity').value = '';
    }
  });
  room.store.subscribe(render);
}
