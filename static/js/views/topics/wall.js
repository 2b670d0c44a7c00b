// Topics on the wall: the marketplace's cards (newest first), and what a sealed round shows.

import { clear, el } from '../../common.js';

export function renderTopicCards(list, topics) {
  clear(list);
  for (const topic of topics.sort((a, b) => b.id - a.id)) {
    list.append(el('li', { className: 'wall-topic', attrs: { 'data-topic-id': topic.id } }, [
      el('p', { className: 'wall-topic-title', text: topic.title }),
      topic.description ? el('p', { className: 'wall-topic-description', text: topic.description }) : null,
    ]));
  }
}
