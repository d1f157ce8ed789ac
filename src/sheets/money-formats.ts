// Money columns shown in the studio's currency: the number format follows Settings `core.currency`, so a studio
// that switches to euros sees € in Orders and Clients after the next refresh, without running setup again.
import { mapHeaders, renamesFromSettings, sheetSpec, type SheetKey } from '../domain/schema';
import { findSheet, settingEntries } from './table';
import type { Workbook } from './workbook';

/** The sheets with money columns in the studio's currency. */
export const MONEY_SHEETS: readonly SheetKey[] = ['clients', 'orders', 'campaigns'];

/** Sets `format` on every money column of the sheets (one header read and one format write per column). */
export function applyMoneyFormat(book: Workbook, keys: readonly SheetKey[], format: string): void {
  for (const key of keys) {
    const sheet = findSheet(book, key);
    if (!sheet || sheet.getLastColumn() === 0) continue;
    const spec = sheetSpec(key);
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? [];
    const mapping = mapHeaders(spec, header, {
      locale: book.locale,
      renames: renamesFromSettings(settingEntries(book), key),
    });
    const rows = Math.max(sheet.getMaxRows() - 1, 1);
    for (const column of spec.columns) {
      const index = mapping.indexes[column.key];
      if (column.type !== 'money' || index === undefined) continue;
      sheet.getRange(2, index + 1, rows, 1).setNumberFormat(format);
    }
  }
}
