// Typed JSON values in script properties: the place for secrets and small state that must outlive an execution.
import { withLock } from './locks';

/** The script properties shared by every user; stores below take it so a run reads it once. */
export type ScriptStore = GoogleAppsScript.Properties.Properties;

export function scriptStore(): ScriptStore {
  return PropertiesService.getScriptProperties();
}

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
  // An execution already holding the script lock (the send engine) makes it inside that hold.
  return withLock('script', () => {
    const madeMeanwhile = store.getProperty(key);
    if (madeMeanwhile) return madeMeanwhile;
    const secret = Utilities.getUuid() + Utilities.getUuid();
    store.setProperty(key, secret);
    return secret;
  });
}
