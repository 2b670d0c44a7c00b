// The console's run of the day: one part shown at a time, chosen from the rail. The address says
// which (#agenda, #deliver …) so a part can be bookmarked, linked and left with the back button.
// Without JavaScript every part stays on the page and the rail's links simply scroll to them.

const $ = (id) => document.getElementById(id);

// The part each phase is worked in; the phase buttons also bring it up.
const PHASE_PART = { discover: 'marketplace', define: 'define', develop: 'develop', deliver: 'deliver' };

const hashId = () => decodeURIComponent(window.location.hash.slice(1));

// A hash names a part, or something inside one (#consultation after its form is saved).
function partFor(parts, name) {
  if (!name) return null;
  if (parts.has(name)) return name;
  const target = $(name);
  const part = target && target.closest('.console-part');
  return part ? part.dataset.part : null;
}

// Where a page with no hash opens: a part with an error the server rendered (a failed delete),
// else the part of the phase the room is in.
function fallback(phase) {
  const failed = document.querySelector('.console-part .error[role=alert]:not([hidden])');
  if (failed && failed.textContent.trim()) return failed.closest('.console-part').dataset.part;
  return PHASE_PART[phase] || 'marketplace';
}

// "(now)" beside the part of the phase the room is in.
function markNow(links, phase, t) {
  for (const link of links) {
    const now = link.querySelector('.rail-now');
    if (now) now.remove();
    if (link.dataset.part === PHASE_PART[phase]) {
      link.append(' ', Object.assign(document.createElement('span'), { className: 'rail-now', textContent: t('rail_now') }));
    }
  }
}

// "karin@example.se (Note-taker): Agenda" for each other member of the team with a console
// open; the list stays hidden while the viewer is alone.
export function renderPresence(list, body, roleNames) {
  if (!list) return;
  const people = (body && body.present) || [];
  list.replaceChildren(...people.map((person) => {
    const link = document.querySelector(`#console-rail a[data-part="${person.part}"]`);
    const part = link ? link.firstChild.textContent.trim() : '';
    const role = roleNames[person.role] || person.role;
    // The name the team sees ("Karin"), or the e-mail of one who has not set it.
    const who = person.name || person.email;
    return Object.assign(document.createElement('li'), { textContent: part ? `${who} (${role}): ${part}` : `${who} (${role})` });
  }));
  // Shown once someone else of the team is connected: one person on two screens (the laptop
  // and a tablet) is no team to show.
  list.closest('section').hidden = new Set(people.map((person) => person.email)).size < 2;
}

export function mountRail(room, t) {
  const rail = {
    room, t,
    parts: new Map([...document.querySelectorAll('.console-part')].map((part) => [part.dataset.part, part])),
    links: [...document.querySelectorAll('#console-rail a[data-part]')],
    themes: $('themes-panel'),
    current: { part: null, phase: null },
  };
  const { parts } = rail;
  room.store.subscribe((state) => followPhase(rail, state));
  window.addEventListener('hashchange', () => {
    const name = partFor(parts, hashId());
    // The skip link's #main, say, is no part: the part shown stays.
    if (name || !window.location.hash) show(rail, name, { focus: true });
  });
  for (const button of document.querySelectorAll('#phase-buttons [data-phase]')) {
    button.addEventListener('click', () => open(rail, PHASE_PART[button.dataset.phase]));
  }
  const note = $('deliver-note');
  if (note && parts.has('deliver')) parts.get('deliver').querySelector('.console-part-heading').after(note);
  show(rail, partFor(parts, hashId()), { focus: false });
  return { open: (name) => open(rail, name), here: () => rail.current.part && tellTeam(rail, rail.current.part) };
}

function show(rail, name, { focus }) {
  const { parts, links, themes, current } = rail;
  if (!parts.has(name)) name = fallback(current.phase);
  if (current.part !== name) tellTeam(rail, name);
  current.part = name;
  for (const [key, part] of parts) part.hidden = key !== name;
  for (const link of links) {
    if (link.dataset.part === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  // Define and Develop share the theme cards: they go where they are worked on.
  if ((name === 'define' || name === 'develop') && themes) {
    parts.get(name).querySelector('.console-themes-slot').prepend(themes);
  }
  const target = parts.has(hashId()) ? null : $(hashId());
  if (focus) parts.get(name).querySelector('.console-part-heading').focus({ preventScroll: true });
  if (target && target.closest('.console-part') === parts.get(name)) {
    // A link to a text in a folded language ("[datum] still to write") unfolds it.
    const fold = target.closest('details');
    if (fold) fold.open = true;
    target.scrollIntoView({ block: 'start' });
    if (focus && target.matches('input, textarea, select')) target.focus({ preventScroll: true });
  } else if (focus) document.querySelector('.console-app').scrollIntoView({ block: 'start' });
}

// The team's list of who is where (team.present): which part this console shows; `here`
// says it again after every (re)connection, as the server forgets a socket's part with it.
function tellTeam(rail, name) {
  if (rail.room.connected) rail.room.socket.emit('team.here', { part: name });
}

// Opens a part as the rail's links do: a new entry in the history, the focus on its heading.
function open(rail, name) {
  if (`#${name}` === window.location.hash) show(rail, name, { focus: true });
  else window.location.hash = name;
}

function followPhase(rail, state) {
  const { current, parts, links } = rail;
  if (!state || state.phase === current.phase) return;
  const first = current.phase === null;
  current.phase = state.phase;
  markNow(links, state.phase, rail.t);
  // Nobody has chosen a part yet: the console follows the room's phase.
  const wanted = fallback(state.phase);
  if (!partFor(parts, hashId()) && (first || current.part !== wanted)) show(rail, wanted, { focus: false });
}
