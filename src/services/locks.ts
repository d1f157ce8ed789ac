// The one way to take a lock. Each acquired lock object is kept while its body runs, so a nested call
// runs inside it (hasLock() on a fresh getDocumentLock() is always false: only the kept object knows).
// Pending sheet writes are flushed before each release: another execution may read old rows otherwise.

export class BusyError extends Error {
  constructor() {
    super('busy');
    this.name = 'BusyError';
  }
}

/**
 * `database`: everything that writes the sheets, the document's lock (the script's where there is no
 * document, as in doGet). `script`: one sender at a time and the first-use secrets, across documents.
 */
export type LockScope = 'database' | 'script';

type Lock = GoogleAppsScript.Lock.Lock;
interface HeldLock {
  lock: Lock;
  /** Which of Google's locks it is: the database scope falls back to the script lock. */
  kind: 'document' | 'script';
}

/** The locks this execution holds, outermost first. */
const held: HeldLock[] = [];

/** A lock this execution took stays its own until released (Class Lock), so `held` answers without asking Google. */
function heldOfKind(kind: HeldLock['kind']): HeldLock | undefined {
  return held.find((entry) => entry.kind === kind);
}

export interface LockOptions<B> {
  /** How long to wait for another execution to let go; 30 s unless given. */
  waitMs?: number;
  /** What to answer when the lock stays taken; without it, BusyError is thrown. */
  ifBusy?: () => B;
  /**
   * False when the body flushes its own writes before it returns or throws: no second flush at release. A
   * function is asked at release (e.g. whether the body opened the workbook at all).
   */
  flushOnRelease?: boolean | (() => boolean);
}

/** Runs `body` holding the scope's lock, taking it unless this execution already holds it. */
export function withLock<T, B = never>(scope: LockScope, body: () => T, options: LockOptions<B> = {}): T | B {
  if (heldOfKind(scope === 'script' ? 'script' : 'document')) return body();
  let acquired: HeldLock;
  if (scope === 'database') {
    const documentLock = LockService.getDocumentLock();
    acquired = documentLock
      ? { lock: documentLock, kind: 'document' }
      : { lock: LockService.getScriptLock(), kind: 'script' };
  } else {
    acquired = { lock: LockService.getScriptLock(), kind: 'script' };
  }
  if (acquired.kind === 'script' && heldOfKind('script')) return body();
  if (!acquired.lock.tryLock(options.waitMs ?? 30_000)) {
    if (options.ifBusy) return options.ifBusy();
    throw new BusyError();
  }
  held.push(acquired);
  try {
    return body();
  } finally {
    held.splice(held.indexOf(acquired), 1);
    const flush = options.flushOnRelease;
    if (typeof flush === 'function' ? flush() : flush !== false) SpreadsheetApp.flush();
    acquired.lock.releaseLock();
  }
}

/** Only one execution sends at a time: a duplicate trigger or a second staff press waits its turn (null). */
export function withSendLock<T>(body: () => T, flushOnRelease?: () => boolean): T | null {
  return withLock('script', body, { waitMs: 1000, ifBusy: () => null, ...(flushOnRelease ? { flushOnRelease } : {}) });
}
