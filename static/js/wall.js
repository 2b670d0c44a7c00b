// The projector wall: theme, join QR, live topic wall, live vote bars and the ranking.
//
// A projector has no scroll bar anybody can use: what does not fit is paged (the marketplace
// cards, every PAGE_MS, saying "1–10 of 40") or summed up (a ranking shows its top rows in
// large type and "and 28 more"). Text never shrinks below about 3 % of the screen height.

import { clear, el, makeT, rank, readConfig } from './common.js';
import { mountPhases, roundItems } from './phases_ui.js';
import { mountActionList } from './deliver_view.js';
import { Room } from './socket.js';
import { connectionBanner } from './status.js';
import { boardStill } from './wall_board.js';
import { mountTimers } from './timers_ui.js';
import { mountOpeningWall } from './opening_ui.js';
import { mountClosingWall } from './closing_ui.js';

const { config } = readConfig();
const t = makeT(config.strings);
const $ = (id) => document.getElementById(id);
const DENSE_FROM = 12;
const PAGE_MS = 10_000;
const banner = connectionBanner($('connection'), t);
// Paging only where the wall is laid out as a wall (two columns); a narrow window scrolls.
const wide = window.matchMedia('(min-width: 60rem)');
const calm = window.matchMedia('(prefers-reduced-motion: reduce)');
const paging = { start: 0, end: 0, timer: null };

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
// The wall measures what fits after every other part of the page has drawn the same state (the
// phase panel, the themes, the actions): a microtask runs once those subscribers are done.
room.store.subscribe((state, events) => queueMicrotask(() => render(state, events)));
mountActionList(room.store);
const still = boardStill($('board-still-img'), config.board_svg_url, config.lang);
mountTimers(room, t);
mountOpeningWall(room, config.lang);
mountClosingWall(room, t);

function render(state, events) {
  if (!state) return;
  const showBoard = state.workshop.wall_view === 'board';
  $('board-still').hidden = !showBoard;
  document.body.classList.toggle('wall-shows-board', showBoard);
  still(state, events, showBoard);
  $('workshop-title').textContent = state.workshop.title;
  $('workshop-theme').textContent = state.workshop.theme;
  $('participant-total').textContent = t('participants', { n: state.participants.total });
  const topics = Object.values(state.topics);
  $('no-topics').hidden = topics.length > 0;
  $('topic-count').textContent = topics.length ? `(${topics.length})` : '';
  // People write in the workshop's language: it is what the browser hyphenates long Swedish
  // compounds by (`hyphens: auto`), whatever language the wall's own labels are in.
  for (const list of [$('topics'), $('bars')]) list.lang = state.workshop.language || config.lang;
  // Many cards drop their descriptions and padding; the type stays as large.
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
  // While a round is sealed the room still sees what it votes on, without any totals.
  const cards = view.kind === 'marketplace' || sealed;
  $('bars').hidden = cards;
  $('topics').hidden = !cards;
  if (cards) renderTopics(topics);
  else if (view.kind === 'results') renderPastResult(state, view.round);
  else renderBars(state, topics);
  renderFigures(state.board.met, state.catalog);
  fit();
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
  const { items, results } = roundItems(state, round);
  const rows = results.map((entry) => ({
    id: entry.topic_id,
    rank: entry.rank,
    total: entry.total,
    title: items[String(entry.topic_id)] ? items[String(entry.topic_id)].title : t('removed_topic'),
    tie: results.some((other) => other !== entry && other.rank === entry.rank),
  }));
  drawBars(rows, true);
}

// A role's name on the wall: the workshop's own (renamed or added since the page loaded), else
// the one the page came with.
function roleTitle(roleId, catalog) {
  const own = catalog && catalog.roles[roleId];
  if (own) return config.lang === 'en' ? own.title_en : own.title_sv;
  return config.roles[roleId] || roleId;
}

