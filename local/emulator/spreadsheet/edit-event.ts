// The parts of a Sheets edit event that come from the document: the edited Range, the Spreadsheet, and
// the cell's value before and after as the strings Google passes (single-cell edits only).
import { parseCells } from './a1';
import { findBook, type Env, type UserEdit } from './env';
import { localTime as wallTime } from '../services/zoned-time';
import { Range } from './range';
import { Spreadsheet } from './spreadsheet';
import { cellAt } from './state';

export interface EditEventParts {
  source: Spreadsheet;
  range: Range;
  /** Absent for a multi-cell edit or a cleared cell. */
  value?: string;
  /** Absent for a multi-cell edit or a cell that was empty. */
  oldValue?: string;
}

const DAY_MS = 86_400_000;
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** A cell value as an edit event carries it: numbers as digits, TRUE/FALSE, dates as the day serial number. */
export function eventText(value: unknown, timeZone: string): string | undefined {
  if (value === '' || value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const w = wallTime((value as Date).getTime(), timeZone);
    return String(
      (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond) - SERIAL_EPOCH) / DAY_MS,
    );
  }
  return String(value);
}

export function editEventParts(env: Env, edit: UserEdit): EditEventParts {
  const book = findBook(env, edit.spreadsheetId);
  const sheet = book?.sheets.find((s) => s.name === edit.sheetName);
  if (!book || !sheet) throw new Error(`The edited sheet ${edit.sheetName} is gone`);
  const box = parseCells(edit.a1, sheet.maxRows, sheet.maxCols);
  const parts: EditEventParts = { source: new Spreadsheet(env, book), range: new Range(env, book, sheet, box) };
  if (box.nr === 1 && box.nc === 1) {
    const stored = cellAt(sheet, box.r, box.c)?.v;
    const value = eventText(typeof stored === 'object' ? new Date(stored.d) : stored, book.timeZone);
    const oldValue = eventText(edit.oldValue, book.timeZone);
    if (value !== undefined) parts.value = value;
    if (oldValue !== undefined) parts.oldValue = oldValue;
  }
  return parts;
}
