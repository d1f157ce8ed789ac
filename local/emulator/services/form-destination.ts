// The response sheet a form writes to, driven through the script-facing SpreadsheetApp (so it stays in step with it).
import { localTime } from './zoned-time';
import { displayAnswer, isQuestion, type ItemRecord } from './form-items';
import type { ResponseRecord } from './form-responses';

/** The slice of Google's SpreadsheetApp API a form's destination needs. */
export interface DestinationRange {
  getValues(): unknown[][];
  setValues(values: unknown[][]): unknown;
}
export interface DestinationSheet {
  getName(): string;
  getLastRow(): number;
  getLastColumn(): number;
  getRange(row: number, column: number, rows: number, columns: number): DestinationRange;
  appendRow(row: unknown[]): unknown;
}
export interface DestinationSpreadsheet {
  getId(): string;
  getSheetByName(name: string): DestinationSheet | null;
  insertSheet(name: string, index: number): DestinationSheet;
  getSpreadsheetLocale(): string;
  getSpreadsheetTimeZone(): string;
}
export interface DestinationApp {
  openById(id: string): DestinationSpreadsheet;
}

interface Wording {
  sheet: (n: number) => string;
  timestamp: string;
  email: string;
}

const WORDING: Record<'en' | 'ru', Wording> = {
  en: { sheet: (n) => `Form Responses ${n}`, timestamp: 'Timestamp', email: 'Email Address' },
  ru: { sheet: (n) => `Ответы на форму (${n})`, timestamp: 'Отметка времени', email: 'Адрес электронной почты' },
};

/** The response sheet speaks the spreadsheet's language (Google uses the owner's; here they are the same). */
export function wordingFor(locale: string): Wording {
  return locale.toLowerCase().startsWith('ru') ? WORDING.ru : WORDING.en;
}

export function headersFor(items: readonly ItemRecord[], collectEmail: boolean, locale: string): string[] {
  const wording = wordingFor(locale);
  return [
    wording.timestamp,
    ...(collectEmail ? [wording.email] : []),
    ...items.filter(isQuestion).map((item) => item.title),
  ];
}

/** Adds `Form Responses N` (the first free N) as the first sheet, headed; returns its name. */
export function createResponseSheet(
  spreadsheet: DestinationSpreadsheet,
  items: readonly ItemRecord[],
  collectEmail: boolean,
): string {
  const wording = wordingFor(spreadsheet.getSpreadsheetLocale());
  let n = 1;
  while (spreadsheet.getSheetByName(wording.sheet(n))) n += 1;
  const sheet = spreadsheet.insertSheet(wording.sheet(n), 0);
  const headers = headersFor(items, collectEmail, spreadsheet.getSpreadsheetLocale());
  sheet.getRange(1, 1, 1, headers.length).setValues([headers]);
  return wording.sheet(n);
}

/** `15.03.2024 14:05:09` (ru) or `3/15/2024 14:05:09` (en), as Sheets shows a form timestamp. */
export function displayTimestamp(ms: number, timeZone: string, locale: string): string {
  const t = localTime(ms, timeZone);
  const clock = `${t.hour}:${String(t.minute).padStart(2, '0')}:${String(t.second).padStart(2, '0')}`;
  return locale.toLowerCase().startsWith('ru')
    ? `${String(t.day).padStart(2, '0')}.${String(t.month).padStart(2, '0')}.${t.year} ${clock}`
    : `${t.month}/${t.day}/${t.year} ${clock}`;
}

export interface WrittenRow {
  sheet: DestinationSheet;
  row: number;
  headers: string[];
  /** Display strings in column order, timestamp first: the event's `values`. */
  values: string[];
}

/**
 * Appends one response in the sheet's column order; a question added after linking gets a new column at the end.
 * The timestamp cell holds a Date (what getValues gives in Google), answers their text; scale answers are numbers.
 */
export function appendResponseRow(
  spreadsheet: DestinationSpreadsheet,
  sheetName: string,
  items: readonly ItemRecord[],
  response: ResponseRecord,
  dateCtor: DateConstructor,
): WrittenRow | null {
  const sheet = spreadsheet.getSheetByName(sheetName);
  if (!sheet) return null;
  const locale = spreadsheet.getSpreadsheetLocale();
  const wording = wordingFor(locale);
  const width = Math.max(sheet.getLastColumn(), 1);
  const headers = (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []).map((h) => String(h));
  const missing = items.filter((item) => isQuestion(item) && !headers.includes(item.title)).map((item) => item.title);
  if (missing.length > 0) {
    sheet.getRange(1, headers.length + 1, 1, missing.length).setValues([missing]);
    headers.push(...missing);
  }
  const cells: unknown[] = [];
  const values: string[] = [];
  for (const header of headers) {
    if (header === wording.timestamp) {
      cells.push(new dateCtor(response.timestamp));
      values.push(displayTimestamp(response.timestamp, spreadsheet.getSpreadsheetTimeZone(), locale));
      continue;
    }
    if (header === wording.email) {
      cells.push(response.email);
      values.push(response.email);
      continue;
    }
    const item = items.find((candidate) => isQuestion(candidate) && candidate.title === header);
    const answer = item ? response.answers.find((a) => a.itemId === item.id)?.answer : undefined;
    const shown = item ? displayAnswer(item, answer, locale) : '';
    cells.push(item?.type === 'SCALE' && shown !== '' ? Number(shown) : shown);
    values.push(shown);
  }
  sheet.appendRow(cells);
  return { sheet, row: sheet.getLastRow(), headers, values };
}
