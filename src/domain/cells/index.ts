// Reading one cell by the type its column declares.
import type { Locale } from '../types';
import { parseDate } from './dates';
import { enumLabel, parseEnum, type EnumKey } from './enums';
import { parseNumber } from './numbers';
import { type CellResult, type CellValue } from './result';
import { parseBoolean, parseEmail, parseId, parseText } from './text';

export * from './result';
export * from './numbers';
export * from './dates';
export * from './text';
export * from './enums';
export * from './money';

export type CellType = 'text' | 'email' | 'number' | 'money' | 'date' | 'datetime' | 'boolean' | 'enum' | 'id';

export interface CellSpec {
  type: CellType;
  /** For `enum` columns. */
  enumKey?: EnumKey;
  /** For `text` columns; defaults to DEFAULT_MAX_TEXT. */
  maxLength?: number;
}

export interface CellContext {
  /** The spreadsheet's locale. */
  locale: Locale;
}

/** A blank cell gives '' for text-like types and null for the rest. */
export function parseCell(raw: unknown, spec: CellSpec, context: CellContext): CellResult<CellValue> {
  switch (spec.type) {
    case 'text':
      return parseText(raw, spec.maxLength);
    case 'id':
      return parseId(raw);
    case 'email':
      return parseEmail(raw);
    case 'number':
    case 'money':
      return parseNumber(raw, context);
    case 'date':
    case 'datetime':
      return parseDate(raw, context);
    case 'boolean':
      return parseBoolean(raw);
    case 'enum':
      if (!spec.enumKey) throw new Error('an enum column needs an enumKey');
      return parseEnum(raw, spec.enumKey, context.locale);
  }
}

/** The value to write for a typed value: enums as labels in the sheet's language, blanks as ''. */
export function formatCell(
  value: CellValue | undefined,
  spec: CellSpec,
  locale: Locale,
): string | number | boolean | Date {
  if (value === null || value === undefined) return '';
  if (spec.type === 'enum' && typeof value === 'string' && spec.enumKey) return enumLabel(spec.enumKey, value, locale);
  return value;
}
