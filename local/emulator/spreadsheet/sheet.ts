// Sheet: one tab of a spreadsheet — ranges and values, clearing, freezing, widths, visibility, charts and
// conditional format rules. Inserting and deleting rows and columns is in sheet-lines.ts.
import { AppsScriptError } from '../runtime';
import { parseCells, type Box } from './a1';
import { expectArgs, isInt, isStr, isStrOrNull, signatureError } from './args';
import { cellDisplay, contentFromScript, type Env } from './env';
import { EmbeddedChart, EmbeddedChartBuilder } from './charts';
import { ConditionalFormatRule } from './conditional-format';
import { writeContents } from './cells';
import { checkedBox, clearBox, Range, sheetFactory } from './range';
import { assertColumnsFor, assertRoomFor, SheetLines } from './sheet-lines';
import { cellAt, lastColumn, lastRow, type BookState } from './state';
import type { Spreadsheet } from './spreadsheet';
import { createTextFinder, type TextFinder } from './text-finder';

export { assertRoomFor } from './sheet-lines';

const C = 'Sheet';

export const spreadsheetFactory: { make: ((env: Env, book: BookState) => Spreadsheet) | null } = { make: null };

export function sheetDuplicateError(name: string): AppsScriptError {
  return new AppsScriptError(`A sheet with the name "${name}" already exists. Please enter another name.`);
}

/** A tab of a spreadsheet; rows and columns are inserted and deleted by SheetLines. */
export class Sheet extends SheetLines {
  private range(box: Box): Range {
    return new Range(this.env, this.book, this.state, box);
  }

  getName(): string {
    this.enter('getName');
    return this.state.name;
  }
  setName(name: string): Sheet {
    this.enter('setName');
    expectArgs(C, 'setName', arguments, [isStr]);
    if (this.book.sheets.some((s) => s !== this.state && s.name.toLowerCase() === name.toLowerCase()))
      throw sheetDuplicateError(name);
    this.state.name = name;
    return this;
  }
  getSheetId(): number {
    this.enter('getSheetId');
    return this.state.id;
  }
  getIndex(): number {
    this.enter('getIndex');
    return this.book.sheets.indexOf(this.state) + 1;
  }
  getParent(): Spreadsheet {
    this.enter('getParent');
    return spreadsheetFactory.make!(this.env, this.book);
  }

  getRange(...args: unknown[]): Range {
    this.enter('getRange');
    const shape = expectArgs(
      C,
      'getRange',
      args,
      [isStr],
      [isInt, isInt],
      [isInt, isInt, isInt],
      [isInt, isInt, isInt, isInt],
    );
    if (shape === 0) return this.range(parseCells(args[0] as string, this.state.maxRows, this.state.maxCols));
    const [row, column, numRows = 1, numColumns = 1] = args as number[];
    return this.range(checkedBox(this.state, row!, column!, numRows, numColumns));
  }
  /** Searches the sheet's whole grid (priced as every cell of it: Google does not say it skips empty ones). */
  createTextFinder(findText: string): TextFinder {
    this.enter('createTextFinder');
    const grid = { r: 1, c: 1, nr: this.state.maxRows, nc: this.state.maxCols };
    return createTextFinder(this.env, this.book, this.state, grid, (box) => this.range(box), C, arguments);
  }
  getDataRange(): Range {
    this.enter('getDataRange');
    return this.range({ r: 1, c: 1, nr: Math.max(1, lastRow(this.state)), nc: Math.max(1, lastColumn(this.state)) });
  }
  getLastRow(): number {
    this.enter('getLastRow');
    return lastRow(this.state);
  }
  getLastColumn(): number {
    this.enter('getLastColumn');
    return lastColumn(this.state);
  }
  getMaxRows(): number {
    this.enter('getMaxRows');
    return this.state.maxRows;
  }
  getMaxColumns(): number {
    this.enter('getMaxColumns');
    return this.state.maxCols;
  }

