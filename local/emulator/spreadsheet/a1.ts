// A1 notation: column letters, cell boxes and the text Google prints for them.
import { AppsScriptError } from '../runtime';

/** A rectangle of cells, 1-based like Apps Script. */
export interface Box {
  r: number;
  c: number;
  nr: number;
  nc: number;
}

export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function boxA1(box: Box): string {
  const start = columnLetters(box.c) + box.r;
  if (box.nr === 1 && box.nc === 1) return start;
  return `${start}:${columnLetters(box.c + box.nc - 1)}${box.r + box.nr - 1}`;
}

/** Sheet names that need quoting in A1 (spaces, punctuation, non-latin letters). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Splits `'My sheet'!A1:B2` into the sheet name (or null) and the cell part. */
export function splitSheetName(a1: string): { sheetName: string | null; cells: string } {
  const quoted = /^'((?:[^']|'')+)'!(.+)$/.exec(a1);
  if (quoted) return { sheetName: quoted[1]!.replace(/''/g, "'"), cells: quoted[2]! };
  const bang = a1.lastIndexOf('!');
  if (bang > 0) return { sheetName: a1.slice(0, bang), cells: a1.slice(bang + 1) };
  return { sheetName: null, cells: a1 };
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/** Parses `A1`, `A1:C3`, `A:C`, `2:5`, `A2:C` against a sheet's size; throws `Range not found` otherwise. */
export function parseCells(cells: string, maxRows: number, maxCols: number): Box {
  const parts = cells.trim().split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) throw new AppsScriptError('Range not found');
  const ends = parts.map((p) => {
    const m = CELL.exec(p);
    if (!m || (!m[1] && !m[2])) throw new AppsScriptError('Range not found');
    return { c: m[1] ? columnNumber(m[1]) : null, r: m[2] ? Number(m[2]) : null };
  });
  const first = ends[0]!;
  const last = ends[1] ?? first;
  if (parts.length === 1 && (first.c === null || first.r === null)) throw new AppsScriptError('Range not found');
  const r1 = first.r ?? 1;
  const c1 = first.c ?? 1;
  const r2 = last.r ?? (first.r === null || last.c !== null ? maxRows : r1);
  const c2 = last.c ?? maxCols;
  if (r1 < 1 || c1 < 1) throw new AppsScriptError('Range not found');
  const box = { r: Math.min(r1, r2), c: Math.min(c1, c2), nr: Math.abs(r2 - r1) + 1, nc: Math.abs(c2 - c1) + 1 };
  if (box.r + box.nr - 1 > maxRows || box.c + box.nc - 1 > maxCols) throw new AppsScriptError('Range not found');
  return box;
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return a.r < b.r + b.nr && b.r < a.r + a.nr && a.c < b.c + b.nc && b.c < a.c + a.nc;
}

export function boxContains(outer: Box, inner: Box): boolean {
  return (
    inner.r >= outer.r &&
    inner.c >= outer.c &&
    inner.r + inner.nr <= outer.r + outer.nr &&
    inner.c + inner.nc <= outer.c + outer.nc
  );
}

/**
 * Moves a box when rows (axis 'r') or columns ('c') are inserted (count > 0) or deleted (count < 0) at `at`.
 * Returns null when the box is deleted entirely.
 */
export function shiftBox(box: Box, axis: 'r' | 'c', at: number, count: number): Box | null {
  const start = axis === 'r' ? box.r : box.c;
  const size = axis === 'r' ? box.nr : box.nc;
  let newStart = start;
  let newSize = size;
  if (count > 0) {
    if (start >= at) newStart = start + count;
    else if (start + size - 1 >= at) newSize = size + count;
  } else {
    const gone = -count;
    const delEnd = at + gone - 1;
    const end = start + size - 1;
    const overlap = Math.max(0, Math.min(end, delEnd) - Math.max(start, at) + 1);
    newSize = size - overlap;
    if (newSize <= 0) return null;
    if (start > delEnd) newStart = start - gone;
    else if (start >= at) newStart = at;
  }
  return axis === 'r' ? { ...box, r: newStart, nr: newSize } : { ...box, c: newStart, nc: newSize };
}
