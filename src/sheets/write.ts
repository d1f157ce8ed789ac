// Writing database rows: appended below the last row, or updated in place, in a few setValues.
import type { CellValue } from '../domain/cells';
import { translate } from '../i18n';
import {
  cellForWrite,
  foldMissingColumns,
  mapHeaders,
  parseRows,
  planBlocks,
  renamesFromSettings,
  sheetSpec,
  type RowWrite,
  type SheetKey,
} from '../domain/schema';
import { withLock } from '../services/locks';
import { findSheet, headerRow, readTable, settingEntries, sheetNameOf, type Table } from './table';
import type { Workbook } from './workbook';

export type RowValues = Readonly<Record<string, CellValue>>;

/**
 * Empty rows an add-on sheet keeps below its last row, so staff can type new rows (with the columns'
 * formats and lists) without first pressing "Add rows". Google counts every grid cell against its 10 M
 * limit; 100 rows of the widest sheet (Clients, 32 columns) are 3,200 cells, where a new sheet's 1,000
 * empty rows × 26 columns were 26,000.
 */
export const MARGIN_ROWS = 100;
/** A sheet grows only when an append would leave fewer empty rows than this: one insert per ~50 rows, not per append. */
const MARGIN_REFILL_BELOW = MARGIN_ROWS / 2;

/**
 * Deletes the grid beyond `lastRow` + `marginRows` rows and beyond `lastColumn` columns (at least one of
 * each is kept); only ever rows and columns past the sheet's last content, so no cell with data goes.
 */
export function trimGrid(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  lastRow: number,
  lastColumn: number,
  marginRows = MARGIN_ROWS,
): void {
  const keepRows = Math.max(lastRow, 1) + marginRows;
  const maxRows = sheet.getMaxRows();
  if (maxRows > keepRows) sheet.deleteRows(keepRows + 1, maxRows - keepRows);
  const keepColumns = Math.max(lastColumn, 1);
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns > keepColumns) sheet.deleteColumns(keepColumns + 1, maxColumns - keepColumns);
}

/** Appends the rows in one setValues, growing the sheet first; returns their 1-based row numbers. */
export function appendRows(book: Workbook, key: SheetKey, rows: readonly RowValues[]): number[] {
  if (rows.length === 0) return [];
  const { first, values } = writeBelowLast(book, key, rows);
  return values.map((_, offset) => first + offset);
}

/**
 * appendRows, returning the rows as written: a Table writers accept (updateRows trusts it while the sheet ends
 * at its last row), so a caller that goes on with the rows need not read them back.
 */
export function appendRowsAsTable(book: Workbook, key: SheetKey, rows: readonly RowValues[]): Table {
  const { first, values, header, mapping, sheet } = writeBelowLast(book, key, rows);
  const parsed = parseRows(sheetSpec(key), [header, ...values], mapping, { locale: book.spreadsheetLocale });
  // parseRows numbers rows by their place in what it was given (the header is 1); map them to the sheet's.
  const sheetRow = (given: number) => first + given - 2;
  return {
    sheet: key,
    sheetName: sheetNameOf(book, key, sheet),
    rows: parsed.rows,
    rowNumbers: parsed.rowNumbers.map(sheetRow),
    problems: parsed.problems.map((problem) => ({ ...problem, row: sheetRow(problem.row) })),
    mapping,
    values: [header, ...values],
    lastRow: first + values.length - 1,
  };
}

function writeBelowLast(book: Workbook, key: SheetKey, rows: readonly RowValues[]) {
  return withLock('database', () => {
    const spec = sheetSpec(key);
    const sheet = requireSheet(book, key);
    const width = Math.max(sheet.getLastColumn(), 1);
    const header = headerRow(book, key, sheet, width);
    const renames = key === 'settings' ? {} : renamesFromSettings(settingEntries(book), key);
    const mapping = mapHeaders(spec, header, { locale: book.locale, renames });
    const first = Math.max(sheet.getLastRow(), 1) + 1;
    const values = rows.map((row) => {
      const cells: (string | number | boolean | Date)[] = new Array<string>(width).fill('');
      for (const [column, value] of Object.entries(foldMissingColumns(spec, row, mapping.indexes))) {
        const index = mapping.indexes[column];
        if (index !== undefined && index < width) cells[index] = cellForWrite(spec, column, value, book.locale);
      }
      return cells;
    });
    if (values.length > 0) {
      const maxRows = sheet.getMaxRows();
      const last = first + values.length - 1;
      if (maxRows - last < MARGIN_REFILL_BELOW) sheet.insertRowsAfter(maxRows, last + MARGIN_ROWS - maxRows);
      sheet.getRange(first, 1, values.length, width).setValues(values);
    }
    return { first, values, header, mapping, sheet };
  });
}

