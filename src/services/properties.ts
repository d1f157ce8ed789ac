// Typed JSON values in script properties: the place for secrets and small state that must outlive an execution.
import { withLock } from './locks';

/** The script properties shared by every user; stores below take it so a run reads it once. */
export type ScriptStore = GoogleAppsScript.Properties.Properties;

/** This execution's handle (each execution starts afresh, so it never outlives one); a call saved per use. */
let store: ScriptStore | null = null;

export function scriptStore(): ScriptStore {
  return (store ??= PropertiesService.getScriptProperties());
}

/**
 * Every script property as it was when read (one getProperties call): for an execution that needs several
 * at its start (a form answer: the sending account, its trigger log, the stored forms). Not a live view.
 */
export type ScriptSnapshot = Readonly<Record<string, string>>;

export function readScriptSnapshot(): ScriptSnapshot {
  return scriptStore().getProperties();
}

/** A JSON property from the snapshot when given, else read now. */
export function readJsonProperty<T>(key: string, fallback: T, snapshot?: ScriptSnapshot): T {
  const raw = snapshot ? (snapshot[key] ?? null) : scriptStore().getProperty(key);
  if (raw === null || raw === '') return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    console.warn(`script property ${key} is not JSON; using the default`);
    return fallback;
  }
}

export function writeJsonProperty(key: string, value: unknown): void {
  scriptStore().setProperty(key, JSON.stringify(value));
}

export function deleteProperty(key: string): void {
  scriptStore().deleteProperty(key);
}

/**
 * A secret made once, on first use, and kept in script properties (never in the sheet). Made under the
 * script lock: two first runs at once must not each make one, or links signed by the loser stop working.
 */
export function scriptSecret(key: string): string {
  const store = scriptStore();
  const existing = store.getProperty(key);
  if (existing) return existing;
  // An execution already holding the script lock (the send engine) makes it inside that hold.
  return withLock('script', () => {
    const madeMeanwhile = store.getProperty(key);
    if (madeMeanwhile) return madeMeanwhile;
    const secret = Utilities.getUuid() + Utilities.getUuid();
    store.setProperty(key, secret);
    return secret;
  });
}
