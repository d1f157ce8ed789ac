// Text, ids, emails and yes/no answers: trimmed and checked, never silently cut or guessed.
import { accept, isBlank, isDate, quoteCell, reject, type CellResult } from './result';

/** Far below Sheets' 50,000-character cell limit: longer text is a paste gone wrong. */
export const DEFAULT_MAX_TEXT = 5000;

export function parseText(raw: unknown, maxLength = DEFAULT_MAX_TEXT): CellResult<string> {
  if (isBlank(raw)) return accept('');
  const text = (isDate(raw) ? quoteCell(raw) : String(raw)).trim();
  if (text.length > maxLength) return reject('cells.textTooLong', raw, { length: text.length, max: maxLength });
  return accept(text);
}

/** Ids are short single-line text; a whole number typed into an id cell reads as "12", not "12.0". */
export function parseId(raw: unknown): CellResult<string> {
  if (isBlank(raw)) return accept('');
  if (typeof raw === 'number')
    return Number.isInteger(raw) ? accept(String(raw)) : reject('cells.notAnId', raw, { value: String(raw) });
  if (typeof raw !== 'string') return reject('cells.notAnId', raw, { value: quoteCell(raw) });
  const id = raw.trim();
  if (id.length > 100 || /[\r\n\t]/.test(id)) return reject('cells.notAnId', raw, { value: quoteCell(raw) });
  return accept(id);
}

// Deliberately plain: one @, no spaces, a dotted domain of letters, digits and hyphens.
const EMAIL = /^[^\s@"<>(),;:]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}]{2,}$/u;

/** Trimmed, lower case, without `mailto:` or a "Name <…>" wrapper. */
export function parseEmail(raw: unknown): CellResult<string> {
  if (isBlank(raw)) return accept('');
  if (typeof raw !== 'string') return reject('cells.badEmail', raw, { value: quoteCell(raw) });
  let email = raw.trim().replace(/^mailto:/i, '');
  const wrapped = /<([^<>]+)>\s*$/.exec(email);
  if (wrapped) email = wrapped[1] ?? '';
  email = email.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email) || email.includes('..'))
    return reject('cells.badEmail', raw, { value: quoteCell(raw) });
  return accept(email);
}

const YES = new Set(['да', 'д', 'yes', 'y', 'true', 'истина', '1', '✓', '✔', '☑', '✅', 'x', '+', 'on']);
const NO = new Set(['нет', 'н', 'no', 'n', 'false', 'ложь', '0', '✗', '✘', '☐', '-', 'off']);

/** Yes/no in either language; a blank cell is null so "not answered" stays distinct from "no". */
export function parseBoolean(raw: unknown): CellResult<boolean | null> {
  if (typeof raw === 'boolean') return accept(raw);
  if (isBlank(raw)) return accept(null);
  if (typeof raw === 'number')
    return raw === 1
      ? accept(true)
      : raw === 0
        ? accept(false)
        : reject('cells.notABoolean', raw, { value: String(raw) });
  if (typeof raw !== 'string') return reject('cells.notABoolean', raw, { value: quoteCell(raw) });
  const word = raw.trim().toLowerCase().replace(/[.!]$/, '');
  if (YES.has(word)) return accept(true);
  if (NO.has(word)) return accept(false);
  return reject('cells.notABoolean', raw, { value: quoteCell(raw) });
}

/**
 * Makes a string from outside (form answers, imports) safe to write: a leading `=`, `+`, `-`, `@`
 * (even after spaces), tab or CR would otherwise make Sheets read it as a formula. The `'` prefix is
 * what Sheets itself uses for "this is text" and is not part of the stored value, so readers strip nothing.
 */
export function asTextFromOutside(value: string): string {
  // A leading `'` is Sheets' own text marker: unprefixed, it would be swallowed ("'Tis" read back as "Tis").
  return /^[\t\r']|^\s*[=+\-@]/.test(value) ? `'${value}` : value;
}

/**
 * A string for a text column, kept as typed: Sheets would read "24.11.2026" as a date, "1 200,50" or
 * "007" as a number, "50%" as a percent and "TRUE"/"ИСТИНА" as a boolean. Such strings (anything that
 * starts like a number, date or time) get the `'` prefix; other text is written as is, so a column the
 * staff formatted as plain text (where Sheets keeps a `'` literally) sees no prefix on ordinary words.
 */
export function asTypedText(value: string): string {
  const safe = asTextFromOutside(value);
  if (safe !== value) return safe;
  return /^\s*[\d.,(₽$€£¥]|^\s*(true|false|истина|ложь)\s*$/i.test(value) ? `'${value}` : value;
}