export interface RowUpdate {
  /** Where the row was when it was read. */
  rowNumber: number;
  /** The row's identity values as read; if the row moved since, it is found again by them. */
  identity?: Readonly<Record<string, string>>;
  /** Only these cells are written. */
  values: RowValues;
}

export interface UpdateResult {
  /** Sheet rows written. */
  written: number[];
  /** Updates whose row is gone (deleted by someone meanwhile). */
  missing: RowUpdate[];
}

/**
 * Finds each row under the lock, then writes only the given cells in blocks. `known` is the caller's
 * read of this sheet: it is trusted while the sheet still ends where it did (one getLastRow), else the
 * sheet is read again into it; written cells are copied into it, so it stays current for the next call.
 * Without it the sheet is read here.
 */
export function updateRows(book: Workbook, key: SheetKey, updates: readonly RowUpdate[], known?: Table): UpdateResult {
  if (updates.length === 0) return { written: [], missing: [] };
  return withLock('database', () => {
    const spec = sheetSpec(key);
    const sheet = requireSheet(book, key);
    const trusted = known && known.mapping && !known.columns && known.lastRow === sheet.getLastRow();
    const table = trusted ? known : readTable(book, key);
    if (known && table !== known) Object.assign(known, table);
    const mapping = table.mapping;
    if (!mapping) throw new Error(`sheet ${key} is missing`);
    // Rows found through Maps, not indexOf/find per update: an update of every client stays linear.
    const positionOf = new Map<number, number>();
    table.rowNumbers.forEach((rowNumber, position) => positionOf.has(rowNumber) || positionOf.set(rowNumber, position));
    const identityAt = (rowNumber: number) => {
      const position = positionOf.get(rowNumber);
      return position === undefined ? null : (table.rows[position]?.values ?? null);
    };
    const byIdentity = new Map<string, Map<string, number>>();
    /** The first row whose identity columns hold these values (one index per set of columns). */
    const findByIdentity = (identity: Readonly<Record<string, string>>) => {
      const columns = Object.keys(identity).sort();
      let index = byIdentity.get(JSON.stringify(columns));
      if (!index) {
        const built = new Map<string, number>();
        table.rowNumbers.forEach((rowNumber) => {
          const values = identityAt(rowNumber);
          const key = values && JSON.stringify(columns.map((column) => String(values[column] ?? '')));
          if (key && !built.has(key)) built.set(key, rowNumber);
        });
        byIdentity.set(JSON.stringify(columns), (index = built));
      }
      return index.get(JSON.stringify(columns.map((column) => identity[column])));
    };
    const matches = (rowNumber: number, identity: Readonly<Record<string, string>>) => {
      const values = identityAt(rowNumber);
      return (
        values !== null && Object.entries(identity).every(([column, value]) => String(values[column] ?? '') === value)
      );
    };
    const writes: RowWrite[] = [];
    const missing: RowUpdate[] = [];
    for (const update of updates) {
      let rowNumber: number | undefined = update.rowNumber;
      if (update.identity && !matches(update.rowNumber, update.identity)) {
        rowNumber = findByIdentity(update.identity);
      }
      if (rowNumber === undefined) missing.push(update);
      else {
        writes.push({ rowNumber, values: update.values });
        const row = table.rows[positionOf.get(rowNumber) ?? -1];
        if (row) row.values = { ...row.values, ...update.values };
      }
    }
    for (const block of planBlocks(spec, mapping, writes, book.locale)) {
      sheet
        .getRange(block.row, block.column, block.values.length, block.values[0]?.length ?? 0)
        .setValues(block.values);
    }
    return { written: writes.map((write) => write.rowNumber), missing };
  });
}

function requireSheet(book: Workbook, key: SheetKey): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = findSheet(book, key);
  if (!sheet) throw new Error(`The sheet ${translate(book.locale, sheetSpec(key).name)} is missing: run Setup first.`);
  return sheet;
}
