// The spreadsheet classes' argument checks (over ../signature.ts) and the enum objects Apps Script hands out.
import type { AppsScriptError } from '../runtime';
import { checkArgs, signatureError as coreSignatureError, type ArgCheck } from '../signature';

/** `The parameters (String,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.` */
export function signatureError(className: string, method: string, args: ArrayLike<unknown>): AppsScriptError {
  return coreSignatureError(`SpreadsheetApp.${className}.${method}`, args);
}

export { isDate } from '../services/context';

export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

export type { ArgCheck } from '../signature';
export const isNum: ArgCheck = (v) => typeof v === 'number' && Number.isFinite(v);
export const isInt: ArgCheck = (v) => isInteger(v);
export const isStr: ArgCheck = (v) => typeof v === 'string';
export const isBool: ArgCheck = (v) => typeof v === 'boolean';
export const isStrOrNull: ArgCheck = (v) => typeof v === 'string' || v === null;
export const is2d: ArgCheck = (v) => Array.isArray(v) && v.every((row) => Array.isArray(row));
export const isAny: ArgCheck = () => true;

/** The spreadsheet classes' form of `checkArgs`: Google names them `SpreadsheetApp.<Class>.<method>`. */
export function expectArgs(
  className: string,
  method: string,
  args: ArrayLike<unknown>,
  ...shapes: ArgCheck[][]
): number {
  return checkArgs(`SpreadsheetApp.${className}.${method}`, args, ...shapes);
}

export type { EnumValue } from '../services/enums';

/** The member name of an emulated enum value; null for anything else (a string is not an enum member). */
export { anyMemberKey as enumName, memberOf } from '../services/enums';
