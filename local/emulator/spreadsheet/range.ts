// Range: a block of cells on one sheet. Values, formulas, number formats, notes and validation rules;
// styles are in range-style.ts, merges in merges.ts, sorting in range-sort.ts, per-cell storage in cells.ts.
import { AppsScriptError } from '../runtime';
import { boxA1, boxesOverlap, type Box } from './a1';
import { expectArgs, is2d, isInt, isStr, isStrOrNull, signatureError } from './args';
import { checkShape, clearBox, forEachCell, grid, writeContents, writeNote, writeValidation } from './cells';
import { sortRows, sortSpecs } from './range-sort';
import { assertLive, cellDisplay, contentFromScript, contentFromText, toScriptValue, touchFor, type Env } from './env';
import { breakApartBox, mergeBox } from './merges';
import { GENERAL_FORMAT } from './number-format';
import { cellAt, cellFor, type BookState, type SheetState } from './state';
import { DataValidation } from './validation';
import { createTextFinder, type TextFinder } from './text-finder';
import type { Sheet } from './sheet';

const C = 'Range';

/** Methods that read or write every cell of the range (counted as its cells) or only its top-left one. */
const CELLS_TOUCHED: Record<string, 'all' | 'one'> = {
  getValues: 'all',
  getDisplayValues: 'all',
  setValues: 'all',
  setValue: 'all',
  getValue: 'one',
  getDisplayValue: 'one',
  getFormulas: 'all',
  setFormulas: 'all',
  setFormula: 'all',
  getFormula: 'one',
  getNumberFormats: 'all',
  setNumberFormats: 'all',
  setNumberFormat: 'all',
  getNotes: 'all',
  setNotes: 'all',
  setNote: 'all',
  clear: 'all',
  clearContent: 'all',
  clearFormat: 'all',
  clearNote: 'all',
  clearDataValidations: 'all',
  getDataValidations: 'all',
  setDataValidations: 'all',
  setDataValidation: 'all',
  sort: 'all',
};

/** Google's checks for a block addressed by numbers, in the order Google reports them. */
export function checkedBox(sheet: SheetState, row: number, column: number, numRows: number, numColumns: number): Box {
  if (row < 1) throw new AppsScriptError('The starting row of the range is too small.');
  if (column < 1) throw new AppsScriptError('The starting column of the range is too small.');
  if (numRows < 1) throw new AppsScriptError('The number of rows in the range must be at least 1.');
  if (numColumns < 1) throw new AppsScriptError('The number of columns in the range must be at least 1.');
  if (row + numRows - 1 > sheet.maxRows || column + numColumns - 1 > sheet.maxCols) {
    throw new AppsScriptError('The coordinates of the range are outside the dimensions of the sheet.');
  }
  return { r: row, c: column, nr: numRows, nc: numColumns };
}

/** Set by sheet.ts, which owns Sheet; kept as a hook so the two files don't import each other at load. */
export const sheetFactory: { make: ((env: Env, book: BookState, sheet: SheetState) => Sheet) | null } = { make: null };

export class Range {
  constructor(
    readonly env: Env,
    readonly book: BookState,
    readonly sheet: SheetState,
    readonly box: Box,
  ) {}

  protected enter(method: string): void {
    this.env.rt.call(C, method);
    assertLive(this.book, this.sheet);
    touchFor(this.env, method, this.book, this.sheet, this.box);
    const touched = CELLS_TOUCHED[method];
    if (touched) this.env.rt.cells(touched === 'one' ? 1 : this.box.nr * this.box.nc);
  }

