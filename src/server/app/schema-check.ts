// A renamed or deleted required column (say "Client ID") makes every reader see an empty sheet; staff
// must hear which column is missing instead of seeing zero clients. Header rows only: one getValues each.
import { mapHeaders, renamesFromSettings, sheetSpec, type SheetKey } from '../../domain/schema';
import type { Locale } from '../../domain/types';
import { translate } from '../../i18n';
import { findSheet, settingEntries, type Workbook } from '../../sheets';
import { UserFacingError } from './respond';

const CORE_SHEETS: readonly SheetKey[] = ['clients', 'orders'];

/** The first required column missing from Clients or Orders, as {sheet, column} as the sheet names them. */
function firstMissingColumn(book: Workbook): { sheet: string; column: string } | null {
  for (const key of CORE_SHEETS) {
    const sheet = findSheet(book, key);
    if (!sheet) continue; // before setup: the sidebar already says "set up first"
    const spec = sheetSpec(key);
    const header = sheet.getRange(1, 1, 1, Math.max(sheet.getLastColumn(), 1)).getValues()[0] ?? [];
    const mapping = mapHeaders(spec, header, {
      locale: book.locale,
      renames: renamesFromSettings(settingEntries(book), key),
    });
    const missing = spec.columns.find((column) => column.key === mapping.missingRequired[0]);
    if (missing) return { sheet: sheet.getName(), column: translate(book.locale, missing.header) };
  }
  return null;
}

/** The sentence naming the missing column, or null when Clients and Orders have every required one. */
export function missingColumnMessage(book: Workbook, locale: Locale): string | null {
  const missing = firstMissingColumn(book);
  return missing ? translate(locale, 'schema.missingColumn', missing) : null;
}

/** For menu actions that read the core sheets: stop with the sentence instead of working on nothing. */
export function requireCoreColumns(book: Workbook, locale: Locale): void {
  const missing = firstMissingColumn(book);
  if (missing) throw new UserFacingError('schema.missingColumn', missing);
}
