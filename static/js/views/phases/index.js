// The double diamond on every screen: the phase and its plain sentence, the themes with the
// topics they came from, the ideas and their low-hanging-fruit badge. The console also gets the
// phase switcher, theme editing and clustering (drag a topic onto a theme, or pick its theme in
// a select: the keyboard way). Mounted by console.js, phone.js and wall.js with one line.
//
// A theme holds only its topics' ids: the words come from state.topics, which on phones and
// walls already leaves hidden and unreviewed topics out.
//
// The parts: phases/themes.js (a theme's card) and phases/cluster.js (clustering on
// the console). They share `view`, made here: { room, t, screen, staff, send, render,
// themeItems, clusterItems }. A phone's own dots on the themes are the store's `me`.

import { showError, syncTopicList } from '../../common.js';
import { renderCluster } from './cluster.js';
import { buildTheme, updateTheme } from './themes.js';

const PHASES = ['discover', 'define', 'develop', 'deliver'];
const $ = (id) => document.getElementById(id);

// What a round's dots went on, for the screens' rankings: topics, or in a round on themes the
// themes (their own tally; a result line names `theme_id`, given here as the id to look up).
export function roundItems(state, round) {
  if (!round || round.scope !== 'themes') {
    return { items: state.topics, tally: state.tally, results: round ? round.results : null };
  }
  const results = round.results ? round.results.map((line) => ({ ...line, topic_id: line.theme_id })) : null;
  return { items: state.themes, tally: state.theme_tally, results };
}

export function mountPhases(room, t, { screen }) {
  const view = {
    room, t, screen, staff: screen === 'console', themeItems: new Map(), clusterItems: new Map(),
    send: (name, payload, errorNode) => send(room, name, payload, errorNode),
  };
  view.render = (state) => render(view, state);
  if (view.staff) wireConsole(view);
  room.store.subscribe(view.render);
}

function wireConsole(view) {
  for (const button of document.querySelectorAll('#phase-buttons [data-phase]')) {
    button.addEventListener('click', () => view.send('phase.change', { phase: button.dataset.phase }, $('phase-error')));
  }
  $('theme-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const ack = await view.send('theme.create', { title: $('theme-title').value }, $('theme-error'));
    if (ack.ok) $('theme-title').value = '';
  });
}

async function send(room, name, payload, errorNode) {
  if (errorNode) showError(errorNode, '');
  const ack = await room.send(name, payload);
  if (!ack.ok && errorNode) showError(errorNode, ack.error.message);
  return ack;
}

// The phase's name, sentence and steps; on the console the switcher shows which is on.
function renderPhase(view, phase) {
  const { t } = view;
  document.body.dataset.phase = phase;
  $('phase-name').textContent = t(`phase_${phase}`);
  $('phase-what').textContent = t(`phase_${phase}_what`);
  for (const step of document.querySelectorAll('#phase-steps [data-phase]')) {
    if (step.dataset.phase === phase) step.setAttribute('aria-current', 'step');
    else step.removeAttribute('aria-current');
  }
  if (view.staff) {
    for (const button of document.querySelectorAll('#phase-buttons [data-phase]')) {
      button.setAttribute('aria-pressed', String(button.dataset.phase === phase));
    }
  }
}

function render(view, state) {
  if (!state) return;
  const { staff } = view;
  const phase = PHASES.includes(state.phase) ? state.phase : 'discover';
  renderPhase(view, phase);
  const themes = Object.values(state.themes).sort((a, b) => a.id - b.id);
  const round = state.round && state.round.scope === 'themes' ? state.round : null;
  // A round on themes: the topic dots and bars make way for the themes' own.
  document.body.classList.toggle('theme-round', Boolean(round && round.status === 'open'));
  const panel = $('themes-panel');
  // Phones and the wall show themes from Define on; the console whenever there are some or
  // the room is past Discover (clustering can start early).
  panel.hidden = staff
    ? (phase === 'discover' && !themes.length)
    : ((phase === 'discover' && !(round && round.status === 'open')) || (!themes.length && phase !== 'deliver'));
  // Once there are actions the Deliver list itself says what happens next.
  $('deliver-note').hidden = phase !== 'deliver' || Object.keys(state.actions || {}).length > 0;
  $('no-themes').hidden = themes.length > 0;
  const list = $('themes');
  list.lang = state.workshop.language || '';
  // Oldest first, as they were made; syncTopicList keeps the order it is given.
  syncTopicList(list, view.themeItems, themes, (theme) => buildTheme(view, theme), (item, theme) => updateTheme(view, item, theme, state, phase));
  if (staff) renderCluster(view, state, themes);
}
