// The database lock, held once per execution however deeply writers nest.
import { databaseLock, withDatabaseLock } from '../services/locks';

let depth = 0;

/**
 * Runs `body` holding the document lock (the script lock where there is no document). Writers
 * re-read the rows they change inside it, so a concurrent execution's edit is never clobbered.
 */
export function withDocumentLock<T>(body: () => T, waitMs = 30_000): T {
  // The lock itself says whether this execution holds it: module state may outlive one execution.
  if (depth > 0 && databaseLock().hasLock()) return body();
  depth += 1;
  try {
    return withDatabaseLock(body, waitMs);
  } finally {
    depth -= 1;
  }
}
