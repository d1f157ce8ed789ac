// Reading a sheet back in a test: its rows keyed by the record keys of the literal column titles.
import type { Emulator } from '../../local/emulator';
import { columnKeyOf, sheetTitle, type FixtureLocale, type FixtureSheet } from './sheet-fixtures';

/** Every row under the header, blank ones included, keyed by column key (an unknown header keeps its title). */
export function rowsByKey(emu: Emulator, key: FixtureSheet, locale: FixtureLocale): Record<string, unknown>[] {
  const [header = [], ...body] = emu.spreadsheet.values(sheetTitle(key, locale));
  const keys = header.map((title) => columnKeyOf(key, title));
  return body.map((cells) => Object.fromEntries(keys.map((columnKey, index) => [columnKey, cells[index]])));
}
