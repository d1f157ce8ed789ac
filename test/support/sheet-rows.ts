// Reading a sheet back in a test: its rows keyed by the schema's column keys.
import type { Emulator } from '../../local/emulator';
import { sheetSpec, type SheetKey } from '../../src/domain/schema';
import type { Locale } from '../../src/domain/types';

/** Every row under the header, blank ones included, keyed by column key (an unknown header keeps its title). */
export function rowsByKey(emu: Emulator, key: SheetKey, locale: Locale): Record<string, unknown>[] {
  const [header = [], ...body] = emu.spreadsheet.values(sheetSpec(key).name[locale]);
  const keys = header.map((title) => sheetSpec(key).columns.find((column) => column.header[locale] === title)?.key ?? String(title));
  return body.map((cells) => Object.fromEntries(keys.map((columnKey, index) => [columnKey, cells[index]])));
}

/** The few SpreadsheetApp calls a fixture makes (the emulator's objects are untyped from here). */
interface FixtureSheet {
  getRange(row: number, column: number, rows: number, columns: number): { setValues(values: unknown[][]): unknown };
  getMaxRows(): number;
  getMaxColumns(): number;
  insertRowsAfter(after: number, count: number): unknown;
  insertColumnsAfter(after: number, count: number): unknown;
}
interface FixtureSpreadsheet {
  getSheetByName(name: string): FixtureSheet | null;
  insertSheet(name: string): FixtureSheet;
}

/**
 * Puts a sheet's cells exactly as given (header row first) into the workbook, as staff would have typed
 * them: no product encoder or schema in between, so a fixture cannot share a bug with the code it tests.
 * A Date becomes the emulator's date; rows are padded with blanks to the widest.
 */
export function writeSheet(emu: Emulator, name: string, rows: ReadonlyArray<ReadonlyArray<unknown>>): void {
  const width = Math.max(...rows.map((row) => row.length));
  const cells = rows.map((row) => Array.from({ length: width }, (_, index) => {
    const cell = row[index] ?? '';
    return cell instanceof Date ? new emu.dateCtor(cell.getTime()) : cell;
  }));
  emu.withContext({ kind: 'test', authMode: 'FULL' }, () =>
    emu.rt.internal(() => {
      const spreadsheet = (emu.globals() as { SpreadsheetApp: { getActiveSpreadsheet(): FixtureSpreadsheet } }).SpreadsheetApp.getActiveSpreadsheet();
      const sheet = spreadsheet.getSheetByName(name) ?? spreadsheet.insertSheet(name);
      if (width > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
      if (cells.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), cells.length - sheet.getMaxRows());
      sheet.getRange(1, 1, cells.length, width).setValues(cells);
    }),
  );
}
