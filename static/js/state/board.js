// The "50 titles" board: the browser's twin of workshop/domain/board.py.

const spread = () => ({ median: 0, low: 0, high: 0 });

export const empty = {
  board: {
    locked: false,
    cards: {},
    links: {},
    met: {
      answers: 0, heat: {}, titles: spread(), organisations: spread(), organisations_total: 0, retold: spread(),
      retold_total: 0,
    },
  },
};

function cardChanged(state, data) {
  state.board.cards[String(data.card.id)] = data.card;
}

export const reducers = {
  'board.card_placed': cardChanged,
  'board.card_moved': cardChanged,
  'board.card_grouped': cardChanged,
  'board.card_edited': cardChanged,
  'board.card_removed': (state, data) => {
    delete state.board.cards[String(data.card_id)];
    for (const linkId of data.link_ids || []) delete state.board.links[String(linkId)];
  },
  'board.link_added': (state, data) => {
    state.board.links[String(data.link.id)] = data.link;
  },
  'board.link_removed': (state, data) => {
    delete state.board.links[String(data.link_id)];
  },
  'board.locked': (state) => {
    state.board.locked = true;
  },
  'board.unlocked': (state) => {
    state.board.locked = false;
  },
  'board.roles_met': (state, data) => {
    state.board.met = data.met;
  },
};
