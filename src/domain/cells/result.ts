// The outcome of reading one cell: a typed value, or a problem staff can read and fix.
import type { MessageKey } from '../../i18n';

export type CellValue = string | number | boolean | Date | null;

export interface CellProblem {
  code: MessageKey;
  /** The value as found in the cell, so the report can quote it. */
  value: unknown;
  params?: Record<string, string | number>;
}

export type CellResult<T> = { ok: true; value: T } | { ok: false; problem: CellProblem };

export function accept<T>(value: T): CellResult<T> {
  return { ok: true, value };
}

export function reject<T>(code: MessageKey, value: unknown, params?: Record<string, string | number>): CellResult<T> {
  return params ? { ok: false, problem: { code, value, params } } : { ok: false, problem: { code, value } };
}

/** True for a Date from any realm (Apps Script values may come from another one). */
export function isDate(value: unknown): value is Date {
  // The tag alone can be faked with Symbol.toStringTag; a real Date also has getTime.
  return Object.prototype.toString.call(value) === '[object Date]' && typeof (value as Date).getTime === 'function';
}

/** A Date from any realm that holds a time (not an Invalid Date). */
export function isValidDate(value: unknown): value is Date {
  return isDate(value) && !Number.isNaN(value.getTime());
}

/** Empty cell, or only whitespace (including the non-breaking kinds Sheets keeps). */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'string') return false;
  // Fast path for the usual filled cell: a printable ASCII first character is never blank.
  const first = value.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return value.replace(/[\s\u00a0\u202f\u2007\u2009\u200b\ufeff]/g, '') === '';
}

/** How a cell looks in a message: dates as ISO, long text shortened. */
export function quoteCell(value: unknown): string {
  if (isDate(value)) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  const text = String(value ?? '');
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
