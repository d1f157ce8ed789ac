// TextFinder (Class TextFinder): finds cells of a range or sheet by their displayed text. Only what the
// product uses is offered: matchCase, matchEntireCell, findAll, findNext, getCurrentMatch.
import { AppsScriptError } from '../runtime';
import type { Box } from './a1';
import { expectArgs, isBool, isStr } from './args';
import { assertLive, cellDisplay, type Env } from './env';
import type { Range } from './range';
import type { BookState, SheetState } from './state';

const C = 'TextFinder';

/** A cell position inside the searched box. */
interface Cell {
  r: number;
  c: number;
}

export class TextFinder {
  private caseSensitive = false;
  private entireCell = false;
  private current: Cell | null = null;

  constructor(
    private readonly env: Env,
    private readonly book: BookState,
    private readonly sheet: SheetState,
    private readonly box: Box,
    private readonly text: string,
    /** Makes the one-cell Range of a match (given by range.ts, which imports this file). */
    private readonly cellRange: (box: Box) => Range,
  ) {}

  /** Counts the call; a search (`scans`) is priced by the cells it looks at: the whole box, every time. */
  private enter(method: string, scans = false): void {
    this.env.rt.call(C, method);
    assertLive(this.book, this.sheet);
    if (scans) this.env.rt.cells(this.box.nr * this.box.nc);
  }

  matchCase(matchCase: boolean): TextFinder {
    this.enter('matchCase');
    expectArgs(C, 'matchCase', arguments, [isBool]);
    this.caseSensitive = matchCase;
    return this;
  }

  matchEntireCell(matchEntireCell: boolean): TextFinder {
    this.enter('matchEntireCell');
    expectArgs(C, 'matchEntireCell', arguments, [isBool]);
    this.entireCell = matchEntireCell;
    return this;
  }

  findAll(): Range[] {
    this.enter('findAll', true);
    expectArgs(C, 'findAll', arguments, []);
    return this.matches().map((cell) => this.rangeAt(cell));
  }

  /** The first match after the current one, row by row; null after the last (no wrap-around is promised). */
  findNext(): Range | null {
    this.enter('findNext', true);
    expectArgs(C, 'findNext', arguments, []);
    const after = this.current;
    const next = this.matches().find((cell) => !after || cell.r > after.r || (cell.r === after.r && cell.c > after.c));
    if (!next) return null;
    this.current = next;
    return this.rangeAt(next);
  }

  getCurrentMatch(): Range | null {
    this.enter('getCurrentMatch');
    expectArgs(C, 'getCurrentMatch', arguments, []);
    return this.current ? this.rangeAt(this.current) : null;
  }

  private rangeAt(cell: Cell): Range {
    return this.cellRange({ r: cell.r, c: cell.c, nr: 1, nc: 1 });
  }

  /** Every matching cell of the box, row by row, as the running execution sees the sheet now. */
  private matches(): Cell[] {
    // One compiled test for every cell: the emulator's own time counts in the bench's CPU figure.
    const escaped = this.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(this.entireCell ? `^(?:${escaped})$` : escaped, this.caseSensitive ? 'u' : 'iu');
    const found: Cell[] = [];
    const lastStoredRow = Math.min(this.box.r + this.box.nr - 1, this.sheet.rows.length);
    for (let r = this.box.r; r <= lastStoredRow; r += 1) {
      const row = this.sheet.rows[r - 1];
      if (!row) continue;
      const lastStoredColumn = Math.min(this.box.c + this.box.nc - 1, row.length);
      for (let c = this.box.c; c <= lastStoredColumn; c += 1) {
        const cell = row[c - 1];
        if (!cell || cell.v === undefined) continue;
        // Text shows as itself whatever its format: only other values need the display rules.
        const shown = typeof cell.v === 'string' ? cell.v : cellDisplay(this.book, cell);
        if (shown !== '' && pattern.test(shown)) found.push({ r, c });
      }
    }
    return found;
  }
}

/** `createTextFinder(findText)` of a Range or Sheet; an empty text is refused (Google does not say what it finds). */
export function createTextFinder(
  env: Env,
  book: BookState,
  sheet: SheetState,
  box: Box,
  cellRange: (box: Box) => Range,
  className: string,
  args: ArrayLike<unknown>,
): TextFinder {
  expectArgs(className, 'createTextFinder', args, [isStr]);
  const findText = args[0] as string;
  if (findText === '') throw new AppsScriptError('Invalid argument: findText');
  return new TextFinder(env, book, sheet, box, findText, cellRange);
}
