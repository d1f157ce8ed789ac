// One change per staff action: the sidebar makes a request id once per press, and an action that creates a
// row (a request, a campaign, a segment) keeps its answer here under that id, so a double click or a retry
// of the same press answers the first result instead of creating a second row. Script properties, one key
// per action (`action|<function>|<ms>|<pressId>`: no read-modify-write of a shared value); a day later
// nobody presses the same button again, so older keys are dropped.
import { scriptStore } from './properties';

const PREFIX = 'action|';
const KEEP_MS = 24 * 60 * 60 * 1000;

interface ActionKey {
  key: string;
  action: string;
  at: number;
  pressId: string;
}

function parseKey(key: string): ActionKey | null {
  if (!key.startsWith(PREFIX)) return null;
  const [action = '', at = '', ...rest] = key.slice(PREFIX.length).split('|');
  const time = Number(at);
  return Number.isFinite(time) && rest.length > 0 ? { key, action, at: time, pressId: rest.join('|') } : null;
}

/**
 * `run`'s answer, once per `pressId` of `action`; the same id again answers the first answer unchanged.
 * The caller holds the database lock, so two executions of one double click cannot both miss. No id: runs.
 */
export function oncePerRequest<T>(action: string, pressId: string | undefined, run: () => T): T {
  if (pressId === undefined || pressId.trim() === '') return run();
  const store = scriptStore();
  const keys = store.getKeys().map(parseKey);
  const earlier = keys.find((entry) => entry?.action === action && entry.pressId === pressId.trim());
  const stored = earlier ? store.getProperty(earlier.key) : null;
  if (stored !== null) return JSON.parse(stored) as T;
  const answer = run();
  const now = Date.now();
  store.setProperty(`${PREFIX}${action}|${now}|${pressId.trim()}`, JSON.stringify(answer));
  for (const entry of keys) if (entry && now - entry.at > KEEP_MS) store.deleteProperty(entry.key);
  return answer;
}
