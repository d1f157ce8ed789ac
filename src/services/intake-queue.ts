// Form answers waiting to be recorded, one script property per answer: a property value holds at most 9 KB,
// so one list would lose the tenth answer, and rewriting a list loses answers when two executions add at once.
// The key carries a sortable sequence (arrival time, zero-padded, then a unique tail), so the queue is read in
// arrival order; an answer's property is deleted only after the answer is recorded.
import type { ScriptStore } from './properties';

const QUEUE_PREFIX = 'crm.intake.q.';
/** Wide enough for any epoch millisecond count, so keys sort as numbers. */
const TIME_DIGITS = 15;

export interface QueuedAnswer<T> {
  key: string;
  answer: T;
}

/** Adds an answer at the end of the queue; one setProperty, no read-modify-write. Answers its key. */
export function enqueueAnswer(store: ScriptStore, answer: unknown, at: number = Date.now()): string {
  const key = `${QUEUE_PREFIX}${String(at).padStart(TIME_DIGITS, '0')}.${Utilities.getUuid()}`;
  store.setProperty(key, JSON.stringify(answer));
  return key;
}

/** Every waiting answer, oldest first (one getProperties call); an unreadable entry is logged and left. */
export function queuedAnswers<T>(store: ScriptStore): QueuedAnswer<T>[] {
  const waiting: QueuedAnswer<T>[] = [];
  const all = store.getProperties();
  for (const key of Object.keys(all).sort()) {
    if (!key.startsWith(QUEUE_PREFIX)) continue;
    try {
      waiting.push({ key, answer: JSON.parse(String(all[key])) as T });
    } catch {
      console.error(`queued answer ${key} is not JSON; left in place`);
    }
  }
  return waiting;
}

export function dequeueAnswer(store: ScriptStore, key: string): void {
  store.deleteProperty(key);
}