  appendRow(rowContents: unknown[]): Sheet {
    this.enter('appendRow');
    expectArgs(C, 'appendRow', arguments, [(v) => Array.isArray(v) && v.length > 0]);
    this.env.rt.cells(rowContents.length);
    const row = lastRow(this.state) + 1;
    const growRows = Math.max(0, row - this.state.maxRows);
    const growCols = Math.max(0, rowContents.length - this.state.maxCols);
    assertColumnsFor(this.state, growCols);
    assertRoomFor(this.book, growRows * (this.state.maxCols + growCols) + growCols * this.state.maxRows);
    const contents = rowContents.map((value, j) =>
      contentFromScript(this.env, this.book, cellAt(this.state, row, j + 1), value, C, 'appendRow', [rowContents]),
    );
    this.state.maxRows += growRows;
    this.state.maxCols += growCols;
    writeContents(this.book, this.state, { r: row, c: 1, nr: 1, nc: contents.length }, [contents]);
    return this;
  }

  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): Sheet {
    this.enter('clear');
    expectArgs(C, 'clear', arguments, [], [(v) => !!v && typeof v === 'object']);
    const only = options ?? {};
    const any = only.contentsOnly || only.formatOnly;
    clearBox(this.state, this.whole(), {
      contents: !any || !!only.contentsOnly,
      formats: !any || !!only.formatOnly,
      validations: false,
      notes: false,
    });
    return this;
  }
  clearContents(): Sheet {
    this.enter('clearContents');
    clearBox(this.state, this.whole(), { contents: true, formats: false, validations: false, notes: false });
    return this;
  }
  clearFormats(): Sheet {
    this.enter('clearFormats');
    clearBox(this.state, this.whole(), { contents: false, formats: true, validations: false, notes: false });
    return this;
  }
  clearNotes(): Sheet {
    this.enter('clearNotes');
    clearBox(this.state, this.whole(), { contents: false, formats: false, validations: false, notes: true });
    return this;
  }
  private whole(): Box {
    return { r: 1, c: 1, nr: this.state.maxRows, nc: this.state.maxCols };
  }

  // ---- view
  setFrozenRows(rows: number): void {
    this.enter('setFrozenRows');
    expectArgs(C, 'setFrozenRows', arguments, [isInt]);
    if (rows < 0 || rows >= this.state.maxRows)
      throw new AppsScriptError(`You can't freeze all visible rows on the sheet.`);
    this.state.frozenRows = rows;
  }
  getFrozenRows(): number {
    this.enter('getFrozenRows');
    return this.state.frozenRows;
  }
  setFrozenColumns(columns: number): void {
    this.enter('setFrozenColumns');
    expectArgs(C, 'setFrozenColumns', arguments, [isInt]);
    if (columns < 0 || columns >= this.state.maxCols)
      throw new AppsScriptError(`You can't freeze all visible columns on the sheet.`);
    this.state.frozenCols = columns;
  }
  getFrozenColumns(): number {
    this.enter('getFrozenColumns');
    return this.state.frozenCols;
  }
  setColumnWidth(columnPosition: number, width: number): Sheet {
    this.enter('setColumnWidth');
    expectArgs(C, 'setColumnWidth', arguments, [isInt, isInt]);
    checkedBox(this.state, 1, columnPosition, 1, 1);
    this.state.columnWidths[columnPosition] = width;
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet {
    this.enter('setColumnWidths');
    expectArgs(C, 'setColumnWidths', arguments, [isInt, isInt, isInt]);
    checkedBox(this.state, 1, startColumn, 1, numColumns);
    for (let c = startColumn; c < startColumn + numColumns; c += 1) this.state.columnWidths[c] = width;
    return this;
  }
  getColumnWidth(columnPosition: number): number {
    this.enter('getColumnWidth');
    expectArgs(C, 'getColumnWidth', arguments, [isInt]);
    return this.state.columnWidths[columnPosition] ?? 100;
  }
  autoResizeColumn(columnPosition: number): Sheet {
    this.enter('autoResizeColumn');
    expectArgs(C, 'autoResizeColumn', arguments, [isInt]);
    this.fitColumns(columnPosition, 1);
    return this;
  }
  autoResizeColumns(startColumn: number, numColumns: number): Sheet {
    this.enter('autoResizeColumns');
    expectArgs(C, 'autoResizeColumns', arguments, [isInt, isInt]);
    this.fitColumns(startColumn, numColumns);
    return this;
  }
  private fitColumns(start: number, count: number): void {
    checkedBox(this.state, 1, start, 1, count);
    for (let c = start; c < start + count; c += 1) {
      let longest = 0;
      for (let r = 1; r <= this.state.rows.length; r += 1)
        longest = Math.max(longest, cellDisplay(this.book, cellAt(this.state, r, c)).length);
      // Roughly 7 px a character plus padding, as Arial 10 renders.
      this.state.columnWidths[c] = Math.max(21, longest * 7 + 10);
    }
  }
  hideSheet(): Sheet {
    this.enter('hideSheet');
    if (this.book.sheets.filter((s) => !s.hidden && s !== this.state).length === 0)
      throw new AppsScriptError("You can't hide all the sheets in a document.");
    this.state.hidden = true;
    return this;
  }
  showSheet(): Sheet {
    this.enter('showSheet');
    this.state.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    this.enter('isSheetHidden');
    return this.state.hidden;
  }
  setTabColor(color: string | null): Sheet {
    this.enter('setTabColor');
    expectArgs(C, 'setTabColor', arguments, [isStrOrNull]);
    this.state.tabColor = color === null ? null : color.toLowerCase();
    return this;
  }
  getTabColor(): string | null {
    this.enter('getTabColor');
    return this.state.tabColor;
  }
  activate(): Sheet {
    this.enter('activate');
    this.book.activeSheetId = this.state.id;
    this.state.hidden = false;
    return this;
  }

  // ---- charts
  newChart(): EmbeddedChartBuilder {
    this.enter('newChart');
    return new EmbeddedChartBuilder(this.env, this.book, this.state.id);
  }
  insertChart(chart: EmbeddedChart): void {
    this.enter('insertChart');
    if (arguments.length !== 1 || !(chart instanceof EmbeddedChart)) throw signatureError(C, 'insertChart', arguments);
    this.state.charts.push(chart.attach(this.env.store.nextChartId++));
  }
  getCharts(): EmbeddedChart[] {
    this.enter('getCharts');
    return this.state.charts.map(
      (state) => new EmbeddedChart(this.env, this.book, this.state.id, structuredClone(state), state.chartId),
    );
  }
  removeChart(chart: EmbeddedChart): void {
    this.enter('removeChart');
    if (arguments.length !== 1 || !(chart instanceof EmbeddedChart)) throw signatureError(C, 'removeChart', arguments);
    const index = this.state.charts.findIndex((c) => c.chartId === chart.chartId);
    if (index < 0) throw new AppsScriptError('The chart could not be found.');
    this.state.charts.splice(index, 1);
  }
  updateChart(chart: EmbeddedChart): void {
    this.enter('updateChart');
    if (arguments.length !== 1 || !(chart instanceof EmbeddedChart)) throw signatureError(C, 'updateChart', arguments);
    const index = this.state.charts.findIndex((c) => c.chartId === chart.chartId);
    if (chart.chartId === null || index < 0) throw new AppsScriptError('The chart could not be found.');
    this.state.charts[index] = chart.attach(chart.chartId);
  }

  // ---- conditional formatting
  getConditionalFormatRules(): ConditionalFormatRule[] {
    this.enter('getConditionalFormatRules');
    return this.state.conditionalRules.map(
      (rule) => new ConditionalFormatRule(this.env, structuredClone(rule), this.book, this.state.id),
    );
  }
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    this.enter('setConditionalFormatRules');
    expectArgs(C, 'setConditionalFormatRules', arguments, [
      (v) => Array.isArray(v) && v.every((rule) => rule instanceof ConditionalFormatRule),
    ]);
    for (const rule of rules) {
      if (rule.sheetId !== null && rule.sheetId !== this.state.id)
        throw new AppsScriptError('The conditional format rule cannot reference a different sheet.');
    }
    this.state.conditionalRules = rules.map((rule) => structuredClone(rule.state));
  }
}

sheetFactory.make = (env, book, state) => new Sheet(env, book, state);
