// Buffered writes (Class Lock, releaseLock: "call SpreadsheetApp.flush() prior to releasing the lock, to commit
// all pending changes"): an execution sees its own writes at once; other executions and the host see them only
// after SpreadsheetApp.flush() or the execution's end. A killed execution's unflushed writes are lost.
//
// Script objects hold the very BookState/SheetState objects, so the store is one: it shows the running
// execution's pending writes. When another execution starts inside it (interleaving), the pending writes are
// taken out as a cell-level diff and the store goes back to the committed state; when the other one ends (its
// writes committed), the diff is laid over the new committed state again.
import type { Execution, Runtime } from '../runtime';
import { cellFor, type BookState, type CellState, type SheetState } from './state';

type SheetField = Exclude<keyof SheetState, 'rows' | 'id'>;
const SHEET_FIELDS: readonly SheetField[] = [
  'name',
  'maxRows',
  'maxCols',
  'frozenRows',
  'frozenCols',
  'hidden',
  'tabColor',
  'columnWidths',
  'merges',
  'charts',
  'conditionalRules',
];
type BookField = 'name' | 'locale' | 'timeZone' | 'activeSheetId';
const BOOK_FIELDS: readonly BookField[] = ['name', 'locale', 'timeZone', 'activeSheetId'];

interface BookBefore {
  sheets: SheetState[];
  fields: Pick<BookState, BookField>;
}

type Row = Array<CellState | null> | null;

/**
 * A sheet before an execution's pending writes: its settings, and either all its rows (a write that may move
 * rows: insert, delete, sort) or only the rows a Range write or appendRow was about to change.
 */
interface SheetBefore {
  fields: Pick<SheetState, SheetField>;
  /** All rows, or null while only some were kept. */
  all: Row[] | null;
  some: Map<number, Row>;
  length: number;
}

/** The writes of one execution not yet committed: what each touched sheet and book was before them. */
interface Pending {
  sheets: Map<SheetState, SheetBefore>;
  books: Map<BookState, BookBefore>;
}

/** The same taken out of the store while another execution runs. */
interface SheetDiff {
  cells: Array<{ r: number; c: number; cell: CellState | null }>;
  fields: Partial<SheetState>;
}
interface BookDiff {
  added: Array<{ sheet: SheetState; index: number }>;
  removed: SheetState[];
  fields: Partial<Pick<BookState, BookField>>;
}
interface Stashed {
  sheets: Map<SheetState, SheetDiff>;
  books: Map<BookState, BookDiff>;
}

