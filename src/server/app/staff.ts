// The workbook and the staff member's language, for every sidebar call and menu action.
import type { Locale } from '../../domain/types';
import { openWorkbook, readSettingsFor, type Workbook } from '../../sheets';
import { explain, staffLocale } from './respond';
import { localeFrom, translate } from '../../i18n';

/** The Settings sheet's `core.locale` when set, else the account's; the account's when Settings cannot be read. */
export function staffLocaleFor(book: Workbook): Locale {
  try {
    return staffLocale(readSettingsFor(book, { locale: '' }, 'core').overrides.locale);
  } catch (error) {
    console.warn(
      `Settings unreadable, answering in the account's language: ${error instanceof Error ? error.message : String(error)}`,
    );
    return staffLocale();
  }
}

/**
 * Runs a sidebar call or menu action with the workbook and the staff member's language. Opening the
 * workbook and finding the language fail inside it too, so every failure reaches staff as a sentence.
 */
export function asStaff<T>(body: (book: Workbook, locale: Locale) => T): T {
  let locale: Locale | null = null;
  try {
    const book = openWorkbook();
    locale = staffLocaleFor(book);
    return body(book, locale);
  } catch (error) {
    throw new Error(explain(locale ?? accountLocale(), error));
  }
}

function accountLocale(): Locale {
  try {
    return staffLocale();
  } catch {
    return localeFrom(null); // the Session failed too: the default for an unknown account locale
  }
}

/** A toast in the spreadsheet: how a menu action says what it did. */
export function tell(message: string, locale: Locale): void {
  SpreadsheetApp.getActiveSpreadsheet().toast(message, translate(locale, 'app.name'));
}
