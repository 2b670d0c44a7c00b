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
  const words = JSON.parse(root.dataset.strings);
  const button = $('report-export-start');
  const progress = $('report-export-progress');
  const bar = $('report-export-bar');
  const count = $('report-export-count');
  const zip = $('report-export-zip');
  const details = $('report-export-details');
  const summary = $('report-export-summary');
  const files = $('report-export-files');
  const error = $('report-export-error');
  let timer = null;

  // aria-disabled rather than disabled: a keyboard user who pressed it keeps the focus there.
  function busy(on) {
    if (on) button.setAttribute('aria-disabled', 'true');
    else button.removeAttribute('aria-disabled');
  }

  function showError(message) {
    error.textContent = message;
    error.hidden = false;
    busy(false);
  }

  function show(job) {
    progress.hidden = false;
    error.hidden = true;
    bar.max = Math.max(1, job.total);
    bar.value = job.done;
    const running = job.state === 'running';
    busy(running);
    button.textContent = running || job.state === 'failed' ? button.dataset.label : words.again;
    // Once done, the zip is the next step; exporting again is the lesser one.
    button.classList.toggle('primary', job.state !== 'done');
    if (job.state === 'failed') {
      progress.hidden = true;
      showError(job.error.message);
      return;
    }
    const said = job.state === 'done'
      ? fill(words.done, { seconds: job.seconds })
      : fill(words.progress, { done: job.done, total: job.total });
    // A status region speaks each change: only a new count is a change.
    if (count.textContent !== said) count.textContent = said;
    // The files made so far, by name; once all are done each becomes its own download.
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
    if (running) {
      clearTimeout(timer);
      timer = setTimeout(() => follow(job.status_url), POLL_MS);
    }
  }

  async function ask(url, options) {
    let response;
    try {
      response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' }, ...options });
    } catch {
      showError(words.offline);
      return null;
    }
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (!body || !body.ok) {
      showError(body && body.error ? body.error.message : words.offline);
      return null;
    }
    return body.export;
  }

  async function follow(url) {
    const job = await ask(url);
    if (job) show(job);
  }

  button.dataset.label = button.textContent;
  button.addEventListener('click', async () => {
    if (button.getAttribute('aria-disabled') === 'true') return;
    busy(true);
    error.hidden = true;
    progress.hidden = false;
    count.textContent = words.starting;
    const job = await ask(root.dataset.startUrl, {
      method: 'POST',
      headers: { Accept: 'application/json', 'X-CSRFToken': root.dataset.csrf },
    });
    if (job) show(job);
  });
  // After a reload the part shows the latest export still kept (running or done).
  ask(root.dataset.latestUrl).then((job) => { if (job) show(job); });
}

mountReportExport($('report-export'));
