// The workshop itself on the facilitator's console: its name and whether it is open, open or
// close it, its settings, and what the wall shows.

import { announce, clear, el, sendShowingError } from '../common.js';

const $ = (id) => document.getElementById(id);

export function mountWorkshopConsole(room, t) {
  const view = { room, t, command: (name, payload, errorNode) => sendShowingError(room, name, payload, errorNode) };
  room.store.subscribe((state) => {
    if (!state) return;
    $('workshop-title').textContent = state.workshop.title;
    $('workshop-status').textContent = state.workshop.status === 'open' ? '' : t('workshop_closed');
    $('toggle-open').textContent = state.workshop.status === 'open' ? t('close_workshop') : t('open_workshop');
    renderWallChoice(view, state);
  });
  wireWorkshopForms(view);
}

function renderWallChoice(view, state) {
  const { t } = view;
  const select = $('wall-view');
  const key = `${state.workshop.wall_view}:${state.workshop.wall_round_id}:${state.rounds.map((r) => `${r.id}${r.status}`).join(',')}`;
  if (select.dataset.key === key) return;
  select.dataset.key = key;
  clear(select);
  const options = [['auto', t('wall_auto')], ['marketplace', t('wall_marketplace')], ['round', t('wall_round')]];
  options.push(['board', t('wall_board')], ['opening', t('wall_opening')], ['question', t('wall_question')]);
  for (const past of state.rounds.filter((r) => r.results)) {
    options.push([`results:${past.id}`, t('wall_results', { n: past.number })]);
  }
  for (const [value, label] of options) select.append(el('option', { text: label, attrs: { value } }));
  const chosen = state.workshop.wall_view === 'results' ? `results:${state.workshop.wall_round_id}` : state.workshop.wall_view;
  select.value = chosen;
}

function wireWorkshopForms(view) {
  const { room, t } = view;
  $('wall-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const [wall, roundId] = $('wall-view').value.split(':');
    const payload = roundId ? { view: wall, round_id: Number(roundId) } : { view: wall };
    view.command('wall.show', payload, $('wall-error'));
  });
  $('toggle-open').addEventListener('click', () => {
    const open = room.store.state && room.store.state.workshop.status === 'open';
    view.command(open ? 'workshop.close' : 'workshop.reopen', {}, $('toggle-error'));
  });
  $('settings-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const ack = await view.command('workshop.update', {
      title: form.elements.title.value,
      theme: form.elements.theme.value,
      language: form.elements.language.value,
      dot_budget: Number(form.elements.dot_budget.value),
      max_per_topic: Number(form.elements.max_per_topic.value),
      review_topics: form.elements.review_topics.checked,
    }, $('settings-error'));
    if (ack.ok) announce(t('saved'));
  });
}
