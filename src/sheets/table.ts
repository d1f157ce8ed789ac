// Reading one database sheet: one getValues, header-mapped, typed, every unreadable cell reported.
import { parseCell } from '../domain/cells';
import {
  CHOSEN_SHEETS,
  chosenSheetNames,
  columnBlocks,
  columnSpec,
  findSheetName,
  mapHeaders,
  parseRows,
  renamesFromSettings,
  sheetSpec,
  type HeaderMapping,
  type RowProblem,
  type SettingEntry,
  type SheetKey,
  type TypedRow,
} from '../domain/schema';
import { translate } from '../i18n';
import { relearnLocale, type Workbook } from './workbook';

/**
 * The tab holding the sheet, or null when it is missing: for the client and order lists, the tab Settings
 * names (`sheets.clients`, `sheets.orders`) when it exists; otherwise its ru or en name, or a known alias.
 * The one place a sheet's tab is resolved (setup plans with the same choice: chosenSheetNames).
 */
export function findSheet(book: Workbook, key: SheetKey): GoogleAppsScript.Spreadsheet.Sheet | null {
  return findNamedSheet(book, key)?.sheet ?? null;
}

/** findSheet with the tab's name as it was found: a reader needs no getName call (0.02 s each) to report it. */
function findNamedSheet(
  book: Workbook,
  key: SheetKey,
): { sheet: GoogleAppsScript.Spreadsheet.Sheet; name: string } | null {
  const kept = book.sheetCache?.get(key);
  if (kept) return kept;
  const chosen = CHOSEN_SHEETS.includes(key) ? chosenSheetNames(settingEntries(book))[key] : undefined;
  const preferred = chosen ?? translate(book.locale, sheetSpec(key).name);
  const exact = book.spreadsheet.getSheetByName(preferred);
  if (exact) {
    book.sheetCache?.set(key, { sheet: exact, name: preferred });
    return { sheet: exact, name: preferred };
  }
  const sheets = book.spreadsheet.getSheets();
  const names = sheets.map((sheet) => sheet.getName());
  // The stored language may be stale (tabs renamed since): learn it again from the names just read.
  relearnLocale(book, names);
  const name = findSheetName(key, names);
  const index = name === null ? -1 : names.indexOf(name);
  const sheet = sheets[index];
  if (!sheet || name === null) return null;
  book.sheetCache?.set(key, { sheet, name });
  return { sheet, name };
}

/** The tab's name, from the sheet cache when findSheet kept it (no call). */
export function sheetNameOf(book: Workbook, key: SheetKey, sheet: GoogleAppsScript.Spreadsheet.Sheet): string {
  const kept = book.sheetCache?.get(key);
  return kept && kept.sheet === sheet ? kept.name : sheet.getName();
}

/**
 * Each sheet's tab name as staff see it (the chosen one, if any), else its name in the workbook's language;
 * each tab looked up once however many problems name it.
 */
export function sheetTabNames(book: Workbook): (key: SheetKey) => string {
  const names = new Map<SheetKey, string>();
  return (key) => {
    const known = names.get(key);
    if (known !== undefined) return known;
    const name = findSheet(book, key)?.getName() ?? translate(book.locale, sheetSpec(key).name);
    names.set(key, name);
    return name;
  };
}

export interface Table {
  sheet: SheetKey;
  /** The tab's name as looked up (getSheetByName ignores case), or null when the sheet is missing. */
  sheetName: string | null;
  rows: TypedRow[];
  /** The 1-based sheet row of each entry of `rows`. */
  rowNumbers: number[];
  problems: RowProblem[];
  mapping: HeaderMapping | null;
  /** The values as read, header first: writers compare against them. */
  values: unknown[][];
  /** The sheet's last row when read: a writer trusts this read while the sheet still ends there. */
  lastRow: number;
  /** A partial read (readTableWhere): every id cell of the sheet, so a new id never repeats one. */
  ids?: string[];
  /** A column-subset read (readTableColumns): the 0-based sheet columns its values hold; no writer trusts it. */
  columns?: number[];
}

