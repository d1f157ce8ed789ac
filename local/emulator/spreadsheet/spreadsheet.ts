// Spreadsheet (a document of sheets) and the SpreadsheetApp global.
import { AppsScriptError } from '../runtime';
import { parseCells, splitSheetName } from './a1';
import { expectArgs, isInt, isNum, isStr, signatureError } from './args';
import { ConditionalFormatRuleBuilder } from './conditional-format';
import { BooleanCriteria, BorderStyle, DataValidationCriteria, InterpolationType, WrapStrategy } from './enums';
import { findBook, type Env } from './env';
import { instantOf, localTime as wallTime } from '../services/zoned-time';
import { localeRules, normaliseLocale } from './locale';
import { Range } from './range';
import { assertRoomFor, Sheet, sheetDuplicateError, spreadsheetFactory } from './sheet';
import { DEFAULT_COLS, DEFAULT_ROWS, newSheet, type BookState, type SheetState } from './state';
import { Ui } from './ui';
import { DataValidationBuilder } from './validation';

const C = 'Spreadsheet';

export function bookUrl(id: string): string {
  return `https://docs.google.com/spreadsheets/d/${id}/edit`;
}

/** The next free default name: Sheet2, Sheet3… (Лист2 in Russian). */
function defaultSheetName(book: BookState): string {
  const prefix = localeRules(book.locale).sheetPrefix;
  for (let n = book.sheets.length + 1; ; n += 1) {
    const name = `${prefix}${n}`;
    if (!book.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) return name;
  }
}

export class Spreadsheet {
  constructor(
    readonly env: Env,
    readonly book: BookState,
  ) {}

  private sheet(state: SheetState): Sheet {
    return new Sheet(this.env, this.book, state);
  }

  getId(): string {
    this.env.rt.call(C, 'getId');
    return this.book.id;
  }
  getName(): string {
    this.env.rt.call(C, 'getName');
    return this.book.name;
  }
  rename(newName: string): void {
    this.env.rt.call(C, 'rename');
    this.touch();
    expectArgs(C, 'rename', arguments, [isStr]);
    this.book.name = newName;
  }
  getUrl(): string {
    this.env.rt.call(C, 'getUrl');
    return bookUrl(this.book.id);
  }
  getSpreadsheetTimeZone(): string {
    this.env.rt.call(C, 'getSpreadsheetTimeZone');
    return this.book.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this.env.rt.call(C, 'setSpreadsheetTimeZone');
    expectArgs(C, 'setSpreadsheetTimeZone', arguments, [isStr]);
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    } catch {
      throw new AppsScriptError(`Invalid argument: ${timezone}`);
    }
    // Sheets keeps the wall-clock reading of every date cell; the instants move.
    const from = this.book.timeZone;
    this.touch();
    for (const sheet of this.book.sheets) {
      this.env.buffer?.touch(this.book, sheet);
      for (const row of sheet.rows) {
        for (const cell of row ?? []) {
          if (cell && typeof cell.v === 'object') {
            const w = wallTime(cell.v.d, from);
            cell.v = { d: instantOf(w, timezone) + w.millisecond };
          }
        }
      }
    }
    this.book.timeZone = timezone;
  }
  /** A write to the book's sheet list or settings: pending until flush or the execution's end. */
  private touch(): void {
    this.env.buffer?.touch(this.book, null);
  }
  getSpreadsheetLocale(): string {
    this.env.rt.call(C, 'getSpreadsheetLocale');
    return this.book.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this.env.rt.call(C, 'setSpreadsheetLocale');
    this.touch();
    expectArgs(C, 'setSpreadsheetLocale', arguments, [isStr]);
    this.book.locale = normaliseLocale(locale);
  }

  getSheets(): Sheet[] {
    this.env.rt.call(C, 'getSheets');
    return this.book.sheets.map((s) => this.sheet(s));
  }
  getNumSheets(): number {
    this.env.rt.call(C, 'getNumSheets');
    return this.book.sheets.length;
  }
  getSheetByName(name: string): Sheet | null {
    this.env.rt.call(C, 'getSheetByName');
    expectArgs(C, 'getSheetByName', arguments, [isStr]);
    // Sheet names are matched case-insensitively, as Google does.
    const found = this.book.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    return found ? this.sheet(found) : null;
  }
  getSheetById(id: number): Sheet | null {
    this.env.rt.call(C, 'getSheetById');
    expectArgs(C, 'getSheetById', arguments, [isInt]);
    const found = this.book.sheets.find((s) => s.id === id);
    return found ? this.sheet(found) : null;
  }
  insertSheet(...args: unknown[]): Sheet {
    this.env.rt.call(C, 'insertSheet');
    this.touch();
    const shape = expectArgs(C, 'insertSheet', args, [], [isInt], [isStr], [isStr, isInt]);
    const name = shape >= 2 ? (args[0] as string) : defaultSheetName(this.book);
    const index =
      shape === 1
        ? (args[0] as number)
        : shape === 3
          ? (args[1] as number)
          : this.book.sheets.indexOf(this.activeState()) + 1;
    if (this.book.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw sheetDuplicateError(name);
    if (index < 0 || index > this.book.sheets.length)
      throw new AppsScriptError(`The sheet index ${index} is out of range.`);
    assertRoomFor(this.book, DEFAULT_ROWS * DEFAULT_COLS);
    const state = newSheet(this.env.store.nextSheetId++, name);
    this.book.sheets.splice(index, 0, state);
    this.book.activeSheetId = state.id;
    return this.sheet(state);
  }
  deleteSheet(sheet: Sheet): void {
    this.env.rt.call(C, 'deleteSheet');
    this.touch();
    if (arguments.length !== 1 || !(sheet instanceof Sheet)) throw signatureError(C, 'deleteSheet', arguments);
    const index = this.book.sheets.indexOf(sheet.state);
    if (index < 0) throw new AppsScriptError(`The sheet you're trying to access was deleted.`);
    if (this.book.sheets.length === 1) throw new AppsScriptError("You can't remove all the sheets in a document.");
    this.book.sheets.splice(index, 1);
    if (this.book.activeSheetId === sheet.state.id)
      this.book.activeSheetId = this.book.sheets[Math.max(0, index - 1)]!.id;
  }
  getActiveSheet(): Sheet {
    this.env.rt.call(C, 'getActiveSheet');
    return this.sheet(this.activeState());
  }
  setActiveSheet(sheet: Sheet): Sheet {
    this.env.rt.call(C, 'setActiveSheet');
    this.touch();
    if (!(sheet instanceof Sheet) || sheet.book !== this.book) throw signatureError(C, 'setActiveSheet', arguments);
    this.book.activeSheetId = sheet.state.id;
    sheet.state.hidden = false;
    return sheet;
  }
  private activeState(): SheetState {
    return this.book.sheets.find((s) => s.id === this.book.activeSheetId) ?? this.book.sheets[0]!;
  }
  getRange(a1Notation: string): Range {
    this.env.rt.call(C, 'getRange');
    expectArgs(C, 'getRange', arguments, [isStr]);
    const { sheetName, cells } = splitSheetName(a1Notation);
    const state =
      sheetName === null
        ? this.activeState()
        : this.book.sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
    if (!state) throw new AppsScriptError('Range not found');
    return new Range(this.env, this.book, state, parseCells(cells, state.maxRows, state.maxCols));
  }
  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    this.env.rt.call(C, 'toast');
    expectArgs(C, 'toast', arguments, [isStr], [isStr, isStr], [isStr, isStr, isNum]);
    this.env.store.ui.toasts.push({
      message: msg,
      title: title ?? '',
      timeoutSeconds: timeoutSeconds ?? 5,
      at: this.env.rt.clock.now(),
    });
  }
}

