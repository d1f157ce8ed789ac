// What every emulated spreadsheet class shares: the runtime, the Date constructor of the script's realm,
// the store of spreadsheets, and the conversions between stored cells and script values.
import type { Runtime } from '../runtime';
import { AppsScriptError } from '../runtime';
import { isDate, signatureError } from './args';
import { localeRules, type LocaleRules } from './locale';
import { displayText, type DisplayContext } from './number-format';
import { parseTyped, type TypedContent } from './typed-input';
import { lastRow, MAX_CELL_CHARS, type BookState, type CellState, type SheetState, type StoredValue } from './state';
import type { UiState } from './ui-state';
import type { WriteBuffer } from './buffer';

export interface ExecutionContext {
  kind: string;
  authMode: string;
}

export interface StoreState {
  books: BookState[];
  activeBookId: string;
  nextSheetId: number;
  nextChartId: number;
  nextBookSeq: number;
  ui: UiState;
}

export interface Env {
  rt: Runtime;
  dateCtor: DateConstructor;
  context: () => ExecutionContext;
  store: StoreState;
  /** Listeners the assembled emulator uses to fire onEdit for a user's typing. */
  editListeners: Array<(edit: UserEdit) => void>;
  /** Reads an HtmlService page without counting (the assembled emulator's html host); null for anything else. */
  htmlPage?: (value: unknown) => ShownPage | null;
  /** Keeps an execution's writes pending until flush or its end. */
  buffer?: WriteBuffer;
}

/** Methods that only read: every other Range/Sheet method may write, so its sheet's state is kept first. */
const READ_METHOD = /^(get|is|has|offset|find|create|new|build|can)/;

/**
 * Before a Range/Sheet method runs: a writing one makes the sheet part of the execution's pending writes. A Range
 * method changes only its rows (`box`), appendRow only the row after the last; other Sheet methods any row.
 */
export function touchFor(
  env: Env,
  method: string,
  book: BookState,
  sheet: SheetState,
  box?: { r: number; nr: number },
): void {
  if (!env.buffer || READ_METHOD.test(method)) return;
  if (box) env.buffer.touch(book, sheet, { from: box.r, count: box.nr });
  else if (method === 'appendRow') env.buffer.touch(book, sheet, { from: lastRow(sheet) + 1, count: 1 });
  else env.buffer.touch(book, sheet);
}

/** What a sidebar or dialog shows of an HtmlOutput. */
export interface ShownPage {
  title: string;
  content: string;
  width: number | null;
  height: number | null;
}

export interface UserEdit {
  spreadsheetId: string;
  sheetName: string;
  a1: string;
  oldValue: unknown;
  value: unknown;
  /** The account typing; absent: the default one. */
  user?: string;
}

export function rulesOf(book: BookState): LocaleRules {
  return localeRules(book.locale);
}

export function displayContext(book: BookState): DisplayContext {
  return { rules: rulesOf(book), timeZone: book.timeZone, locale: book.locale };
}

/** A stored value as a script sees it: dates become fresh Dates of the script's realm. */
export function toScriptValue(env: Env, value: StoredValue | undefined): string | number | boolean | Date {
  if (value === undefined) return '';
  if (typeof value === 'object') return new env.dateCtor(value.d);
  return value;
}

/** The same for the host side (tests, playground): host-realm Dates. */
export function toHostValue(value: StoredValue | undefined): string | number | boolean | Date {
  if (value === undefined) return '';
  if (typeof value === 'object') return new Date(value.d);
  return value;
}

export function cellDisplay(book: BookState, cell: CellState | null): string {
  return cell ? displayText(cell.v, cell.nf, displayContext(book)) : '';
}

/**
 * What a value written by a script (setValue/setValues/appendRow) becomes in a cell: strings are read
 * as typed input unless the cell is plain text (`@`). Objects and arrays are refused as Google does.
 */
export function contentFromScript(
  env: Env,
  book: BookState,
  cell: CellState | null,
  value: unknown,
  className: string,
  method: string,
  args: ArrayLike<unknown>,
): TypedContent {
  if (value === null || value === undefined) return { value: '' };
  if (typeof value === 'number') {
    // What Sheets makes of NaN/Infinity from a script is undocumented ("NaN" text? #NUM!?): refuse it.
    if (!Number.isFinite(value)) throw signatureError(className, method, args);
    return { value };
  }
  if (typeof value === 'boolean') return { value };
  if (isDate(value)) {
    const time = value.getTime();
    if (Number.isNaN(time)) throw signatureError(className, method, args);
    return { value: { d: time }, autoFormat: rulesOf(book).defaultDateTime };
  }
  if (typeof value === 'string') return contentFromText(env, book, cell, value);
  throw signatureError(className, method, args);
}

export function contentFromText(env: Env, book: BookState, cell: CellState | null, text: string): TypedContent {
  if (text.length > MAX_CELL_CHARS) {
    throw new AppsScriptError(
      `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`,
    );
  }
  if (cell?.nf === '@') return { value: text };
  return parseTyped(text, { rules: rulesOf(book), timeZone: book.timeZone, now: env.rt.clock.now() });
}

export function applyContent(cell: CellState, content: TypedContent): void {
  if (content.value === '') delete cell.v;
  else cell.v = content.value;
  if (content.formula !== undefined) cell.f = content.formula;
  else delete cell.f;
  if (content.autoFormat && cell.nf === undefined) cell.nf = content.autoFormat;
}

export function findBook(env: Env, id: string): BookState | undefined {
  return env.store.books.find((book) => book.id === id);
}

export function sheetById(book: BookState, sheetId: number): SheetState | undefined {
  return book.sheets.find((sheet) => sheet.id === sheetId);
}

/** Throws when a script holds a Sheet or Range of a sheet that was deleted since. */
export function assertLive(book: BookState, sheet: SheetState): void {
  if (!book.sheets.includes(sheet)) throw new AppsScriptError(`The sheet you're trying to access was deleted.`);
}