export function readTable(book: Workbook, key: SheetKey): Table {
  const cached = book.tableCache?.get(key);
  if (cached) return cached;
  const table = readTableAfresh(book, key);
  book.tableCache?.set(key, table);
  return table;
}

function readTableAfresh(book: Workbook, key: SheetKey): Table {
  const spec = sheetSpec(key);
  const found = findNamedSheet(book, key);
  if (!found) {
    const problem: RowProblem = {
      sheet: key,
      row: 0,
      column: '',
      value: '',
      code: 'schema.missingSheet',
      params: { sheet: translate(book.locale, spec.name) },
    };
    return {
      sheet: key,
      sheetName: null,
      rows: [],
      rowNumbers: [],
      problems: [problem],
      mapping: null,
      values: [],
      lastRow: 0,
    };
  }
  const values = found.sheet.getDataRange().getValues();
  if (values[0]) (book.headerCache ??= new Map()).set(key, values[0]);
  const renames = key === 'settings' ? {} : renamesFromSettings(settingEntries(book), key);
  const mapping = mapHeaders(spec, values[0] ?? [], { locale: book.locale, renames });
  const parsed = parseRows(spec, values, mapping, { locale: book.spreadsheetLocale });
  const headerProblems: RowProblem[] = mapping.problems.map((problem) => ({
    sheet: key,
    row: 1,
    column: String(problem.params.column ?? ''),
    value: '',
    code: problem.code,
    params: problem.params,
  }));
  return {
    sheet: key,
    sheetName: found.name,
    ...parsed,
    problems: [...headerProblems, ...parsed.problems],
    mapping,
    values,
    lastRow: values.length,
  };
}

/** The cost model's getValues (../shared/google-cost-model.json): 0.2 s a call, 9 µs a cell. */
const GET_VALUES_PRICES = { perCall: 0.2, perCell: 0.000009 };

/**
 * The rows with only the columns `wanted` picks from the header mapping (0-based sheet columns), plus the
 * identity columns: the header once, then one getValues per block of columns (columnBlocks: neighbours
 * joined where the cells between cost less than a call). A reader's table: its values keep sheet
 * positions with `undefined` in every cell not read, its rows hold the read columns only, and writers
 * read afresh rather than trust it (`columns`). Rows are judged on the read columns, so use it where a
 * record needs only its identity to be one (Clients).
 */
export function readTableColumns(
  book: Workbook,
  key: SheetKey,
  wanted: (mapping: HeaderMapping) => Iterable<number>,
): Table {
  const spec = sheetSpec(key);
  const found = findNamedSheet(book, key);
  if (!found) return { ...readTable(book, key), problems: [missingSheetProblem(book, key)] };
  const { sheet, name } = found;
  const lastRow = sheet.getLastRow();
  const width = Math.max(sheet.getLastColumn(), 1);
  const header = headerRow(book, key, sheet, width);
  const renames = key === 'settings' ? {} : renamesFromSettings(settingEntries(book), key);
  const mapping = mapHeaders(spec, header, { locale: book.locale, renames });
  const identity = spec.identity.flatMap((field) =>
    mapping.indexes[field] === undefined ? [] : [mapping.indexes[field]],
  );
  const columns = [...new Set([...wanted(mapping), ...identity])]
    .filter((column) => column >= 0 && column < width)
    .sort((a, b) => a - b);
  const rows = Math.max(lastRow - 1, 0);
  const values: unknown[][] = [header];
  for (let row = 0; row < rows; row += 1) values.push(new Array<unknown>(width));
  for (const block of rows > 0 ? columnBlocks(columns, rows, GET_VALUES_PRICES) : []) {
    const cells = sheet.getRange(2, block.first + 1, rows, block.last - block.first + 1).getValues();
    cells.forEach((blockRow: unknown[], row) => {
      const target = values[row + 1] as unknown[];
      blockRow.forEach((cell, offset) => (target[block.first + offset] = cell));
    });
  }
  // Parsed as a whole read parses them, for the read columns only.
  const read = new Set(columns);
  const readMapping: HeaderMapping = {
    ...mapping,
    indexes: Object.fromEntries(Object.entries(mapping.indexes).filter(([, index]) => read.has(index))),
    extra: mapping.extra.filter((column) => read.has(column.index)),
  };
  const parsed = parseRows(spec, values, readMapping, { locale: book.spreadsheetLocale });
  const idIndex = mapping.indexes.id;
  return {
    sheet: key,
    sheetName: name,
    ...parsed,
    problems: parsed.problems,
    mapping,
    values,
    lastRow,
    ids:
      idIndex === undefined
        ? []
        : values
            .slice(1)
            .map((cells) => String(cells[idIndex] ?? '').trim())
            .filter((id) => id !== ''),
    columns,
  };
}