// The board's figures, once someone answered "which have you met": medians and ranges per
// family, and the roles met by the most (aggregates only; nobody's own answer).
function renderFigures(met, catalog) {
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
      el('span', { className: 'bar-label' }, [el('span', { className: 'bar-title', text: roleTitle(roleId, catalog) })]),
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
  const { items, tally } = roundItems(state, state.round);
  const shown = state.round.scope === 'themes' ? Object.values(items) : topics;
  const totals = shown.map((item) => ({ id: item.id, title: item.title, total: tally[String(item.id)] || 0 }));
  drawBars(rank(totals), state.round.status === 'closed');
}

// One row: rank and title share the first line, the total at its end, the bar underneath.
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
      el('span', { className: 'bar-total', text: String(row.total) }),
      el('span', { className: 'bar-track' }, [bar]),
    ]));
  }
}

// --- what fits on the screen ------------------------------------------------------------------

// The lowest point a line may reach on a wide wall; null where the page simply scrolls.
function bottomLimit() {
  if (!wide.matches) return null;
  const main = document.querySelector('main');
  return window.innerHeight - parseFloat(getComputedStyle(main).paddingBlockEnd || '0');
}

function fit() {
  if ($('topics').hidden) {
    stopPaging();
    $('wall-page').hidden = true;
    fitBars();
  } else {
    $('bars-more').hidden = true;
    fitCards();
  }
}

// The ranking's top rows, as many as fit, and how many more there are.
function fitBars() {
  const rows = [...$('bars').children];
  const more = $('bars-more');
  for (const row of rows) row.hidden = false;
  more.hidden = true;
  const limit = bottomLimit();
  if (limit === null || !rows.length || rows[rows.length - 1].getBoundingClientRect().bottom <= limit) return;
  // Room for the "and N more" line first, then the rows above it.
  more.textContent = t('wall_more', { n: rows.length });
  more.hidden = false;
  const reserve = more.getBoundingClientRect().height + parseFloat(getComputedStyle(more).marginBlockStart || '0');
  let shown = rows.findIndex((row, index) => index > 0 && row.getBoundingClientRect().bottom > limit - reserve);
  if (shown < 0) shown = rows.length;
  rows.slice(shown).forEach((row) => { row.hidden = true; });
  more.textContent = t('wall_more', { n: rows.length - shown });
  more.hidden = shown === rows.length;
}

// The cards from `paging.start` on, as many as fit; the rest wait for the next page.
function fitCards() {
  const cards = [...$('topics').children];
  const total = cards.length;
  if (paging.start >= total) paging.start = 0;
  cards.forEach((card, index) => { card.hidden = index < paging.start; });
  const limit = bottomLimit();
  let end = total;
  // Cards in one grid row end together, so the first card past the limit starts a row. Hiding
  // cards and showing "1–12 of 40" can move what is left a little: measure again until it fits.
  for (let tries = 0; limit !== null && tries < 4; tries += 1) {
    const over = cards.findIndex((card, index) => index > paging.start && index < end
      && card.getBoundingClientRect().bottom > limit);
    if (over < 0) break;
    end = over;
    cards.slice(end).forEach((card) => { card.hidden = true; });
    showPage(end < total || paging.start > 0, end, total);
  }
  paging.end = end;
  const paged = paging.start > 0 || end < total;
  showPage(paged, end, total);
  if (paged && !paging.timer) paging.timer = setTimeout(turnPage, PAGE_MS);
  if (!paged) stopPaging();
}

function showPage(paged, end, total) {
  $('wall-page').hidden = !paged;
  $('wall-page').textContent = paged ? t('wall_page', { from: paging.start + 1, to: end, total }) : '';
}

function stopPaging() {
  clearTimeout(paging.timer);
  paging.timer = null;
  paging.start = 0;
}

function turnPage() {
  paging.timer = null;
  const count = $('topics').children.length;
  paging.start = paging.end >= count ? 0 : paging.end;
  fitCards();
  // A gentle fade for the new page; none at all for those who asked for less motion.
  if (calm.matches) return;
  for (const card of $('topics').children) {
    if (!card.hidden) card.animate([{ opacity: 0 }, { opacity: 1 }], { duration: 400, easing: 'ease-out' });
  }
}

let resizeTimer = null;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => render(room.store.state), 150);
});

mountPhases(room, t, { screen: 'wall' });
room.connect();