  // ---- coordinates
  getRow(): number {
    this.enter('getRow');
    return this.box.r;
  }
  getColumn(): number {
    this.enter('getColumn');
    return this.box.c;
  }
  getNumRows(): number {
    this.enter('getNumRows');
    return this.box.nr;
  }
  getNumColumns(): number {
    this.enter('getNumColumns');
    return this.box.nc;
  }
  getHeight(): number {
    this.enter('getHeight');
    return this.box.nr;
  }
  getWidth(): number {
    this.enter('getWidth');
    return this.box.nc;
  }
  getLastRow(): number {
    this.enter('getLastRow');
    return this.box.r + this.box.nr - 1;
  }
  getLastColumn(): number {
    this.enter('getLastColumn');
    return this.box.c + this.box.nc - 1;
  }
  getA1Notation(): string {
    this.enter('getA1Notation');
    return boxA1(this.box);
  }
  getGridId(): number {
    this.enter('getGridId');
    return this.sheet.id;
  }
  getSheet(): Sheet {
    this.enter('getSheet');
    return sheetFactory.make!(this.env, this.book, this.sheet);
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    this.enter('offset');
    expectArgs(C, 'offset', arguments, [isInt, isInt], [isInt, isInt, isInt], [isInt, isInt, isInt, isInt]);
    const box = checkedBox(
      this.sheet,
      this.box.r + rowOffset,
      this.box.c + columnOffset,
      numRows ?? this.box.nr,
      numColumns ?? this.box.nc,
    );
    return new Range(this.env, this.book, this.sheet, box);
  }
  getCell(row: number, column: number): Range {
    this.enter('getCell');
    expectArgs(C, 'getCell', arguments, [isInt, isInt]);
    if (row < 1 || column < 1 || row > this.box.nr || column > this.box.nc)
      throw new AppsScriptError('Cell reference out of range');
    return new Range(this.env, this.book, this.sheet, {
      r: this.box.r + row - 1,
      c: this.box.c + column - 1,
      nr: 1,
      nc: 1,
    });
  }
  activate(): Range {
    this.enter('activate');
    this.book.activeSheetId = this.sheet.id;
    return this;
  }
  isBlank(): boolean {
    this.enter('isBlank');
    let blank = true;
    forEachCell(this.box, (r, c) => {
      const cell = cellAt(this.sheet, r, c);
      if (cell && (cell.v !== undefined || cell.f !== undefined)) blank = false;
    });
    return blank;
  }

  // ---- values
  getValues(): unknown[][] {
    this.enter('getValues');
    return grid(this.box, (r, c) => toScriptValue(this.env, cellAt(this.sheet, r, c)?.v));
  }
  getValue(): unknown {
    this.enter('getValue');
    return toScriptValue(this.env, cellAt(this.sheet, this.box.r, this.box.c)?.v);
  }
  getDisplayValues(): string[][] {
    this.enter('getDisplayValues');
    return grid(this.box, (r, c) => cellDisplay(this.book, cellAt(this.sheet, r, c)));
  }
  getDisplayValue(): string {
    this.enter('getDisplayValue');
    return cellDisplay(this.book, cellAt(this.sheet, this.box.r, this.box.c));
  }
  setValues(values: unknown[][]): Range {
    this.enter('setValues');
    expectArgs(C, 'setValues', arguments, [is2d]);
    checkShape(values, this.box);
    const contents = values.map((row, i) =>
      row.map((value, j) =>
        contentFromScript(
          this.env,
          this.book,
          cellAt(this.sheet, this.box.r + i, this.box.c + j),
          value,
          C,
          'setValues',
          [values],
        ),
      ),
    );
    writeContents(this.book, this.sheet, this.box, contents);
    return this;
  }
  setValue(value: unknown): Range {
    this.enter('setValue');
    if (arguments.length !== 1 || Array.isArray(value)) throw signatureError(C, 'setValue', arguments);
    const contents = grid(this.box, (r, c) =>
      contentFromScript(this.env, this.book, cellAt(this.sheet, r, c), value, C, 'setValue', [value]),
    );
    writeContents(this.book, this.sheet, this.box, contents);
    return this;
  }

