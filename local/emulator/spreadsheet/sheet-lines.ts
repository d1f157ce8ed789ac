// Sheet's rows and columns: inserting and deleting them, with merges, conditional format ranges and chart
// ranges following the cells they cover. Sheet (sheet.ts) extends this with everything else.
import { AppsScriptError } from '../runtime';
import { shiftBox, type Box } from './a1';
import { expectArgs, isInt } from './args';
import { touchFor, type Env } from './env';
import { bookCells, MAX_CELLS, MAX_COLUMNS, type BookState, type SheetState } from './state';

const C = 'Sheet';

const TOO_MANY_CELLS = `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`;

export function assertRoomFor(book: BookState, extraCells: number): void {
  if (bookCells(book) + extraCells > MAX_CELLS) throw new AppsScriptError(TOO_MANY_CELLS);
}

// Google documents the limit (column ZZZ), not its message: this text is the emulator's.
const TOO_MANY_COLUMNS = `This action would increase the number of columns in the sheet above the limit of ${MAX_COLUMNS} columns.`;

/** A sheet never grows past column ZZZ, whatever room the workbook has. */
export function assertColumnsFor(sheet: SheetState, extraColumns: number): void {
  if (sheet.maxCols + extraColumns > MAX_COLUMNS) throw new AppsScriptError(TOO_MANY_COLUMNS);
}

export abstract class SheetLines {
  constructor(
    readonly env: Env,
    readonly book: BookState,
    readonly state: SheetState,
  ) {}

  /** Counts the call and refuses a sheet deleted since the script got it. */
  protected enter(method: string, onlyAfterRow?: number): void {
    this.env.rt.call(C, method);
    if (!this.book.sheets.includes(this.state))
      throw new AppsScriptError(`The sheet you're trying to access was deleted.`);
    // Rows added below every stored row move none: the write buffer keeps the sheet's fields, not a copy of its rows.
    const movesNoRow = onlyAfterRow !== undefined && onlyAfterRow >= this.state.rows.length;
    touchFor(this.env, method, this.book, this.state, movesNoRow ? { r: onlyAfterRow + 1, nr: 0 } : undefined);
  }

