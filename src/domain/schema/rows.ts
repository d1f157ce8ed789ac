// Turning a sheet's values into typed rows, reporting every cell that cannot be read.
import { isBlank, parseCell, quoteCell, type CellContext, type CellValue } from '../cells';
import type { MessageKey } from '../../i18n';
import type { HeaderMapping } from './headers';
import type { SheetKey, SheetSpec } from './types';

export interface TypedRow {
  /** Typed values by column key; a column absent from the sheet is absent here. */
  values: Record<string, CellValue>;
  /** Staff's own columns by header, as read. */
  extra: Record<string, unknown>;
}

/** One cell (or row) that could not be read, with everything staff need to find and fix it. */
export interface RowProblem {
  sheet: SheetKey;
  /** 1-based sheet row. */
  row: number;
  /** The header as written in the sheet. */
  column: string;
  value: unknown;
  code: MessageKey;
  params?: Record<string, string | number>;
}

export interface ParsedRows {
  rows: TypedRow[];
  /** The sheet row of each entry of `rows`. */
  rowNumbers: number[];
  problems: RowProblem[];
}

/**
 * `values` is the whole data range, header row first. Blank rows are skipped quietly; a row blank in
 * every identity column (a title, merged cells) and a row whose required cell is blank or unreadable
 * are skipped and reported; an unreadable optional cell is reported and read as blank.
 */
export function parseRows(
  spec: SheetSpec,
  values: readonly (readonly unknown[])[],
  mapping: HeaderMapping,
  context: CellContext,
): ParsedRows {
  const parsed: ParsedRows = { rows: [], rowNumbers: [], problems: [] };
  // Without a required column every row would fail the same way; the mapping already says why.
  if (mapping.missingRequired.length > 0) return parsed;
  const headerRow = values[0] ?? [];
  const headerAt = (index: number) => String(headerRow[index] ?? '').trim();
  // Sheet order, so problems read left to right as staff see them.
  const mapped = spec.columns
    .filter((column) => column.key in mapping.indexes)
    .sort((a, b) => (mapping.indexes[a.key] ?? 0) - (mapping.indexes[b.key] ?? 0));
  const garbage = garbageTest(spec, mapping);
  // Every row gets every mapped key in this order: cloning one shaped object spares the per-row property
  // growth (a ledger read allocates hundreds of thousands of rows, and garbage is what made big runs slow).
  const shape: Record<string, CellValue> = {};
  for (const column of mapped) shape[column.key] = null;
  // Clients: the same address on two rows splits one person's orders and points (form answers and
  // mail reach only the first); named once, on the later row.
  const emailIndex = spec.key === 'clients' ? mapping.indexes.email : undefined;
  const firstRowOfEmail = new Map<string, number>();
  let rowNumber = 0;
  const report = (columnIndex: number, value: unknown, code: MessageKey, params?: Record<string, string | number>) => {
    const problem: RowProblem = { sheet: spec.key, row: rowNumber, column: headerAt(columnIndex), value, code };
    if (params) problem.params = params;
    parsed.problems.push(problem);
  };

  for (let index = 1; index < values.length; index += 1) {
    const cells = values[index] ?? [];
    if (cells.every(isBlank)) continue;
    rowNumber = index + 1;

    if (garbage(cells)) {
      const firstFilled = cells.findIndex((cell) => !isBlank(cell));
      report(firstFilled, cells[firstFilled], 'cells.garbageRow');
      continue;
    }

    const row: TypedRow = { values: { ...shape }, extra: {} };
    let usable = true;
    for (const column of mapped) {
      const columnIndex = mapping.indexes[column.key] ?? 0;
      const raw = cells[columnIndex];
      const result = parseCell(raw, column, context);
      // A list column that also holds free text keeps a number typed there too ("550" for a failure).
      const freeText = typeof raw === 'string' || (column.type === 'enum' && typeof raw === 'number');
      if (!result.ok && column.orText && freeText) {
        row.values[column.key] = String(raw).trim();
        continue;
      }
      if (!result.ok) {
        report(columnIndex, raw, result.problem.code, { value: quoteCell(raw), ...(result.problem.params ?? {}) });
        if (column.required) usable = false;
        row.values[column.key] =
          column.type === 'text' || column.type === 'id' || column.type === 'email' || column.type === 'enum'
            ? ''
            : null;
        continue;
      }
      if (column.required && (result.value === null || result.value === '')) {
        report(columnIndex, raw, 'cells.required');
        usable = false;
      }
      row.values[column.key] = result.value;
    }
    for (const extra of mapping.extra) if (extra.header !== '') row.extra[extra.header] = cells[extra.index] ?? '';
    if (!usable) continue;
    const email = row.values.email;
    if (emailIndex !== undefined && typeof email === 'string' && email !== '') {
      const first = firstRowOfEmail.get(email);
      if (first === undefined) firstRowOfEmail.set(email, rowNumber);
      else
        report(emailIndex, cells[emailIndex], 'door.duplicateEmail', {
          value: quoteCell(cells[emailIndex]),
          row: first,
        });
    }
    parsed.rows.push(row);
    parsed.rowNumbers.push(rowNumber);
  }
  return parsed;
}

/**
 * Not a record: blank in every identity column, or a lone filled cell where required cells are
 * blank (a section title, a merged row: merged cells read as the value then blanks).
 * The column lists depend only on the sheet, so they are worked out once per read, not per row.
 */
function garbageTest(spec: SheetSpec, mapping: HeaderMapping): (cells: readonly unknown[]) => boolean {
  const identity = spec.identity.filter((key) => key in mapping.indexes).map((key) => mapping.indexes[key] ?? -1);
  const otherRequired = spec.columns
    .filter((column) => column.required && !spec.identity.includes(column.key) && column.key in mapping.indexes)
    .map((column) => mapping.indexes[column.key] ?? -1);
  return (cells) => {
    const blankAt = (index: number) => isBlank(cells[index]);
    if (identity.length > 0 && identity.every(blankAt)) return true;
    if (otherRequired.length === 0 || !otherRequired.every(blankAt)) return false;
    let filled = 0;
    for (const cell of cells) if (!isBlank(cell) && ++filled > 1) return false;
    return filled === 1;
  };
}

/** A row's cells in sheet order for the mapped columns; cells the caller does not own are `undefined`. */
export function placeValues(
  mapping: HeaderMapping,
  width: number,
  values: Readonly<Record<string, unknown>>,
): unknown[] {
  const cells: unknown[] = new Array<unknown>(width).fill(undefined);
  for (const [key, value] of Object.entries(values)) {
    const index = mapping.indexes[key];
    if (index !== undefined && value !== undefined) cells[index] = value;
  }
  return cells;
}
