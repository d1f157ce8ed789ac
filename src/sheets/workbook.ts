// The spreadsheet as the database: which tab holds which sheet, in whichever language it was set up.
import { workbookLocale, type SettingEntry, type SheetKey } from '../domain/schema';
import type { Locale } from '../domain/types';
import { localeFrom } from '../i18n';
import { useStudioZone } from '../domain/cells/dates';
import { zoneOffsetOf } from '../services/time-zone';

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
}

/** The bound spreadsheet. Never opened by id: that needs the broad `spreadsheets` scope (see README, Scopes). */
export function openWorkbook(): Workbook {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) throw new Error('No spreadsheet is open');
  const spreadsheetLocale = localeFrom(spreadsheet.getSpreadsheetLocale());
  const names = spreadsheet.getSheets().map((sheet) => sheet.getName());
  const locale = workbookLocale({ locale: spreadsheetLocale, sheets: names.map((name) => ({ name, headers: [] })) });
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  // Every day, birthday and quiet hour is counted on the spreadsheet's clock. Set afresh on each open, so
  // no execution leans on offsets cached by an earlier one (Apps Script keeps no globals between executions).
  useStudioZone(zoneOffsetOf(timeZone));
  return { spreadsheet, spreadsheetLocale, locale, timeZone };
}
