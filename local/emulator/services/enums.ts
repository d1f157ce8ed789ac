// Apps Script enums are objects (not strings): `e.authMode === ScriptApp.AuthMode.FULL` holds, `=== 'FULL'` does not.

export interface EnumValue {
  name(): string;
  ordinal(): number;
  toString(): string;
  toJSON(): string;
}

const members = new WeakMap<object, { enumName: string; key: string }>();

export function createEnum<K extends string>(enumName: string, keys: readonly K[]): Readonly<Record<K, EnumValue>> {
  const values = {} as Record<K, EnumValue>;
  keys.forEach((key, index) => {
    const value: EnumValue = Object.freeze({
      name: () => key,
      ordinal: () => index,
      toString: () => key,
      toJSON: () => key,
    });
    members.set(value, { enumName, key });
    values[key] = value;
  });
  return Object.freeze(values);
}

/** The key of `value` if it is a member of `enumObject` (compared by identity, never by name), else null. */
export function memberOf<K extends string>(enumObject: Readonly<Record<K, EnumValue>>, value: unknown): K | null {
  if (typeof value !== 'object' || value === null) return null;
  const key = members.get(value)?.key;
  return key !== undefined && (enumObject as Record<string, unknown>)[key] === value ? (key as K) : null;
}

/** The key of any emulated enum member; null for anything else, a string included (Google wants the member). */
export function anyMemberKey(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  return members.get(value)?.key ?? null;
}

/** The key of `value` if it belongs to the enum `enumName`, else null. */
export function enumKey(enumName: string, value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const member = members.get(value);
  return member && member.enumName === enumName ? member.key : null;
}
