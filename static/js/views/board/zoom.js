// Pan and zoom on the board: the SVG's viewBox moves, nothing is redrawn, so it stays smooth
// with hundreds of cards. Mouse wheel or pinch zooms around the pointer, dragging empty space
// pans, the + / − / reset buttons and the keys + − 0 (arrow keys on the board itself) do the same
// from the keyboard. Cards keep their own pointer handling: a drag that starts on a card moves it.

const MIN_SCALE = 1;
const MAX_SCALE = 6;
const STEP = 1.4;
const PAN_STEP = 0.1; // of the visible width or height, per arrow key

export function panZoom(svg, width, height, { zoomIn, zoomOut, reset, status }, t) {
  const zoom = {
    svg, width, height, zoomIn, zoomOut, status, t,
    view: { x: 0, y: 0, scale: 1 },
    frame: 0,
    pointers: new Map(), // pointerId -> {x, y} on screen, for panning and pinching
    pan: null,
    pinch: null,
  };
  svg.addEventListener('wheel', (event) => {
    event.preventDefault();
    zoomAt(zoom, Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015)), event.clientX, event.clientY);
  }, { passive: false });
  svg.addEventListener('pointerdown', (event) => pointerDown(zoom, event));
  svg.addEventListener('pointermove', (event) => pointerMove(zoom, event));
  svg.addEventListener('pointerup', (event) => release(zoom, event));
  svg.addEventListener('pointercancel', (event) => release(zoom, event));
  zoomIn.addEventListener('click', () => zoomAt(zoom, STEP));
  zoomOut.addEventListener('click', () => zoomAt(zoom, 1 / STEP));
  reset.addEventListener('click', () => set(zoom, { x: 0, y: 0, scale: 1 }));
  svg.closest('.board-canvas').addEventListener('keydown', (event) => key(zoom, event));
  draw(zoom);
  return { get scale() { return zoom.view.scale; } };
}

function clampView(zoom, next) {
  const { width, height } = zoom;
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, next.scale));
  const w = width / scale;
  const h = height / scale;
  return {
    scale,
    x: Math.min(Math.max(next.x, 0), width - w),
    y: Math.min(Math.max(next.y, 0), height - h),
  };
}

function draw(zoom) {
  const { view, width, height, svg, status, t } = zoom;
  zoom.frame = 0;
  const w = width / view.scale;
  const h = height / view.scale;
  svg.setAttribute('viewBox', `${view.x.toFixed(1)} ${view.y.toFixed(1)} ${w.toFixed(1)} ${h.toFixed(1)}`);
  if (status) status.textContent = t('zoom_level', { n: Math.round(view.scale * 100) });
  zoom.zoomOut.disabled = view.scale <= MIN_SCALE;
  zoom.zoomIn.disabled = view.scale >= MAX_SCALE;
}

function set(zoom, next) {
  zoom.view = clampView(zoom, next);
  if (!zoom.frame) zoom.frame = requestAnimationFrame(() => draw(zoom));
}

// Where a screen point is on the board, with the viewBox as it is now.
function boardPoint(zoom, clientX, clientY) {
  const { view, width, height } = zoom;
  const box = zoom.svg.getBoundingClientRect();
  // preserveAspectRatio meet: the drawing may be narrower than the element; use its scale.
  const unit = Math.min(box.width / (width / view.scale), box.height / (height / view.scale));
  const offsetX = (box.width - (width / view.scale) * unit) / 2; // xMid
  return { x: view.x + (clientX - box.left - offsetX) / unit, y: view.y + (clientY - box.top) / unit, unit };
}

function zoomAt(zoom, factor, clientX, clientY) {
  const { view } = zoom;
  const box = zoom.svg.getBoundingClientRect();
  const cx = clientX ?? box.left + box.width / 2;
  const cy = clientY ?? box.top + box.height / 2;
  const at = boardPoint(zoom, cx, cy);
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
  const ratio = view.scale / scale;
  // The board point under the pointer stays under it.
  set(zoom, { scale, x: at.x - (at.x - view.x) * ratio, y: at.y - (at.y - view.y) * ratio });
}

// Dragging empty space pans; two fingers pinch. A drag that starts on a card moves the card.
function pointerDown(zoom, event) {
  const { pointers } = zoom;
  if (event.target.closest('.board-card')) return;
  pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
  zoom.svg.setPointerCapture(event.pointerId);
  if (pointers.size === 1) {
    zoom.pan = { startX: event.clientX, startY: event.clientY, view: { ...zoom.view } };
    zoom.pinch = null;
  } else if (pointers.size === 2) {
    const [a, b] = [...pointers.values()];
    zoom.pan = null;
    zoom.pinch = { distance: Math.hypot(a.x - b.x, a.y - b.y) || 1, scale: zoom.view.scale };
  }
}

function pointerMove(zoom, event) {
  const { pointers, pinch, pan } = zoom;
  if (!pointers.has(event.pointerId)) return;
  pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
  if (pinch && pointers.size >= 2) {
    const [a, b] = [...pointers.values()];
    const factor = (Math.hypot(a.x - b.x, a.y - b.y) * pinch.scale) / pinch.distance / zoom.view.scale;
    zoomAt(zoom, factor, (a.x + b.x) / 2, (a.y + b.y) / 2);
  } else if (pan) {
    const { unit } = boardPoint(zoom, event.clientX, event.clientY);
    set(zoom, {
      scale: pan.view.scale,
      x: pan.view.x - (event.clientX - pan.startX) / unit,
      y: pan.view.y - (event.clientY - pan.startY) / unit,
    });
  }
}

function release(zoom, event) {
  zoom.pointers.delete(event.pointerId);
  if (zoom.pointers.size < 2) zoom.pinch = null;
  if (zoom.pointers.size === 0) zoom.pan = null;
}

function key(zoom, event) {
  const { view, width, height } = zoom;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  if (event.target.closest('input, select, textarea')) return;
  const onBoard = event.target === zoom.svg;
  const w = width / view.scale;
  const h = height / view.scale;
  const pans = { ArrowLeft: [-w, 0], ArrowRight: [w, 0], ArrowUp: [0, -h], ArrowDown: [0, h] };
  if (event.key === '+' || event.key === '=') zoomAt(zoom, STEP);
  else if (event.key === '-' || event.key === '−') zoomAt(zoom, 1 / STEP);
  else if (event.key === '0') set(zoom, { x: 0, y: 0, scale: 1 });
  else if (onBoard && pans[event.key]) {
    const [dx, dy] = pans[event.key];
    set(zoom, { ...view, x: view.x + dx * PAN_STEP, y: view.y + dy * PAN_STEP });
  } else return;
  event.preventDefault();
}
