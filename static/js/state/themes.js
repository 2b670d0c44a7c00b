// Themes with the ids of their source topics: the twin of workshop/domain/themes.py.
// A theme holds no topic words: a screen shows them from state.topics, which already leaves
// hidden and unreviewed topics out on phones and walls.

export const empty = { themes: {} };

function put(state, data) {
  state.themes[String(data.theme.id)] = data.theme;
}

function takeOut(state, topicId) {
  for (const theme of Object.values(state.themes)) {
    if (theme.topic_ids.includes(topicId)) theme.topic_ids = theme.topic_ids.filter((id) => id !== topicId);
  }
}

// A dot on a theme in a round on themes: total is null for phones and walls while sealed.
function themeTotal(state, data) {
  state.turnout = { voters: data.voters, dots: data.dots };
  if (data.total === null || data.total === undefined || !state.themes[String(data.theme_id)]) return;
  if (data.total) state.theme_tally[String(data.theme_id)] = data.total;
  else delete state.theme_tally[String(data.theme_id)];
}

export const reducers = {
  'theme.dot_added': themeTotal,
  'theme.dot_removed': themeTotal,
  'theme.created': put,
  'theme.edited': put,
  'theme.topic_added': (state, data) => {
    takeOut(state, data.topic_id);
    const theme = state.themes[String(data.theme_id)];
    if (theme) theme.topic_ids = [...theme.topic_ids, data.topic_id];
  },
  'theme.topic_removed': (state, data) => {
    takeOut(state, data.topic_id);
  },
  'theme.deleted': (state, data) => {
    delete state.themes[String(data.theme_id)];
    delete state.theme_tally[String(data.theme_id)];
    for (const [ideaId, idea] of Object.entries(state.ideas || {})) {
      if (idea.theme_id === data.theme_id) delete state.ideas[ideaId];
    }
  },
};
