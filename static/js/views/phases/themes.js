// A theme's card in the double diamond, on every screen: its title, "How might we …?" statement,
// the topics it came from and the ideas for it. Phones add + and − for a round on themes and the
// idea form; the console adds the editor and the buttons that mark or hide an idea.
// Part of views/phases/index.js: `view` is its { room, t, screen, staff, send, render }.

import { el, heldNotice, showError, showPending, syncTopicList } from '../../common.js';
import { afterThemeDot, dotsOnTheme } from '../../state/me.js';
import { visible } from '../../state/topics.js';

export function buildTheme(view, theme) {
  const { t, staff, screen, send } = view;
  const id = theme.id;
  const parts = { sources: new Map(), ideas: new Map() };
  parts.title = el('h3', { className: 'theme-title' });
  parts.statement = el('p', { className: 'theme-statement' });
  parts.initiator = el('p', { className: 'theme-initiator hint' });
  parts.sourceList = el('ul', { className: 'plain theme-sources' });
  parts.sourceHead = el('p', { className: 'hint', text: t('theme_from_topics') });
  parts.ideaList = el('ul', { className: 'plain ideas' });
  parts.error = el('p', { className: 'error', attrs: { role: 'alert' } });
  parts.error.hidden = true;
  parts.dots = el('p', { className: 'theme-dots' });
  const children = [parts.title, parts.dots, parts.statement, parts.initiator, parts.sourceHead, parts.sourceList];
  if (screen === 'phone') children.push(buildDots(view, id, parts));
  if (staff) children.push(buildEditor(view, id, parts, !theme.statement));
  children.push(el('h4', { className: 'ideas-heading', text: t('ideas') }), parts.ideaList);
  if (screen === 'phone') children.push(buildIdeaForm(view, id, parts));
  children.push(parts.error);
  const li = el('li', { className: 'theme-card card', attrs: { 'data-theme-id': id } }, children);
  if (staff) {
    // Drop a topic card here: the mouse way of clustering (the select below each topic is the
    // keyboard way).
    li.addEventListener('dragover', (event) => { event.preventDefault(); li.classList.add('drop-here'); });
    li.addEventListener('dragleave', () => li.classList.remove('drop-here'));
    li.addEventListener('drop', (event) => {
      event.preventDefault();
      li.classList.remove('drop-here');
      const topicId = Number(event.dataTransfer.getData('text/plain'));
      if (topicId) send('theme.add_topic', { theme_id: id, topic_id: topicId }, parts.error);
    });
  }
  return { li, parts };
}

// + and − for a round on themes, like a topic's on the phone.
function buildDots(view, id, parts) {
  parts.mine = el('p', { className: 'my-dots' });
  parts.remove = el('button', {
    className: 'button dot-button', text: '−', attrs: { type: 'button' },
    on: { click: () => dot(view, 'theme.unvote', id, parts) },
  });
  parts.add = el('button', {
    className: 'button dot-button primary', text: '+', attrs: { type: 'button' },
    on: { click: () => dot(view, 'theme.vote', id, parts) },
  });
  parts.voting = el('div', { className: 'voting' }, [parts.remove, parts.mine, parts.add]);
  return parts.voting;
}

async function dot(view, name, id, parts) {
  const { room } = view;
  showError(parts.error, '');
  const ack = await room.send(name, { theme_id: id });
  if (!ack.ok) {
    showError(parts.error, ack.error.message);
    return;
  }
  room.store.setMe(afterThemeDot(room.store.me, id, ack));
}

function renderDots(view, parts, theme, state) {
  const { t, staff } = view;
  const round = state.round && state.round.scope === 'themes' ? state.round : null;
  const open = Boolean(round && round.status === 'open');
  // A closed round's ranking is kept in the history (`rounds`), not in `round`.
  const kept = round ? state.rounds.find((r) => r.id === round.id) : null;
  const line = kept && kept.results ? kept.results.find((entry) => entry.theme_id === theme.id) : null;
  const total = state.theme_tally[String(theme.id)] || 0;
  // A sealed open round: phones and the wall hold no totals, so they say nothing rather than 0.
  const known = staff || !(open && round.sealed);
  parts.dots.hidden = !round || !known;
  parts.dots.textContent = line ? t('theme_rank', { rank: line.rank, n: total }) : t('dots', { n: total });
  if (!parts.voting) return;
  parts.voting.hidden = !open || state.workshop.status !== 'open';
  const mine = dotsOnTheme(view.room.store.me, theme.id);
  parts.mine.textContent = t('your_dots', { n: mine });
  parts.add.setAttribute('aria-label', t('add_dot', { title: theme.title }));
  parts.remove.setAttribute('aria-label', t('remove_dot', { title: theme.title }));
}

