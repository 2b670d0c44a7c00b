// The console's short history of what the team did ("Karin hid a topic 10:42"): entries
// {seq, type, by, at} from the server (services/history.py), newest first. Not a reducer of
// the room's state: the events a screen applies never say who sent them.

export const LENGTH = 20;

// The entries so far with the new ones, each seq once, newest first, at most `length`.
export function merged(entries, incoming, length = LENGTH) {
  const bySeq = new Map(entries.map((entry) => [entry.seq, entry]));
  for (const entry of incoming || []) {
    if (entry && Number.isInteger(entry.seq)) bySeq.set(entry.seq, entry);
  }
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, length);
}
