// One lock for everything that writes the database: the document's, or the script's where there is no document.

export class BusyError extends Error {
  constructor() {
    super('busy');
    this.name = 'BusyError';
  }
}

export function databaseLock(): GoogleAppsScript.Lock.Lock {
  return LockService.getDocumentLock() ?? LockService.getScriptLock();
}

/** Runs `body` holding the database lock; throws BusyError when another execution keeps it past `waitMs`. */
export function withDatabaseLock<T>(body: () => T, waitMs = 30_000): T {
  const lock = databaseLock();
  if (!lock.tryLock(waitMs)) throw new BusyError();
  try {
    return body();
  } finally {
    lock.releaseLock();
  }
}
