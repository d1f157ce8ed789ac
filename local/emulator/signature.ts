// The one argument-shape check every emulated method uses: does a call fit one of the method's overloads,
// and if not, Google's "The parameters (…) don't match the method signature for …" error.
import { AppsScriptError } from './runtime';

/** A named kind (services) or a predicate (spreadsheet) for one argument. */
export type ArgKind = 'string' | 'number' | 'boolean' | 'object' | 'date' | 'array' | 'any';
export type ArgCheck = (value: unknown) => boolean;

const isDateValue = (value: unknown): boolean => Object.prototype.toString.call(value) === '[object Date]';

function fits(value: unknown, kind: ArgKind | ArgCheck): boolean {
  if (typeof kind === 'function') return kind(value);
  switch (kind) {
    case 'any':
      return value !== undefined;
    case 'date':
      return isDateValue(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === kind;
  }
}

/** The Java type Google names for a value in the message: String, number, Boolean, Date, Object, String[]… */
export function javaTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `${value.length > 0 ? javaTypeName(value[0]) : 'Object'}[]`;
  if (isDateValue(value)) return 'Date';
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

/** Google's wording when arguments fit no overload; `call` is the dotted name, e.g. `SpreadsheetApp.Range.setValues`. */
export function signatureError(call: string, args: ArrayLike<unknown>): AppsScriptError {
  return new AppsScriptError(
    `The parameters (${Array.from(args, javaTypeName).join(',')}) don't match the method signature for ${call}.`,
  );
}

/**
 * Throws Google's signature error unless `args` match one of the accepted shapes; returns the index of the
 * shape that matched (so a method can tell its overloads apart).
 */
export function checkArgs(call: string, args: ArrayLike<unknown>, ...shapes: Array<Array<ArgKind | ArgCheck>>): number {
  const given = Array.from(args);
  // Trailing undefined counts as not given, as the Apps Script bridge does.
  while (given.length > 0 && given[given.length - 1] === undefined) given.pop();
  const index = shapes.findIndex(
    (shape) => shape.length === given.length && shape.every((kind, i) => fits(given[i], kind)),
  );
  if (index < 0) throw signatureError(call, given);
  return index;
}
