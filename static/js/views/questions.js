// Quick questions on every screen: the console asks, closes and hides words; the phone answers
// (big touch targets, the open question at the top); the wall shows the question and its
// result as a main view, a word cloud or bars with the median. The twin of
// workshop/services/questions.py; the state is state/questions.js's.

import { announce, clear, el, heldNotice, showError } from '../common.js';
import { foldItems } from '../wall_layout.js';
import { currentQuestion, median, questionOpen } from '../state/questions.js';

const $ = (id) => document.getElementById(id);
const SCALE = [1, 2, 3, 4, 5];

// The phone's "what happens now": an open question comes before everything else to do.
export function questionFirst(state) {
  return questionOpen(state) ? ['#question-phone'] : [];
}

function decimal(value, lang) {
  return lang === 'sv' ? String(value).replace('.', ',') : String(value);
}

// The lines of a scale or a choice: its label and how many gave it, in the question's order.
function lines(question) {
  const counts = question.counts || {};
  if (question.kind === 'scale') return SCALE.map((n) => ({ label: String(n), n: counts[String(n)] || 0 }));
  return (question.options || []).map((option, index) => ({ label: option, n: counts[String(index)] || 0 }));
}

// Words by count, then alphabetically (the order domain/questions.ordered gives the reports).
function words(question) {
  return Object.entries(question.counts || {})
    .map(([word, n]) => ({ word, n }))
    .sort((a, b) => (b.n - a.n) || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
}

// Whether a screen that is not the console may show the counts now.
function countsShown(question) {
  return !(question.sealed && question.status === 'open');
}

function bars(question, t, lang) {
  const rows = lines(question);
  const most = Math.max(1, ...rows.map((row) => row.n));
  const list = el('ol', { className: 'q-bars' }, rows.map((row) => {
    const fill = el('span', { className: 'q-bar-fill' });
    fill.style.inlineSize = `${(100 * row.n) / most}%`;
    return el('li', { className: 'q-bar', attrs: { 'data-answer': row.label, 'data-count': row.n } }, [
      el('span', { className: 'q-bar-label', text: row.label }),
      el('span', { className: 'q-bar-n', text: String(row.n) }),
      el('span', { className: 'q-bar-track', attrs: { 'aria-hidden': 'true' } }, [fill]),
    ]);
  }));
  const out = [list];
  if (question.kind === 'scale') {
    out.unshift(el('p', { className: 'q-scale-ends muted', text: `${t('q_scale_low')} · ${t('q_scale_high')}` }));
    const middle = median(question.counts);
    if (middle !== null) out.push(el('p', { className: 'q-median', text: t('q_median', { m: decimal(middle, lang) }) }));
  }
  return out;
}

// A word cloud: the more people gave a word, the larger it is (never smaller than the screen's
// text), each with its count. On the wall a cloud of few words starts larger: the room reads it
// from the back. `hide(word, hidden)` on the console.
function cloud(question, t, hide = null, wall = false) {
  const all = words(question);
  const most = Math.max(1, ...all.map((w) => w.n));
  const hidden = new Set(question.hidden || []);
  const base = wall && all.length <= 8 ? 1.8 : wall && all.length <= 25 ? 1.3 : 1;
  return el('ul', { className: 'q-cloud' }, all.map(({ word, n }) => {
    const size = base * (1 + (most > 1 ? (1.6 * (n - 1)) / (most - 1) : 0));
    const item = el('li', { className: 'q-word', attrs: { 'data-word': word, 'data-count': n } }, [
      el('span', { className: 'q-word-text', text: word }),
      el('span', { className: 'q-word-n', text: ` ${n}` }),
    ]);
    item.style.fontSize = `${size.toFixed(2)}em`;
    if (hide) {
      const isHidden = hidden.has(word);
      item.classList.toggle('q-word-hidden', isHidden);
      item.append(el('button', {
        className: 'button small',
        text: isHidden ? t('q_show') : t('q_hide'),
        attrs: { type: 'button', 'aria-pressed': String(isHidden), 'aria-label': `${isHidden ? t('q_show') : t('q_hide')}: ${word}` },
        on: { click: () => hide(word, !isHidden) },
      }));
    }
    return item;
  }));
}

function result(question, t, lang, hide = null, wall = false) {
  if (question.kind === 'word') {
    if (!Object.keys(question.counts || {}).length) return [el('p', { className: 'muted', text: t('q_no_answers') })];
    return [cloud(question, t, hide, wall)];
  }
  return bars(question, t, lang);
}

function statusLine(question, t) {
  const answered = t('q_answered', { n: question.respondents });
  if (question.status !== 'open') return `${t('q_closed')} ${answered}`;
  return question.sealed ? `${answered} ${t('q_sealed_note')}` : answered;
}

// --- the console ------------------------------------------------------------------------------

export function mountQuestionsConsole(room, t, lang) {
  const form = $('question-form');
  if (!form) return;
  const kindOf = () => (form.querySelector('input[name="question-kind"]:checked') || {}).value || 'word';
  const optionsField = $('question-options-field');
  form.addEventListener('change', () => { optionsField.hidden = kindOf() !== 'choice'; });

  async function send(name, body) {
    const answer = await room.send(name, body);
    showError($('question-error'), answer && !answer.ok ? answer.error.message : '');
    return answer;
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const kind = kindOf();
    const body = { kind, prompt: $('question-prompt').value, sealed: !$('question-live').checked };
    if (kind === 'choice') body.options = $('question-options').value.split('\n');
    const answer = await send('question.ask', body);
    if (answer && answer.ok) {
      $('question-prompt').value = '';
      $('question-options').value = '';
      announce(t('q_asked'));
    }
  });
  $('question-close').addEventListener('click', () => send('question.close', {}));
  $('question-wall').addEventListener('click', () => send('wall.show', { view: 'question' }));
  const hide = (question) => (word, hidden) => send('question.hide_word', { question_id: question.id, word, hidden });

  room.store.subscribe((state) => {
    if (!state) return;
    const question = currentQuestion(state);
    const open = Boolean(question && question.status === 'open');
    form.hidden = open || state.workshop.status !== 'open';
    $('question-close').hidden = !open;
    $('question-now').textContent = question ? `${t('q_number', { n: question.number })}: ${question.prompt}` : t('q_none');
    const box = $('question-result');
    clear(box);
    $('question-count').textContent = question ? statusLine(question, t) : '';
    $('question-sealed-note').hidden = !(open && question.sealed);
    if (question) box.append(...result(question, t, lang, question.kind === 'word' ? hide(question) : null));
    const earlier = Object.values(state.questions || {})
      .filter((q) => !question || q.id !== question.id)
      .sort((a, b) => b.number - a.number);
    const list = $('question-earlier');
    clear(list);
    list.closest('section').hidden = earlier.length === 0;
    for (const past of earlier) {
      list.append(el('li', { className: 'q-earlier' }, [
        el('h3', { text: `${t('q_number', { n: past.number })}: ${past.prompt}` }),
        el('p', { className: 'muted', text: statusLine(past, t) }),
        ...result(past, t, lang, past.kind === 'word' ? hide(past) : null),
      ]));
    }
  });
}

