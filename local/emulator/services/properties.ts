// PropertiesService: script, user (per user) and document (per bound document) stores of strings.
import { AppsScriptError, type Runtime } from '../runtime';
import { scopedGetters, signatureError, type ServiceDeps } from './context';
import { utf8Bytes, withinBytes } from './limits';

export const VALUE_TOO_LARGE_MESSAGE = 'Argument too large: value';
export const STORE_FULL_MESSAGE =
  'You have exceeded the property storage quota. Please remove some properties and try again.';
const VALUE_MAX_BYTES = 9 * 1024;
const STORE_MAX_BYTES = 500 * 1024;

export interface PropertiesDeps extends Pick<ServiceDeps, 'context'> {
  userEmail(): string;
  /** The spreadsheet the script is bound to; null for a standalone script. */
  documentId(): string | null;
}

export type PropertiesState = Record<string, Record<string, string>>;

export function createProperties(rt: Runtime, deps: PropertiesDeps) {
  /** Stores by name: `script`, `user:<email>`, `document:<id>`. */
  let stores: PropertiesState = {};

  const storeOf = (name: string) => (stores[name] ??= {});

  /** Applies `changes` to a copy and checks Google's limits before committing, so a failing call changes nothing. */
  const commit = (name: string, next: Record<string, string>) => {
    let total = 0;
    for (const [key, value] of Object.entries(next)) total += utf8Bytes(key) + utf8Bytes(value);
    if (total > STORE_MAX_BYTES) throw new AppsScriptError(STORE_FULL_MESSAGE);
    stores[name] = next;
  };

  // Google types the value as String; what it makes of a number ("5" or "5.0") is undocumented, so only strings pass.
  const stringValue = (call: string, key: unknown, value: unknown): string => {
    if (typeof value !== 'string') throw signatureError(call, [key, value]);
    return withinBytes(value, VALUE_MAX_BYTES, VALUE_TOO_LARGE_MESSAGE);
  };

  const checkedKey = (call: string, key: unknown, rest: unknown[] = []): string => {
    if (typeof key !== 'string') throw signatureError(call, [key, ...rest]);
    if (key === '') throw new AppsScriptError('Invalid argument: key');
    return key;
  };

  const propertiesOf = (name: string) => {
    const properties = {
      getProperty(key: unknown): string | null {
        rt.call('Properties', 'getProperty');
        return storeOf(name)[checkedKey('Properties.getProperty', key)] ?? null;
      },
      setProperty(key: unknown, value: unknown) {
        rt.call('Properties', 'setProperty');
        const checked = checkedKey('Properties.setProperty', key, [value]);
        commit(name, { ...storeOf(name), [checked]: stringValue('Properties.setProperty', key, value) });
        return properties;
      },
      setProperties(values: unknown, deleteAllOthers?: unknown) {
        rt.call('Properties', 'setProperties');
        if (
          typeof values !== 'object' ||
          values === null ||
          Array.isArray(values) ||
          (deleteAllOthers !== undefined && typeof deleteAllOthers !== 'boolean')
        ) {
          throw signatureError('Properties.setProperties', [values, deleteAllOthers].slice(0, arguments.length));
        }
        const next = deleteAllOthers ? {} : { ...storeOf(name) };
        for (const [key, value] of Object.entries(values))
          next[checkedKey('Properties.setProperties', key)] = stringValue('Properties.setProperties', key, value);
        commit(name, next);
        return properties;
      },
      getProperties(): Record<string, string> {
        rt.call('Properties', 'getProperties');
        return { ...storeOf(name) };
      },
      getKeys(): string[] {
        rt.call('Properties', 'getKeys');
        return Object.keys(storeOf(name));
      },
      deleteProperty(key: unknown) {
        rt.call('Properties', 'deleteProperty');
        const checked = checkedKey('Properties.deleteProperty', key);
        const next = { ...storeOf(name) };
        delete next[checked];
        stores[name] = next;
        return properties;
      },
      deleteAllProperties() {
        rt.call('Properties', 'deleteAllProperties');
        stores[name] = {};
        return properties;
      },
    };
    return properties;
  };

  const PropertiesService = scopedGetters(rt, 'PropertiesService', 'Properties', deps, propertiesOf);

  const host = {
    /** A copy of one store: `script`, `user:<email>` or `document:<id>`. */
    store(name: string): Record<string, string> {
      return { ...(stores[name] ?? {}) };
    },
    script(): Record<string, string> {
      return host.store('script');
    },
    /** Sets a value as staff or an earlier version of the add-on would have left it, unchecked. */
    seed(name: string, values: Record<string, string>): void {
      stores[name] = { ...(stores[name] ?? {}), ...values };
    },
    toJSON(): PropertiesState {
      return structuredClone(stores);
    },
    restore(json: PropertiesState): void {
      stores = structuredClone(json);
    },
  };

  return { globals: { PropertiesService }, host };
}

export type PropertiesHost = ReturnType<typeof createProperties>['host'];
