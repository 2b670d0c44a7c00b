// The projector wall: theme, join QR, live topic wall, live vote bars and the ranking, the
// themes, the actions, the board, the opening and the closing circle.
//
// Exactly one main view is on the wall at a time (the coordinator's choice, or the phase's own
// when the choice is "auto"); the side with the join code and the strip with the countdown and
// the announcement stay in view beside it. A projector has no scroll bar anybody can use: what
// does not fit is paged (wall_layout.js, every PAGE_MS, saying "1–10 of 40") or summed up (a
// ranking shows its top rows in large type and "and 28 more"). Text never shrinks below about
// 3 % of the screen height.

import { el, makeT, readConfig } from '../common.js';
import { wallView } from '../state/workshops.js';
import { mountPhases } from '../views/phases/index.js';
import { renderTopicCards } from '../views/topics/wall.js';
import { renderBars, renderPastResult, roundStatus } from '../views/voting/wall.js';
import { mountActionList } from '../views/deliver/actions.js';
import { Room } from '../socket.js';
import { connectionBanner } from '../status.js';
import { boardStill } from '../views/board/still.js';
import { mountTimers } from '../views/timers.js';
import { mountOpeningWall } from '../views/opening.js';
import { mountClosingWall } from '../views/closing.js';
import { mountQuestionsWall } from '../views/questions.js';
import { bottomOf, fitWords, foldItems, makePager } from '../wall_layout.js';

const { config } = readConfig();
const t = makeT(config.strings);
const $ = (id) => document.getElementById(id);
const DENSE_FROM = 12;
const PAGE_MS = 10_000;
const banner = connectionBanner($('connection'), t);
// Paging only where the wall is laid out as a wall (two columns); a narrow window scrolls.
const wide = window.matchMedia('(min-width: 60rem)');
const pager = makePager({ t, label: $('wall-page'), more: $('bars-more'), pageMs: PAGE_MS });
// The words people wrote, broken at a syllable with a hyphen where a word is wider than its line.
const WORDS = {
  topics: '.wall-topic-title, .wall-topic-description, .bar-title',
  themes: '.theme-title, .theme-statement, .source-title, .idea-text',
  actions: '.deliver-what, .deliver-line',
  board: '#fig-most .bar-title',
  opening: '#opening-wall-principles li, #opening-wall-law',
  closing: '.closing-title',
  question: '.question-prompt',
};

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
const still = boardStill($('board-still'), {
  url: config.board_svg_url,
  pagesUrl: config.board_pages_url,
  lang: config.lang,
  onPages: () => queueMicrotask(() => render(room.store.state)),
});
mountTimers(room, t);
mountOpeningWall(room, config.lang);
mountClosingWall(room, t);
mountQuestionsWall(room, t, config.lang, () => bottomLimit());

function render(state, events) {
  if (!state) return;
  const view = wallView(state);
  for (const node of document.querySelectorAll('#wall-views > [data-view]')) node.hidden = node.dataset.view !== view.name;
  document.body.dataset.wallView = view.name;
  const showBoard = view.name === 'board';
  $('board-still').hidden = !showBoard;
  still.update(state, events, showBoard);
  $('workshop-title').textContent = state.workshop.title;
  $('workshop-theme').textContent = state.workshop.theme;
  $('participant-total').textContent = t('participants', { n: state.participants.total });
  const topics = Object.values(state.topics);
  $('no-topics').hidden = topics.length > 0;
  $('topic-count').textContent = topics.length ? `(${topics.length})` : '';
  // People write in the workshop's language: what screen readers read their words in.
  for (const list of [$('topics'), $('bars')]) list.lang = state.workshop.language || config.lang;
  // Many cards drop their descriptions and padding; the type stays as large.
  const dense = topics.length > DENSE_FROM;
  $('topics').classList.toggle('dense', dense);
  $('bars').classList.toggle('dense', dense);
  // A closed workshop takes nobody new: the wall stops inviting people to join.
  $('wall-join-invite').hidden = state.workshop.status !== 'open';
  // Behind another view the topics still follow the latest round: ready when it is chosen.
  const topicsShow = view.name === 'topics' ? view : { kind: state.round ? 'round' : 'marketplace', round: state.round };
  const round = topicsShow.round;
  $('round-purpose').textContent = round && round.purpose ? round.purpose : '';
  $('round-purpose').hidden = !(round && round.purpose);
  $('round-status').textContent = roundStatus(state, topicsShow, t);
  const sealed = topicsShow.kind === 'round' && round.status === 'open' && round.sealed;
  $('turnout').hidden = !(topicsShow.kind === 'round' && round.status === 'open');
  $('turnout').textContent = t('turnout', {
    n: state.turnout.voters, total: state.participants.total, dots: state.turnout.dots,
  });
  // While a round is sealed the room still sees what it votes on, without any totals.
  const cards = topicsShow.kind === 'marketplace' || sealed;
  $('bars').hidden = cards;
  $('topics').hidden = !cards;
  if (cards) renderTopicCards($('topics'), topics);
  else if (topicsShow.kind === 'results') renderPastResult($('bars'), state, round, t);
  else renderBars($('bars'), state, topics, t);
  fit(view, cards);
}

