// CacheService: script, user and document caches whose entries expire on the emulator clock.
import { AppsScriptError, type Runtime } from '../runtime';
import { scopedGetters, signatureError, type ServiceDeps } from './context';
import { withinBytes } from './limits';

export const KEY_TOO_LARGE_MESSAGE = 'Argument too large: key';
export const VALUE_TOO_LARGE_MESSAGE = 'Argument too large: value';
const KEY_MAX_CHARS = 250;
const VALUE_MAX_BYTES = 100 * 1024;
export const DEFAULT_EXPIRATION_S = 600;
export const MAX_EXPIRATION_S = 21600;
/** Google's cap on items in one cache; past it the oldest-written entries are evicted. */
export const MAX_ENTRIES = 1000;

export interface CacheDeps extends Pick<ServiceDeps, 'context'> {
  userEmail(): string;
  documentId(): string | null;
}

export type CacheState = Record<string, Record<string, { value: string; expiresAt: number }>>;

export function createCache(rt: Runtime, deps: CacheDeps) {
  let caches: CacheState = {};

  /** Writes entries, then evicts the oldest-written beyond the cap (object key order is insertion order). */
  const store = (name: string, entries: ReadonlyArray<readonly [string, string]>, expiresAt: number) => {
    const cache = live(name);
    for (const [key, value] of entries) {
      delete cache[key];
      cache[key] = { value, expiresAt };
    }
    const keys = Object.keys(cache);
    for (const key of keys.slice(0, Math.max(0, keys.length - MAX_ENTRIES))) delete cache[key];
  };

  const live = (name: string) => {
    const cache = (caches[name] ??= {});
    const now = rt.clock.now();
    for (const [key, entry] of Object.entries(cache)) if (entry.expiresAt <= now) delete cache[key];
    return cache;
  };

  const checkKey = (call: string, key: unknown, args: unknown[]): string => {
    if (typeof key !== 'string') throw signatureError(call, args);
    if (key.length > KEY_MAX_CHARS) throw new AppsScriptError(KEY_TOO_LARGE_MESSAGE);
    return key;
  };

  const checkValue = (call: string, value: unknown, args: unknown[]): string => {
    if (typeof value !== 'string') throw signatureError(call, args);
    return withinBytes(value, VALUE_MAX_BYTES, VALUE_TOO_LARGE_MESSAGE);
  };

  const expiryOf = (call: string, seconds: unknown, args: unknown[]): number => {
    if (seconds === undefined) return rt.clock.now() + DEFAULT_EXPIRATION_S * 1000;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds)) throw signatureError(call, args);
    // Google documents 1..21600 s; the emulator refuses what Google does not promise to honour.
    if (seconds < 1 || seconds > MAX_EXPIRATION_S) throw new AppsScriptError('Invalid argument: expirationInSeconds');
    return rt.clock.now() + Math.floor(seconds) * 1000;
  };

  const cacheOf = (name: string) => ({
    get(key: unknown): string | null {
      rt.call('Cache', 'get');
      return live(name)[checkKey('Cache.get', key, [key])]?.value ?? null;
    },
    getAll(keys: unknown): Record<string, string> {
      rt.call('Cache', 'getAll');
      if (!Array.isArray(keys)) throw signatureError('Cache.getAll', [keys]);
      const cache = live(name);
      const found: Record<string, string> = {};
      for (const key of keys) {
        const entry = cache[checkKey('Cache.getAll', key, [keys])];
        if (entry) found[key as string] = entry.value;
      }
      return found;
    },
    put(key: unknown, value: unknown, expirationInSeconds?: unknown): void {
      rt.call('Cache', 'put');
      const args = [key, value, expirationInSeconds].slice(0, arguments.length);
      const checkedKey = checkKey('Cache.put', key, args);
      const checkedValue = checkValue('Cache.put', value, args);
      store(name, [[checkedKey, checkedValue]], expiryOf('Cache.put', expirationInSeconds, args));
    },
    putAll(values: unknown, expirationInSeconds?: unknown): void {
      rt.call('Cache', 'putAll');
      const args = [values, expirationInSeconds].slice(0, arguments.length);
      if (typeof values !== 'object' || values === null || Array.isArray(values))
        throw signatureError('Cache.putAll', args);
      const expiresAt = expiryOf('Cache.putAll', expirationInSeconds, args);
      const entries = Object.entries(values).map(
        ([key, value]) => [checkKey('Cache.putAll', key, args), checkValue('Cache.putAll', value, args)] as const,
      );
      store(name, entries, expiresAt);
    },
    remove(key: unknown): void {
      rt.call('Cache', 'remove');
      delete live(name)[checkKey('Cache.remove', key, [key])];
    },
    removeAll(keys: unknown): void {
      rt.call('Cache', 'removeAll');
      if (!Array.isArray(keys)) throw signatureError('Cache.removeAll', [keys]);
      const cache = live(name);
      for (const key of keys) delete cache[checkKey('Cache.removeAll', key, [keys])];
    },
  });

  const CacheService = scopedGetters(rt, 'CacheService', 'Cache', deps, cacheOf);

  const host = {
    /** Live entries of one cache (`script`, `user:<email>`, `document:<id>`). */
    entries(name: string): Record<string, string> {
      return Object.fromEntries(Object.entries(live(name)).map(([key, entry]) => [key, entry.value]));
    },
    /** Google may evict any entry at any time; tests use this to prove the script copes. */
    evictAll(): void {
      caches = {};
    },
    toJSON(): CacheState {
      return structuredClone(caches);
    },
    restore(json: CacheState): void {
      caches = structuredClone(json);
    },
  };

  return { globals: { CacheService }, host };
}

export type CacheHost = ReturnType<typeof createCache>['host'];
