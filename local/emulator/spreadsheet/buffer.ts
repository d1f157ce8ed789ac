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
const SHEET_FIELDS: readonly SheetField[] = ['name', 'maxRows', 'maxCols', 'frozenRows', 'frozenCols', 'hidden', 'tabColor', 'columnWidths', 'merges', 'charts', 'conditionalRules'];
type BookField = 'name' | 'locale' | 'timeZone' | 'activeSheetId';
const BOOK_FIELDS: readonly BookField[] = ['name', 'locale', 'timeZone', 'activeSheetId'];

interface BookBefore {
  sheets: SheetState[];
  fields: Pick<BookState, BookField>;
}

/** The writes of one execution not yet committed: what each touched sheet and book was before them. */
interface Pending {
  sheets: Map<SheetState, SheetState>;
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
const emptyCell = (cell: CellState | null | undefined): CellState | null => (cell && Object.keys(cell).length > 0 ? cell : null);

function sheetDiff(before: SheetState, now: SheetState): SheetDiff {
  const cells: SheetDiff['cells'] = [];
  const rows = Math.max(before.rows.length, now.rows.length);
  for (let r = 1; r <= rows; r += 1) {
    const was = before.rows[r - 1] ?? [];
    const is = now.rows[r - 1] ?? [];
    const columns = Math.max(was.length, is.length);
    for (let c = 1; c <= columns; c += 1) {
      const a = emptyCell(was[c - 1]);
      const b = emptyCell(is[c - 1]);
      if (!same(a, b)) cells.push({ r, c, cell: b === null ? null : structuredClone(b) });
    }
  }
  const fields: Partial<SheetState> = {};
  for (const field of SHEET_FIELDS) if (!same(before[field], now[field])) Object.assign(fields, { [field]: structuredClone(now[field]) });
  return { cells, fields };
}

function bookDiff(before: BookBefore, book: BookState): BookDiff {
  const fields: BookDiff['fields'] = {};
  for (const field of BOOK_FIELDS) if (before.fields[field] !== book[field]) Object.assign(fields, { [field]: book[field] });
  return {
    added: book.sheets.flatMap((sheet, index) => (before.sheets.includes(sheet) ? [] : [{ sheet, index }])),
    removed: before.sheets.filter((sheet) => !book.sheets.includes(sheet)),
    fields,
  };
}

/** Puts `before`'s content back into the live object, keeping its identity (script objects hold it). */
function restoreSheet(live: SheetState, before: SheetState): void {
  live.rows = before.rows;
  for (const field of SHEET_FIELDS) Object.assign(live, { [field]: before[field] });
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
  for (const { sheet, index } of diff.added) if (!book.sheets.includes(sheet)) book.sheets.splice(Math.min(index, book.sheets.length), 0, sheet);
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
      entry.sheets.set(sheet, structuredClone(sheet));
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
    /** Before a write by the running execution to `sheet` (or only to the book's sheet list and settings). */
    touch(book: BookState, sheet: SheetState | null): void {
      const id = writer();
      if (id === null) return;
      const entry = pendingOf(id);
      if (!entry.books.has(book)) entry.books.set(book, bookBefore(book));
      if (sheet && !entry.sheets.has(sheet)) entry.sheets.set(sheet, structuredClone(sheet));
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
        if (live) for (const [sheet, before] of live.sheets) for (const d of sheetDiff(before, sheet).cells) cells.push({ sheet: sheet.name, row: d.r, column: d.c, cell: d.cell });
        const stash = stashed.get(id);
        if (stash) for (const [sheet, diff] of stash.sheets) for (const d of diff.cells) cells.push({ sheet: names.get(sheet) ?? sheet.name, row: d.r, column: d.c, cell: d.cell });
      }
      return cells;
    },
  };
  return buffer;
}

export type WriteBuffer = ReturnType<typeof createWriteBuffer>;
