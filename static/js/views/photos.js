// Photos of the flip chart: shown in the notes on every screen, added and removed on the phone.
//
// The upload goes over HTTP (a Socket.IO frame is kept small); the server answers when the photo
// is stored, and every screen then learns of it from the `notes.photo_added` event, this phone
// too, so there is one way a photo appears.

import { announce, clear, el, heldNotice, newOpId, showError } from '../common.js';
import { photosOf } from '../state/photos.js';

const $ = (id) => document.getElementById(id);

function photoUrl(state, photoId) {
  return `/w/${encodeURIComponent(state.workshop.join_code)}/photos/${photoId}.jpg`;
}

// The photos of a session as a list of pictures (width and height set, so nothing jumps when
// they load), or null when it has none.
export function photoFigures(state, sessionId, t) {
  const photos = photosOf(state, sessionId);
  if (!photos.length) return null;
  const list = el('ul', { className: 'photo-list' });
  photos.forEach((photo, n) => {
    const img = el('img', {
      attrs: { src: photoUrl(state, photo.id), width: photo.width, height: photo.height, alt: t('photo_alt', { n: n + 1 }), loading: 'lazy', decoding: 'async' },
    });
    list.append(el('li', {}, [el('a', { attrs: { href: photoUrl(state, photo.id), target: '_blank', rel: 'noopener' } }, [img])]));
  });
  return list;
}

// POST a form with the upload's progress (fetch has none): a 5 MB photo on a venue's slow wifi
// takes a while, and a bar that moves says it is not stuck. Resolves with the JSON answer (null
// when the answer is not JSON), rejects when the network fails.
function postWithProgress(url, form, csrf, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.responseType = 'json';
    request.setRequestHeader('X-CSRFToken', csrf);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => resolve(request.response));
    request.addEventListener('error', () => reject(new Error('network')));
    request.addEventListener('abort', () => reject(new Error('aborted')));
    request.send(form);
  });
}

// The phone's part under the notes form: this talk's photos with a remove button, and a file
// picker that sends a photo as soon as one is chosen.
export function mountPhotos(room, t) {
  const view = {
    room, t, block: $('photos-block'), list: $('photos-list'), input: $('photos-file'),
    error: $('photos-error'), progress: $('photos-progress'),
  };
  view.input.addEventListener('change', () => sendPhoto(view));
  $('notes-session').addEventListener('change', () => render(view, room.store.state));
  room.store.subscribe((state) => {
    if (state) render(view, state);
  });
}

const chosen = () => Number($('notes-session').value) || null;

function render(view, state) {
  const { block, list } = view;
  const sessionId = chosen();
  block.hidden = sessionId === null;
  clear(list);
  if (sessionId === null) return;
  photosOf(state, sessionId).forEach((photo, n) => list.append(photoItem(view, state, photo, n)));
}

function photoItem(view, state, photo, n) {
  const { room, t, error } = view;
  const img = el('img', { attrs: { src: photoUrl(state, photo.id), width: photo.width, height: photo.height, alt: t('photo_alt', { n: n + 1 }), loading: 'lazy' } });
  const remove = el('button', {
    className: 'button',
    text: t('photo_remove'),
    attrs: { type: 'button', 'aria-label': `${t('photo_remove')} ${n + 1}` },
    on: {
      click: async () => {
        const answer = await room.send('notes.remove_photo', { photo_id: photo.id });
        if (answer && answer.ok) announce(t('photo_removed'));
        else if (answer) showError(error, answer.error.message);
      },
    },
  });
  return el('li', {}, [img, remove]);
}

async function sendPhoto(view) {
  const { room, t, block, input, error, progress } = view;
  const sessionId = chosen();
  const file = input.files && input.files[0];
  if (!file || sessionId === null) return;
  showError(error, '');
  announce(t('photo_sending'));
  input.disabled = true;
  progress.value = 0;
  progress.setAttribute('aria-label', t('photo_sending'));
  progress.hidden = false;
  const form = new FormData();
  form.append('op_id', newOpId());
  form.append('photo', file);
  try {
    const code = encodeURIComponent(room.store.state.workshop.join_code);
    const answer = await postWithProgress(
      `/w/${code}/sessions/${sessionId}/photos`,
      form,
      block.dataset.csrf,
      (share) => { progress.value = Math.round(share * 100); },
    );
    if (heldNotice(answer, $('photos-held'), t)) showError(error, '');
    else if (answer && answer.ok) announce(t('photo_added'));
    else showError(error, (answer && answer.error && answer.error.message) || t('photo_failed'));
  } catch {
    showError(error, t('photo_failed'));
  } finally {
    progress.hidden = true;
    input.disabled = false;
    input.value = '';
  }
}
