// News on a participant's phone: the link to the feedback page shows as soon as the coordinator
// publishes a line ("you said, we did"), live, and the status region says so once.
import { announce } from './common.js';

export function watchFeedbackNews(store, link, text) {
  if (!link) return;
  let shown = !link.hidden;
  store.subscribe((state) => {
    const news = Boolean(state && state.feedback && Object.keys(state.feedback).length);
    link.hidden = !news;
    if (news && !shown) announce(text);
    shown = news;
  });
}
