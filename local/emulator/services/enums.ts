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

/** The key of `value` if it belongs to the enum `enumName`, else null. */
export function enumKey(enumName: string, value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const member = members.get(value);
  return member && member.enumName === enumName ? member.key : null;
}
