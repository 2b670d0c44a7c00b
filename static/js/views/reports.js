// The console's Reports part: "Export everything" starts an export on the server's workers
// (POST /console/<id>/exports), then follows it (GET .../exports/<job>) until the zip and the
// single files can be downloaded. The server refuses a second export while one runs and hands
// back the running one, so a double click or a second tab only follows the same export.

import { el } from '../common.js';

const POLL_MS = 500;
const $ = (id) => document.getElementById(id);

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_m, key) => String(values[key] ?? ''));
}

export function mountReportExport(root) {
  if (!root) return;
  const view = {
    root, words: JSON.parse(root.dataset.strings), timer: null,
    button: $('report-export-start'), progress: $('report-export-progress'), bar: $('report-export-bar'),
    count: $('report-export-count'), zip: $('report-export-zip'), details: $('report-export-details'),
    summary: $('report-export-summary'), files: $('report-export-files'), error: $('report-export-error'),
  };
  const { button, error, progress, count, words } = view;
  button.dataset.label = button.textContent;
  button.addEventListener('click', async () => {
    if (button.getAttribute('aria-disabled') === 'true') return;
    busy(view, true);
    error.hidden = true;
    progress.hidden = false;
    count.textContent = words.starting;
    const job = await ask(view, root.dataset.startUrl, {
      method: 'POST',
      headers: { Accept: 'application/json', 'X-CSRFToken': root.dataset.csrf },
    });
    if (job) show(view, job);
  });
  // After a reload the part shows the latest export still kept (running or done).
  ask(view, root.dataset.latestUrl).then((job) => { if (job) show(view, job); });
}

// aria-disabled rather than disabled: a keyboard user who pressed it keeps the focus there.
function busy(view, on) {
  if (on) view.button.setAttribute('aria-disabled', 'true');
  else view.button.removeAttribute('aria-disabled');
}

function showError(view, message) {
  view.error.textContent = message;
  view.error.hidden = false;
  busy(view, false);
}

function show(view, job) {
  const { progress, error, bar, button, words, count } = view;
  progress.hidden = false;
  error.hidden = true;
  bar.max = Math.max(1, job.total);
  bar.value = job.done;
  const running = job.state === 'running';
  busy(view, running);
  button.textContent = running || job.state === 'failed' ? button.dataset.label : words.again;
  // Once done, the zip is the next step; exporting again is the lesser one.
  button.classList.toggle('primary', job.state !== 'done');
  if (job.state === 'failed') {
    progress.hidden = true;
    showError(view, job.error.message);
    return;
  }
  const said = job.state === 'done'
    ? fill(words.done, { seconds: job.seconds })
    : fill(words.progress, { done: job.done, total: job.total });
  // A status region speaks each change: only a new count is a change.
  if (count.textContent !== said) count.textContent = said;
  showFiles(view, job);
  if (running) {
    clearTimeout(view.timer);
    view.timer = setTimeout(() => follow(view, job.status_url), POLL_MS);
  }
}

// The files made so far, by name; once all are done each becomes its own download.
function showFiles(view, job) {
  const { files, zip, details, summary, words } = view;
  files.replaceChildren(...job.files.map((name) => {
    const url = job.file_urls && job.file_urls[name];
    return el('li', {}, [url ? el('a', { text: name, attrs: { href: url, download: true } }) : el('span', { text: name })]);
  }));
  const done = job.state === 'done';
  zip.hidden = !done;
  details.hidden = !job.files.length;
  summary.textContent = fill(done ? words.files : words.made, { n: job.files.length });
  if (done) {
    zip.replaceChildren(el('a', {
      text: words.zip, className: 'button primary', attrs: { href: job.zip_url, download: true, id: 'report-export-zip-link' },
    }));
  }
}

async function ask(view, url, options) {
  const { words } = view;
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' }, ...options });
  } catch {
    showError(view, words.offline);
    return null;
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!body || !body.ok) {
    showError(view, body && body.error ? body.error.message : words.offline);
    return null;
  }
  return body.export;
}

async function follow(view, url) {
  const job = await ask(view, url);
  if (job) show(view, job);
}

mountReportExport($('report-export'));
