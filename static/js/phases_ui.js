// The double diamond on every screen: the phase and its plain sentence, the themes with the
// topics they came from, the ideas and their low-hanging-fruit badge. The console also gets the
// phase switcher, theme editing and clustering (drag a topic onto a theme, or pick its theme in
// a select: the keyboard way). Mounted by console.js, phone.js and wall.js with one line.
//
// A theme holds only its topics' ids: the words come from state.topics, which on phones and
// walls already leaves hidden and unreviewed topics out.

import { clear, el, heldNotice, showError, showPending, syncTopicList } from './common.js';
import { visible } from './state/topics.js';

const PHASES = ['discover', 'define', 'develop', 'deliver'];

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
  const $ = (id) => document.getElementById(id);
  const staff = screen === 'console';
  const themeItems = new Map();
  const clusterItems = new Map();
  // This phone's dots per theme in a round on themes (from its private `me`).
  let myDots = {};
  if (screen === 'phone') {
    const previous = room.onMe;
    room.onMe = (mine) => {
      myDots = mine.theme_votes || {};
      previous(mine);
      render(room.store.state);
    };
  }

  if (staff) {
    for (const button of document.querySelectorAll('#phase-buttons [data-phase]')) {
      button.addEventListener('click', () => send('phase.change', { phase: button.dataset.phase }, $('phase-error')));
    }
    $('theme-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const ack = await send('theme.create', { title: $('theme-title').value }, $('theme-error'));
      if (ack.ok) $('theme-title').value = '';
    });
  }

  async function send(name, payload, errorNode) {
    if (errorNode) showError(errorNode, '');
    const ack = await room.send(name, payload);
    if (!ack.ok && errorNode) showError(errorNode, ack.error.message);
    return ack;
  }

  function render(state) {
    if (!state) return;
    const phase = PHASES.includes(state.phase) ? state.phase : 'discover';
    document.body.dataset.phase = phase;
    $('phase-name').textContent = t(`phase_${phase}`);
    $('phase-what').textContent = t(`phase_${phase}_what`);
    for (const step of document.querySelectorAll('#phase-steps [data-phase]')) {
      if (step.dataset.phase === phase) step.setAttribute('aria-current', 'step');
      else step.removeAttribute('aria-current');
    }
    if (staff) {
      for (const button of document.querySelectorAll('#phase-buttons [data-phase]')) {
        button.setAttribute('aria-pressed', String(button.dataset.phase === phase));
      }
    }
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
    syncTopicList(list, themeItems, themes, buildTheme, (item, theme) => updateTheme(item, theme, state, phase));
    if (staff) renderCluster(state, themes);
  }

  // --- one theme -----------------------------------------------------------------------------

  function buildTheme(theme) {
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
    if (screen === 'phone') children.push(buildDots(id, parts));
    if (staff) children.push(buildEditor(id, parts, !theme.statement));
    children.push(el('h4', { className: 'ideas-heading', text: t('ideas') }), parts.ideaList);
    if (screen === 'phone') children.push(buildIdeaForm(id, parts));
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
  function buildDots(id, parts) {
    parts.mine = el('p', { className: 'my-dots' });
    parts.remove = el('button', {
      className: 'button dot-button', text: '−', attrs: { type: 'button' },
      on: { click: () => dot('theme.unvote', id, parts) },
    });
    parts.add = el('button', {
      className: 'button dot-button primary', text: '+', attrs: { type: 'button' },
      on: { click: () => dot('theme.vote', id, parts) },
    });
    parts.voting = el('div', { className: 'voting' }, [parts.remove, parts.mine, parts.add]);
    return parts.voting;
  }

  async function dot(name, id, parts) {
    showError(parts.error, '');
    const ack = await room.send(name, { theme_id: id });
    if (!ack.ok) {
      showError(parts.error, ack.error.message);
      return;
    }
    myDots = { ...myDots, [String(id)]: ack.mine };
    render(room.store.state);
  }

  function renderDots(parts, theme, state) {
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
    const mine = myDots[String(theme.id)] || 0;
    parts.mine.textContent = t('your_dots', { n: mine });
    parts.add.setAttribute('aria-label', t('add_dot', { title: theme.title }));
    parts.remove.setAttribute('aria-label', t('remove_dot', { title: theme.title }));
  }

  // Folded away once the theme has its statement: five open editors made clustering 5,000 px
  // tall. A new theme opens with it, ready for its "How might we …?".
  function buildEditor(id, parts, unfinished) {
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

  function buildIdeaForm(id, parts) {
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

  function updateTheme(item, theme, state, phase) {
    const { parts } = item;
    parts.title.textContent = theme.title;
    renderDots(parts, theme, state);
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
    syncTopicList(parts.sourceList, parts.sources, sources, buildSource, updateSource);
    const ideas = Object.values(state.ideas).filter((idea) => idea.theme_id === theme.id).sort((a, b) => a.id - b.id);
    syncTopicList(parts.ideaList, parts.ideas, ideas, buildIdea, updateIdea);
    if (parts.ideaForm) parts.ideaForm.hidden = phase !== 'develop' || state.workshop.status !== 'open';
  }

  function buildSource(topic) {
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

  function updateSource(item, topic) {
    const { parts } = item;
    parts.title.textContent = topic.title;
    parts.flag.hidden = visible(topic);
    parts.flag.textContent = visible(topic) ? '' : (topic.hidden ? t('hidden') : t('waiting'));
    if (parts.out) parts.out.setAttribute('aria-label', `${t('theme_take_out')}: ${topic.title}`);
  }

  function buildIdea(idea) {
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

  const current = (ideaId) => room.store.state.ideas[String(ideaId)];

  function updateIdea(item, idea) {
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

  // --- clustering on the console: every topic with its theme ----------------------------------

  function renderCluster(state, themes) {
    const themeOf = new Map();
    for (const theme of themes) for (const id of theme.topic_ids) themeOf.set(id, theme.id);
    const topics = Object.values(state.topics).sort((a, b) => a.id - b.id);
    $('cluster-panel').hidden = !themes.length;
    const key = themes.map((theme) => `${theme.id}:${theme.title}`).join('\n');
    syncTopicList($('cluster-topics'), clusterItems, topics, buildClusterRow, (item, topic) => updateClusterRow(item, topic, themes, themeOf, key));
  }

  function buildClusterRow(topic) {
    const id = topic.id;
    const parts = {};
    parts.title = el('span', { className: 'cluster-title' });
    parts.flag = el('span', { className: 'badge muted-badge' });
    parts.select = el('select', { attrs: { id: `cluster-${id}` } });
    parts.label = el('label', { className: 'visually-hidden', attrs: { for: parts.select.id } });
    parts.error = el('p', { className: 'error', attrs: { role: 'alert' } });
    parts.error.hidden = true;
    parts.button = el('button', {
      className: 'button small', text: t('theme_put'), attrs: { type: 'button' },
      on: {
        click: () => {
          const themeId = Number(parts.select.value);
          if (themeId) send('theme.add_topic', { theme_id: themeId, topic_id: id }, parts.error);
          else send('theme.remove_topic', { topic_id: id }, parts.error);
        },
      },
    });
    const li = el('li', { className: 'cluster-row', attrs: { draggable: 'true', 'data-topic-id': id } }, [
      el('span', { className: 'grow' }, [parts.flag, ' ', parts.title]), parts.label, parts.select, parts.button, parts.error,
    ]);
    li.addEventListener('dragstart', (event) => {
      event.dataTransfer.setData('text/plain', String(id));
      event.dataTransfer.effectAllowed = 'move';
    });
    return { li, parts, optionsKey: null, shown: null };
  }

  function updateClusterRow(item, topic, themes, themeOf, key) {
    const { parts } = item;
    parts.title.textContent = topic.title;
    parts.flag.hidden = visible(topic);
    parts.flag.textContent = visible(topic) ? '' : (topic.hidden ? t('hidden') : t('waiting'));
    parts.label.textContent = t('theme_for', { title: topic.title });
    parts.button.setAttribute('aria-label', `${t('theme_put')}: ${topic.title}`);
    const now = String(themeOf.get(topic.id) || '');
    // Rebuilt only when the themes change, and the choice being made stays.
    if (item.optionsKey !== key) {
      const chosen = item.shown === null || parts.select.value === item.shown ? now : parts.select.value;
      item.optionsKey = key;
      clear(parts.select);
      parts.select.append(el('option', { text: t('theme_none'), attrs: { value: '' } }));
      for (const theme of themes) parts.select.append(el('option', { text: theme.title, attrs: { value: theme.id } }));
      parts.select.value = chosen;
    } else if (parts.select.value === item.shown) {
      parts.select.value = now;
    }
    item.shown = now;
    item.li.classList.toggle('in-theme', Boolean(now));
  }

  room.store.subscribe(render);
}
