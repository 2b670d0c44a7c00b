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
  // A closed workshop takes nobody new: the wall stops inviting people to join.
  $('wall-join-invite').hidden = state.workshop.status !== 'open';
  const view = wallView(state);
  const round = view.round;
  $('round-purpose').textContent = round && round.purpose ? round.purpose : '';
  $('round-purpose').hidden = !(round && round.purpose);
  $('round-status').textContent = roundStatus(state, view);
  const sealed = view.kind === 'round' && round.status === 'open' && round.sealed;
  $('turnout').hidden = !(view.kind === 'round' && round.status === 'open');
  $('turnout').textContent = t('turnout', {
    n: state.turnout.voters, total: state.participants.total, dots: state.turnout.dots,
  });
  $('bars').hidden = view.kind === 'marketplace' || sealed;
  $('topics').hidden = view.kind !== 'marketplace';
  if (view.kind === 'marketplace') renderTopics(topics);
  else if (view.kind === 'results') renderPastResult(state, view.round);
  else if (!sealed) renderBars(state, topics);
  renderFigures(state.board.met);
}

// What the coordinator chose (console: "Show on the wall"); "auto" is the marketplace before
// the first round and the latest round from then on.
function wallView(state) {
  const { wall_view: chosen, wall_round_id: roundId } = state.workshop;
  if (chosen === 'results') {
    const past = state.rounds.find((r) => r.id === roundId && r.results);
    if (past) return { kind: 'results', round: past };
  }
  if (chosen === 'marketplace' || !state.round) return { kind: 'marketplace', round: null };
  return { kind: 'round', round: state.round };
}

function roundStatus(state, view) {
  const round = view.round;
  if (!round) return '';
  if (view.kind === 'results') return t('wall_past_result', { n: round.number });
  if (round.status !== 'open') return t('round_closed');
  const rules = t('wall_round_open', { budget: round.budget, max: round.max_per_topic });
  return `${rules} ${round.sealed ? t('wall_sealed') : t('wall_live')}`;
}

function renderPastResult(state, round) {
  const rows = round.results.map((entry) => ({
    id: entry.topic_id,
    rank: entry.rank,
    total: entry.total,
    title: state.topics[String(entry.topic_id)] ? state.topics[String(entry.topic_id)].title : t('removed_topic'),
    tie: round.results.some((other) => other !== entry && other.rank === entry.rank),
  }));
  drawBars(rows, true);
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
  const totals = topics.map((topic) => ({ id: topic.id, title: topic.title, total: state.tally[String(topic.id)] || 0 }));
  drawBars(rank(totals), state.round.status === 'closed');
}

function drawBars(ranked, closed) {
  const list = $('bars');
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
      el('span', { className: 'bar-track' }, [bar]),
      el('span', { className: 'bar-total', text: String(row.total) }),
    ]));
  }
}

room.connect();
