// The host side of the spreadsheet emulator: what tests and the playground use to look inside the
// documents, type into cells as a user would, and answer dialogs.
import { boxA1, parseCells, splitSheetName } from './a1';
import { cellDisplay, contentFromText, findBook, toHostValue, type Env, type StoreState, type UserEdit } from './env';
import { grid, notifyEdit, writeContents } from './cells';
import { describeRule } from './conditional-format';
import { normaliseLocale } from './locale';
import {
  bookCells,
  cellAt,
  DEFAULT_COLS,
  DEFAULT_ROWS,
  lastColumn,
  lastRow,
  newSheet,
  sheetCells,
  type BookState,
  type SheetState,
} from './state';
import { assertRoomFor } from './sheet-lines';
import type { UiAnswer, UiState } from './ui-state';
import { describeValidation } from './validation';
import type { EditEventParts } from './edit-event';
import type { PendingCell } from './buffer';
import { localeRules } from './locale';

export interface HostUi {
  readonly state: UiState;
  menus(): UiState['menus'];
  dialogs(): UiState['dialogs'];
  sidebars(): UiState['dialogs'];
  alerts(): UiState['alerts'];
  toasts(): UiState['toasts'];
  /** Queues the answer for the next alert/prompt. */
  answer(answer: UiAnswer): void;
  /**
   * Answers every alert/prompt with no queued answer: `button` if the dialog offers it, else CLOSE (the user
   * closed it); a prompt's text is ''. `null` (the default) restores the strict mode: such a dialog throws.
   */
  autoAnswer(button: UiAnswer['button'] | null): void;
  pendingAnswers(): number;
  reset(): void;
}

export interface ChartView {
  chartId: number;
  type: string;
  ranges: string[];
  options: Record<string, unknown>;
  position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number };
}

export interface BookHost {
  readonly id: string;
  name(): string;
  sheetNames(): string[];
  values(sheetName: string): unknown[][];
  displayValues(sheetName: string): string[][];
  formulas(sheetName: string): string[][];
  numberFormats(sheetName: string): Record<string, string>;
  notes(sheetName: string): Record<string, string>;
  styles(sheetName: string): Record<string, Record<string, string | number | boolean>>;
  charts(sheetName: string): ChartView[];
  conditionalFormats(sheetName: string): Array<Record<string, unknown>>;
  validations(sheetName: string): Record<string, Record<string, unknown>>;
  frozenRows(sheetName: string): number;
  frozenColumns(sheetName: string): number;
  merges(sheetName: string): string[];
  size(sheetName: string): { maxRows: number; maxColumns: number; lastRow: number; lastColumn: number };
  hidden(sheetName: string): boolean;
  columnWidths(sheetName: string): Record<string, number>;
  activeSheetName(): string;
  locale(): string;
  timeZone(): string;
  /** A user typing into cells: strings are parsed like typed input, rejecting rules refuse bad input. */
  /** A user typing; `as` names the account typing (default: the default account). */
  edit(sheetName: string, a1: string, values: string | unknown[][], options?: { as?: string }): void;
  /** Adds a sheet as a user would (the book's own name rules and its cell limit apply). */
  addSheet(name: string): void;
  /** The cells Google counts against the 10 M limit: every sheet's grid (maxRows × maxColumns), by sheet. */
  gridCells(): { total: number; sheets: Record<string, number> };
}

export interface SpreadsheetHost extends BookHost {
  readonly active: BookHost;
  create(name: string): BookHost;
  get(id: string): BookHost | null;
  /** The bound document as the running execution sees it, its pending (unflushed) writes included. */
  executionView: BookHost;
  /** Cells written and not yet committed, by every execution or by one (`executionId`). */
  pendingCells(executionId?: number): PendingCell[];
  ui: HostUi;
  onEdit(listener: (edit: UserEdit) => void): void;
  /** The script objects and values of an edit event for `edit` (the emulator adds authMode, user, triggerUid). */
  editEvent(edit: UserEdit): EditEventParts;
  toJSON(): StoreState;
  restore(json: StoreState): void;
}

function sheetOf(book: BookState, sheetName: string): SheetState {
  const sheet = book.sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
  if (!sheet)
    throw new Error(
      `No sheet named "${sheetName}" in spreadsheet "${book.name}" (has: ${book.sheets.map((s) => s.name).join(', ')})`,
    );
  return sheet;
}

function dataBox(sheet: SheetState) {
  return { r: 1, c: 1, nr: lastRow(sheet), nc: lastColumn(sheet) };
}

function collect<T>(
  sheet: SheetState,
  read: (cell: NonNullable<ReturnType<typeof cellAt>>) => T | undefined,
): Record<string, T> {
  const found: Record<string, T> = {};
  sheet.rows.forEach((row, i) =>
    row?.forEach((cell, j) => {
      const value = cell ? read(cell) : undefined;
      if (value !== undefined) found[boxA1({ r: i + 1, c: j + 1, nr: 1, nc: 1 })] = value;
    }),
  );
  return found;
}

