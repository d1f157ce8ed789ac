// What setup must do to a workbook: create missing sheets, append missing columns. Never deletes,
// reorders, renames or overwrites anything, and plans nothing for a workbook already set up.
import type { Locale } from '../types';
import { catalogEntry } from '../../i18n/labels';
import { mapHeaders } from './headers';
import { findSheetName, SCHEMA } from './catalog';
import { nextId } from './clients';
import type { ColumnValidation, SheetKey, SheetSpec } from './types';

export interface SheetShape {
  name: string;
  /** Row 1 as read. */
  headers: readonly unknown[];
  /** Unknown when omitted; only a known 0 plans a freeze. */
  frozenRows?: number;
}

export interface WorkbookShape {
  /** The spreadsheet's locale: the language of new sheets when none of ours exist yet. */
  locale: Locale;
  sheets: readonly SheetShape[];
}

export interface PlannedColumn {
  key: string;
  header: string;
  /** 1-based column number the header goes to. */
  position: number;
  numberFormat?: string;
  validation?: ColumnValidation;
  derived?: boolean;
}

export type MigrationStep =
  | { kind: 'createSheet'; sheet: SheetKey; name: string; locale: Locale; columns: PlannedColumn[] }
  | { kind: 'appendColumns'; sheet: SheetKey; name: string; locale: Locale; columns: PlannedColumn[] }
  | { kind: 'freezeHeader'; sheet: SheetKey; name: string };

export interface MigrationPlan {
  /** The language the workbook is kept in. */
  locale: Locale;
  steps: MigrationStep[];
}

export interface PlanOptions {
  /** Per sheet, headers staff renamed columns to (from Settings). */
  renames?: Partial<Record<SheetKey, Record<string, readonly string[]>>>;
  /** Per sheet, the tab Settings chose for it (chosenSheetNames). */
  sheetNames?: Partial<Record<SheetKey, string>>;
}

export function planMigration(shape: WorkbookShape, options: PlanOptions = {}): MigrationPlan {
  const names = shape.sheets.map((sheet) => sheet.name);
  const locale = workbookLocale(shape);
  const steps: MigrationStep[] = [];
  for (const spec of SCHEMA) {
    const name = findSheetName(spec.key, names, options.sheetNames?.[spec.key]);
    const existing = shape.sheets.find((sheet) => sheet.name === name);
    if (!existing || name === null) {
      steps.push({
        kind: 'createSheet',
        sheet: spec.key,
        name: catalogEntry(spec.name)[locale],
        locale,
        columns: planColumns(
          spec,
          spec.columns.map((column) => column.key),
          1,
          locale,
        ),
      });
      continue;
    }
    const mapping = mapHeaders(spec, existing.headers, { locale, renames: options.renames?.[spec.key] ?? {} });
    if (mapping.missing.length > 0) {
      const headerLocale = mapping.headerLocale ?? locale;
      steps.push({
        kind: 'appendColumns',
        sheet: spec.key,
        name,
        locale: headerLocale,
        columns: planColumns(spec, mapping.missing, usedWidth(existing.headers) + 1, headerLocale),
      });
    }
    if (existing.frozenRows === 0) steps.push({ kind: 'freezeHeader', sheet: spec.key, name });
  }
  return { locale, steps };
}

/** The language of the sheet names already there (most of ours), else the spreadsheet's. */
export function workbookLocale(shape: WorkbookShape): Locale {
  let ru = 0;
  let en = 0;
  for (const sheet of shape.sheets) {
    const names = SCHEMA.map((candidate) => catalogEntry(candidate.name)).find(
      (name) => name.ru === sheet.name || name.en === sheet.name,
    );
    if (!names || names.ru === names.en) continue;
    if (names.ru === sheet.name) ru += 1;
    else en += 1;
  }
  if (ru === en) return shape.locale;
  return ru > en ? 'ru' : 'en';
}

function planColumns(spec: SheetSpec, keys: readonly string[], firstPosition: number, locale: Locale): PlannedColumn[] {
  return keys.map((key, offset) => {
    const column = spec.columns.find((candidate) => candidate.key === key);
    if (!column) throw new Error(`sheet ${spec.key} has no column ${key}`);
    const planned: PlannedColumn = {
      key,
      header: catalogEntry(column.header)[locale],
      position: firstPosition + offset,
    };
    if (column.numberFormat) planned.numberFormat = column.numberFormat;
    if (column.validation) planned.validation = column.validation;
    if (column.derived) planned.derived = true;
    return planned;
  });
}

/** Columns up to the last non-blank header: new columns go after staff's own, never over them. */
function usedWidth(headers: readonly unknown[]): number {
  for (let index = headers.length - 1; index >= 0; index -= 1) {
    const header = headers[index];
    if (header !== null && header !== undefined && String(header).trim() !== '') return index + 1;
  }
  return 0;
}

export interface IdAssignment {
  /** 1-based sheet row. */
  row: number;
  id: string;
}

/**
 * Adopting a hand-kept sheet: an id for every record row whose id cell is blank, in sheet order, after
 * the highest id already there (ids of skipped rows count too, so none is reused) and in its width.
 * A blank row and a lone filled cell (a title, merged cells) are not records and get none.
 * `values` is the data range, header first; `idIndex` the id column's 0-based index.
 */
export function planIdAdoption(
  values: readonly (readonly unknown[])[],
  idIndex: number,
  prefix: string,
): IdAssignment[] {
  const taken = values.slice(1).map((cells) => String(cells[idIndex] ?? '').trim());
  const known = taken.filter((id) => id !== '');
  const assignments: IdAssignment[] = [];
  for (let index = 1; index < values.length; index += 1) {
    if (taken[index - 1] !== '') continue;
    const cells = values[index] ?? [];
    const filled = cells.filter((cell, column) => column !== idIndex && !isBlankCell(cell)).length;
    if (filled < 2) continue;
    const id = nextId(prefix, known);
    known.push(id);
    assignments.push({ row: index + 1, id });
  }
  return assignments;
}

const isBlankCell = (cell: unknown) => cell === null || cell === undefined || String(cell).trim() === '';
