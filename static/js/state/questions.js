// Quick questions: the browser's twin of workshop/domain/questions.py. Each change of a
// question's answers carries its whole count; the console's copy also names the hidden words.

export const empty = { questions: {} };

function entry(question, respondents, counts, hidden) {
  return { ...question, respondents, counts: { ...counts }, hidden: [...hidden] };
}

function counted(state, data, includeHidden) {
  const question = state.questions[String(data.question_id)];
  if (!question) return;
  question.respondents = data.respondents;
  question.counts = { ...data.counts };
  question.hidden = includeHidden ? [...(data.hidden || [])] : [];
}

export const reducers = {
  'question.asked': (state, data) => {
    state.questions[String(data.question.id)] = entry(data.question, 0, {}, []);
  },
  'question.answered': counted,
  'question.word_hidden': counted,
  'question.closed': (state, data, includeHidden) => {
    state.questions[String(data.question.id)] = entry(
      data.question, data.respondents, data.counts, includeHidden ? data.hidden || [] : [],
    );
  },
};

// The question screens show: the open one, else the latest (closed, with its result).
export function currentQuestion(state) {
  const all = Object.values(state.questions || {}).sort((a, b) => b.number - a.number);
  return all.find((q) => q.status === 'open') || all[0] || null;
}

// The middle answer of a scale (3.5 between two), null before anyone answered: the same rule
// as domain/questions.median.
export function median(counts) {
  const values = [];
  for (const [answer, n] of Object.entries(counts || {})) for (let i = 0; i < n; i += 1) values.push(Number(answer));
  if (!values.length) return null;
  values.sort((a, b) => a - b);
  const middle = Math.floor(values.length / 2);
  return values.length % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

// Whether a question is open now: the phone shows it first, the wall on "auto" shows it.
export function questionOpen(state) {
  const question = state && currentQuestion(state);
  return Boolean(question && question.status === 'open');
}
