// Finding the rows of one key (an email, a response key, an order id) with a TextFinder on the key's column
// instead of reading the column: Google prices a search at 0.1 s + 6 µs a cell scanned, a read at 0.2 s + 9 µs,
// and nothing is parsed. A search only proposes rows; each is read and parsed, and kept only when the parsed
// key passes the caller's test, so a match of part of a cell, or in another case, is never taken on trust.
import { parseCell, type CellValue } from '../domain/cells';
import {
  columnSpec,
  mapHeaders,
  nextId,
  parseRows,
  renamesFromSettings,
  sheetSpec,
  type SheetKey,
} from '../domain/schema';
import { scriptStore } from '../services/properties';
import { findSheet, headerRow, readTableWhere, settingEntries, sheetNameOf, type Table } from './table';
import type { Workbook } from './workbook';

/**
 * More reads of proposed rows than this (a read per run of adjacent rows) and the whole column is read instead:
 * at least 5, and as many as a read of the column costs (0.2 s + 9 µs a cell, at 0.2 s a read), since reading
 * the column still leaves its matching rows to read. A loyal client's ledger rows in a large ledger stay reads.
 */
const mostReadsAlone = (cells: number): number => Math.max(5, Math.floor(1 + (cells * 0.000009) / 0.2));

/**
 * The rows whose `field` passes `matches` (given the parsed value, as readTableWhere gives it), found by
 * searching the column for `text`: part of a cell, any case. Every cell `matches` accepts must show `text`
 * that way (a normalised email is inside any cell that parses to it: padded, `mailto:`, `Name <…>`, other
 * case), unless `wholeCell`. Read: the header, the sheet's size and each run of proposed rows. No ids (see idColumn).
 */
export function findRowsWhere(
  book: Workbook,
  key: SheetKey,
  field: string,
  text: string,
  matches: (value: string) => boolean,
  options: FindOptions = {},
): Table {
  const spec = sheetSpec(key);
  const sheet = findSheet(book, key);
  if (!sheet || text.trim() === '') return readTableWhere(book, key, field, matches, { ids: false });
  const lastRow = sheet.getLastRow();
  const width = Math.max(sheet.getLastColumn(), 1);
  const header = headerRow(book, key, sheet, width);
  const renames = key === 'settings' ? {} : renamesFromSettings(settingEntries(book), key);
  const mapping = mapHeaders(spec, header, { locale: book.locale, renames });
  const column = mapping.indexes[field];
  const table: Table = {
    sheet: key,
    sheetName: sheetNameOf(book, key, sheet),
    rows: [],
    rowNumbers: [],
    problems: [],
    mapping,
    values: [header],
    lastRow,
    ids: [],
  };
  if (column === undefined || lastRow < 2) return table;
  const finder = sheet.getRange(2, column + 1, lastRow - 1, 1).createTextFinder(text.trim());
  if (options.wholeCell) finder.matchEntireCell(true);
  const proposed = [...new Set(finder.findAll().map((cell) => cell.getRow()))].sort((a, b) => a - b);
  if (proposed.length === 0) return table;
  const runs = runsOf(proposed);
  if (runs.length > mostReadsAlone(lastRow - 1)) return readTableWhere(book, key, field, matches, { ids: false });
  const rowValues = runs.flatMap(
    ({ first, count }): unknown[][] => sheet.getRange(first, 1, count, width).getValues() as unknown[][],
  );
  const parsed = parseRows(spec, [header, ...rowValues], mapping, { locale: book.spreadsheetLocale });
  // parseRows numbers rows by their place in what it was given; map them back to the sheet's rows.
  const sheetRow = (given: number) => proposed[given - 2] ?? 0;
  const kept = parsed.rows.flatMap((row, position) =>
    matches(String(row.values[field] ?? '')) ? [{ row, given: parsed.rowNumbers[position] ?? 0 }] : [],
  );
  const keptGiven = new Set(kept.map(({ given }) => given));
  return {
    ...table,
    rows: kept.map(({ row }) => row),
    rowNumbers: kept.map(({ given }) => sheetRow(given)),
    problems: parsed.problems
      .filter((problem) => keptGiven.has(problem.row))
      .map((problem) => ({
        ...problem,
        row: sheetRow(problem.row),
      })),
    values: [header, ...kept.map(({ given }) => rowValues[given - 2] ?? [])],
  };
}

/** Sorted, distinct row numbers in runs of adjacent rows: [2, 3, 4, 9] → 2×3, 9×1. */
function runsOf(rows: readonly number[]): { first: number; count: number }[] {
  const runs: { first: number; count: number }[] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && row === last.first + last.count) last.count += 1;
    else runs.push({ first: row, count: 1 });
  }
  return runs;
}

export interface FindOptions {
  /**
   * True: only cells that are `text` whole (any case). For ids, where part of a cell would propose too many
   * rows ("O-1" is in "O-10", "O-11", …); a cell the add-on did not write may then be missed if padded.
   */
  wholeCell?: boolean;
}

