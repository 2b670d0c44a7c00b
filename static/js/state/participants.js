// Who is in the room, as counts per group: the twin of workshop/domain/participants.py.

export const empty = { participants: { total: 0, counts: {} } };

function counted(state, data) {
  state.participants = data.participants;
}

export const reducers = {
  'participant.joined': counted,
  'participant.updated': counted,
};