/** A pending cell as the host reads it: its sheet, position (1-based) and stored content (null: cleared). */
export interface PendingCell {
  sheet: string;
  row: number;
  column: number;
  cell: CellState | null;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const emptyCell = (cell: CellState | null | undefined): CellState | null =>
  cell && Object.keys(cell).length > 0 ? cell : null;

const fieldsOf = (sheet: SheetState): Pick<SheetState, SheetField> =>
  Object.fromEntries(SHEET_FIELDS.map((field) => [field, structuredClone(sheet[field])])) as Pick<
    SheetState,
    SheetField
  >;

function beforeOf(sheet: SheetState, rows: Iterable<number> | null): SheetBefore {
  const before: SheetBefore = { fields: fieldsOf(sheet), all: null, some: new Map(), length: sheet.rows.length };
  keepRows(before, sheet, rows);
  return before;
}

/** Keeps the rows about to change (null: all of them) as they are before the change. */
function keepRows(before: SheetBefore, sheet: SheetState, rows: Iterable<number> | null): void {
  if (before.all) return;
  if (rows === null) {
    const all = structuredClone(sheet.rows) as Row[];
    for (const [r, row] of before.some) all[r - 1] = row;
    all.length = before.length;
    before.all = all;
    before.some.clear();
    return;
  }
  for (const r of rows) if (!before.some.has(r)) before.some.set(r, structuredClone(sheet.rows[r - 1] ?? null));
}

function diffRow(cells: SheetDiff['cells'], r: number, was: Row | undefined, is: Row | undefined): void {
  const a = was ?? [];
  const b = is ?? [];
  for (let c = 1; c <= Math.max(a.length, b.length); c += 1) {
    const x = emptyCell(a[c - 1]);
    const y = emptyCell(b[c - 1]);
    if (!same(x, y)) cells.push({ r, c, cell: y === null ? null : structuredClone(y) });
  }
}

function sheetDiff(before: SheetBefore, now: SheetState): SheetDiff {
  const cells: SheetDiff['cells'] = [];
  if (before.all) {
    const all = before.all;
    for (let r = 1; r <= Math.max(all.length, now.rows.length); r += 1) diffRow(cells, r, all[r - 1], now.rows[r - 1]);
  } else {
    for (const [r, row] of [...before.some].sort(([a], [b]) => a - b)) diffRow(cells, r, row, now.rows[r - 1]);
  }
  const fields: Partial<SheetState> = {};
  for (const field of SHEET_FIELDS)
    if (!same(before.fields[field], now[field])) Object.assign(fields, { [field]: structuredClone(now[field]) });
  return { cells, fields };
}

function bookDiff(before: BookBefore, book: BookState): BookDiff {
  const fields: BookDiff['fields'] = {};
  for (const field of BOOK_FIELDS)
    if (before.fields[field] !== book[field]) Object.assign(fields, { [field]: book[field] });
  return {
    added: book.sheets.flatMap((sheet, index) => (before.sheets.includes(sheet) ? [] : [{ sheet, index }])),
    removed: before.sheets.filter((sheet) => !book.sheets.includes(sheet)),
    fields,
  };
}

/** Puts `before`'s content back into the live object, keeping its identity (script objects hold it). */
function restoreSheet(live: SheetState, before: SheetBefore): void {
  if (before.all) live.rows = before.all;
  else {
    for (const [r, row] of before.some) live.rows[r - 1] = row;
    if (live.rows.length > before.length) live.rows.length = before.length;
  }
  Object.assign(live, before.fields);
}

function restoreBook(book: BookState, before: BookBefore): void {
  book.sheets.splice(0, book.sheets.length, ...before.sheets);
  Object.assign(book, before.fields);
}

function applySheet(live: SheetState, diff: SheetDiff): void {
  for (const { r, c, cell } of diff.cells) {
    if (cell === null) {
      const row = live.rows[r - 1];
      if (row && row.length >= c) row[c - 1] = null;
    } else {
      const target = cellFor(live, r, c);
      for (const key of Object.keys(target)) delete (target as Record<string, unknown>)[key];
      Object.assign(target, structuredClone(cell));
    }
  }
  Object.assign(live, structuredClone(diff.fields));
}

function applyBook(book: BookState, diff: BookDiff): void {
  book.sheets.splice(0, book.sheets.length, ...book.sheets.filter((sheet) => !diff.removed.includes(sheet)));
  for (const { sheet, index } of diff.added)
    if (!book.sheets.includes(sheet)) book.sheets.splice(Math.min(index, book.sheets.length), 0, sheet);
  Object.assign(book, diff.fields);
}

const bookBefore = (book: BookState): BookBefore => ({
  sheets: [...book.sheets],
  fields: { name: book.name, locale: book.locale, timeZone: book.timeZone, activeSheetId: book.activeSheetId },
});

export function createWriteBuffer(rt: Runtime) {
  const pending = new Map<number, Pending>();
  const stashed = new Map<number, Stashed>();
  /** Executions whose pending writes are set aside while an interleaved body (host code) runs. */
  const aside = new Set<number>();
  const names = new Map<SheetState, string>();

  const pendingOf = (id: number): Pending => {
    let entry = pending.get(id);
    if (!entry) pending.set(id, (entry = { sheets: new Map(), books: new Map() }));
    return entry;
  };

  /** Takes an execution's pending writes out of the store: the store shows the committed state. */
  const suspend = (id: number): void => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    const stash: Stashed = stashed.get(id) ?? { sheets: new Map(), books: new Map() };
    for (const [book, before] of entry.books) {
      stash.books.set(book, bookDiff(before, book));
      restoreBook(book, before);
    }
    for (const [sheet, before] of entry.sheets) {
      stash.sheets.set(sheet, sheetDiff(before, sheet));
      names.set(sheet, sheet.name);
      restoreSheet(sheet, before);
    }
    stashed.set(id, stash);
  };

