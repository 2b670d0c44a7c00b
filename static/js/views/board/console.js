// The board on the facilitator's console: it works on a page of its own (screens/board.js); its
// part here says how far it has come.

const $ = (id) => document.getElementById(id);

export function mountBoardFigures(room, t) {
  room.store.subscribe((state) => {
    if (!state) return;
    const board = state.board || { cards: {}, links: {}, met: { answers: 0 } };
    $('console-board-figures').textContent = t('console_board_figures', {
      cards: Object.keys(board.cards).length,
      links: Object.keys(board.links).length,
      answers: board.met ? board.met.answers : 0,
    });
  });
}
