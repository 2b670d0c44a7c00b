// A voting round on the wall: its status line, the live bars (on topics or themes) and a chosen
// earlier round's ranking.

import { clear, el, rank } from '../../common.js';
import { roundItems } from '../phases/index.js';

export function roundStatus(state, view, t) {
  const round = view.round;
  if (!round) return '';
  if (view.kind === 'results') return t('wall_past_result', { n: round.number });
  if (round.status !== 'open') return t('round_closed');
  const rules = t('wall_round_open', { budget: round.budget, max: round.max_per_topic });
  return `${rules} ${round.sealed ? t('wall_sealed') : t('wall_live')}`;
}

export function renderPastResult(list, state, round, t) {
  const { items, results } = roundItems(state, round);
  const rows = results.map((entry) => ({
    id: entry.topic_id,
    rank: entry.rank,
    total: entry.total,
    title: items[String(entry.topic_id)] ? items[String(entry.topic_id)].title : t('removed_topic'),
    tie: results.some((other) => other !== entry && other.rank === entry.rank),
  }));
  drawBars(list, rows, true, t);
}

export function renderBars(list, state, topics, t) {
  const { items, tally } = roundItems(state, state.round);
  const shown = state.round.scope === 'themes' ? Object.values(items) : topics;
  const totals = shown.map((item) => ({ id: item.id, title: item.title, total: tally[String(item.id)] || 0 }));
  drawBars(list, rank(totals), state.round.status === 'closed', t);
}

// One row: rank and title share the first line, the total at its end, the bar underneath.
function drawBars(list, ranked, closed, t) {
  clear(list);
  const most = Math.max(1, ...ranked.map((row) => row.total));
  for (const row of ranked) {
    const bar = el('span', { className: 'bar-fill' });
    bar.style.inlineSize = `${(100 * row.total) / most}%`;
    list.append(el('li', { className: 'bar-row', attrs: { 'data-topic-id': row.id, 'data-total': row.total } }, [
      el('span', { className: 'bar-label' }, [
        closed ? el('span', { className: 'rank', text: t('rank', { rank: row.rank }) + (row.tie ? ` (${t('tie')})` : '') }) : null,
        el('span', { className: 'bar-title', text: row.title }),
      ]),
      el('span', { className: 'bar-total', text: String(row.total) }),
      el('span', { className: 'bar-track' }, [bar]),
    ]));
  }
}
