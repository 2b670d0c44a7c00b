// The opening circle: edited on the console, read on the phone ("How today works") and shown
// on the wall when the coordinator chooses it.

import { announce, clear, el, showError } from '../common.js';
import { openingIn } from '../state/opening.js';

const $ = (id) => document.getElementById(id);
const LANGS = ['sv', 'en'];

function fillText(state, lang, list, law) {
  const text = openingIn(state, lang);
  clear(list);
  if (!text) return;
  for (const line of text.principles) list.append(el('li', { text: line }));
  law.textContent = text.law;
}

// The phone's folded "How today works", in the phone's language.
export function mountOpeningPhone(room, lang) {
  const list = $('opening-phone-principles');
  if (!list) return;
  room.store.subscribe((state) => {
    if (state) fillText(state, lang, list, $('opening-phone-law'));
  });
}

// The wall's view: shown instead of the topics while the coordinator has chosen it.
export function mountOpeningWall(room, lang) {
  const section = $('opening-wall');
  if (!section) return;
  room.store.subscribe((state) => {
    if (!state) return;
    const shown = state.workshop.wall_view === 'opening';
    section.hidden = !shown;
    document.body.classList.toggle('wall-shows-opening', shown);
    if (shown) fillText(state, lang, $('opening-wall-principles'), $('opening-wall-law'));
  });
}

// The console's form: both languages saved together; what the coordinator is typing is kept
// while the state changes around it.
export function mountOpeningConsole(room, t) {
  const form = $('opening-form');
  if (!form) return;
  let dirty = false;
  form.addEventListener('input', () => { dirty = true; });

  function fill(state) {
    for (const lang of LANGS) {
      const text = (state.opening.texts || {})[lang];
      if (!text) continue;
      text.principles.forEach((line, n) => { $(`opening-${lang}-${n + 1}`).value = line; });
      $(`opening-${lang}-law`).value = text.law;
    }
  }

  async function send(payload) {
    const answer = await room.send('opening.update', payload);
    if (answer && answer.ok) {
      dirty = false;
      showError($('opening-error'), '');
      announce(t('opening_saved'));
      fill(room.store.state);
    } else if (answer) showError($('opening-error'), answer.error.message);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const texts = {};
    for (const lang of LANGS) {
      texts[lang] = {
        principles: [1, 2, 3, 4].map((n) => $(`opening-${lang}-${n}`).value),
        law: $(`opening-${lang}-law`).value,
      };
    }
    send({ texts });
  });
  $('opening-reset').addEventListener('click', () => {
    if (window.confirm(t('opening_confirm_reset'))) send({ reset: true });
  });
  room.store.subscribe((state) => {
    if (state && !dirty) fill(state);
  });
}
