// Numbers as people type them: "1 200,50 ₽", "1,200.50", "$40", "40 руб.", "-5", "12%".
import type { Locale } from '../types';
import { accept, isDate, reject, type CellResult } from './result';

// Currency marks are dropped: the studio has one currency, the sheet's number format shows it.
const CURRENCY = /(₽|\$|€|£|руб\.?|рублей|рубля|рубль|р\.|usd|rub|eur|dollars?)/giu;
const SPACES = /[\s\u00a0\u202f\u2007\u2009\u200b']/g;
const MINUS = /^[-\u2212\u2013]/;

export interface NumberOptions {
  /** The spreadsheet's locale: decides whether "1,200" is 1200 (en) or 1.2 (ru). */
  locale: Locale;
}

export function parseNumber(raw: unknown, options: NumberOptions): CellResult<number | null> {
  if (typeof raw === 'number')
    return Number.isFinite(raw) ? accept(raw) : reject('cells.notANumber', raw, { value: String(raw) });
  if (raw === null || raw === undefined || raw === '') return accept(null);
  if (typeof raw === 'boolean' || isDate(raw) || typeof raw !== 'string')
    return reject('cells.notANumber', raw, { value: String(raw) });

  let text = raw.replace(CURRENCY, '').replace(SPACES, '');
  if (raw.trim() === '') return accept(null);
  if (text === '') return reject('cells.notANumber', raw, { value: raw });

  let sign = 1;
  const accounting = /^\((.*)\)$/.exec(text);
  if (accounting) {
    sign = -1;
    text = accounting[1] ?? '';
  }
  if (MINUS.test(text)) {
    sign = -sign;
    text = text.slice(1);
  } else if (text.startsWith('+')) {
    text = text.slice(1);
  }
  let scale = 1;
  if (text.endsWith('%')) {
    scale = 0.01;
    text = text.slice(0, -1);
  }
  const plain = normaliseSeparators(text, options.locale);
  if (plain === null || !/^\d+(\.\d+)?$|^\.\d+$/.test(plain)) return reject('cells.notANumber', raw, { value: raw });
  const value = sign * Number(plain) * scale;
  // Percent scaling should not leave 0.12000000000000001 behind.
  return accept(scale === 1 ? value : Number(value.toPrecision(15)));
}

/** Digits with one "." as the decimal mark, or null when the grouping makes no sense. */
function normaliseSeparators(text: string, locale: Locale): string | null {
  const commas = (text.match(/,/g) ?? []).length;
  const dots = (text.match(/\./g) ?? []).length;
  if (commas > 0 && dots > 0) {
    // Both used: the last one is the decimal mark, the other groups thousands.
    const decimal = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    const [whole = '', fraction = '', ...rest] = text.split(decimal);
    if (rest.length > 0 || !isGrouped(whole, group)) return null;
    return `${whole.split(group).join('')}.${fraction}`;
  }
  if (commas + dots === 0) return text;
  const mark = commas > 0 ? ',' : '.';
  const count = commas + dots;
  if (count > 1) return isGrouped(text, mark) ? text.split(mark).join('') : null;
  const [whole = '', fraction = ''] = text.split(mark);
  // "1,200": grouping in en, decimal in ru. "1.200" stays decimal: nobody groups with dots in en.
  if (mark === ',' && locale === 'en' && fraction.length === 3 && whole.length > 0) return whole + fraction;
  return `${whole}.${fraction}`;
}

function isGrouped(text: string, group: string): boolean {
  const parts = text.split(group);
  return parts.every((part, index) => (index === 0 ? /^\d{1,3}$/.test(part) : /^\d{3}$/.test(part)));
}