  // ---- formulas
  getFormulas(): string[][] {
    this.enter('getFormulas');
    return grid(this.box, (r, c) => cellAt(this.sheet, r, c)?.f ?? '');
  }
  getFormula(): string {
    this.enter('getFormula');
    return cellAt(this.sheet, this.box.r, this.box.c)?.f ?? '';
  }
  setFormulas(formulas: string[][]): Range {
    this.enter('setFormulas');
    expectArgs(C, 'setFormulas', arguments, [is2d]);
    checkShape(formulas, this.box);
    const contents = formulas.map((row) =>
      row.map((formula) => {
        if (typeof formula !== 'string') throw signatureError(C, 'setFormulas', [formulas]);
        return contentFromText(this.env, this.book, null, formula);
      }),
    );
    writeContents(this.book, this.sheet, this.box, contents);
    return this;
  }
  setFormula(formula: string): Range {
    this.enter('setFormula');
    expectArgs(C, 'setFormula', arguments, [isStr]);
    const content = contentFromText(this.env, this.book, null, formula);
    writeContents(
      this.book,
      this.sheet,
      this.box,
      grid(this.box, () => content),
    );
    return this;
  }

  // ---- number formats
  getNumberFormats(): string[][] {
    this.enter('getNumberFormats');
    return grid(this.box, (r, c) => cellAt(this.sheet, r, c)?.nf ?? GENERAL_FORMAT);
  }
  getNumberFormat(): string {
    this.enter('getNumberFormat');
    return cellAt(this.sheet, this.box.r, this.box.c)?.nf ?? GENERAL_FORMAT;
  }
  setNumberFormat(numberFormat: string): Range {
    this.enter('setNumberFormat');
    expectArgs(C, 'setNumberFormat', arguments, [isStr]);
    forEachCell(this.box, (r, c) => {
      cellFor(this.sheet, r, c).nf = numberFormat;
    });
    return this;
  }
  setNumberFormats(numberFormats: string[][]): Range {
    this.enter('setNumberFormats');
    expectArgs(C, 'setNumberFormats', arguments, [is2d]);
    checkShape(numberFormats, this.box);
    if (numberFormats.some((row) => row.some((f) => typeof f !== 'string')))
      throw signatureError(C, 'setNumberFormats', arguments);
    forEachCell(this.box, (r, c, i, j) => {
      cellFor(this.sheet, r, c).nf = numberFormats[i]![j]!;
    });
    return this;
  }

  // ---- notes
  getNotes(): string[][] {
    this.enter('getNotes');
    return grid(this.box, (r, c) => cellAt(this.sheet, r, c)?.note ?? '');
  }
  getNote(): string {
    this.enter('getNote');
    return cellAt(this.sheet, this.box.r, this.box.c)?.note ?? '';
  }
  setNote(note: string | null): Range {
    this.enter('setNote');
    expectArgs(C, 'setNote', arguments, [isStrOrNull]);
    forEachCell(this.box, (r, c) => writeNote(this.sheet, r, c, note));
    return this;
  }
  setNotes(notes: Array<Array<string | null>>): Range {
    this.enter('setNotes');
    expectArgs(C, 'setNotes', arguments, [is2d]);
    checkShape(notes, this.box);
    forEachCell(this.box, (r, c, i, j) => writeNote(this.sheet, r, c, notes[i]![j] ?? null));
    return this;
  }
  clearNote(): Range {
    this.enter('clearNote');
    forEachCell(this.box, (r, c) => writeNote(this.sheet, r, c, null));
    return this;
  }