// --- the phone --------------------------------------------------------------------------------

// The buttons of a scale or a choice, the one this person gave pressed.
function drawChoices(box, question, given, t, answer) {
  clear(box);
  box.className = `question-choices q-${question.kind}`;
  const labels = question.kind === 'scale' ? SCALE.map(String) : question.options;
  labels.forEach((label, index) => {
    const value = question.kind === 'scale' ? index + 1 : index;
    box.append(el('button', {
      className: 'button q-choice',
      text: label,
      attrs: { type: 'button', 'aria-pressed': String(given === String(value)) },
      on: { click: () => answer(question, { value }) },
    }));
  });
  if (question.kind === 'scale') {
    box.append(el('p', { className: 'q-scale-ends hint', text: `${t('q_scale_low')} · ${t('q_scale_high')}` }));
  }
}

// What this person answered, in words ("Your answer: 4 …").
function mineText(question, given, t) {
  if (given === undefined) return '';
  const said = question.kind === 'choice' ? (question.options[Number(given)] || '') : given;
  return question.status === 'open' ? t('q_your_answer', { answer: said }) : t('q_your_answer_closed', { answer: said });
}

export function mountQuestionsPhone(room, t, lang) {
  const section = $('question-phone');
  let drawnKey = '';
  if (!section) return;
  // This person's own answers come with their `me`, kept in the store.
  const given = (question) => ((room.store.me && room.store.me.answers) || {})[String(question.id)];
  const wordForm = $('question-word-form');

  async function answer(question, body) {
    const sent = await room.send('question.answer', { question_id: question.id, ...body });
    showError($('question-phone-error'), sent && !sent.ok ? sent.error.message : '');
    if (sent && sent.ok && !heldNotice(sent, $('question-held'), t)) announce(t('q_saved'));
    return sent;
  }
  wordForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const question = currentQuestion(room.store.state);
    if (!question) return;
    const sent = await answer(question, { word: $('question-word').value });
    if (sent && sent.ok) $('question-word').value = '';
  });

  function render(state) {
    if (!state) return;
    const question = currentQuestion(state);
    section.hidden = !question;
    if (!question) return;
    const open = question.status === 'open' && state.workshop.status === 'open';
    $('question-phone-prompt').textContent = question.prompt;
    wordForm.hidden = !(open && question.kind === 'word');
    $('question-choices').hidden = !(open && question.kind !== 'word');
    const key = `${question.id}:${question.status}:${given(question)}`;
    if (open && question.kind !== 'word' && key !== drawnKey) {
      drawnKey = key;
      drawChoices($('question-choices'), question, given(question), t, answer);
    }
    $('question-mine').textContent = mineText(question, given(question), t);
    $('question-phone-count').textContent = statusLine(question, t);
    const box = $('question-phone-result');
    clear(box);
    if (countsShown(question)) box.append(...result(question, t, lang));
  }
  room.store.subscribe(render);
}

// --- the wall ---------------------------------------------------------------------------------

// `bottom()`: the lowest point the cloud may reach (null where the page scrolls). A cloud
// larger than the view keeps its most given words and says how many more there are.
export function mountQuestionsWall(room, t, lang, bottom) {
  const section = $('question-wall');
  if (!section) return;
  function render(state) {
    if (!state || section.closest('[hidden]')) return;
    const question = currentQuestion(state);
    $('question-wall-prompt').textContent = question ? question.prompt : t('q_none');
    $('question-wall-status').textContent = question ? statusLine(question, t) : '';
    const box = $('question-wall-result');
    clear(box);
    const more = $('question-wall-more');
    more.hidden = true;
    if (!question || !countsShown(question)) return;
    box.append(...result(question, t, lang, null, true));
    const list = box.querySelector('.q-cloud');
    if (list) foldItems([...list.children], bottom(), more, t);
  }
  // After the wall has shown its chosen view (its own subscriber measures in a microtask too).
  room.store.subscribe((state) => queueMicrotask(() => render(state)));
  new ResizeObserver(() => render(room.store.state)).observe(section);
}
