// The database lock, held once per execution however deeply writers nest.
import { withDatabaseLock } from '../services/locks';

let depth = 0;

/**
 * Runs `body` holding the document lock (the script lock where there is no document). Writers
 * re-read the rows they change inside it, so a concurrent execution's edit is never clobbered.
 */
export function withDocumentLock<T>(body: () => T, waitMs = 30_000): T {
  if (depth > 0) return body();
  depth += 1;
  try {
    return withDatabaseLock(body, waitMs);
  } finally {
    depth -= 1;
  }
}
