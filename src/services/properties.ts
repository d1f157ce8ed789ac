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

/** A secret made once, on first use, and kept in script properties (never in the sheet). */
export function scriptSecret(key: string): string {
  const store = PropertiesService.getScriptProperties();
  const existing = store.getProperty(key);
  if (existing) return existing;
  const secret = Utilities.getUuid() + Utilities.getUuid();
  store.setProperty(key, secret);
  return secret;
}
