// The Settings sheet as typed values: every area reads its overrides from the same rows.
import { isDate, type CellValue } from '../domain/cells';
import {
  coreSettings,
  overridesFrom,
  type CoreSettings,
  type SchemaProblem,
  type SettingsOverrides,
} from '../domain/schema';
import { responseTargetMinutes } from '../domain/analysis/response-target';
import { withLock } from '../services/locks';
import { readTable, settingEntries } from './table';
import { appendRows, updateRows } from './write';
import type { Workbook } from './workbook';

export function readCoreSettings(book: Workbook): { settings: CoreSettings; problems: SchemaProblem[] } {
  const read = coreSettings(settingEntries(book), book.spreadsheetLocale);
  return { settings: read.settings, problems: read.problems };
}

/** Overrides for an area's defaults from the keys `<prefix>.<field>`, e.g. `loyalty.pointsPerCurrency`. */
export function readSettingsFor<T extends object>(book: Workbook, defaults: T, prefix: string): SettingsOverrides<T> {
  return overridesFrom(settingEntries(book), defaults, prefix, book.spreadsheetLocale);
}

/** The studio's answer target in minutes (Settings `analysis.goalResponseHours`, older rows as fallbacks). */
export function readResponseTargetMinutes(book: Workbook): number {
  return responseTargetMinutes(settingEntries(book), book.spreadsheetLocale);
}

/** Sets one setting, adding its row if missing; the description is written only for a new row. */
export function writeSetting(book: Workbook, key: string, value: CellValue, description = ''): void {
  withLock('database', () => {
    const table = readTable(book, 'settings');
    const position = table.rows.findIndex((row) => row.values.key === key);
    // Stored as text so "0,5" or "2026-01-01" keep meaning what the reader expects.
    const text = value === null ? '' : isDate(value) ? value.toISOString() : String(value);
    if (position === -1) appendRows(book, 'settings', [{ key, value: text, description }]);
    else
      updateRows(
        book,
        'settings',
        [{ rowNumber: table.rowNumbers[position] ?? 0, identity: { key }, values: { value: text } }],
        table,
      );
    delete book.settingsCache;
  });
}

/** Each Settings row's description, by key. */
export function readSettingDescriptions(book: Workbook): Map<string, string> {
  return new Map(
    readTable(book, 'settings').rows.map((row) => [String(row.values.key ?? ''), String(row.values.description ?? '')]),
  );
}
