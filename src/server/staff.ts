// The workbook and the staff member's language, for every entry point of the database features.
import type { Locale } from '../domain/types';
import { openWorkbook, readSettingsFor, type Workbook } from '../sheets';
import { staffLocale } from './respond';
import { translate } from '../i18n';

export function openForStaff(): { book: Workbook; locale: Locale } {
  const book = openWorkbook();
  return { book, locale: staffLocale(readSettingsFor(book, { locale: '' }, 'core').overrides.locale) };
}

/** A toast in the spreadsheet: how a menu action says what it did. */
export function tell(message: string, locale: Locale): void {
  SpreadsheetApp.getActiveSpreadsheet().toast(message, translate(locale, 'app.name'));
}