// Folded away once the theme has its statement: five open editors made clustering 5,000 px
// tall. A new theme opens with it, ready for its "How might we …?".
function buildEditor(view, id, parts, unfinished) {
  const { t, send } = view;
  const field = (key, label, node) => {
    node.id = `theme-${key}-${id}`;
    parts[`${key}Input`] = node;
    return [el('label', { text: label, attrs: { for: node.id } }), node];
  };
  const form = el('form', { className: 'stack theme-editor', attrs: { novalidate: true } }, [
    ...field('title', t('theme_title'), el('input', { attrs: { maxlength: 120, autocomplete: 'off' } })),
    ...field('statement', t('theme_statement'), el('textarea', { attrs: { rows: 2, maxlength: 300, placeholder: t('theme_statement_hint') } })),
    ...field('initiator', t('theme_initiator'), el('input', { attrs: { maxlength: 120, autocomplete: 'off', 'aria-describedby': `theme-initiator-hint-${id}` } })),
    el('p', { className: 'hint', text: t('theme_initiator_hint'), attrs: { id: `theme-initiator-hint-${id}` } }),
    el('div', { className: 'row' }, [
      el('button', { className: 'button primary small', text: t('save'), attrs: { type: 'submit' } }),
      parts.deleteButton = el('button', {
        className: 'button small danger', text: t('theme_delete'), attrs: { type: 'button' },
        on: { click: () => { if (window.confirm(t('theme_confirm_delete'))) send('theme.delete', { theme_id: id }, parts.error); } },
      }),
    ]),
  ]);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await send('theme.edit', {
      theme_id: id,
      title: parts.titleInput.value,
      statement: parts.statementInput.value,
      initiator: parts.initiatorInput.value,
    }, parts.error);
  });
  parts.seen = {};
  parts.editTitle = el('span', { className: 'visually-hidden' });
  const details = el('details', { className: 'console-theme-edit' }, [
    el('summary', {}, [t('theme_edit'), ' ', parts.editTitle]), form,
  ]);
  details.open = unfinished;
  return details;
}

function buildIdeaForm(view, id, parts) {
  const { room, t } = view;
  const input = el('input', { attrs: { id: `idea-text-${id}`, maxlength: 120, autocomplete: 'off' } });
  const pending = el('p', { className: 'pending' });
  pending.hidden = true;
  const held = el('p', { className: 'notice' });
  held.hidden = true;
  parts.ideaForm = el('form', { className: 'stack idea-form', attrs: { novalidate: true } }, [
    el('label', { text: t('idea_label'), attrs: { for: input.id } }), input, pending, held,
    el('button', { className: 'button primary', text: t('idea_post'), attrs: { type: 'submit' } }),
  ]);
  parts.ideaForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError(parts.error, '');
    const ack = await showPending(room.send('idea.post', { theme_id: id, text: input.value }), pending, t('pending'), !room.connected);
    heldNotice(ack, held, t);
    if (ack.ok) input.value = '';
    else showError(parts.error, ack.error.message);
  });
  return parts.ideaForm;
}

// An input keeps what the coordinator is typing: it follows the server only while untouched.
function follow(parts, name, value) {
  const input = parts[name];
  if (input.value === (parts.seen[name] ?? '') || input.value === value) input.value = value;
  parts.seen[name] = value;
}