export function bookHost(env: Env, bookId: string): BookHost {
  const book = (): BookState => {
    const found = findBook(env, bookId);
    if (!found) throw new Error(`No spreadsheet with id ${bookId}`);
    return found;
  };
  const sheet = (name: string): SheetState => sheetOf(book(), name);
  return {
    id: bookId,
    name: () => book().name,
    sheetNames: () => book().sheets.map((s) => s.name),
    values: (name) => grid(dataBox(sheet(name)), (r, c) => toHostValue(cellAt(sheet(name), r, c)?.v)),
    displayValues: (name) => grid(dataBox(sheet(name)), (r, c) => cellDisplay(book(), cellAt(sheet(name), r, c))),
    formulas: (name) => grid(dataBox(sheet(name)), (r, c) => cellAt(sheet(name), r, c)?.f ?? ''),
    numberFormats: (name) => collect(sheet(name), (cell) => cell.nf),
    notes: (name) => collect(sheet(name), (cell) => cell.note),
    styles: (name) =>
      collect(sheet(name), (cell) => (cell.fmt && Object.keys(cell.fmt).length > 0 ? { ...cell.fmt } : undefined)),
    charts: (name) =>
      sheet(name).charts.map((chart) => ({
        chartId: chart.chartId,
        type: chart.type,
        ranges: chart.ranges.map(({ sheetId, ...box }) => {
          const source = book().sheets.find((s) => s.id === sheetId);
          return source && source.name !== name ? `${source.name}!${boxA1(box)}` : boxA1(box);
        }),
        options: structuredClone(chart.options),
        position: { ...chart.position },
      })),
    conditionalFormats: (name) => sheet(name).conditionalRules.map(describeRule),
    validations: (name) =>
      collect(sheet(name), (cell) =>
        cell.dv ? describeValidation(cell.dv, (id) => book().sheets.find((s) => s.id === id)?.name ?? '?') : undefined,
      ),
    frozenRows: (name) => sheet(name).frozenRows,
    frozenColumns: (name) => sheet(name).frozenCols,
    merges: (name) => sheet(name).merges.map(boxA1),
    size: (name) => {
      const s = sheet(name);
      return { maxRows: s.maxRows, maxColumns: s.maxCols, lastRow: lastRow(s), lastColumn: lastColumn(s) };
    },
    hidden: (name) => sheet(name).hidden,
    columnWidths: (name) => ({ ...sheet(name).columnWidths }),
    activeSheetName: () => {
      const b = book();
      return (b.sheets.find((s) => s.id === b.activeSheetId) ?? b.sheets[0]!).name;
    },
    locale: () => book().locale,
    timeZone: () => book().timeZone,
    edit: (name, a1, values, options = {}) => {
      const b = book();
      const s = sheet(name);
      const { cells } = splitSheetName(a1);
      const box = parseCells(cells, s.maxRows, s.maxCols);
      const typed = typeof values === 'string' ? grid(box, () => values) : values;
      if (typed.length !== box.nr || typed.some((row) => row.length !== box.nc))
        throw new Error(`edit(${a1}): the values do not fit the range`);
      const oldValue = toHostValue(cellAt(s, box.r, box.c)?.v);
      const contents = typed.map((row, i) =>
        row.map((text, j) => contentFromText(env, b, cellAt(s, box.r + i, box.c + j), String(text ?? ''))),
      );
      writeContents(b, s, box, contents);
      notifyEdit(env, b, s, box, oldValue, toHostValue(cellAt(s, box.r, box.c)?.v), options.as);
    },
    addSheet: (name) => {
      const b = book();
      if (b.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()))
        throw new Error(`A sheet named "${name}" exists`);
      // Staff adding a tab meet the same limit as a script.
      assertRoomFor(b, DEFAULT_ROWS * DEFAULT_COLS);
      b.sheets.push(newSheet(env.store.nextSheetId++, name));
    },
    gridCells: () => {
      const b = book();
      return { total: bookCells(b), sheets: Object.fromEntries(b.sheets.map((s) => [s.name, sheetCells(s)])) };
    },
  };
}

export function hostUi(env: Env): HostUi {
  return {
    get state() {
      return env.store.ui;
    },
    menus: () => env.store.ui.menus,
    dialogs: () => env.store.ui.dialogs,
    sidebars: () => env.store.ui.dialogs.filter((d) => d.kind === 'sidebar'),
    alerts: () => env.store.ui.alerts,
    toasts: () => env.store.ui.toasts,
    answer: (answer) => {
      env.store.ui.answers.push({ ...answer });
    },
    autoAnswer: (button) => {
      const known: Array<UiAnswer['button']> = ['OK', 'CANCEL', 'YES', 'NO', 'CLOSE'];
      if (button !== null && !known.includes(button)) throw new Error(`autoAnswer: not a button: ${String(button)}`);
      env.store.ui.autoAnswer = button;
    },
    pendingAnswers: () => env.store.ui.answers.length,
    reset: () => {
      const ui = env.store.ui;
      ui.menus = [];
      ui.dialogs = [];
      ui.alerts = [];
      ui.toasts = [];
      ui.answers = [];
    },
  };
}

/** A new document with one sheet named in its locale (Sheet1 / Лист1). */
export function makeBook(env: Env, id: string, name: string, locale: string, timeZone: string): BookState {
  const code = normaliseLocale(locale);
  const sheet = newSheet(env.store.nextSheetId++, `${localeRules(code).sheetPrefix}1`);
  return { id, name, locale: code, timeZone, sheets: [sheet], activeSheetId: sheet.id };
}