// --- what fits on the screen ------------------------------------------------------------------

// The lowest point a line may reach on a wide wall; null where the page simply scrolls.
function bottomLimit() {
  return wide.matches ? bottomOf($('wall-views')) : null;
}

const children = (id) => [...$(id).children];

// The list of the view on the wall, and whether it pages or shows a ranking's top rows.
function listOf(view, cards) {
  if (view.name === 'topics') {
    return cards ? { items: children('topics'), mode: 'pages' } : { items: children('bars'), mode: 'top' };
  }
  if (view.name === 'themes') return { items: children('themes'), mode: 'pages', fold: true };
  if (view.name === 'actions') return { items: children('deliver-view-list'), mode: 'pages' };
  // The board is one picture across the stage, its figures as its headline, or a page of it
  // per sector when the whole would read under 12 px (issue 23).
  if (view.name === 'board') return { items: still.items(), mode: 'pages' };
  if (view.name === 'opening') return { items: children('opening-wall-principles'), mode: 'pages' };
  if (view.name === 'question') return { items: [], mode: 'pages' };
  return { items: children('closing-wall-sessions'), mode: 'pages' };
}

function fit(view, cards) {
  const { items, mode, fold } = listOf(view, cards);
  for (const item of items) item.hidden = false;
  const visible = document.querySelector(`#wall-views > [data-view="${view.name}"]`);
  fitWords(visible.querySelectorAll(WORDS[view.name]));
  const limit = bottomLimit();
  // A theme taller than the whole space shows the sources or ideas that fit, and how many more.
  if (fold) for (const card of items) foldCard(card, limit);
  const key = `${view.name}:${view.kind || ''}:${view.round ? view.round.id : ''}`;
  pager.show({ items, mode, key, limit: bottomLimit });
}

function foldCard(card, limit) {
  const list = card.querySelector(document.body.dataset.phase === 'define' ? '.theme-sources' : '.ideas');
  let more = card.querySelector('.wall-card-more');
  if (!more) {
    more = el('p', { className: 'wall-card-more' });
    card.append(more);
  }
  if (!list || limit === null) {
    more.hidden = true;
    return;
  }
  const container = $('themes').getBoundingClientRect();
  // The card as the first of a page: where it would end if it stood at the list's top.
  const room = limit - container.top + card.getBoundingClientRect().top - 16;
  foldItems([...list.children], room, more, t);
}

let resizeTimer = null;
const refit = () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => render(room.store.state), 150);
};
window.addEventListener('resize', refit);
// The strip grows with a long announcement or a second countdown, the title with a new name:
// the main view then has less room, and fits again.
let lastHeight = 0;
new ResizeObserver(([entry]) => {
  const height = Math.round(entry.contentRect.height);
  if (height !== lastHeight) refit();
  lastHeight = height;
}).observe($('wall-views'));

mountPhases(room, t, { screen: 'wall' });
room.connect();