export function updateTheme(view, item, theme, state, phase) {
  const { t, staff } = view;
  const { parts } = item;
  parts.title.textContent = theme.title;
  renderDots(view, parts, theme, state);
  parts.statement.textContent = theme.statement;
  parts.statement.hidden = !theme.statement;
  parts.initiator.textContent = theme.initiator ? t('theme_initiator_is', { who: theme.initiator }) : '';
  parts.initiator.hidden = !theme.initiator;
  if (staff) {
    follow(parts, 'titleInput', theme.title);
    follow(parts, 'statementInput', theme.statement);
    follow(parts, 'initiatorInput', theme.initiator);
    parts.deleteButton.setAttribute('aria-label', `${t('theme_delete')}: ${theme.title}`);
    parts.editTitle.textContent = `: ${theme.title}`;
  }
  // Only the topics this screen has: a phone never holds a hidden topic, so never its words.
  const sources = theme.topic_ids.map((id) => state.topics[String(id)]).filter(Boolean);
  parts.sourceHead.hidden = !sources.length;
  syncTopicList(parts.sourceList, parts.sources, sources, (topic) => buildSource(view, topic), (row, topic) => updateSource(view, row, topic));
  const ideas = Object.values(state.ideas).filter((idea) => idea.theme_id === theme.id).sort((a, b) => a.id - b.id);
  syncTopicList(parts.ideaList, parts.ideas, ideas, (idea) => buildIdea(view, idea), (row, idea) => updateIdea(view, row, idea));
  if (parts.ideaForm) parts.ideaForm.hidden = phase !== 'develop' || state.workshop.status !== 'open';
}

function buildSource(view, topic) {
  const { t, staff, send } = view;
  const parts = { title: el('span', { className: 'source-title' }), flag: el('span', { className: 'badge muted-badge' }) };
  const children = [parts.flag, parts.title];
  if (staff) {
    parts.out = el('button', {
      className: 'button small', text: t('theme_take_out'), attrs: { type: 'button' },
      on: { click: () => send('theme.remove_topic', { topic_id: topic.id }, null) },
    });
    children.push(' ', parts.out);
  }
  return { li: el('li', { className: 'theme-source' }, children), parts };
}

function updateSource(view, item, topic) {
  const { t } = view;
  const { parts } = item;
  parts.title.textContent = topic.title;
  parts.flag.hidden = visible(topic);
  parts.flag.textContent = visible(topic) ? '' : (topic.hidden ? t('hidden') : t('waiting'));
  if (parts.out) parts.out.setAttribute('aria-label', `${t('theme_take_out')}: ${topic.title}`);
}

function buildIdea(view, idea) {
  const { t, staff, send } = view;
  const current = (ideaId) => view.room.store.state.ideas[String(ideaId)];
  const parts = {
    fruit: el('span', { className: 'badge fruit-badge', text: t('fruit') }),
    hiddenBadge: el('span', { className: 'badge muted-badge', text: t('hidden') }),
    text: el('span', { className: 'idea-text' }),
  };
  const children = [parts.fruit, ' ', parts.hiddenBadge, ' ', parts.text];
  if (staff) {
    parts.mark = el('button', {
      className: 'button small', text: t('fruit_mark'), attrs: { type: 'button' },
      on: { click: () => send('idea.mark', { idea_id: idea.id, low_hanging: !current(idea.id).low_hanging }, null) },
    });
    parts.hide = el('button', {
      className: 'button small', attrs: { type: 'button' },
      on: { click: () => send('idea.hide', { idea_id: idea.id, hidden: !current(idea.id).hidden }, null) },
    });
    children.push(el('span', { className: 'row idea-actions' }, [parts.mark, parts.hide]));
  }
  return { li: el('li', { className: 'idea', attrs: { 'data-idea-id': idea.id } }, children), parts };
}

function updateIdea(view, item, idea) {
  const { t } = view;
  const { parts } = item;
  parts.text.textContent = idea.text;
  parts.fruit.hidden = !idea.low_hanging;
  parts.hiddenBadge.hidden = !idea.hidden;
  item.li.classList.toggle('is-fruit', idea.low_hanging);
  item.li.classList.toggle('is-hidden', idea.hidden);
  if (parts.mark) {
    parts.mark.setAttribute('aria-pressed', String(idea.low_hanging));
    parts.mark.setAttribute('aria-label', `${t('fruit_mark')}: ${idea.text}`);
    parts.hide.textContent = idea.hidden ? t('show') : t('hide');
    parts.hide.setAttribute('aria-label', `${idea.hidden ? t('show') : t('hide')}: ${idea.text}`);
  }
}
