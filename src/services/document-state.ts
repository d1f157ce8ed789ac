// Small state that belongs to this spreadsheet (not to the script): document properties and the document cache.
// Script properties are shared by every document using the add-on, so per-document results never go there.

export function readDocumentJson<T>(key: string, fallback: T): T {
  const raw = PropertiesService.getDocumentProperties()?.getProperty(key) ?? null;
  if (raw === null || raw === '') return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

export function writeDocumentJson(key: string, value: unknown): void {
  PropertiesService.getDocumentProperties()?.setProperty(key, JSON.stringify(value));
}

/** A cached JSON value, or null on a miss (the cache may drop entries at any time). */
export function readCachedJson<T>(key: string): T | null {
  const raw = CacheService.getDocumentCache()?.get(key) ?? null;
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

/** Caches for up to `seconds` (Google's limit is 6 hours and 100 KB per value; too big is skipped). */
export function writeCachedJson(key: string, value: unknown, seconds = 21_600): void {
  const text = JSON.stringify(value);
  if (text.length > 100_000) return;
  CacheService.getDocumentCache()?.put(key, text, seconds);
}
