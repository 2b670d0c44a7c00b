// Clustering on the console: every topic with its theme. A topic row is dragged onto a theme
// card (the mouse way) or given its theme in a select (the keyboard way).
// Part of views/phases/index.js: `view` is its { t, send, clusterItems }.

import { clear, el, syncTopicList } from '../../common.js';
import { visible } from '../../state/topics.js';

const $ = (id) => document.getElementById(id);

export function renderCluster(view, state, themes) {
  const themeOf = new Map();
  for (const theme of themes) for (const id of theme.topic_ids) themeOf.set(id, theme.id);
  const topics = Object.values(state.topics).sort((a, b) => a.id - b.id);
  $('cluster-panel').hidden = !themes.length;
  const key = themes.map((theme) => `${theme.id}:${theme.title}`).join('\n');
  syncTopicList($('cluster-topics'), view.clusterItems, topics, (topic) => buildClusterRow(view, topic), (item, topic) => updateClusterRow(view, item, topic, themes, themeOf, key));
}

function buildClusterRow(view, topic) {
  const { t, send } = view;
  const id = topic.id;
  const parts = {};
  parts.title = el('span', { className: 'cluster-title' });
  parts.flag = el('span', { className: 'badge muted-badge' });
  parts.select = el('select', { attrs: { id: `cluster-${id}` } });
  parts.label = el('label', { className: 'visually-hidden', attrs: { for: parts.select.id } });
  parts.error = el('p', { className: 'error', attrs: { role: 'alert' } });
  parts.error.hidden = true;
  parts.button = el('button', {
    className: 'button small', text: t('theme_put'), attrs: { type: 'button' },
    on: {
      click: () => {
        const themeId = Number(parts.select.value);
        if (themeId) send('theme.add_topic', { theme_id: themeId, topic_id: id }, parts.error);
        else send('theme.remove_topic', { topic_id: id }, parts.error);
      },
    },
  });
  const li = el('li', { className: 'cluster-row', attrs: { draggable: 'true', 'data-topic-id': id } }, [
    el('span', { className: 'grow' }, [parts.flag, ' ', parts.title]), parts.label, parts.select, parts.button, parts.error,
  ]);
  li.addEventListener('dragstart', (event) => {
    event.dataTransfer.setData('text/plain', String(id));
    event.dataTransfer.effectAllowed = 'move';
  });
  return { li, parts, optionsKey: null, shown: null };
}

function updateClusterRow(view, item, topic, themes, themeOf, key) {
  const { t } = view;
  const { parts } = item;
  parts.title.textContent = topic.title;
  parts.flag.hidden = visible(topic);
  parts.flag.textContent = visible(topic) ? '' : (topic.hidden ? t('hidden') : t('waiting'));
  parts.label.textContent = t('theme_for', { title: topic.title });
  parts.button.setAttribute('aria-label', `${t('theme_put')}: ${topic.title}`);
  const now = String(themeOf.get(topic.id) || '');
  // Rebuilt only when the themes change, and the choice being made stays.
  if (item.optionsKey !== key) {
    const chosen = item.shown === null || parts.select.value === item.shown ? now : parts.select.value;
    item.optionsKey = key;
    clear(parts.select);
    parts.select.append(el('option', { text: t('theme_none'), attrs: { value: '' } }));
    for (const theme of themes) parts.select.append(el('option', { text: theme.title, attrs: { value: theme.id } }));
    parts.select.value = chosen;
  } else if (parts.select.value === item.shown) {
    parts.select.value = now;
  }
  item.shown = now;
  item.li.classList.toggle('in-theme', Boolean(now));
}
