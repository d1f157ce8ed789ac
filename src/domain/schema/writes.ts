// Planning writes: typed values to cell values, and row updates to as few rectangular blocks as possible.
import { asTextFromOutside, asTypedText, formatCell, type CellValue } from '../cells';
import type { Locale } from '../types';
import type { HeaderMapping } from './headers';
import type { SheetSpec } from './types';
import { catalogEntry } from '../../i18n/labels';

/** Google refuses a cell longer than this; a write is refused here first, naming the column. */
export const MAX_CELL_CHARS = 50_000;

/** A value too long for one cell: nothing of the write is stored, and staff are told which column. */
export class CellTooLongError extends Error {
  constructor(
    /** The sheet's name in its own language, as staff see the tab. */
    readonly sheet: string,
    readonly column: string,
    readonly length: number,
  ) {
    super(`${sheet}: ${column} has ${length} characters, more than a cell holds (${MAX_CELL_CHARS})`);
    this.name = 'CellTooLongError';
  }
}

const TEXT_TYPES = new Set(['text', 'email', 'id']);

/**
 * The cell value to write: enums as labels in the sheet's language, strings safe from formula injection,
 * and text kept as text (Sheets would turn "24.11.2026" in a text column into a date).
 */
export function cellForWrite(
  spec: SheetSpec,
  key: string,
  value: CellValue | undefined,
  locale: Locale,
): string | number | boolean | Date {
  const column = spec.columns.find((candidate) => candidate.key === key);
  const cell = column ? formatCell(value, column, locale) : (value ?? '');
  if (typeof cell !== 'string') return cell;
  if (cell.length > MAX_CELL_CHARS)
    throw new CellTooLongError(
      catalogEntry(spec.name)[locale],
      column ? catalogEntry(column.header)[locale] : key,
      cell.length,
    );
  // A list column that also takes free text (Sends' Reason) keeps that text as typed, like a text column.
  const typed = column && (TEXT_TYPES.has(column.type) || (column.type === 'enum' && column.orText));
  return typed ? asTypedText(cell) : asTextFromOutside(cell);
}

/**
 * The row's values as a sheet with these headers takes them: a `suffixOf` column the sheet lacks (an old ledger
 * before a repair) is kept as ` [value]` after its sentence's cell, so what it holds is not dropped.
 */
export function foldMissingColumns(
  spec: SheetSpec,
  row: Readonly<Record<string, CellValue>>,
  indexes: Readonly<Record<string, number>>,
): Readonly<Record<string, CellValue>> {
  let folded: Record<string, CellValue> | null = null;
  for (const column of spec.columns) {
    const into = column.suffixOf;
    const value = row[column.key];
    if (!into || column.key in indexes || typeof value !== 'string' || value.trim() === '') continue;
    folded ??= { ...row };
    folded[into] = `${String(folded[into] ?? '')} [${value.trim()}]`;
    delete folded[column.key];
  }
  return folded ?? row;
}

export interface WriteBlock {
  /** 1-based top row and left column. */
  row: number;
  column: number;
  values: (string | number | boolean | Date)[][];
}

export interface RowWrite {
  rowNumber: number;
  values: Readonly<Record<string, CellValue>>;
}

/**
 * One block per run of adjacent rows that set the same columns, per run of adjacent columns:
 * only the cells a caller owns are written, and never one setValues per row.
 */
export function planBlocks(
  spec: SheetSpec,
  mapping: HeaderMapping,
  writes: readonly RowWrite[],
  locale: Locale,
): WriteBlock[] {
  const bySignature = new Map<string, RowWrite[]>();
  for (const write of writes) {
    const keys = Object.keys(write.values)
      .filter((key) => mapping.indexes[key] !== undefined && write.values[key] !== undefined)
      .sort();
    if (keys.length === 0) continue;
    const signature = keys.join('|');
    const group = bySignature.get(signature);
    if (group)
      group.push(write); // push, not a copy per write: that was quadratic in the rows written
    else bySignature.set(signature, [write]);
  }
  const blocks: WriteBlock[] = [];
  for (const [signature, group] of bySignature) {
    const columns = signature
      .split('|')
      .map((key) => ({ key, index: mapping.indexes[key] ?? 0 }))
      .sort((a, b) => a.index - b.index);
    const columnRuns = runs(columns, (column) => column.index);
    const rows = [...group].sort((a, b) => a.rowNumber - b.rowNumber);
    for (const rowRun of runs(rows, (write) => write.rowNumber)) {
      for (const columnRun of columnRuns) {
        blocks.push({
          row: rowRun[0]?.rowNumber ?? 1,
          column: (columnRun[0]?.index ?? 0) + 1,
          values: rowRun.map((write) =>
            columnRun.map((column) => cellForWrite(spec, column.key, write.values[column.key], locale)),
          ),
        });
      }
    }
  }
  return blocks.sort((a, b) => a.row - b.row || a.column - b.column);
}

/** Splits items (sorted by position) into runs of consecutive positions; a repeated position starts a new run. */
function runs<T>(items: readonly T[], position: (item: T) => number): T[][] {
  const result: T[][] = [];
  for (const item of items) {
    const current = result[result.length - 1];
    const last = current?.[current.length - 1];
    if (current && last !== undefined && position(item) === position(last) + 1) current.push(item);
    else result.push([item]);
  }
  return result;
}
