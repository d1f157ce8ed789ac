// What a block of cells holds: writing contents (merges swallow all but the top-left cell, rejecting
// validation rules refuse bad input, nothing is written unless every cell passes), and the notes, rules and clearing.
import { AppsScriptError } from '../runtime';
import { boxA1, columnLetters, type Box } from './a1';
import { cellDisplay, applyContent, type Env } from './env';
import { cellAt, cellFor, type BookState, type SheetState, type ValidationState } from './state';
import type { TypedContent } from './typed-input';
import { passesValidation } from './validation';

/** Whether (r, c) is hidden under a merge (inside one but not its top-left cell). */
export function coveredByMerge(sheet: SheetState, r: number, c: number): boolean {
  return sheet.merges.some((m) => r >= m.r && r < m.r + m.nr && c >= m.c && c < m.c + m.nc && (r !== m.r || c !== m.c));
}

export function rangeDisplayValues(book: BookState, sheetId: number, box: Box): string[] {
  const sheet = book.sheets.find((s) => s.id === sheetId);
  if (!sheet) return [];
  const texts: string[] = [];
  for (let r = box.r; r < box.r + box.nr; r += 1)
    for (let c = box.c; c < box.c + box.nc; c += 1) texts.push(cellDisplay(book, cellAt(sheet, r, c)));
  return texts;
}

export function writeContents(book: BookState, sheet: SheetState, box: Box, contents: TypedContent[][]): void {
  for (let i = 0; i < box.nr; i += 1) {
    for (let j = 0; j < box.nc; j += 1) {
      const r = box.r + i;
      const c = box.c + j;
      const content = contents[i]![j]!;
      if (coveredByMerge(sheet, r, c)) continue;
      const dv = cellAt(sheet, r, c)?.dv;
      if (
        dv &&
        !dv.allowInvalid &&
        !passesValidation(dv, content.value, (source) => rangeDisplayValues(book, source.sheetId, source))
      ) {
        throw new AppsScriptError(
          `The data you entered in cell ${columnLetters(c)}${r} violates the data validation rules set on this cell.`,
        );
      }
    }
  }
  for (let i = 0; i < box.nr; i += 1) {
    for (let j = 0; j < box.nc; j += 1) {
      const r = box.r + i;
      const c = box.c + j;
      if (coveredByMerge(sheet, r, c)) continue;
      const content = contents[i]![j]!;
      if (content.value === '' && content.formula === undefined && !cellAt(sheet, r, c)) continue;
      applyContent(cellFor(sheet, r, c), content);
    }
  }
}

/** Google's two messages for data whose shape differs from the range's. */
export function checkShape(data: readonly unknown[][], box: Box): void {
  if (data.length !== box.nr) {
    throw new AppsScriptError(
      `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${box.nr}.`,
    );
  }
  for (const row of data) {
    if (row.length !== box.nc) {
      throw new AppsScriptError(
        `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${box.nc}.`,
      );
    }
  }
}

export function forEachCell(box: Box, visit: (r: number, c: number, i: number, j: number) => void): void {
  for (let i = 0; i < box.nr; i += 1) for (let j = 0; j < box.nc; j += 1) visit(box.r + i, box.c + j, i, j);
}

export function grid<T>(box: Box, read: (r: number, c: number) => T): T[][] {
  // Sized up front: growing by push reallocates each row, garbage the bundle's big reads then pay for in GC.
  const rows = new Array<T[]>(box.nr);
  for (let i = 0; i < box.nr; i += 1) {
    const row = new Array<T>(box.nc);
    for (let j = 0; j < box.nc; j += 1) row[j] = read(box.r + i, box.c + j);
    rows[i] = row;
  }
  return rows;
}

export function notifyEdit(
  env: Env,
  book: BookState,
  sheet: SheetState,
  box: Box,
  oldValue: unknown,
  value: unknown,
  user?: string,
): void {
  const edit = { spreadsheetId: book.id, sheetName: sheet.name, a1: boxA1(box), oldValue, value };
  for (const listener of env.editListeners) listener(user === undefined ? edit : { ...edit, user });
}

// Notes, validation rules and clearing: what else a cell holds besides its content.
export function writeNote(sheet: SheetState, r: number, c: number, note: string | null): void {
  if (note === null || note === '') {
    const cell = cellAt(sheet, r, c);
    if (cell) delete cell.note;
  } else cellFor(sheet, r, c).note = String(note);
}

export function writeValidation(
  sheet: SheetState,
  r: number,
  c: number,
  rule: { state: ValidationState } | null,
): void {
  if (rule === null) {
    const cell = cellAt(sheet, r, c);
    if (cell) delete cell.dv;
  } else cellFor(sheet, r, c).dv = structuredClone(rule.state);
}

export function clearBox(
  sheet: SheetState,
  box: Box,
  what: { contents: boolean; formats: boolean; validations: boolean; notes: boolean },
): void {
  forEachCell(box, (r, c) => {
    const cell = cellAt(sheet, r, c);
    if (!cell) return;
    if (what.contents) {
      delete cell.v;
      delete cell.f;
    }
    if (what.formats) {
      delete cell.nf;
      delete cell.fmt;
    }
    if (what.validations) delete cell.dv;
    if (what.notes) delete cell.note;
  });
}