spreadsheetFactory.make = (env, book) => new Spreadsheet(env, book);

const UI_CONTEXTS = new Set(['menu', 'client', 'test', 'simpleTrigger']);
const SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

function permissionError(method: string, scope: string): AppsScriptError {
  return new AppsScriptError(
    `You do not have permission to call SpreadsheetApp.${method}. Required permissions: ${scope}`,
  );
}

/** The SpreadsheetApp global; `createBook` makes a new document (used by create()). */
export function createSpreadsheetGlobal(env: Env, createBook: (name: string) => BookState): Record<string, unknown> {
  const C2 = 'SpreadsheetApp';
  const active = (method: string): Spreadsheet | null => {
    env.rt.call(C2, method);
    const context = env.context();
    if (context.kind === 'webapp') return null;
    if (context.authMode === 'NONE') throw permissionError(method, `${SCOPE}.currentonly`);
    const book = findBook(env, env.store.activeBookId);
    return book ? new Spreadsheet(env, book) : null;
  };
  const needFullAccess = (method: string): void => {
    const { authMode } = env.context();
    if (authMode !== 'FULL') throw permissionError(method, SCOPE);
  };
  const open = (method: string, id: string): Spreadsheet => {
    needFullAccess(method);
    const book = findBook(env, id);
    if (!book)
      throw new AppsScriptError(
        `Unexpected error while getting the method or property ${method} on object SpreadsheetApp.`,
      );
    return new Spreadsheet(env, book);
  };
  return {
    DataValidationCriteria,
    BooleanCriteria,
    InterpolationType,
    BorderStyle,
    WrapStrategy,
    getActiveSpreadsheet(): Spreadsheet | null {
      return active('getActiveSpreadsheet');
    },
    getActive(): Spreadsheet | null {
      return active('getActive');
    },
    getActiveSheet(): Sheet | null {
      const book = active('getActiveSheet');
      return book ? env.rt.internal(() => book.getActiveSheet()) : null;
    },
    openById(id: string): Spreadsheet {
      env.rt.call(C2, 'openById');
      expectArgs(C2, 'openById', arguments, [isStr]);
      return open('openById', id);
    },
    openByUrl(url: string): Spreadsheet {
      env.rt.call(C2, 'openByUrl');
      expectArgs(C2, 'openByUrl', arguments, [isStr]);
      const id = /\/d\/([A-Za-z0-9_-]+)/.exec(url)?.[1] ?? '';
      return open('openByUrl', id);
    },
    create(name: string): Spreadsheet {
      env.rt.call(C2, 'create');
      expectArgs(C2, 'create', arguments, [isStr], [isStr, isInt, isInt]);
      needFullAccess('create');
      return new Spreadsheet(env, createBook(name));
    },
    getUi(): Ui {
      env.rt.call(C2, 'getUi');
      if (!UI_CONTEXTS.has(env.context().kind))
        throw new AppsScriptError('Cannot call SpreadsheetApp.getUi() from this context.');
      return new Ui(env);
    },
    flush(): void {
      env.rt.call(C2, 'flush');
      env.buffer?.flush();
    },
    newDataValidation(): DataValidationBuilder {
      env.rt.call(C2, 'newDataValidation');
      return new DataValidationBuilder(env);
    },
    newConditionalFormatRule(): ConditionalFormatRuleBuilder {
      env.rt.call(C2, 'newConditionalFormatRule');
      return new ConditionalFormatRuleBuilder(env);
    },
  };
}
