// The plain-JSON state of every spreadsheet: what toJSON writes and restore reads back.
import type { Box } from './a1';

/** A date cell holds the instant; `{ d: ms }` keeps the state plain JSON. */
export type StoredValue = string | number | boolean | { d: number };

export interface ValidationState {
  criteria: string;
  /** Criteria arguments: numbers, strings, `{ d }` dates, `{ range: 'Sheet!A1:B2' }`, booleans. */
  args: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

export interface CellState {
  v?: StoredValue;
  /** A formula as written, starting with `=`. */
  f?: string;
  /** Number format pattern. */
  nf?: string;
  note?: string;
  dv?: ValidationState;
  /** Text and fill formats: background, fontColor, fontWeight, horizontalAlignment, wrap, … */
  fmt?: Record<string, string | number | boolean>;
}

/** A box on a named sheet of the same spreadsheet (charts may plot other sheets). */
export interface SheetBox extends Box {
  sheetId: number;
}

export interface ChartState {
  chartId: number;
  type: string;
  ranges: SheetBox[];
  options: Record<string, unknown>;
  position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number };
}

export interface GradientPoint {
  color: string;
  type: string;
  value: string;
}

export interface ConditionalRuleState {
  ranges: Box[];
  condition: { type: string; values: unknown[] } | null;
  gradient: { min: GradientPoint | null; mid: GradientPoint | null; max: GradientPoint | null } | null;
  format: Record<string, string | boolean | null>;
}

export interface SheetState {
  id: number;
  name: string;
  maxRows: number;
  maxCols: number;
  /** rows[r-1][c-1]; missing or null entries are empty cells. */
  rows: Array<Array<CellState | null> | null>;
  frozenRows: number;
  frozenCols: number;
  hidden: boolean;
  tabColor: string | null;
  columnWidths: Record<string, number>;
  merges: Box[];
  charts: ChartState[];
  conditionalRules: ConditionalRuleState[];
}

export interface BookState {
  id: string;
  name: string;
  locale: string;
  timeZone: string;
  sheets: SheetState[];
  activeSheetId: number;
}

export const MAX_CELLS = 10_000_000;
/** Column ZZZ: the widest a sheet may be, whatever room the workbook has. */
export const MAX_COLUMNS = 18_278;
export const MAX_CELL_CHARS = 50_000;
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLS = 26;

export function newSheet(id: number, name: string): SheetState {
  return {
    id,
    name,
    maxRows: DEFAULT_ROWS,
    maxCols: DEFAULT_COLS,
    rows: [],
    frozenRows: 0,
    frozenCols: 0,
    hidden: false,
    tabColor: null,
    columnWidths: {},
    merges: [],
    charts: [],
    conditionalRules: [],
  };
}

export function cellAt(sheet: SheetState, r: number, c: number): CellState | null {
  return sheet.rows[r - 1]?.[c - 1] ?? null;
}

/** The cell object to write into, created on demand. */
export function cellFor(sheet: SheetState, r: number, c: number): CellState {
  let row = sheet.rows[r - 1];
  if (!row) {
    while (sheet.rows.length < r - 1) sheet.rows.push(null);
    row = [];
    sheet.rows[r - 1] = row;
  }
  let cell = row[c - 1];
  if (!cell) {
    while (row.length < c - 1) row.push(null);
    cell = {};
    row[c - 1] = cell;
  }
  return cell;
}

export function hasContent(cell: CellState | null): boolean {
  return !!cell && ((cell.v !== undefined && cell.v !== '') || cell.f !== undefined);
}

/** What Google counts against its limit: every sheet's whole grid, empty rows and columns included. */
export function bookCells(book: BookState): number {
  return book.sheets.reduce((sum, sheet) => sum + sheetCells(sheet), 0);
}

export function sheetCells(sheet: SheetState): number {
  return sheet.maxRows * sheet.maxCols;
}

export function lastRow(sheet: SheetState): number {
  for (let r = sheet.rows.length; r >= 1; r -= 1) if (sheet.rows[r - 1]?.some((cell) => hasContent(cell))) return r;
  return 0;
}

export function lastColumn(sheet: SheetState): number {
  let last = 0;
  for (const row of sheet.rows) {
    if (!row) continue;
    for (let c = row.length; c > last; c -= 1) {
      if (hasContent(row[c - 1] ?? null)) {
        last = c;
        break;
      }
    }
  }
  return last;
}
