// Reading one database sheet: one getValues, header-mapped, typed, every unreadable cell reported.
import {
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
import { findSheet, type Workbook } from './workbook';

export interface Table {
  sheet: SheetKey;
  /** The tab's name, or null when the sheet is missing. */
  sheetName: string | null;
  rows: TypedRow[];
  /** The 1-based sheet row of each entry of `rows`. */
  rowNumbers: number[];
  problems: RowProblem[];
  mapping: HeaderMapping | null;
  /** The values as read, header first: writers compare against them. */
  values: unknown[][];
}

export function readTable(book: Workbook, key: SheetKey): Table {
  const spec = sheetSpec(key);
  const sheet = findSheet(book, key);
  if (!sheet) {
    const problem: RowProblem = {
      sheet: key,
      row: 0,
      column: '',
      value: '',
      code: 'schema.missingSheet',
      params: { sheet: translate(book.locale, spec.name) },
    };
    return { sheet: key, sheetName: null, rows: [], rowNumbers: [], problems: [problem], mapping: null, values: [] };
  }
  const values = sheet.getDataRange().getValues();
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
    sheetName: sheet.getName(),
    ...parsed,
    problems: [...headerProblems, ...parsed.problems],
    mapping,
    values,
  };
}

/** Every id cell as read, also of rows skipped as unreadable, so a new id never repeats one. */
export function idCells(table: Table): string[] {
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
