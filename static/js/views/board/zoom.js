// Pan and zoom on the board: the SVG's viewBox moves, nothing is redrawn, so it stays smooth
// with hundreds of cards. Mouse wheel or pinch zooms around the pointer, dragging empty space
// pans, the + / − / reset buttons and the keys + − 0 (arrow keys on the board itself) do the same
// from the keyboard. Cards keep their own pointer handling: a drag that starts on a card moves it.

const MIN_SCALE = 1;
const MAX_SCALE = 6;
const STEP = 1.4;
const PAN_STEP = 0.1; // of the visible width or height, per arrow key

export function panZoom(svg, width, height, { zoomIn, zoomOut, reset, status }, t) {
  let view = { x: 0, y: 0, scale: 1 };
  let frame = 0;
  const pointers = new Map(); // pointerId -> {x, y} on screen, for panning and pinching
  let pan = null;
  let pinch = null;

  function clampView(next) {
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, next.scale));
    const w = width / scale;
    const h = height / scale;
    return {
      scale,
      x: Math.min(Math.max(next.x, 0), width - w),
      y: Math.min(Math.max(next.y, 0), height - h),
    };
  }

  function draw() {
    frame = 0;
    const w = width / view.scale;
    const h = height / view.scale;
    svg.setAttribute('viewBox', `${view.x.toFixed(1)} ${view.y.toFixed(1)} ${w.toFixed(1)} ${h.toFixed(1)}`);
    if (status) status.textContent = t('zoom_level', { n: Math.round(view.scale * 100) });
    zoomOut.disabled = view.scale <= MIN_SCALE;
    zoomIn.disabled = view.scale >= MAX_SCALE;
  }

  function set(next) {
    view = clampView(next);
    if (!frame) frame = requestAnimationFrame(draw);
  }

  // Where a screen point is on the board, with the viewBox as it is now.
  function boardPoint(clientX, clientY) {
    const box = svg.getBoundingClientRect();
    // preserveAspectRatio meet: the drawing may be narrower than the element; use its scale.
    const unit = Math.min(box.width / (width / view.scale), box.height / (height / view.scale));
    const offsetX = (box.width - (width / view.scale) * unit) / 2; // xMid
    return { x: view.x + (clientX - box.left - offsetX) / unit, y: view.y + (clientY - box.top) / unit, unit };
  }

  function zoomAt(factor, clientX, clientY) {
    const box = svg.getBoundingClientRect();
    const cx = clientX ?? box.left + box.width / 2;
    const cy = clientY ?? box.top + box.height / 2;
    const at = boardPoint(cx, cy);
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
    const ratio = view.scale / scale;
    // The board point under the pointer stays under it.
    set({ scale, x: at.x - (at.x - view.x) * ratio, y: at.y - (at.y - view.y) * ratio });
  }

  svg.addEventListener('wheel', (event) => {
    event.preventDefault();
    zoomAt(Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015)), event.clientX, event.clientY);
  }, { passive: false });

  svg.addEventListener('pointerdown', (event) => {
    if (event.target.closest('.board-card')) return;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    svg.setPointerCapture(event.pointerId);
    if (pointers.size === 1) {
      pan = { startX: event.clientX, startY: event.clientY, view: { ...view } };
      pinch = null;
    } else if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pan = null;
      pinch = { distance: Math.hypot(a.x - b.x, a.y - b.y) || 1, scale: view.scale };
    }
  });

  svg.addEventListener('pointermove', (event) => {
    if (!pointers.has(event.pointerId)) return;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pinch && pointers.size >= 2) {
      const [a, b] = [...pointers.values()];
      const factor = (Math.hypot(a.x - b.x, a.y - b.y) * pinch.scale) / pinch.distance / view.scale;
      zoomAt(factor, (a.x + b.x) / 2, (a.y + b.y) / 2);
    } else if (pan) {
      const { unit } = boardPoint(event.clientX, event.clientY);
      set({
        scale: pan.view.scale,
        x: pan.view.x - (event.clientX - pan.startX) / unit,
        y: pan.view.y - (event.clientY - pan.startY) / unit,
      });
    }
  });

  function release(event) {
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = null;
    if (pointers.size === 0) pan = null;
  }
  svg.addEventListener('pointerup', release);
  svg.addEventListener('pointercancel', release);

  zoomIn.addEventListener('click', () => zoomAt(STEP));
  zoomOut.addEventListener('click', () => zoomAt(1 / STEP));
  reset.addEventListener('click', () => set({ x: 0, y: 0, scale: 1 }));

  function key(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest('input, select, textarea')) return;
    const onBoard = event.target === svg;
    const w = width / view.scale;
    const h = height / view.scale;
    const pans = { ArrowLeft: [-w, 0], ArrowRight: [w, 0], ArrowUp: [0, -h], ArrowDown: [0, h] };
    if (event.key === '+' || event.key === '=') zoomAt(STEP);
    else if (event.key === '-' || event.key === '−') zoomAt(1 / STEP);
    else if (event.key === '0') set({ x: 0, y: 0, scale: 1 });
    else if (onBoard && pans[event.key]) {
      const [dx, dy] = pans[event.key];
      set({ ...view, x: view.x + dx * PAN_STEP, y: view.y + dy * PAN_STEP });
    } else return;
    event.preventDefault();
  }
  svg.closest('.board-canvas').addEventListener('keydown', key);

  draw();
  return { get scale() { return view.scale; } };
}
