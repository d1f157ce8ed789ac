// The spreadsheet as the database: which tab holds which sheet, in whichever language it was set up.
import { workbookLocale, type SettingEntry, type SheetKey } from '../domain/schema';
import type { Locale } from '../domain/types';
import { localeFrom } from '../i18n';
import { useStudioZone } from '../domain/cells/dates';
import { zoneOffsetOf } from '../services/time-zone';
import { readDocumentJson, writeDocumentJson } from '../services/document-state';
import type { Table } from './table';

export interface Workbook {
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** The spreadsheet's own locale (how typed text is read). */
  spreadsheetLocale: Locale;
  /** The language the workbook's sheets are kept in (their names), for new sheets and messages. */
  locale: Locale;
  /** The spreadsheet's time zone: the studio's calendar (days, birthdays, quiet hours). */
  timeZone: string;
  /** Settings rows, read once per execution by the first reader that needs them. */
  settingsCache?: SettingEntry[];
  /** Header rows as read this execution, by sheet: a reader and the append after it share one read. */
  headerCache?: Map<SheetKey, unknown[]>;
  /**
   * Whole-sheet reads kept for the rest of the execution, when a read-only answer made of several parts
   * sets it (the client card): each sheet read once. Never set where the execution writes.
   */
  tableCache?: Map<SheetKey, Table>;
  /**
   * Each sheet's tab and name as found this execution, when an execution that neither adds, deletes nor renames
   * tabs sets it (a form answer): one lookup per sheet instead of one per read and write.
   */
  sheetCache?: Map<SheetKey, { sheet: GoogleAppsScript.Spreadsheet.Sheet; name: string }>;
}

/**
 * The workbook's language as last learnt from its tab names, with the spreadsheet locale it was learnt
 * under (a tie between ru and en names falls back to that locale, so another locale means learn again).
 */
const LOCALE_KEY = 'studio.workbookLocale';
interface StoredLocale {
  spreadsheetLocale: Locale;
  locale: Locale;
}

/** The bound spreadsheet. Never opened by id: that needs the broad `spreadsheets` scope (see README, Scopes). */
export function openWorkbook(): Workbook {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) throw new Error('No spreadsheet is open');
  const spreadsheetLocale = localeFrom(spreadsheet.getSpreadsheetLocale());
  // Learning the language reads every tab's name (a call each); kept in a document property instead, and
  // learnt again whenever a tab is not found under its name in that language (findSheet: relearnLocale).
  const stored = readDocumentJson<Partial<StoredLocale> | null>(LOCALE_KEY, null);
  const known = stored?.spreadsheetLocale === spreadsheetLocale && isLocale(stored.locale) ? stored.locale : null;
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  // Every day, birthday and quiet hour is counted on the spreadsheet's clock. Set afresh on each open, so
  // no execution leans on offsets cached by an earlier one (Apps Script keeps no globals between executions).
  useStudioZone(zoneOffsetOf(timeZone));
  const book: Workbook = { spreadsheet, spreadsheetLocale, locale: known ?? spreadsheetLocale, timeZone };
  if (known === null) {
    book.locale = localeOfNames(
      book,
      spreadsheet.getSheets().map((sheet) => sheet.getName()),
    );
    rememberLocale(book);
  }
  return book;
}

/** After a tab was not found under its name: the language the tab names just read say, stored if it changed. */
export function relearnLocale(book: Workbook, names: readonly string[]): void {
  const locale = localeOfNames(book, names);
  if (locale === book.locale) return;
  book.locale = locale;
  rememberLocale(book);
}

function localeOfNames(book: Workbook, names: readonly string[]): Locale {
  return workbookLocale({ locale: book.spreadsheetLocale, sheets: names.map((name) => ({ name, headers: [] })) });
}

/** Stores the workbook's language (setup calls it after naming the tabs). */
export function rememberLocale(book: Workbook): void {
  const value: StoredLocale = { spreadsheetLocale: book.spreadsheetLocale, locale: book.locale };
  writeDocumentJson(LOCALE_KEY, value);
}

function isLocale(value: unknown): value is Locale {
  return value === 'ru' || value === 'en';
}
