// Google's wording for a call whose arguments match no overload, and the enum objects Apps Script hands out.
import { AppsScriptError } from '../runtime';

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `${value.length > 0 ? typeName(value[0]) : 'Object'}[]`;
  if (Object.prototype.toString.call(value) === '[object Date]') return 'Date';
  switch (typeof value) {
    case 'number':
      return 'number';
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    default:
      return 'Object';
  }
}

/** `The parameters (String,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.` */
export function signatureError(className: string, method: string, args: ArrayLike<unknown>): AppsScriptError {
  const types = Array.from(args, typeName).join(',');
  return new AppsScriptError(`The parameters (${types}) don't match the method signature for SpreadsheetApp.${className}.${method}.`);
}

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** Throws Google's signature error unless the arguments fit one of the shapes (a shape lists `typeof`-like checks). */
export type ArgCheck = (value: unknown) => boolean;
export const isNum: ArgCheck = (v) => typeof v === 'number' && Number.isFinite(v);
export const isInt: ArgCheck = (v) => isInteger(v);
export const isStr: ArgCheck = (v) => typeof v === 'string';
export const isBool: ArgCheck = (v) => typeof v === 'boolean';
export const isStrOrNull: ArgCheck = (v) => typeof v === 'string' || v === null;
export const is2d: ArgCheck = (v) => Array.isArray(v) && v.every((row) => Array.isArray(row));
export const isAny: ArgCheck = () => true;

export function expectArgs(className: string, method: string, args: ArrayLike<unknown>, ...shapes: ArgCheck[][]): number {
  const list = Array.from(args);
  // Trailing undefined arguments are dropped, as the Apps Script bridge does.
  while (list.length > 0 && list[list.length - 1] === undefined) list.pop();
  const index = shapes.findIndex((shape) => shape.length === list.length && shape.every((check, i) => check(list[i])));
  if (index < 0) throw signatureError(className, method, list);
  return index;
}

export interface EnumValue {
  name(): string;
  ordinal(): number;
  toString(): string;
  toJSON(): string;
}

/** An Apps Script enum: each member an object that prints as its name and compares by identity. */
export function makeEnum<K extends string>(names: readonly K[]): Record<K, EnumValue> {
  const members = {} as Record<K, EnumValue>;
  names.forEach((memberName, i) => {
    members[memberName] = Object.freeze({
      name: () => memberName,
      ordinal: () => i,
      toString: () => memberName,
      toJSON: () => memberName,
    });
  });
  return Object.freeze(members);
}

export function enumName(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as EnumValue).name === 'function') return (value as EnumValue).name();
  return null;
}