  // ---- inserting and deleting rows and columns
  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.enter('insertRowsAfter', afterPosition);
    expectArgs(C, 'insertRowsAfter', arguments, [isInt, isInt]);
    this.insertLines('r', afterPosition + 1, howMany, afterPosition < 1);
    return this;
  }
  insertRowsBefore(beforePosition: number, howMany: number): this {
    this.enter('insertRowsBefore');
    expectArgs(C, 'insertRowsBefore', arguments, [isInt, isInt]);
    this.insertLines('r', beforePosition, howMany, beforePosition < 1);
    return this;
  }
  insertRowAfter(afterPosition: number): this {
    this.enter('insertRowAfter', afterPosition);
    expectArgs(C, 'insertRowAfter', arguments, [isInt]);
    this.insertLines('r', afterPosition + 1, 1, afterPosition < 1);
    return this;
  }
  insertRowBefore(beforePosition: number): this {
    this.enter('insertRowBefore');
    expectArgs(C, 'insertRowBefore', arguments, [isInt]);
    this.insertLines('r', beforePosition, 1, beforePosition < 1);
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.enter('insertColumnsAfter');
    expectArgs(C, 'insertColumnsAfter', arguments, [isInt, isInt]);
    this.insertLines('c', afterPosition + 1, howMany, afterPosition < 1);
    return this;
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    this.enter('insertColumnsBefore');
    expectArgs(C, 'insertColumnsBefore', arguments, [isInt, isInt]);
    this.insertLines('c', beforePosition, howMany, beforePosition < 1);
    return this;
  }
  insertColumnAfter(afterPosition: number): this {
    this.enter('insertColumnAfter');
    expectArgs(C, 'insertColumnAfter', arguments, [isInt]);
    this.insertLines('c', afterPosition + 1, 1, afterPosition < 1);
    return this;
  }
  insertColumnBefore(beforePosition: number): this {
    this.enter('insertColumnBefore');
    expectArgs(C, 'insertColumnBefore', arguments, [isInt]);
    this.insertLines('c', beforePosition, 1, beforePosition < 1);
    return this;
  }
  deleteRow(rowPosition: number): this {
    this.enter('deleteRow');
    expectArgs(C, 'deleteRow', arguments, [isInt]);
    this.deleteLines('r', rowPosition, 1);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.enter('deleteRows');
    expectArgs(C, 'deleteRows', arguments, [isInt, isInt]);
    this.deleteLines('r', rowPosition, howMany);
  }
  deleteColumn(columnPosition: number): this {
    this.enter('deleteColumn');
    expectArgs(C, 'deleteColumn', arguments, [isInt]);
    this.deleteLines('c', columnPosition, 1);
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.enter('deleteColumns');
    expectArgs(C, 'deleteColumns', arguments, [isInt, isInt]);
    this.deleteLines('c', columnPosition, howMany);
  }

  private insertLines(axis: 'r' | 'c', at: number, count: number, tooSmall: boolean): void {
    const max = axis === 'r' ? this.state.maxRows : this.state.maxCols;
    const noun = axis === 'r' ? 'rows' : 'columns';
    if (tooSmall || at > max + 1 || count < 1) throw new AppsScriptError(`Those ${noun} are out of bounds.`);
    if (axis === 'c') assertColumnsFor(this.state, count);
    assertRoomFor(this.book, count * (axis === 'r' ? this.state.maxCols : this.state.maxRows));
    if (axis === 'r') {
      this.state.maxRows += count;
      if (this.state.rows.length >= at) this.state.rows.splice(at - 1, 0, ...Array<null>(count).fill(null));
    } else {
      this.state.maxCols += count;
      for (const row of this.state.rows)
        if (row && row.length >= at) row.splice(at - 1, 0, ...Array<null>(count).fill(null));
    }
    this.shiftAll(axis, at, count);
  }

  private deleteLines(axis: 'r' | 'c', at: number, count: number): void {
    const max = axis === 'r' ? this.state.maxRows : this.state.maxCols;
    const noun = axis === 'r' ? 'rows' : 'columns';
    if (at < 1 || count < 1 || at + count - 1 > max) throw new AppsScriptError(`Those ${noun} are out of bounds.`);
    if (count === max) throw new AppsScriptError(`You can't delete all the ${noun} on the sheet.`);
    const frozen = axis === 'r' ? this.state.frozenRows : this.state.frozenCols;
    if (frozen > 0 && at <= frozen + 1 && at + count - 1 >= max) {
      throw new AppsScriptError(`Sorry, it is not possible to delete all non-frozen ${noun}.`);
    }
    if (axis === 'r') {
      this.state.maxRows -= count;
      this.state.rows.splice(at - 1, count);
    } else {
      this.state.maxCols -= count;
      for (const row of this.state.rows) row?.splice(at - 1, count);
    }
    this.shiftAll(axis, at, -count);
  }

  /** Merges, conditional format ranges and chart ranges follow the cells they cover. */
  private shiftAll(axis: 'r' | 'c', at: number, count: number): void {
    const keep = <T extends Box>(boxes: T[]): T[] =>
      boxes.map((b) => shiftBox(b, axis, at, count) as T | null).filter((b): b is T => b !== null);
    this.state.merges = keep(this.state.merges);
    for (const rule of this.state.conditionalRules) rule.ranges = keep(rule.ranges);
    this.state.conditionalRules = this.state.conditionalRules.filter((rule) => rule.ranges.length > 0);
    for (const sheet of this.book.sheets) {
      for (const chart of sheet.charts) {
        chart.ranges = chart.ranges
          .map((b) => (b.sheetId === this.state.id ? (shiftBox(b, axis, at, count) as typeof b | null) : b))
          .filter((b): b is (typeof chart.ranges)[number] => b !== null);
      }
    }
  }
}
