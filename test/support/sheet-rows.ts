// Reading a sheet back in a test: its rows keyed by the schema's column keys.
import type { Emulator } from '../../local/emulator';
import { translate } from '../../src/i18n';
import { sheetSpec, type SheetKey } from '../../src/domain/schema';
import type { Locale } from '../../src/domain/types';

/** Every row under the header, blank ones included, keyed by column key (an unknown header keeps its title). */
export function rowsByKey(emu: Emulator, key: SheetKey, locale: Locale): Record<string, unknown>[] {
  const [header = [], ...body] = emu.spreadsheet.values(translate(locale, sheetSpec(key).name));
  const keys = header.map((title) => sheetSpec(key).columns.find((column) => translate(locale, column.header) === title)?.key ?? String(title));
  return body.map((cells) => Object.fromEntries(keys.map((columnKey, index) => [columnKey, cells[index]])));
}
