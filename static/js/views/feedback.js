// News on a participant's phone: the link to the feedback page shows as soon as the coordinator
// publishes a line ("you said, we did"), live, and the status region says so once.
import { announce } from '../common.js';

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

// The window for taking part from home, as the phone says it: when the coordinator moves or
// closes it, the note follows (the server refuses outside it whatever the page shows).
// Where a consultation's window stands now: not open yet (`early`) or closed (`over`).
export function windowNow(workshop, now = Date.now()) {
  return {
    early: Boolean(workshop.opens_at && now < Date.parse(workshop.opens_at)),
    over: Boolean(workshop.closes_at && now >= Date.parse(workshop.closes_at)),
  };
}

export function watchWindow(store, note, t, lang) {
  if (!note) return;
  const when = (iso) => new Intl.DateTimeFormat(lang, {
    timeZone: 'Europe/Stockholm', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit',
  }).format(new Date(iso));
  let last = null;
  const update = () => {
    const workshop = store.state && store.state.workshop;
    if (!workshop || !(workshop.closes_at || workshop.opens_at)) return;
    const { early, over } = windowNow(workshop);
    let text = t('window_from', { opens: workshop.opens_at ? when(workshop.opens_at) : '' });
    if (over) text = t('window_over', { closes: when(workshop.closes_at) });
    else if (!early && workshop.closes_at) text = t('window_until', { closes: when(workshop.closes_at) });
    else if (!early) return;
    if (text !== last) {
      note.textContent = text;
      note.className = over || early ? 'notice' : 'hint';
      last = text;
    }
  };
  store.subscribe(update);
  setInterval(update, 30000);
}
