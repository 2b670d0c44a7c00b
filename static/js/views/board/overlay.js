// The local-move overlay: where this screen shows a card it is dragging or has just moved, until
// the room's log (`board.card_moved`) has the move, and how a late or refused move is reconciled.
// Pure functions on plain data (no DOM, no timers, no socket), so node can test them
// (tests/js/board_overlay.test.mjs). board.js keeps the maps and calls these.
//
// A `mine` entry is { x, y } while the move is being made or is on its way, and
// { x, y, until } once the server's ack gave the move's version: from then on the card is
// shown where this screen put it until the state's card reaches that version.

// Where a card is drawn: this screen's own move first, then someone else's drag, then the log.
export function shownAt(card, mine, ghost) {
  return mine || ghost || card;
}

// The entries still needed after the state changed: a card that is gone, or whose version has
// caught up with the acked move, falls back to the state (which then has the move or a later one).
export function settle(local, cards) {
  const kept = new Map();
  for (const [id, mine] of local) {
    const card = cards[id];
    if (card && !(mine.until && card.version >= mine.until)) kept.set(id, mine);
  }
  return kept;
}

// The version a command on the card names: the newer of the state's and the last ack's, so a
// quick second drop does not lose against our own first one whose event has not arrived yet.
export function baseVersion(card, acked) {
  return Math.max(card ? card.version : 0, acked || 0);
}

// What to send for a queued move when its turn comes: nothing if the move was dropped, is
// already acked, or the card is gone.
export function moveToSend(mine, card) {
  if (!mine || mine.until || !card) return null;
  return { x: mine.x, y: mine.y };
}

// The answer to a `board.move` that sent `sent`, while the overlay now holds `mine` (the person
// may have moved the card again meanwhile). Returns the entry to keep (null: drop it and show
// the server's card), the acked version, and what to tell the person (a refusal's code/message).
export function afterAck({ mine, sent, ack, acked }) {
  const same = Boolean(mine) && mine.x === sent.x && mine.y === sent.y;
  if (ack.ok && ack.card && typeof ack.card.version === 'number') {
    const version = Math.max(acked || 0, ack.card.version);
    return { mine: same ? { ...mine, until: ack.card.version } : mine || null, acked: version, refused: null };
  }
  if (!same) return { mine: mine || null, acked: acked || 0, refused: null };
  // The loser's screen follows the card as the server has it.
  return { mine: null, acked: acked || 0, refused: ack.ok ? null : ack.error };
}

// The cards an event batch touched (placed, moved, edited, removed...): their ghosts end.
export function touchedCards(events) {
  return events.map((event) => (event.payload.card ? String(event.payload.card.id) : String(event.payload.card_id)));
}

export function clampTo(value, most) {
  return Math.round(Math.min(Math.max(value, 0), most));
}

// An arrow key's step for a card: shift moves five times as far.
export function arrowStep(key, shift) {
  const step = shift ? 100 : 20;
  const arrows = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
  return arrows[key] || null;
}