  // ---- data validation
  getDataValidation(): DataValidation | null {
    this.enter('getDataValidation');
    const dv = cellAt(this.sheet, this.box.r, this.box.c)?.dv;
    return dv ? new DataValidation(this.env, structuredClone(dv), this.book) : null;
  }
  getDataValidations(): Array<Array<DataValidation | null>> {
    this.enter('getDataValidations');
    return grid(this.box, (r, c) => {
      const dv = cellAt(this.sheet, r, c)?.dv;
      return dv ? new DataValidation(this.env, structuredClone(dv), this.book) : null;
    });
  }
  setDataValidation(rule: DataValidation | null): Range {
    this.enter('setDataValidation');
    if (arguments.length !== 1 || !(rule === null || rule instanceof DataValidation))
      throw signatureError(C, 'setDataValidation', arguments);
    forEachCell(this.box, (r, c) => writeValidation(this.sheet, r, c, rule));
    return this;
  }
  setDataValidations(rules: Array<Array<DataValidation | null>>): Range {
    this.enter('setDataValidations');
    expectArgs(C, 'setDataValidations', arguments, [is2d]);
    checkShape(rules, this.box);
    if (rules.some((row) => row.some((rule) => !(rule === null || rule instanceof DataValidation))))
      throw signatureError(C, 'setDataValidations', arguments);
    forEachCell(this.box, (r, c, i, j) => writeValidation(this.sheet, r, c, rules[i]![j] ?? null));
    return this;
  }
  clearDataValidations(): Range {
    this.enter('clearDataValidations');
    forEachCell(this.box, (r, c) => writeValidation(this.sheet, r, c, null));
    return this;
  }

  // ---- clearing
  clear(options?: {
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    commentsOnly?: boolean;
    skipFilteredRows?: boolean;
  }): Range {
    this.enter('clear');
    expectArgs(C, 'clear', arguments, [], [(v) => !!v && typeof v === 'object' && !Array.isArray(v)]);
    const only = options ?? {};
    const any = only.contentsOnly || only.formatOnly || only.validationsOnly || only.commentsOnly;
    clearBox(this.sheet, this.box, {
      contents: !any || !!only.contentsOnly,
      formats: !any || !!only.formatOnly,
      validations: !!only.validationsOnly,
      notes: !!only.commentsOnly,
    });
    return this;
  }
  clearContent(): Range {
    this.enter('clearContent');
    clearBox(this.sheet, this.box, { contents: true, formats: false, validations: false, notes: false });
    return this;
  }
  clearFormat(): Range {
    this.enter('clearFormat');
    clearBox(this.sheet, this.box, { contents: false, formats: true, validations: false, notes: false });
    return this;
  }

  // ---- merges
  merge(): Range {
    this.enter('merge');
    mergeBox(this.sheet, this.box);
    return this;
  }
  mergeAcross(): Range {
    this.enter('mergeAcross');
    for (let i = 0; i < this.box.nr; i += 1) mergeBox(this.sheet, { ...this.box, r: this.box.r + i, nr: 1 });
    return this;
  }
  mergeVertically(): Range {
    this.enter('mergeVertically');
    for (let j = 0; j < this.box.nc; j += 1) mergeBox(this.sheet, { ...this.box, c: this.box.c + j, nc: 1 });
    return this;
  }
  breakApart(): Range {
    this.enter('breakApart');
    breakApartBox(this.sheet, this.box);
    return this;
  }
  isPartOfMerge(): boolean {
    this.enter('isPartOfMerge');
    return this.sheet.merges.some((m) => boxesOverlap(m, this.box));
  }
  getMergedRanges(): Range[] {
    this.enter('getMergedRanges');
    return this.sheet.merges
      .filter((m) => boxesOverlap(m, this.box))
      .map((m) => new Range(this.env, this.book, this.sheet, { ...m }));
  }

  // ---- finding
  createTextFinder(findText: string): TextFinder {
    this.enter('createTextFinder');
    const cellRange = (box: Box) => new Range(this.env, this.book, this.sheet, box);
    return createTextFinder(this.env, this.book, this.sheet, this.box, cellRange, C, arguments);
  }

  // ---- sorting
  sort(sortSpecObj: unknown): Range {
    this.enter('sort');
    sortRows(this.sheet, this.box, sortSpecs(this.box, sortSpecObj));
    return this;
  }
}

// Sheet clears whole sheets with it; kept importable from here.
export { clearBox };
