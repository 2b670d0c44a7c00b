// The projector wall: theme, join QR, live topic wall, live vote bars and the ranking.

import { clear, el, makeT, rank, readConfig } from './common.js';
import { Room } from './socket.js';
import { connectionBanner } from './status.js';

const { config } = readConfig();
const t = makeT(config.strings);
const $ = (id) => document.getElementById(id);
const DENSE_FROM = 12;
const banner = connectionBanner($('connection'), t);

const room = new Room({
  config,
  t,
  auth: { view: 'wall', join_code: config.join_code, lang: config.lang },
  includeHidden: false,
  comeBack: true,
  onStatus: (status) => banner(status),
  onMessage: (name) => {
    if (name === 'workshop.deleted') banner('gone', 0, t('workshop_deleted'));
    if (name === 'server.restarting') banner('restarting');
  },
});
room.store.subscribe(render);

function render(state) {
  if (!state) return;
  $('workshop-title').textContent = state.workshop.title;
  $('workshop-theme').textContent = state.workshop.theme;
  $('participant-total').textContent = t('participants', { n: state.participants.total });
  const topics = Object.values(state.topics);
  $('no-topics').hidden = topics.length > 0;
  $('topic-count').textContent = topics.length ? `(${topics.length})` : '';
  // A projector holds about a dozen cards or bars at full size; beyond that they shrink (and
  // the cards drop their descriptions) so that far more of the room's topics stay in view.
  const dense = topics.length > DENSE_FROM;
  $('topics').classList.toggle('dense', dense);
  $('bars').classList.toggle('dense', dense);
  const round = state.round;
  $('round-status').textContent = !round
    ? ''
    : round.status === 'open'
      ? t('wall_round_open', { budget: round.budget, max: round.max_per_topic })
      : t('round_closed');
  // While there is no round the wall is the marketplace; from the first round on, the bars.
  $('bars').hidden = !round;
  $('topics').hidden = Boolean(round);
  if (round) renderBars(state, topics);
  else renderTopics(topics);
  renderFigures(state.board.met);
}

// The board's figures, once someone answered "which have you met": medians and ranges per
// family, and the roles met by the most (aggregates only; nobody's own answer).
function renderFigures(met) {
  $('board-figures').hidden = !met.answers;
  if (!met.answers) return;
  const spread = (s) => t('met_median_range', { median: s.median, low: s.low, high: s.high });
  $('figures-answers').textContent = `(${t('met_answers', { n: met.answers })})`;
  $('fig-titles-label').textContent = t('met_titles');
  $('fig-titles').textContent = spread(met.titles);
  $('fig-orgs-label').textContent = t('met_organisations');
  $('fig-orgs').textContent = `${spread(met.organisations)} · ${t('met_organisations_total', { n: met.organisations_total })}`;
  $('fig-retold-label').textContent = t('met_retold');
  $('fig-retold').textContent = spread(met.retold);
  $('fig-most-label').textContent = t('met_most');
  const list = $('fig-most');
  clear(list);
  const top = Object.entries(met.heat).sort((a, b) => (b[1] - a[1]) || a[0].localeCompare(b[0])).slice(0, 8);
  const most = Math.max(1, ...top.map(([, n]) => n));
  for (const [roleId, n] of top) {
    const bar = el('span', { className: 'bar-fill heat-fill' });
    bar.style.inlineSize = `${(100 * n) / most}%`;
    list.append(el('li', { className: 'bar-row', attrs: { 'data-role-id': roleId, 'data-met': n } }, [
      el('span', { className: 'bar-label' }, [el('span', { className: 'bar-title', text: config.roles[roleId] || roleId })]),
      el('span', { className: 'bar-track' }, [bar]),
      el('span', { className: 'bar-total', text: String(n) }),
    ]));
  }
}

function renderTopics(topics) {
  const list = $('topics');
  clear(list);
  for (const topic of topics.sort((a, b) => b.id - a.id)) {
    list.append(el('li', { className: 'wall-topic', attrs: { 'data-topic-id': topic.id } }, [
      el('p', { className: 'wall-topic-title', text: topic.title }),
      topic.description ? el('p', { className: 'wall-topic-description', text: topic.description }) : null,
    ]));
  }
}

function renderBars(state, topics) {
  const list = $('bars');
  clear(list);
  const totals = topics.map((topic) => ({ id: topic.id, title: topic.title, total: state.tally[String(topic.id)] || 0 }));
  const ranked = rank(totals);
  const most = Math.max(1, ...ranked.map((row) => row.total));
  const closed = state.round.status === 'closed';
  for (const row of ranked) {
    const bar = el('span', { className: 'bar-fill' });
    bar.style.inlineSize = `${(100 * row.total) / most}%`;
    list.append(el('li', { className: 'bar-row', attrs: { 'data-topic-id': row.id, 'data-total': row.total } }, [
      el('span', { className: 'bar-label' }, [
        closed ? el('span', { className: 'rank', text: t('rank', { rank: row.rank }) + (row.tie ? ` (${t('tie')})` : '') }) : null,
        el('span', { className: 'bar-title', text: row.title }),
      ]),
      el('span', { className: 'bar-track' }, [bar]),
      el('span', { className: 'bar-total', text: String(row.total) }),
    ]));
  }
}

room.connect();