function missingSheetProblem(book: Workbook, key: SheetKey): RowProblem {
  return {
    sheet: key,
    row: 0,
    column: '',
    value: '',
    code: 'schema.missingSheet',
    params: { sheet: translate(book.locale, sheetSpec(key).name) },
  };
}

/**
 * The rows whose `field` cell, as parsed (an email whatever its case), passes `matches`, reading
 * the header, that one column, the id column and the matching rows only: a form answer at 50,000 clients
 * reads about 100,000 cells instead of the whole sheet. The result is a Table of those rows that writers
 * accept like a whole read (its rowNumbers are the sheet's).
 */
export function readTableWhere(
  book: Workbook,
  key: SheetKey,
  field: string,
  matches: (value: string) => boolean,
  options: WhereOptions = {},
): Table {
  const spec = sheetSpec(key);
  const sheet = findSheet(book, key);
  if (!sheet) return { ...readTable(book, key), problems: [missingSheetProblem(book, key)] };
  const lastRow = sheet.getLastRow();
  const width = Math.max(sheet.getLastColumn(), 1);
  const header = headerRow(book, key, sheet, width);
  const renames = key === 'settings' ? {} : renamesFromSettings(settingEntries(book), key);
  const mapping = mapHeaders(spec, header, { locale: book.locale, renames });
  const column = mapping.indexes[field];
  const empty: Table = {
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
  if (column === undefined || lastRow < 2) return empty;
  const columnCells = (index: number): unknown[] =>
    sheet
      .getRange(2, index + 1, lastRow - 1, 1)
      .getValues()
      .map((cells: unknown[]) => cells[0]);
  // Each cell parsed as a whole read parses it, so the match is the one a whole read would make.
  const keySpec = columnSpec(spec, field);
  const matchesIn = (cells: unknown[], firstRow: number) =>
    cells.flatMap((cell, offset) => {
      const parsed = parseCell(cell, keySpec, { locale: book.spreadsheetLocale });
      return parsed.ok && matches(String(parsed.value ?? '')) ? [offset + firstRow] : [];
    });
  let keyCells: unknown[] = [];
  let matchedRows: number[] = [];
  if (options.newestFirst) {
    // Blocks from the bottom, each four times the last, until one holds a match: a recent key costs a
    // few hundred cells, an unknown one the whole column once, in a few more calls.
    for (let end = lastRow, size = NEWEST_FIRST_BLOCK; end >= 2 && matchedRows.length === 0; size *= 4) {
      const first = Math.max(2, end - size + 1);
      const cells = sheet
        .getRange(first, column + 1, end - first + 1, 1)
        .getValues()
        .map((cells: unknown[]) => cells[0]);
      matchedRows = matchesIn(cells, first);
      end = first - 1;
    }
  } else {
    keyCells = columnCells(column);
    matchedRows = matchesIn(keyCells, 2);
  }
  const idIndex = mapping.indexes.id;
  const withIds = options.ids !== false && !options.newestFirst;
  const ids = (!withIds || idIndex === undefined ? [] : idIndex === column ? keyCells : columnCells(idIndex))
    .map((cell) => String(cell ?? '').trim())
    .filter((id) => id !== '');
  if (matchedRows.length === 0) return { ...empty, ids };
  const rowValues = matchedRows.map(
    (rowNumber): unknown[] => sheet.getRange(rowNumber, 1, 1, width).getValues()[0] ?? [],
  );
  const parsed = parseRows(spec, [header, ...rowValues], mapping, { locale: book.spreadsheetLocale });
  // parseRows numbers rows by their place in what it was given; map them back to the sheet's rows.
  const sheetRow = (given: number) => matchedRows[given - 2] ?? 0;
  return {
    ...empty,
    rows: parsed.rows,
    rowNumbers: parsed.rowNumbers.map(sheetRow),
    problems: parsed.problems.map((problem) => ({ ...problem, row: sheetRow(problem.row) })),
    values: [header, ...rowValues],
    ids,
  };
}

export interface WhereOptions {
  /** False: the id column is not read (the caller makes no new id from this read). */
  ids?: boolean;
  /**
   * For a key that names one row, most often a recent one (an order id): read the column from the bottom
   * in growing blocks and stop at the first block holding a match. Only that block's matches are returned
   * and no ids are read.
   */
  newestFirst?: boolean;
}

/** The first block a newest-first search reads: a day or two of a large studio's orders. */
const NEWEST_FIRST_BLOCK = 500;

/**
 * The row at `rowNumber` when its `field` still holds `value` (the row an upsert just wrote: one row read, not
 * a column); otherwise the rows readTableWhere finds. Its ids are that row's only: not a source of new ids.
 */
export function readRowAt(book: Workbook, key: SheetKey, rowNumber: number, field: string, value: string): Table {
  const found = () => readTableWhere(book, key, field, (stored) => stored === value);
  const sheet = findSheet(book, key);
  if (!sheet || rowNumber < 2) return found();
  const lastRow = sheet.getLastRow();
  if (rowNumber > lastRow) return found();
  const width = Math.max(sheet.getLastColumn(), 1);
  const header = headerRow(book, key, sheet, width);
  const spec = sheetSpec(key);
  const renames = key === 'settings' ? {} : renamesFromSettings(settingEntries(book), key);
  const mapping = mapHeaders(spec, header, { locale: book.locale, renames });
  const cells: unknown[] = sheet.getRange(rowNumber, 1, 1, width).getValues()[0] ?? [];
  const parsed = parseRows(spec, [header, cells], mapping, { locale: book.spreadsheetLocale });
  const [row] = parsed.rows;
  if (!row || String(row.values[field] ?? '') !== value) return found();
  return {
    sheet: key,
    sheetName: sheetNameOf(book, key, sheet),
    rows: [row],
    rowNumbers: [rowNumber],
    problems: parsed.problems.map((problem) => ({ ...problem, row: rowNumber })),
    mapping,
    values: [header, cells],
    lastRow,
  };
}

/**
 * The sheet's header row, `width` cells wide, read once per execution: a later read of the same sheet at the
 * same width (the append after a lookup) reuses it. Headers change only through applyMigration, which drops it.
 */
export function headerRow(
  book: Workbook,
  key: SheetKey,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  width: number,
): unknown[] {
  const cached = book.headerCache?.get(key);
  if (cached && cached.length === width) return cached;
  const header: unknown[] = sheet.getRange(1, 1, 1, width).getValues()[0] ?? [];
  (book.headerCache ??= new Map()).set(key, header);
  return header;
}

/** Every id cell as read, also of rows skipped as unreadable, so a new id never repeats one. */
export function idCells(table: Table): string[] {
  if (table.ids) return table.ids;
  const index = table.mapping?.indexes.id ?? 0;
  return table.values
    .slice(1)
    .map((cells) => String(cells[index] ?? '').trim())
    .filter((id) => id !== '');
}

/** The Settings rows as key/value, read once per workbook object. */
export function settingEntries(book: Workbook): SettingEntry[] {
  if (!book.settingsCache) {
    const table = readTable(book, 'settings');
    book.settingsCache = table.rows.map((row) => ({
      key: String(row.values.key ?? ''),
      value: row.values.value ?? null,
    }));
  }
  return book.settingsCache;
}