/** Every id cell of the sheet (one column read), for a new id that repeats none; [] when there is no id column. */
export function idColumn(book: Workbook, key: SheetKey, known: Table): string[] {
  const sheet = findSheet(book, key);
  const index = known.mapping?.indexes.id;
  if (!sheet || index === undefined || known.lastRow < 2) return [];
  return sheet
    .getRange(2, index + 1, known.lastRow - 1, 1)
    .getValues()
    .map((cells: unknown[]) => String(cells[0] ?? '').trim())
    .filter((id) => id !== '');
}

/** Where the last id issued for a sheet is kept (script properties), e.g. `ids.last.clients` → `C-0401`. */
export const LAST_ID_PROPERTY = (key: SheetKey): string => `ids.last.${key}`;

/**
 * A new id for a row about to be appended, never one in the sheet's id column nor one issued before: the one
 * after the last issued (kept in a property by keepIssuedId), checked unused by a search of the id column
 * (0.1 s + 6 µs a cell, against 0.2 s + 9 µs to read it). Any cell showing it (padded, another case, inside a
 * wider id: staff typing, an import) sends it to the whole column, as does a first use. Call it under the
 * database lock; keepIssuedId once the row is flushed (a kill before that leaves the property behind the row,
 * whose id the search then finds, or loses the row, whose id is then free).
 */
export function issueId(book: Workbook, key: SheetKey, prefix: string, known: Table): string {
  const last = scriptStore().getProperty(LAST_ID_PROPERTY(key)) ?? '';
  const issued = last === '' ? [] : [last];
  const candidate = last === '' ? '' : nextId(prefix, issued);
  return candidate !== '' && !idInColumn(book, key, known, candidate)
    ? candidate
    : nextId(prefix, [...idColumn(book, key, known), ...issued]);
}

/** Notes `id` as the last issued for the sheet, once its row is flushed (see issueId). */
export function keepIssuedId(key: SheetKey, id: string): void {
  scriptStore().setProperty(LAST_ID_PROPERTY(key), id);
}

/** Whether any id cell shows `id` (part of a cell, any case): a search, no read. */
function idInColumn(book: Workbook, key: SheetKey, known: Table, id: string): boolean {
  const sheet = findSheet(book, key);
  const index = known.mapping?.indexes.id;
  if (!sheet || index === undefined || known.lastRow < 2) return false;
  return (
    sheet
      .getRange(2, index + 1, known.lastRow - 1, 1)
      .createTextFinder(id)
      .findAll().length > 0
  );
}

/** The first block a newest-first search reads (as readTableWhere's): a day or two of a large studio's orders. */
const NEWEST_FIRST_BLOCK = 500;

/**
 * The parsed `fields` of the newest row whose `field` passes `matches`, or null: the columns from `field` to the
 * farthest of `fields` are read from the bottom in blocks, each four times the last, until one holds a match
 * (the first match of that block, as readTableWhere's newestFirst gives it). A recent key costs one block and
 * no row read; an unknown one those columns whole.
 */
export function newestValuesWhere(
  book: Workbook,
  key: SheetKey,
  field: string,
  matches: (value: string) => boolean,
  fields: readonly string[],
): Record<string, CellValue> | null {
  const spec = sheetSpec(key);
  const sheet = findSheet(book, key);
  if (!sheet) return null;
  const lastRow = sheet.getLastRow();
  const width = Math.max(sheet.getLastColumn(), 1);
  const header = headerRow(book, key, sheet, width);
  const renames = renamesFromSettings(settingEntries(book), key);
  const mapping = mapHeaders(spec, header, { locale: book.locale, renames });
  const keyIndex = mapping.indexes[field];
  if (keyIndex === undefined || lastRow < 2) return null;
  const wanted = fields.filter((name) => mapping.indexes[name] !== undefined);
  const indexes = [keyIndex, ...wanted.map((name) => mapping.indexes[name] ?? keyIndex)];
  const from = Math.min(...indexes);
  const to = Math.max(...indexes);
  const context = { locale: book.spreadsheetLocale };
  const parsed = (cells: readonly unknown[], name: string): CellValue => {
    const result = parseCell(cells[(mapping.indexes[name] ?? 0) - from], columnSpec(spec, name), context);
    return result.ok ? result.value : null;
  };
  for (let end = lastRow, size = NEWEST_FIRST_BLOCK; end >= 2; size *= 4) {
    const first = Math.max(2, end - size + 1);
    const block: unknown[][] = sheet.getRange(first, from + 1, end - first + 1, to - from + 1).getValues();
    const row = block.find((cells) => matches(String(parsed(cells, field) ?? '')));
    if (row) return Object.fromEntries(wanted.map((name) => [name, parsed(row, name)]));
    end = first - 1;
  }
  return null;
}