  /** Lays an execution's stashed writes over the store's committed state again, still pending. */
  const resume = (id: number): void => {
    const stash = stashed.get(id);
    if (!stash || aside.has(id)) return;
    stashed.delete(id);
    const entry = pendingOf(id);
    for (const [book, diff] of stash.books) {
      entry.books.set(book, bookBefore(book));
      applyBook(book, diff);
    }
    for (const [sheet, diff] of stash.sheets) {
      entry.sheets.set(sheet, beforeOf(sheet, new Set(diff.cells.map((d) => d.r))));
      applySheet(sheet, diff);
    }
  };

  /** A killed execution's unflushed writes are lost: the store goes back to what was committed. */
  const rollBack = (id: number): void => {
    const entry = pending.get(id);
    pending.delete(id);
    stashed.delete(id);
    if (!entry) return;
    for (const [book, before] of entry.books) restoreBook(book, before);
    for (const [sheet, before] of entry.sheets) restoreSheet(sheet, before);
  };

  rt.onExecutionStart((_execution, outer) => {
    if (outer) suspend(outer.id);
  });
  rt.onExecutionEnd((execution: Execution) => {
    if (execution.killed) rollBack(execution.id);
    else {
      pending.delete(execution.id);
      stashed.delete(execution.id);
    }
    const outer = rt.execution;
    if (outer) resume(outer.id);
  });
  rt.setAsideWrapper((body) => buffer.aside(body));

  const writer = (): number | null => {
    const execution = rt.execution;
    return execution && !aside.has(execution.id) ? execution.id : null;
  };

  const buffer = {
    /**
     * Before a write by the running execution to `sheet` (null: only to the book's sheet list and settings),
     * changing only the rows `rows` (first row and count) or, without them, any row.
     */
    touch(book: BookState, sheet: SheetState | null, rows?: { from: number; count: number }): void {
      const id = writer();
      if (id === null) return;
      const entry = pendingOf(id);
      if (!entry.books.has(book)) entry.books.set(book, bookBefore(book));
      if (!sheet) return;
      const span = rows ? Array.from({ length: rows.count }, (_, i) => rows.from + i) : null;
      const before = entry.sheets.get(sheet);
      if (before) keepRows(before, sheet, span);
      else entry.sheets.set(sheet, beforeOf(sheet, span));
    },
    /** SpreadsheetApp.flush(): the running execution's writes are committed. */
    flush(): void {
      const id = writer();
      if (id !== null) pending.delete(id);
    },
    /** Runs host code (an interleaved body, a host read) with the running execution's pending writes set aside. */
    aside<T>(body: () => T): T {
      const id = writer();
      if (id === null) return body();
      suspend(id);
      aside.add(id);
      try {
        return body();
      } finally {
        aside.delete(id);
        resume(id);
      }
    },
    /** The cells written and not committed, by every execution or by one. */
    pendingCells(executionId?: number): PendingCell[] {
      const ids = executionId !== undefined ? [executionId] : [...new Set([...pending.keys(), ...stashed.keys()])];
      const cells: PendingCell[] = [];
      for (const id of ids) {
        const live = pending.get(id);
        if (live)
          for (const [sheet, before] of live.sheets)
            for (const d of sheetDiff(before, sheet).cells)
              cells.push({ sheet: sheet.name, row: d.r, column: d.c, cell: d.cell });
        const stash = stashed.get(id);
        if (stash)
          for (const [sheet, diff] of stash.sheets)
            for (const d of diff.cells)
              cells.push({ sheet: names.get(sheet) ?? sheet.name, row: d.r, column: d.c, cell: d.cell });
      }
      return cells;
    },
  };
  return buffer;
}

export type WriteBuffer = ReturnType<typeof createWriteBuffer>;
