// Typed JSON values in script properties: the place for secrets and small state that must outlive an execution.

export function readJsonProperty<T>(key: string, fallback: T): T {
  const raw = PropertiesService.getScriptProperties().getProperty(key);
  if (raw === null || raw === '') return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    console.warn(`script property ${key} is not JSON; using the default`);
    return fallback;
  }
}

export function writeJsonProperty(key: string, value: unknown): void {
  PropertiesService.getScriptProperties().setProperty(key, JSON.stringify(value));
}

export function deleteProperty(key: string): void {
  PropertiesService.getScriptProperties().deleteProperty(key);
}

/**
 * A secret made once, on first use, and kept in script properties (never in the sheet). Made under the
 * script lock: two first runs at once must not each make one, or links signed by the loser stop working.
 */
export function scriptSecret(key: string): string {
  const store = PropertiesService.getScriptProperties();
  const existing = store.getProperty(key);
  if (existing) return existing;
  const lock = LockService.getScriptLock();
  // An execution that already holds the script lock (the send engine) must not release it here.
  const heldAlready = lock.hasLock();
  if (!heldAlready) lock.waitLock(30_000);
  try {
    const madeMeanwhile = store.getProperty(key);
    if (madeMeanwhile) return madeMeanwhile;
    const secret = Utilities.getUuid() + Utilities.getUuid();
    store.setProperty(key, secret);
    return secret;
  } finally {
    if (!heldAlready) lock.releaseLock();
  }
}
